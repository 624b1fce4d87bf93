package grammar

import "strings"

// word is one shell word of a command line with its quotes and escapes resolved.
type word struct {
	value  string
	offset int  // byte offset of the word's raw text in the command
	assign bool // the raw word has the form NAME=... (an environment assignment before the program)
	// a quoted or escaped word's value is resolved into the reader's buffer, at [from, to):
	// value is set once the command's every word is read (resolveQuoted)
	quoted   bool
	from, to int
}

// wordReader splits a command line the way cargo prints it: POSIX words with single quotes,
// double quotes and backslash escapes, or the Windows form `set K=V&& set K=V&& program ...`.
// Plain words are substrings of the command; quoted or escaped words are resolved into one
// buffer, which becomes one string for them all.
type wordReader struct {
	src     string
	off     int
	windows bool
	buf     []byte // the values of the command's quoted words, one after the other
	// next holds, for each byte of specials, the offset of its next occurrence at or after
	// off (len(src) when there is none); special is the least of them. A word that ends at a
	// space before special is plain.
	nextAt  [len(posixSpecials)]int
	special int
}

// The bytes a word can hold that stop it from being its own raw text, or that end it other
// than a space does.
const (
	posixSpecials   = "'\"\\\t\n\r"
	windowsSpecials = "\"\t\n\r"
)

func newWordReader(src string) wordReader {
	r := wordReader{src: src, windows: strings.HasPrefix(strings.TrimLeft(src, " \t\r\n"), "set ") || hasWindowsPath(src), special: -1}
	for i := range r.nextAt {
		r.nextAt[i] = -1
	}
	return r
}

// nearestSpecial is the offset of the next special byte at or after off. Each byte's next
// occurrence is searched again only once off has passed it, so a command is searched once
// for each special byte, with IndexByte's vector loop.
func (r *wordReader) nearestSpecial() int {
	if r.special >= r.off {
		return r.special
	}
	specials := posixSpecials
	if r.windows {
		specials = windowsSpecials
	}
	least := len(r.src)
	for i := 0; i < len(specials); i++ {
		if r.nextAt[i] < r.off {
			r.nextAt[i] = len(r.src)
			if j := strings.IndexByte(r.src[r.off:], specials[i]); j >= 0 {
				r.nextAt[i] = r.off + j
			}
		}
		least = min(least, r.nextAt[i])
	}
	r.special = least
	return least
}

