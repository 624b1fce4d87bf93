package knowledge

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteMarks are the ASCII marks a quoted name is put between: rustc's backticks, GCC's and
// ld's single quotes, and the double quotes of other tools and of users retyping an error. A
// symptom written with one of them also matches a line with another, or with none (a paste
// whose Markdown ate the backticks). Typographic quotes (GCC in a UTF-8 locale, a word
// processor) and HTML character references (a log copied out of a web page) reach the
// symptoms as these: matchLine turns them into ASCII first, and symptomExpr a symptom's own.
const quoteMarks = "`'\""

// anyQuote is the class a quote mark of a symptom becomes; optionalQuotes is what it becomes
// unless a quantifier follows: none, one, or two (Markdown's “cc“ for code holding a backtick).
const (
	anyQuote       = "[`'\"]"
	optionalQuotes = anyQuote + "{0,2}"
)

// typographicQuotes turns the typographic quotes into the ASCII ones.
var typographicQuotes = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u2033", `"`,
)

// hasCurlyQuote reports whether s holds a quote typographicQuotes replaces: its UTF-8 is E2 80
// then 98-9E (U+2018-U+201E) or B2, B3 (the primes). Dashes, ellipses and thin spaces share the
// lead bytes.
func hasCurlyQuote(s string) bool {
	for i := 0; ; {
		at := strings.Index(s[i:], "\u2018"[:2])
		if at < 0 {
			return false
		}
		i += at + 2
		if i < len(s) && (0x98 <= s[i] && s[i] <= 0x9e || s[i] == 0xb2 || s[i] == 0xb3) {
			return true
		}
	}
}

// matchLine is line as symptoms see it: HTML character references (&#39;, &quot;, &#96;,
// &lt;) decoded and typographic quotes made ASCII. A line without either is returned as it
// is, without a copy.
func matchLine(line string) string {
	if hasCharRef(line) {
		line = html.UnescapeString(line)
	}
	return asciiQuotes(line)
}

// maxCharRef is the most bytes between the & of a character reference and its ;
// (&CounterClockwiseContourIntegral; has 31, a numeric one a few).
const maxCharRef = 32

// hasCharRef reports whether line may hold an HTML character reference: an & followed by # or
// an ASCII letter, and a ; within maxCharRef bytes. A shell line's && and ; are none.
func hasCharRef(line string) bool {
	for i := strings.IndexByte(line, '&'); i >= 0; {
		rest := line[i+1:]
		if rest != "" && (rest[0] == '#' || 'a' <= rest[0]|0x20 && rest[0]|0x20 <= 'z') {
			if strings.IndexByte(rest[:min(len(rest), maxCharRef)], ';') >= 0 {
				return true
			}
		}
		next := strings.IndexByte(rest, '&')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// MatchText is line as the knowledge base's symptoms see it (matchLine), for other patterns
// that read the same lines.
func MatchText(line string) string { return matchLine(line) }

// QuoteTolerant is expr with its quote marks widened as a symptom's are (symptomExpr), for other
// patterns that read a user's paste; run it on MatchText of the line.
func QuoteTolerant(expr string) string { return quoteTolerant(asciiQuotes(expr)) }

// hasQuoteMark reports whether s holds a quote mark other than an apostrophe inside a word
// (can't), which tools print as it is.
func hasQuoteMark(s string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(quoteMarks, s[i]) >= 0 && !isApostrophe(s, i) {
			return true
		}
	}
	return false
}

// isApostrophe reports whether s[i] is a ' between two letters.
func isApostrophe(s string, i int) bool {
	if s[i] != '\'' || i == 0 || i+1 >= len(s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+1:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// symptomExpr is the expression a symptom is matched with, "" for a plainText symptom. Its
// typographic quotes are first made ASCII, as a line's are. Each quote mark of the text or the regex stands
// for any quote mark, two of them or none, and a class that holds or excludes a quote mark holds or
// excludes them all (`[^`]+` stops at a closing ' too).
func symptomExpr(text, regex string) string {
	switch {
	case regex != "":
		return quoteTolerant(asciiQuotes(regex))
	case !plainText(text, regex):
		return quoteTolerant(regexp.QuoteMeta(asciiQuotes(text)))
	}
	return ""
}

// plainText reports whether a symptom is matched as plain text, by strings.Contains: it is a
// text without quote marks, ASCII or typographic.
func plainText(text, regex string) bool {
	return regex == "" && !hasQuoteMark(text) && !hasCurlyQuote(text)
}

// asciiQuotes is a symptom's text or regex with its typographic quotes made ASCII, as matchLine
// makes a line's.
func asciiQuotes(s string) string {
	if hasCurlyQuote(s) {
		return typographicQuotes.Replace(s)
	}
	return s
}

// quoteTolerant rewrites an expression as symptomExpr says. It works on the text: printing a
// parsed expression (syntax.Regexp.String) walks every rune of a negated class to decide its
// case flags, which costs milliseconds an expression.
func quoteTolerant(expr string) string {
	if !hasQuoteMark(expr) {
		return expr
	}
	var out strings.Builder
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\\' && i+1 < len(expr):
			_, size := utf8.DecodeRuneInString(expr[i+1:])
			out.WriteString(expr[i : i+1+size])
			i += 1 + size
		case c == '[':
			end := classEnd(expr, i)
			if end < 0 {
				return expr // regexp.Compile reports it
			}
			i = writeWidened(&out, expr, i, end, widenClass(expr[i:end], quantified(expr, end)))
		case strings.IndexByte(quoteMarks, c) >= 0 && !isApostrophe(expr, i):
			widened := optionalQuotes
			if quantified(expr, i+1) {
				widened = anyQuote
			}
			i = writeWidened(&out, expr, i, i+1, widened)
		default:
			out.WriteByte(c)
			i++
		}
	}
	return out.String()
}

