package grammar

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the shell-word lexer. Quotes and escapes are resolved in the lexer, so the
// parser sees one token per shell word.
const (
	tokenAssign lexer.TokenType = iota + 1 // KEY=value, or Windows `set KEY=value&&`
	tokenWord
	tokenArgs // every word after the program, joined by ArgSeparator
)

// ArgSeparator joins the argument words inside one token, as CARGO_ENCODED_RUSTFLAGS does:
// one token for all arguments keeps the parser's per-token cost off the long rustc lines.
const ArgSeparator = "\x1f"

// shellWords lexes a command line the way cargo prints it: POSIX words with single quotes,
// double quotes and backslash escapes, or the Windows form `set K=V&& set K=V&& program ...`.
type shellWords struct{}

var wordLexer lexer.Definition = shellWords{}

func (shellWords) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{"EOF": lexer.EOF, "Assign": tokenAssign, "Word": tokenWord, "Args": tokenArgs}
}

func (d shellWords) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (shellWords) LexString(filename string, input string) (lexer.Lexer, error) {
	l := &wordScanner{src: input, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
	l.windows = strings.HasPrefix(strings.TrimLeft(input, " \t\r\n"), "set ") || hasWindowsPath(input)
	return l, nil
}

// hasWindowsPath reports a word that starts with a drive letter and a single backslash
// (C:\Users\...): a command cargo printed on Windows, where a backslash separates path parts
// and escapes nothing. Doubled backslashes (C:\\Users\\..., from escaped output) read as
// POSIX escapes, which turns them back into single ones.
func hasWindowsPath(s string) bool {
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], `:\`)
		if j < 0 {
			return false
		}
		i += j
		if i >= 1 && i+2 < len(s) && s[i+2] != '\\' && isLetter(s[i-1]) && (i == 1 || strings.IndexByte(" \t\n=\"'", s[i-2]) >= 0) {
			return true
		}
		i += 2
	}
	return false
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

type wordScanner struct {
	src     string
	off     int
	pos     lexer.Position
	windows bool
	program bool // the program word has been read: what follows is one Args token
	buf     strings.Builder
}

func (l *wordScanner) advance(n int) {
	for _, c := range l.src[l.off : l.off+n] {
		if c == '\n' {
			l.pos.Line++
			l.pos.Column = 1
		} else {
			l.pos.Column++
		}
	}
	l.off += n
	l.pos.Offset = l.off
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (l *wordScanner) skipSpace() {
	start := l.off
	for l.off < len(l.src) && isSpace(l.src[l.off]) {
		l.off++
	}
	l.off, start = start, l.off
	l.advance(start - l.off)
}

func (l *wordScanner) Next() (lexer.Token, error) {
	l.skipSpace()
	if l.off >= len(l.src) {
		return lexer.EOFToken(l.pos), nil
	}
	pos := l.pos
	if l.windows && strings.HasPrefix(l.src[l.off:], "set ") {
		l.advance(4)
		value, raw := l.word()
		value = strings.TrimSuffix(value, "&&")
		if isAssignment(raw) {
			return lexer.Token{Type: tokenAssign, Value: value, Pos: pos}, nil
		}
		return lexer.Token{Type: tokenWord, Value: "set " + value, Pos: pos}, nil
	}
	if l.program {
		return l.args(pos), nil
	}
	value, raw := l.word()
	typ := tokenWord
	if isAssignment(raw) {
		typ = tokenAssign
	} else {
		l.program = true
	}
	return lexer.Token{Type: typ, Value: value, Pos: pos}, nil
}

// args reads every remaining word into one token.
func (l *wordScanner) args(pos lexer.Position) lexer.Token {
	var b strings.Builder
	for n := 0; l.off < len(l.src); n++ {
		if n > 0 {
			b.WriteString(ArgSeparator)
		}
		value, _ := l.word()
		b.WriteString(value)
		l.skipSpace()
	}
	return lexer.Token{Type: tokenArgs, Value: b.String(), Pos: pos}
}

// word reads one shell word and returns it with quotes resolved, and its raw text.
func (l *wordScanner) word() (value, raw string) {
	start := l.off
	end := start
	plain := true
	for end < len(l.src) && !isSpace(l.src[end]) {
		c := l.src[end]
		if c == '\'' && !l.windows || c == '"' || (c == '\\' && !l.windows) {
			plain = false
			break
		}
		end++
	}
	if plain {
		l.advance(end - start)
		return l.src[start:end], l.src[start:end]
	}
	l.buf.Reset()
	i := start
	for i < len(l.src) && !isSpace(l.src[i]) {
		switch c := l.src[i]; {
		case c == '\'' && !l.windows: // cmd.exe has no single quotes
			j := strings.IndexByte(l.src[i+1:], '\'')
			if j < 0 { // unterminated: take the rest literally
				l.buf.WriteString(l.src[i+1:])
				i = len(l.src)
				continue
			}
			l.buf.WriteString(l.src[i+1 : i+1+j])
			i += j + 2
		case c == '"':
			i = l.doubleQuoted(i + 1)
		case c == '\\' && !l.windows && i+1 < len(l.src):
			if l.src[i+1] != '\n' {
				l.buf.WriteByte(l.src[i+1])
			}
			i += 2
		default:
			l.buf.WriteByte(c)
			i++
		}
	}
	l.advance(i - start)
	return l.buf.String(), l.src[start:i]
}

// doubleQuoted copies a double-quoted span starting after its opening quote into the buffer
// and returns the index after the closing quote.
func (l *wordScanner) doubleQuoted(i int) int {
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == '"':
			return i + 1
		case c == '\\' && l.windows:
			// the MSVC runtime's rule: 2n backslashes and a quote are n backslashes and the
			// end of the quoted span, 2n+1 and a quote are n backslashes and a literal quote;
			// backslashes before anything else are literal
			n := 0
			for i+n < len(l.src) && l.src[i+n] == '\\' {
				n++
			}
			if i+n < len(l.src) && l.src[i+n] == '"' {
				l.buf.WriteString(strings.Repeat(`\`, n/2))
				i += n
				if n%2 == 1 {
					l.buf.WriteByte('"')
					i++
				}
				continue
			}
			l.buf.WriteString(l.src[i : i+n])
			i += n
		case c == '\\' && !l.windows && i+1 < len(l.src) && strings.IndexByte("\"\\$`", l.src[i+1]) >= 0:
			l.buf.WriteByte(l.src[i+1])
			i += 2
		default:
			l.buf.WriteByte(c)
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
