package logread

import "testing"

// GitHub Actions stamps empty lines too; a stamp alone is an empty line, not log text.
func TestTimestampAloneIsEmptyLine(t *testing.T) {
	lines := readAll(t, []byte("2024-01-25T10:11:12.1234567Z error: boom\n2024-01-25T10:11:12.1234567Z\n2024-01-25T10:11:13Z \n2024-01-25T10:11:13Z   Compiling x\n"))
	want := []string{"error: boom", "", "", "  Compiling x"}
	if got := texts(lines); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("got %q, want %q", got, want)
	}
}
