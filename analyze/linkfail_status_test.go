package analyze

import (
	"reflect"
	"testing"
)

// After a linking failure's blank line, cargo's right-aligned status lines of other jobs are
// not the linker's stderr.
func TestLinkFailureEndsAtCargoStatus(t *testing.T) {
	l := readString(t, "error: linking with `cc` failed: exit status: 1\n"+
		"  |\n"+
		"  = note: /usr/bin/ld: cannot find -lfoo\n"+
		"          Undefined symbols for architecture arm64:\n"+
		"\n"+
		"     Running `rustc --crate-name bar --crate-type lib src/lib.rs --target thumbv7em-none-eabihf`\n"+
		"   Compiling baz v0.1.0\n")
	if len(l.Invocations) != 1 || l.Invocations[0].CrateName != "bar" {
		t.Errorf("the Running line after the failure: %d invocations", len(l.Invocations))
	}
	d := l.Diagnostics[0]
	if want := []string{"/usr/bin/ld: cannot find -lfoo", "Undefined symbols for architecture arm64:"}; !reflect.DeepEqual(d.Notes, want) || d.End != 5 {
		t.Errorf("notes %q, span %d-%d", d.Notes, d.Start, d.End)
	}
}

// A status line after the linker command note (rustc printed no stderr note) is not part of
// the command.
func TestLinkFailureCommandNoteThenStatus(t *testing.T) {
	l := readString(t, "error: linking with `cc` failed: exit status: 1\n"+
		"  |\n"+
		"  = note: \"cc\" \"-m64\" \"-o\" \"app\"\n"+
		"\n"+
		"   Compiling other v0.1.0\n")
	if len(l.Linkers) != 1 || len(l.Linkers[0].Args) != 3 || l.Diagnostics[0].End != 4 {
		t.Errorf("linker args %q, diagnostic span %d-%d", l.Linkers[0].Args, l.Diagnostics[0].Start, l.Diagnostics[0].End)
	}
}
