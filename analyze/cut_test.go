package analyze

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

// A line longer than the reader's cap is cut there; the records it went into say so, and a
// diagnostic does not repeat the cut line in its message.
func TestRecordsOfACutLineAreMarked(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 64 MiB line")
	}
	long := "error: linking with `cc` failed: " + strings.Repeat("x", logread.MaxLineBytes)
	l := readString(t, "   Compiling a v0.1.0\n"+long+"\nerror: could not compile `a` (lib) due to 1 previous error\n")
	if len(l.Diagnostics) != 2 {
		t.Fatalf("%d diagnostics, want 2", len(l.Diagnostics))
	}
	cut, whole := l.Diagnostics[0], l.Diagnostics[1]
	if !cut.Truncated || whole.Truncated {
		t.Fatalf("truncated: cut line's diagnostic %v, next one %v", cut.Truncated, whole.Truncated)
	}
	if len(cut.Text) != 1 || len(cut.Text[0]) != logread.MaxLineBytes {
		t.Fatalf("the cut line's text is not kept as read (%d lines)", len(cut.Text))
	}
	b, err := json.Marshal(cut)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"truncated":true`) {
		t.Errorf("JSON does not say the line was cut")
	}
	if len(b) > logread.MaxLineBytes+64<<10 {
		t.Errorf("JSON of the diagnostic is %d bytes: the cut line is stored more than once", len(b))
	}
	if !strings.HasPrefix(cut.Message, "linking with `cc` failed: xxx") {
		t.Errorf("message %.60q does not start as the line does", cut.Message)
	}
}