// writeWidened writes what the quote mark or class at expr[start:end] became, widened, and
// returns where the expression goes on: a ? after anyQuote makes it optionalQuotes, and an
// optional mark is written as optionalAt says.
func writeWidened(out *strings.Builder, expr string, start, end int, widened string) int {
	if widened == anyQuote && end < len(expr) && expr[end] == '?' {
		widened, end = optionalQuotes, end+1 // `? and [`']? are optionalQuotes too
	}
	if widened == optionalQuotes {
		widened = optionalAt(expr, start, end)
	}
	out.WriteString(widened)
	return end
}

// optionalAt is what the optional quote mark at expr[start:end] becomes: optionalQuotes, or,
// next to a letter, digit or _ of the pattern, a quote mark or a word boundary, so that
// "`core`" without its marks still does not match "core_io".
func optionalAt(expr string, start, end int) string {
	before := start > 0 && isWordByte(expr[start-1]) && (start < 2 || expr[start-2] != '\\')
	after := end < len(expr) && isWordByte(expr[end])
	if before || after {
		return `(?:` + anyQuote + `{1,2}|\b)`
	}
	return optionalQuotes
}

// quantified reports whether a quantifier follows at i.
func quantified(expr string, i int) bool {
	return i < len(expr) && strings.IndexByte("?*+{", expr[i]) >= 0
}

// classEnd is the index just past the bracket expression that starts at expr[start], or -1 if
// it is not closed.
func classEnd(expr string, start int) int {
	i := start + 1
	if i < len(expr) && expr[i] == '^' {
		i++
	}
	if i < len(expr) && expr[i] == ']' {
		i++ // a ] first is a member
	}
	for i < len(expr) {
		switch {
		case expr[i] == '\\':
			i += 2
		case strings.HasPrefix(expr[i:], "[:"):
			if end := strings.Index(expr[i+2:], ":]"); end >= 0 {
				i += 2 + end + 2
			} else {
				i++
			}
		case expr[i] == ']':
			return i + 1
		default:
			i++
		}
	}
	return -1
}

// widenClass gives a bracket expression that names a quote mark all of them: [`'] becomes
// optionalQuotes, or anyQuote if a quantifier follows; [^`] becomes [^`'"].
func widenClass(class string, quantifiedAfter bool) string {
	negated := strings.HasPrefix(class, "[^")
	body := class[1 : len(class)-1]
	if negated {
		body = body[1:]
	}
	var members []byte // the quote marks the class names as plain members
	onlyQuotes := true
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		switch {
		case r == '\\':
			onlyQuotes = false
			size++
		case strings.ContainsRune(quoteMarks, r):
			members = append(members, byte(r))
		default:
			onlyQuotes = false
		}
		i += size
	}
	if len(members) == 0 {
		return class
	}
	if onlyQuotes && !negated {
		if quantifiedAfter {
			return anyQuote
		}
		return optionalQuotes
	}
	missing := ""
	for i := 0; i < len(quoteMarks); i++ {
		if strings.IndexByte(string(members), quoteMarks[i]) < 0 {
			missing += quoteMarks[i : i+1]
		}
	}
	// a ] or - first is a member, and must stay first
	at := 0
	if strings.HasPrefix(body, "]") || strings.HasPrefix(body, "-") {
		at = 1
	}
	body = body[:at] + missing + body[at:]
	if negated {
		return "[^" + body + "]"
	}
	return "[" + body + "]"
}
