package analyze

import (
	"reflect"
	"testing"
)

// A pasted linker command note wrapped over several lines: the wrapped lines are the
// command's arguments, not the linker's stderr (public/034 cuts one with "..." first).
func TestLinkerCommandNoteWrapped(t *testing.T) {
	l := readString(t, "error: linking with `arm-none-eabi-gcc` failed: exit status: 1\n"+
		"  |\n"+
		`  = note: "arm-none-eabi-gcc" "-flavor" "gnu" "-L" "/home/u/.rustup/toolchains/nightly-x86_64-unknown-linux-gnu/lib/rustl`+"\n"+
		`          ib/thumbv7em-none-eabihf/lib" "-Wl,--as-needed"`+"\n"+
		"...\n"+
		` "-Wl,-Tlink.x" "-nostartfiles" "-Bdynamic"`+"\n"+
		"  = note: arm-none-eabi-gcc: error: unrecognized command-line option '-flavor'\n"+
		"\n")
	if len(l.Linkers) != 1 || len(l.Diagnostics) != 1 {
		t.Fatalf("%d linker commands, %d diagnostics", len(l.Linkers), len(l.Diagnostics))
	}
	lc := l.Linkers[0]
	want := []string{"-flavor", "gnu", "-L", "/home/u/.rustup/toolchains/nightly-x86_64-unknown-linux-gnu/lib/rustlib/thumbv7em-none-eabihf/lib",
		"-Wl,--as-needed", "-Wl,-Tlink.x", "-nostartfiles", "-Bdynamic"}
	if lc.Program != "arm-none-eabi-gcc" || !reflect.DeepEqual(lc.Args, want) || lc.Start != 3 || lc.End != 6 {
		t.Errorf("linker %q args %q span %d-%d", lc.Program, lc.Args, lc.Start, lc.End)
	}
	d := l.Diagnostics[0]
	if want := []string{"arm-none-eabi-gcc: error: unrecognized command-line option '-flavor'"}; !reflect.DeepEqual(d.Notes, want) || !reflect.DeepEqual(d.NoteLines, []int{7}) {
		t.Errorf("stderr notes %q at %v", d.Notes, d.NoteLines)
	}
}
