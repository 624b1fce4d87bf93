package analyze

import (
	"reflect"
	"testing"
)

// nix build -L builds derivations in parallel and interleaves their lines; each build's
// diagnostic continues on its own lines (two firmware variants of one log, --good-drv/--bad-drv).
func TestInterleavedNixBuilds(t *testing.T) {
	l := readString(t, "fw-a> error: linking with `cc` failed: exit status: 1\n"+
		"fw-b>    Compiling log v0.4.20\n"+
		"fw-a>   |\n"+
		"fw-b>      Running `rustc --crate-name log --crate-type lib src/lib.rs --target riscv32imc-unknown-none-elf`\n"+
		"fw-a>   = note: \"cc\" \"-m64\" \"-o\" \"fw\"\n"+
		"fw-a>   = note: /usr/bin/ld: cannot find -lfoo\n"+
		"fw-b> error[E0432]: unresolved import `core::sync::atomic::AtomicUsize`\n"+
		"fw-a>           collect2: error: ld returned 1 exit status\n"+
		"fw-b>   --> src/lib.rs:1:5\n"+
		"fw-a>\n"+
		"fw-b>    |\n"+
		"fw-a> error: could not compile `fw` (bin \"fw\") due to 1 previous error\n"+
		"fw-b>\n")
	if len(l.Invocations) != 1 || l.Invocations[0].Drv != "fw-b" || len(l.Linkers) != 1 || l.Linkers[0].Drv != "fw-a" {
		t.Fatalf("%d invocations, %d linker commands", len(l.Invocations), len(l.Linkers))
	}
	var got []string
	for _, d := range l.Diagnostics {
		got = append(got, d.Drv+" "+string(d.Kind))
	}
	if want := []string{"fw-a linking-failed", "fw-b rustc", "fw-a could-not-compile"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("diagnostics %q", got)
	}
	link, rustc := l.Diagnostics[0], l.Diagnostics[1]
	if want := []string{"/usr/bin/ld: cannot find -lfoo", "collect2: error: ld returned 1 exit status"}; !reflect.DeepEqual(link.Notes, want) || !reflect.DeepEqual(link.NoteLines, []int{6, 8}) {
		t.Errorf("linker stderr %q at %v", link.Notes, link.NoteLines)
	}
	if rustc.Location == nil || rustc.Location.Path != "src/lib.rs" {
		t.Errorf("E0432 location %+v", rustc.Location)
	}
	// the text keeps the line of each of its lines, which are not consecutive
	if want := []int{1, 3, 5, 6, 8, 10}; !reflect.DeepEqual(link.TextLines, want) || link.TextLine(2) != 5 || len(link.Text) != len(want) {
		t.Errorf("text lines %v", link.TextLines)
	}
	if d := l.Diagnostics[2]; d.TextLines != nil || d.TextLine(0) != d.Start {
		t.Errorf("a one-line diagnostic has text lines %v", d.TextLines)
	}
}
