package analyze

import "testing"

// A command broken over lines whose closing backtick was cut from the paste ends where the
// next Running line or cargo status line starts, instead of swallowing them.
func TestRunningCommandCutBeforeItsEnd(t *testing.T) {
	l := readString(t, "Running `rustc --crate-name a\n--crate-type lib\n     Running `rustc --crate-name b --crate-type lib src/lib.rs`\n"+
		"Running `rustc --crate-name c\n   Compiling d v0.1.0\nerror: could not compile `d`\n")
	if len(l.Invocations) != 3 {
		t.Fatalf("%d invocations", len(l.Invocations))
	}
	for i, want := range []struct {
		crate      string
		start, end int
		incomplete bool
	}{{"a", 1, 2, true}, {"b", 3, 3, false}, {"c", 4, 4, true}} {
		inv := l.Invocations[i]
		if inv.CrateName != want.crate || inv.Start != want.start || inv.End != want.end || inv.Incomplete != want.incomplete {
			t.Errorf("invocation %d: crate %q span %d-%d incomplete %v", i, inv.CrateName, inv.Start, inv.End, inv.Incomplete)
		}
	}
	if len(l.Diagnostics) != 1 || l.Diagnostics[0].Crate != "d" {
		t.Errorf("diagnostics %+v", l.Diagnostics)
	}
}

// The same for a "Caused by:" command cut by the paste: the build script's output sections
// that follow it are not more of the command.
func TestFailedCommandCutBeforeOutputSections(t *testing.T) {
	l := readString(t, "Caused by:\n  process didn't exit successfully: `CARGO=/x/cargo CARGO_PKG_NAME=probe /p/target/debug/build/probe-0123456789abcdef/build-script-build\n"+
		"  --- stdout\n  cargo:rustc-link-arg=-Tlink.x\n\n  --- stderr\n  thread 'main' panicked at build.rs:1:103:\n  boom `x`\n")
	if len(l.Invocations) != 1 || l.Invocations[0].End != 2 || !l.Invocations[0].Incomplete || l.Invocations[0].Kind != KindBuildScript {
		t.Fatalf("%+v", l.Invocations)
	}
	if len(l.Diagnostics) != 1 || l.Diagnostics[0].Start != 7 {
		t.Errorf("the panic line: %+v", l.Diagnostics)
	}
}
