package analyze

import (
	"strings"
	"testing"
)

// closingBacktickByteWise is closingBacktick's rule read one byte at a time: the reference
// the jumping version must agree with.
func closingBacktickByteWise(text string, quote *byte) int {
	q := *quote
	defer func() { *quote = q }()
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case q == 0 && c == '`':
			return i
		case q == 0 && (c == '\'' || c == '"') && (i == 0 || strings.IndexByte(" \t=\"'", text[i-1]) >= 0):
			q = c
		case q == c && (c == '\'' || c == '"'):
			q = 0
		case c == '\\' && q != '\'' && i+1 < len(text) && (text[i+1] == '\'' || text[i+1] == '"' || text[i+1] == '\\'):
			i++
		}
	}
	return -1
}

func TestClosingBacktick(t *testing.T) {
	tests := []struct {
		text      string
		in, quote byte // the quote open before the text, and after it
		want      int
	}{
		{"rustc --crate-name foo`", 0, 0, 22},
		{"rustc --cfg 'feature=\"std\"' x`", 0, 0, 29},
		{"A='has a ` inside' rustc`", 0, 0, 24},
		{"A=\"x\\\"` y\" rustc`", 0, 0, 16},
		{"O'Brien`", 0, 0, 7},
		{"rustc 'it'\\''s' b`", 0, 0, 17},
		{"A='open value", 0, '\'', -1},
		{"rest of it' rustc`", '\'', 0, 17},
		{"still \\\" quoted` \" end`", '"', 0, 22},
		{"no backtick at all", 0, 0, -1},
		{"", '"', '"', -1},
	}
	for _, tc := range tests {
		q := tc.in
		got := closingBacktick(tc.text, &q)
		if got != tc.want || q != tc.quote {
			t.Errorf("closingBacktick(%q, %q) = %d, quote %q; want %d, quote %q", tc.text, tc.in, got, q, tc.want, tc.quote)
		}
	}
}

// FuzzClosingBacktick checks the jumping search against the byte-wise rule.
func FuzzClosingBacktick(f *testing.F) {
	for _, s := range []string{"a 'b` c' \"d\\\"` e\" f` g", "x=\"\\\\\" `", "'''\"\"\"```", "O'Brien ` 'x"} {
		f.Add(s, byte(0))
		f.Add(s, byte('\''))
		f.Add(s, byte('"'))
	}
	f.Fuzz(func(t *testing.T, text string, quote byte) {
		if quote != '\'' && quote != '"' {
			quote = 0
		}
		q1, q2 := quote, quote
		got, want := closingBacktick(text, &q1), closingBacktickByteWise(text, &q2)
		if got != want || q1 != q2 {
			t.Fatalf("closingBacktick(%q, %q) = %d, quote %q; byte-wise %d, quote %q", text, quote, got, q1, want, q2)
		}
	})
}
