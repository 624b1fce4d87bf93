package build

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLineMatcher feeds serial output in two reads and checks what must hold
// for any output: how it is cut into reads and whether it is coloured do not
// change the verdict, memory stays bounded, and the result is well formed.
func FuzzLineMatcher(f *testing.F) {
	f.Add([]byte("ESP-ROM:esp32c3\r\nboot ok\r\nHello from firmware\r\n"), uint16(7), uint16(3), "Hello", "panicked at")
	f.Add([]byte("boot\r\n\x1b[31mpanicked\x1b[0m at src/main.rs:3:5\r\n"), uint16(12), uint16(0), "boot", "panicked at")
	f.Add([]byte("\x1b]0;Hello\x07tick\x1b[1;32mHel\x1blo\r"), uint16(5), uint16(9), "Hello", "tick")
	f.Add([]byte("\xff\xfeHel\xc3lo\x1b"), uint16(2), uint16(1), "lo", "\xfe")
	f.Fuzz(func(t *testing.T, output []byte, cut, colourAt uint16, expect, fail string) {
		if !usableText(expect) || !usableText(fail) {
			return
		}
		expects := []string{expect, expect}
		fails := []string{fail}

		whole := newLineMatcher(expects, fails)
		whole.feed(output)

		at := int(cut) % (len(output) + 1)
		split := newLineMatcher(expects, fails)
		split.feed(output[:at])
		split.feed(output[at:])

		if whole.failed() != split.failed() {
			t.Fatalf("fail text seen whole: %v, in two reads cut at %d: %v", whole.failed(), at, split.failed())
		}
		// Once a fail text is seen the rest is not read, so the reads decide how
		// many expected texts came first; without one they must agree.
		if !whole.failed() && whole.next != split.next {
			t.Fatalf("expected texts seen whole: %d, in two reads cut at %d: %d", whole.next, at, split.next)
		}
		for _, m := range []*lineMatcher{whole, split} {
			if got := len(m.seen()) + len(m.missing()); got != len(expects) {
				t.Fatalf("seen %q + missing %q != %d expected texts", m.seen(), m.missing(), len(expects))
			}
			if cap(m.line) > 3*m.maxLine {
				t.Fatalf("pending line of %d bytes for output of %d", cap(m.line), len(output))
			}
			if line := m.failLineText(); !utf8.ValidString(line) || len(line) > 3*maxFailLine {
				t.Fatalf("fail line %q", line)
			}
		}

		// Colour inserted into plain output changes nothing.
		if bytes.IndexByte(output, escape) >= 0 {
			return
		}
		pos := int(colourAt) % (len(output) + 1)
		coloured := append(append(append([]byte{}, output[:pos]...), "\x1b[1;31m"...), output[pos:]...)
		c := newLineMatcher(expects, fails)
		c.feed(coloured)
		if c.next != whole.next || c.seenFail != whole.seenFail || c.failLineText() != whole.failLineText() {
			t.Fatalf("colour at %d: %d seen, fail %q in %q; plain: %d seen, fail %q in %q",
				pos, c.next, c.seenFail, c.failLineText(), whole.next, whole.seenFail, whole.failLineText())
		}
	})
}

// usableText is what Config.Validate accepts as an expect or fail text.
func usableText(s string) bool {
	return s != "" && len(s) <= 64 && !strings.ContainsAny(s, "\r\n\x1b")
}
