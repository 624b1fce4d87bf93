package analyze

import (
	"reflect"
	"testing"
)

// A log pasted as a 4-space indented code block (Stack Overflow, old Reddit): rustc's own
// diagnostics keep their structure, read at the paste's indentation.
func TestIndentedPaste(t *testing.T) {
	l := readString(t, "    error[E0432]: unresolved import `core::sync::atomic::AtomicUsize`\n"+
		"     --> src/lib.rs:1:5\n"+
		"      |\n"+
		"    1 | use core::sync::atomic::AtomicUsize;\n"+
		"      |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ no `AtomicUsize` in `sync::atomic`\n"+
		"    \n"+
		"    error: linking with `cc` failed: exit status: 1\n"+
		"      |\n"+
		"      = note: \"cc\" \"-m64\" \"-o\" \"app\"\n"+
		"      = note: /usr/bin/ld: cannot find -lssl\n"+
		"              collect2: error: ld returned 1 exit status\n"+
		"    \n"+
		"    error: could not compile `app` (bin \"app\") due to 2 previous errors\n")
	var kinds []string
	for _, d := range l.Diagnostics {
		kinds = append(kinds, string(d.Kind))
	}
	if want := []string{string(DiagRustc), string(DiagLinkFailed), string(DiagCouldNotComp)}; !reflect.DeepEqual(kinds, want) {
		t.Fatalf("diagnostics %q", kinds)
	}
	rustc, link := l.Diagnostics[0], l.Diagnostics[1]
	if rustc.Code != "E0432" || rustc.Location == nil || rustc.Location.Line != 1 || rustc.End != 5 {
		t.Errorf("E0432: location %+v span %d-%d", rustc.Location, rustc.Start, rustc.End)
	}
	if want := []string{"/usr/bin/ld: cannot find -lssl", "collect2: error: ld returned 1 exit status"}; !reflect.DeepEqual(link.Notes, want) {
		t.Errorf("linker stderr %q", link.Notes)
	}
	if len(l.Linkers) != 1 || l.Linkers[0].Program != "cc" || l.Diagnostics[2].Crate != "app" {
		t.Errorf("%d linker commands; could not compile %q", len(l.Linkers), l.Diagnostics[2].Crate)
	}
}
