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

// Browsers and terminals wrap a long note at a fixed width, mid-word and at column 0
// (rust-lang/rust#59308): while the command's quoted word is open, the next line continues it.
func TestLinkerCommandNoteWrappedAtColumnZero(t *testing.T) {
	l := readString(t, "error: linking with `cc` failed: exit code: 1\n"+
		"  |\n"+
		`  = note: "cc" "-Wl,--as-needed" "-m64" "/home/u/p/target/release/deps/app-fb93c73f629d1bb9.1.rcgu.o" "/home/u/p/targe`+"\n"+
		`t/release/deps/app-fb93c73f629d1bb9.2.rcgu.o" "-o" "/home/u/p/target/release/deps/app-fb93c73f629d1bb9"`+"\n"+
		`"-nodefaultlibs"`+"\n"+
		"  = note: /usr/bin/ld: cannot find -lssl\n"+
		"          collect2: error: ld returned 1 exit status\n"+
		"\n")
	if len(l.Linkers) != 1 || len(l.Diagnostics) != 1 {
		t.Fatalf("%d linker commands, %d diagnostics", len(l.Linkers), len(l.Diagnostics))
	}
	lc := l.Linkers[0]
	want := []string{"-Wl,--as-needed", "-m64", "/home/u/p/target/release/deps/app-fb93c73f629d1bb9.1.rcgu.o", "/home/u/p/target/release/deps/app-fb93c73f629d1bb9.2.rcgu.o",
		"-o", "/home/u/p/target/release/deps/app-fb93c73f629d1bb9", "-nodefaultlibs"}
	if !reflect.DeepEqual(lc.Args, want) || lc.End != 5 {
		t.Errorf("args %q span %d-%d", lc.Args, lc.Start, lc.End)
	}
	if d := l.Diagnostics[0]; !reflect.DeepEqual(d.Notes, []string{"/usr/bin/ld: cannot find -lssl", "collect2: error: ld returned 1 exit status"}) || d.End != 8 {
		t.Errorf("notes %q span %d-%d", d.Notes, d.Start, d.End)
	}
}

// A command note cut inside a quoted word by the paste does not swallow the next error.
func TestLinkerCommandNoteCutInsideQuote(t *testing.T) {
	l := readString(t, "error: linking with `cc` failed: exit code: 1\n  |\n"+
		`  = note: "cc" "-m64" "/home/u/p/targe`+"\n"+
		"error: could not compile `app`\n")
	if len(l.Diagnostics) != 2 || l.Diagnostics[1].Crate != "app" {
		t.Errorf("%d diagnostics", len(l.Diagnostics))
	}
}
