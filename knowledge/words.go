package knowledge

// blankVaryingWords blanks the ASCII words (runs of [0-9A-Za-z_], as \w in regexes) that are
// numbers (and the dots of versions) or hex numbers (0x...). Crate hashes are analyze/normal's.
func blankVaryingWords(text []byte) {
	for start := 0; start < len(text); {
		if !isWordByte(text[start]) {
			start++
			continue
		}
		end := start
		for end < len(text) && isWordByte(text[end]) {
			end++
		}
		word := text[start:end]
		decimal := isDecimal(word)
		if decimal && end+1 < len(text) && text[end] == '.' && isDecimal(text[end+1:end+2]) {
			text[end] = ' ' // the dot of a version or a decimal fraction
		}
		if decimal || isHexNumber(word) {
			blank(word)
		}
		start = end
	}
}

// blankQuotes blanks ASCII quotes and backticks and the UTF-8 curly quotes ‘ ’ “ ” that gcc
// prints in some locales (and ‚ ‛). matchLine's set (hasCurlyQuote) also has „ and the primes ′ ″
// of retyped errors; the search index keeps its narrower set, as changing what it blanks
// changes every stored index (indexFormat).
func blankQuotes(text []byte) {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '`', '\'', '"':
			text[i] = ' '
		case 0xE2:
			if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] >= 0x98 && text[i+2] <= 0x9D) {
				blank(text[i : i+3])
				i += 2
			}
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isDecimal(word []byte) bool {
	for _, c := range word {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isHexNumber(word []byte) bool {
	if len(word) < 3 || word[0] != '0' || word[1] != 'x' {
		return false
	}
	for _, c := range word[2:] {
		if !isHexDigit(c) && c != '_' && !('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f'
}
