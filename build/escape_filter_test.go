package build

import "testing"

// Serial output as firmware prints it, with what is left once escape
// sequences are removed; every cut into two reads must give the same text.
func TestEscapeFilterAtEveryCut(t *testing.T) {
	tests := []struct{ name, raw, text string }{
		{"colours (esp-println, defmt)", "\x1b[0;32mI (31) boot: ok\x1b[0m\r\n", "I (31) boot: ok\r\n"},
		{"bold red with several parameters", "\x1b[1;31;49mpanicked\x1b[0m at", "panicked at"},
		{"cursor and erase", "\x1b[2K\x1b[1Gtick\x1b[?25l", "tick"},
		{"window title ended by BEL", "\x1b]0;fw\x07Hello", "Hello"},
		{"OSC 52 ended by ST", "\x1b]52;c;aGVsbG8=\x1b\\Hello", "Hello"},
		{"DCS", "\x1bPq#0;2;0;0;0\x1b\\ok", "ok"},
		{"charset selection and keypad mode", "\x1b(B\x1b=ok", "ok"},
		{"a new sequence cancels an open one", "\x1b[31\x1b[0mok", "ok"},
		{"a line end ends an open sequence", "\x1b[31\r\nok\x1b]0;title\nnext", "\r\nok\nnext"},
		{"a lone escape before a line end", "boot\x1b\r\n", "boot\r\n"},
		{"invalid UTF-8 and C1 bytes pass", "\xff\xc3\x9b\x9b[31m", "\xff\xc3\x9b\x9b[31m"},
	}
	for _, tt := range tests {
		for cut := 0; cut <= len(tt.raw); cut++ {
			var f escapeFilter
			got := string(f.filter([]byte(tt.raw[:cut])))
			got += string(f.filter([]byte(tt.raw[cut:])))
			if got != tt.text {
				t.Errorf("%s, cut at %d: %q, want %q", tt.name, cut, got, tt.text)
			}
		}
	}
}

// An unterminated sequence hides a bounded amount of output.
func TestEscapeFilterGivesUpOnEndlessSequences(t *testing.T) {
	var f escapeFilter
	endless := make([]byte, 2*maxEscapeSequence)
	for i := range endless {
		endless[i] = '1'
	}
	got := f.filter(append([]byte("\x1b]"), endless...))
	if len(got) < maxEscapeSequence-2 {
		t.Fatalf("an OSC without its end hid %d of %d bytes", len(endless)-len(got), len(endless))
	}
}
