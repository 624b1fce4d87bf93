package logread

import "testing"

// A carriage return followed only by blanks erases nothing a reader needs: the text before
// it stays, as it does for a literal ^M.
func TestCarriageReturnBeforeBlanks(t *testing.T) {
	lines := readAll(t, []byte("error: linking with `cc` failed: exit status: 1\r   \n"+
		"    Building [==>   ] 3/9\r   Compiling foo v0.1.0\r\n"+
		"note: a^M  \n"))
	want := []string{"error: linking with `cc` failed: exit status: 1", "   Compiling foo v0.1.0", "note: a"}
	if got := texts(lines); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("got %q, want %q", got, want)
	}
}
