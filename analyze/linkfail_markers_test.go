package analyze

import (
	"reflect"
	"testing"
)

// Users cut the middle of a linking failure with hand-made markers; the linker's stderr after
// the marker still belongs to the failure (corpus public/022, 032, 034, 056).
func TestLinkFailureSurvivesPasteMarkers(t *testing.T) {
	stderr := []string{"rust-lld: error: section '.bss' will not fit in region 'RAM': overflowed by 8 bytes",
		"rust-lld: error: section '.uninit' will not fit in region 'RAM': overflowed by 8 bytes"}
	for _, marker := range []string{"  <skipped by unnecessary> ", "[...]", "...", "       ...", "[ various other errors ]"} {
		l := readString(t, "error: linking with `rust-lld` failed: exit code: 1\n"+
			"  |\n"+
			marker+"\n"+
			"  = note: "+stderr[0]+"\n"+
			"          "+stderr[1]+"\n"+
			"\n"+
			"error: aborting due to previous error\n")
		if len(l.Diagnostics) != 2 {
			t.Errorf("marker %q: %d diagnostics, want the linking failure and the abort", marker, len(l.Diagnostics))
			continue
		}
		d := l.Diagnostics[0]
		if d.Kind != DiagLinkFailed || !reflect.DeepEqual(d.Notes, stderr) || !reflect.DeepEqual(d.NoteLines, []int{4, 5}) || d.End != 6 {
			t.Errorf("marker %q: %s notes %q at %v, span %d-%d", marker, d.Kind, d.Notes, d.NoteLines, d.Start, d.End)
		}
		if len(d.Text) != d.End-d.Start+1 {
			t.Errorf("marker %q: %d text lines for span %d-%d", marker, len(d.Text), d.Start, d.End)
		}
	}
	// the command note elided: indented linker output after the marker is stderr (public/032)
	l := readString(t, "error: linking with `cc` failed: exit code: 1\n"+
		"  |\n"+
		"[...]\n"+
		"          /usr/bin/ld: foo.o: relocation R_AARCH64_ADR_PREL_PG_HI21 against symbol `x' which may bind externally\n"+
		"          collect2: error: ld returned 1 exit status\n")
	if d := l.Diagnostics[0]; len(l.Diagnostics) != 1 || len(d.Notes) != 2 || d.End != 5 {
		t.Errorf("elided command note: %d diagnostics, notes %q", len(l.Diagnostics), d.Notes)
	}
}
