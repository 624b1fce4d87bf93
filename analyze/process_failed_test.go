package analyze

import (
	"strings"
	"testing"
)

// `cargo run` and `cargo test` end with "error: process didn't exit successfully: `...`": the
// line is an error as well as the command that failed.
func TestProcessDidNotExitIsAnError(t *testing.T) {
	l := readString(t, "error: process didn't exit successfully: `/p/target/riscv32imc-unknown-none-elf/debug/deps/fw-0123456789abcdef` (exit status: 101)\n")
	if len(l.Invocations) != 1 || !l.Invocations[0].Failed {
		t.Errorf("invocations %+v", l.Invocations)
	}
	if len(l.Diagnostics) != 1 || l.Diagnostics[0].Severity != "error" || !strings.HasPrefix(l.Diagnostics[0].Message, "process didn't exit successfully") {
		t.Fatalf("diagnostics %+v", l.Diagnostics)
	}
	// indented under "Caused by:" it stays the command only, as before
	l = readString(t, "Caused by:\n  process didn't exit successfully: `/p/target/debug/build/foo-0123456789abcdef/build-script-build` (exit status: 1)\n")
	if len(l.Invocations) != 1 || len(l.Diagnostics) != 0 {
		t.Errorf("caused by: %d invocations, %d diagnostics", len(l.Invocations), len(l.Diagnostics))
	}
}