// hasWindowsPath reports a word that starts with a drive letter and a single backslash
// (C:\Users\...): a command cargo printed on Windows, where a backslash separates path parts
// and escapes nothing. Doubled backslashes (C:\\Users\\..., from escaped output) read as
// POSIX escapes, which turns them back into single ones.
func hasWindowsPath(s string) bool {
	// from backslash to backslash: a POSIX command has few or none, where it has many colons
	for i := strings.IndexByte(s, '\\'); i >= 0; {
		if i >= 2 && s[i-1] == ':' && i+1 < len(s) && s[i+1] != '\\' && isLetter(s[i-2]) && (i == 2 || strings.IndexByte(" \t\n=\"'", s[i-3]) >= 0) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '\\')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (r *wordReader) skipSpace() {
	for r.off < len(r.src) && isSpace(r.src[r.off]) {
		r.off++
	}
}

// next reads the next word after the program into w; ok is false at the end of the command.
func (r *wordReader) next(w *word) (ok bool) {
	r.skipSpace()
	if r.off >= len(r.src) {
		return false
	}
	r.word(w)
	return true
}

// nextEnv reads the next word before the program: on Windows a `set K=V&&` word is an
// assignment, and `set` before anything else is part of the program's word.
func (r *wordReader) nextEnv() (w word, ok bool) {
	r.skipSpace()
	if r.off >= len(r.src) {
		return word{}, false
	}
	if !r.windows || !strings.HasPrefix(r.src[r.off:], "set ") {
		w.assign = isAssignment(r.word(&w))
		return w, true
	}
	start := r.off
	r.off += len("set ")
	raw := r.word(&w)
	w.offset = start
	if w.quoted {
		w.value, w.quoted = string(r.buf[w.from:w.to]), false
	}
	w.value = strings.TrimSuffix(w.value, "&&")
	if isAssignment(raw) {
		w.assign = true
		return w, true
	}
	w.value = "set " + w.value
	return w, true
}

// resolveQuoted gives the quoted words among words their values, from one string.
func (r *wordReader) resolveQuoted(words []word) {
	if len(r.buf) == 0 {
		return
	}
	values := string(r.buf)
	for i := range words {
		if w := &words[i]; w.quoted {
			w.value = values[w.from:w.to]
		}
	}
}

// word reads the word at r.off into w and returns its raw text.
func (r *wordReader) word(w *word) (raw string) {
	start := r.off
	w.offset = start
	end := len(r.src)
	if j := strings.IndexByte(r.src[start:], ' '); j >= 0 {
		end = start + j
	}
	if end <= r.nearestSpecial() {
		r.off = end
		w.value = r.src[start:end]
		return w.value
	}
	end = start
	for end < len(r.src) && !isSpace(r.src[end]) {
		c := r.src[end]
		if c == '"' || !r.windows && (c == '\'' || c == '\\') {
			return r.quotedWord(w, start)
		}
		end++
	}
	r.off = end
	w.value = r.src[start:end]
	return w.value
}

func (r *wordReader) quotedWord(w *word, start int) (raw string) {
	w.quoted, w.from = true, len(r.buf)
	i := start
	for i < len(r.src) && !isSpace(r.src[i]) {
		switch c := r.src[i]; {
		case c == '\'' && !r.windows: // cmd.exe has no single quotes
			j := strings.IndexByte(r.src[i+1:], '\'')
			if j < 0 { // unterminated: take the rest literally
				r.buf = append(r.buf, r.src[i+1:]...)
				i = len(r.src)
				continue
			}
			r.buf = append(r.buf, r.src[i+1:i+1+j]...)
			i += j + 2
		case c == '"':
			i = r.doubleQuoted(i + 1)
		case c == '\\' && !r.windows && i+1 < len(r.src):
			if r.src[i+1] != '\n' {
				r.buf = append(r.buf, r.src[i+1])
			}
			i += 2
		default:
			r.buf = append(r.buf, c)
			i++
		}
	}
	r.off = i
	w.to = len(r.buf)
	return r.src[start:i]
}

// doubleQuoted copies a double-quoted span starting after its opening quote into the buffer
// and returns the index after the closing quote.
func (r *wordReader) doubleQuoted(i int) int {
	for i < len(r.src) {
		// the text up to the next quote or backslash is the value's as it stands
		plain := strings.IndexByte(r.src[i:], '"')
		if plain < 0 {
			plain = len(r.src) - i
		}
		if b := strings.IndexByte(r.src[i:i+plain], '\\'); b >= 0 {
			plain = b
		}
		r.buf = append(r.buf, r.src[i:i+plain]...)
		if i += plain; i >= len(r.src) {
			break
		}
		c := r.src[i]
		switch {
		case c == '"':
			return i + 1
		case c == '\\' && r.windows:
			// the MSVC runtime's rule: 2n backslashes and a quote are n backslashes and the
			// end of the quoted span, 2n+1 and a quote are n backslashes and a literal quote;
			// backslashes before anything else are literal
			n := 0
			for i+n < len(r.src) && r.src[i+n] == '\\' {
				n++
			}
			if i+n < len(r.src) && r.src[i+n] == '"' {
				for k := 0; k < n/2; k++ {
					r.buf = append(r.buf, '\\')
				}
				i += n
				if n%2 == 1 {
					r.buf = append(r.buf, '"')
					i++
				}
				continue
			}
			r.buf = append(r.buf, r.src[i:i+n]...)
			i += n
		case c == '\\' && !r.windows && i+1 < len(r.src) && strings.IndexByte("\"\\$`", r.src[i+1]) >= 0:
			r.buf = append(r.buf, r.src[i+1])
			i += 2
		default:
			r.buf = append(r.buf, c)
			i++
		}
	}
	return i
}

// isAssignment reports whether a raw word has the form NAME=..., where NAME is an environment
// variable name. Dashes and dots are accepted because environment dumps carry keys such as
// CC_riscv32imc-unknown-none-elf.
func isAssignment(raw string) bool {
	eq := strings.IndexByte(raw, '=')
	if eq <= 0 {
		return false
	}
	c := raw[0]
	if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
		return false
	}
	for i := 1; i < eq; i++ {
		c := raw[i]
		if !(c == '_' || c == '-' || c == '.' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
