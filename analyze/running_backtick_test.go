package analyze

import (
	"reflect"
	"testing"
)

// cargo single-quotes a word with a backtick (shell-escape), so the backtick that closes a
// Running command is the first one outside quotes. Package descriptions carry backticks and
// newlines (CARGO_PKG_DESCRIPTION under -vv).
func TestRunningCommandQuotedBackticks(t *testing.T) {
	tests := []struct {
		name, log, desc string
		end             int
	}{
		{"one line", "     Running `CARGO_PKG_DESCRIPTION='Bindings for `foo`' CARGO_PKG_NAME=foo rustc --crate-name foo src/lib.rs --crate-type lib --target riscv32imc-unknown-none-elf`\n",
			"Bindings for `foo`", 1},
		{"description over lines", "     Running `CARGO_PKG_DESCRIPTION='Bindings for `foo`\nand `bar`.' CARGO_PKG_NAME=foo rustc --crate-name foo src/lib.rs --crate-type lib --target riscv32imc-unknown-none-elf`\n",
			"Bindings for `foo`\nand `bar`.", 2},
		{"broken by hand", "Running `CARGO_PKG_AUTHORS='O'\\''Brien' CARGO_PKG_NAME=foo\nCARGO_PKG_DESCRIPTION='Use `foo` here'\nrustc\n--crate-name foo\nsrc/lib.rs --crate-type lib\n--target riscv32imc-unknown-none-elf`\n",
			"Use `foo` here", 6},
	}
	for _, tc := range tests {
		l := readString(t, tc.log+"   Compiling bar v0.1.0\n")
		if len(l.Invocations) != 1 {
			t.Errorf("%s: %d invocations", tc.name, len(l.Invocations))
			continue
		}
		inv := l.Invocations[0]
		desc, _ := inv.EnvValue("CARGO_PKG_DESCRIPTION")
		if inv.CrateName != "foo" || inv.Target != "riscv32imc-unknown-none-elf" || desc != tc.desc || inv.End != tc.end || inv.Incomplete {
			t.Errorf("%s: crate %q target %q description %q span %d-%d incomplete %v", tc.name, inv.CrateName, inv.Target, desc, inv.Start, inv.End, inv.Incomplete)
		}
		if len(l.Env) != 0 {
			t.Errorf("%s: command lines read as an environment dump: %+v", tc.name, l.Env)
		}
	}
}

// An apostrophe inside a word (a Windows user name) opens no quote: cargo quotes whole words.
func TestRunningCommandApostropheInWord(t *testing.T) {
	l := readString(t, "error: process didn't exit successfully: `C:\\Users\\O'Brien\\p\\target\\debug\\app.exe --port COM3` (exit code: 1)\n"+
		"     Running `rustc --crate-name foo src/lib.rs --crate-type lib`\n")
	if len(l.Invocations) != 2 {
		t.Fatalf("%d invocations", len(l.Invocations))
	}
	inv := l.Invocations[0]
	if inv.End != 1 || inv.Incomplete || inv.Program != `C:\Users\O'Brien\p\target\debug\app.exe` || !reflect.DeepEqual(inv.Args, []string{"--port", "COM3"}) {
		t.Errorf("span %d-%d incomplete %v program %q args %q", inv.Start, inv.End, inv.Incomplete, inv.Program, inv.Args)
	}
}
