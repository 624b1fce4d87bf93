package report

import (
	"bytes"
	"unicode/utf8"
)

// Sanitize makes every control character of s visible, keeping newlines and tabs: C0 controls
// and DEL in caret notation (ESC is ^[, BEL ^G, backspace ^H, CR ^M, DEL ^?), C1 controls
// (U+0080-U+009F: U+009B is a CSI, U+009D an OSC) and bytes that are not UTF-8 as \x9b.
// A log, a serial port or a --kb entry can then never move the cursor, retitle the
// terminal, clear the screen or write to the clipboard.
func Sanitize(s string) string {
	if clean([]byte(s)) {
		return s
	}
	return string(appendSanitized(nil, []byte(s)))
}

// clean says whether p has nothing Sanitize would change.
func clean(p []byte) bool {
	for _, c := range p {
		if c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f {
			return false
		}
	}
	return true
}

const hexDigits = "0123456789abcdef"

func appendSanitized(dst, p []byte) []byte {
	for len(p) > 0 {
		c := p[0]
		switch {
		case c == '\n' || c == '\t' || c >= 0x20 && c < 0x7f:
			dst = append(dst, c)
			p = p[1:]
			continue
		case c < 0x20:
			dst = append(dst, '^', c+0x40)
			p = p[1:]
			continue
		case c == 0x7f:
			dst = append(dst, '^', '?')
			p = p[1:]
			continue
		}
		r, size := utf8.DecodeRune(p)
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		case r >= 0x80 && r <= 0x9f:
			dst = append(dst, '\\', 'x', hexDigits[r>>4], hexDigits[r&15])
		default:
			dst = append(dst, p[:size]...)
		}
		p = p[size:]
	}
	return dst
}

// needsJSONEscape reports whether encoded JSON may hold what escapeJSONControls replaces.
func needsJSONEscape(b []byte) bool {
	return bytes.IndexByte(b, 0xc2) >= 0 || bytes.IndexByte(b, 0x7f) >= 0
}

// escapeJSONControls replaces, in encoded JSON, the characters encoding/json leaves raw that a
// terminal may obey: DEL and the C1 controls U+0080-U+009F (UTF-8 C2 80 to C2 9F). They can
// only occur inside strings, where \u escapes mean the same characters.
func escapeJSONControls(b []byte) []byte {
	if !needsJSONEscape(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x7f:
			out = append(out, `\u007f`...)
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			out = append(out, '\\', 'u', '0', '0', hexDigits[b[i+1]>>4], hexDigits[b[i+1]&15])
			i++
		default:
			out = append(out, c)
		}
	}
	return out
}
