package logread

import "testing"

// tput sgr0 writes ESC ( B (select the ASCII charset) before ESC [m: the B is no log text.
func TestCharsetDesignationStripped(t *testing.T) {
	lines := readAll(t, []byte("\x1b[1m\x1b[32m   Compiling\x1b(B\x1b[m foo v0.1.0\n\x1b)0\x1b(Berror: boom\n"))
	if got := texts(lines); len(got) != 2 || got[0] != "   Compiling foo v0.1.0" || got[1] != "error: boom" {
		t.Fatalf("got %q", got)
	}
}
