package analyze

import (
	"reflect"
	"testing"
)

// A GitHub Actions log shows each step's command after ##[group]Run and the step's
// environment as an env: block of "  KEY: value" lines.
func TestGitHubActionsStep(t *testing.T) {
	l := readString(t, "2024-01-25T10:11:12.0000000Z ##[group]Run cargo build --release --target riscv32imc-unknown-none-elf\n"+
		"2024-01-25T10:11:12.0000000Z cargo build --release --target riscv32imc-unknown-none-elf\n"+
		"2024-01-25T10:11:12.0000000Z shell: /usr/bin/bash -e {0}\n"+
		"2024-01-25T10:11:12.0000000Z env:\n"+
		"2024-01-25T10:11:12.0000000Z   CARGO_TERM_COLOR: always\n"+
		"2024-01-25T10:11:12.0000000Z   RUSTFLAGS: -C link-arg=-Tlink.x -C force-frame-pointers\n"+
		"2024-01-25T10:11:12.0000000Z ##[endgroup]\n"+
		"2024-01-25T10:11:13.0000000Z    Compiling fw v0.1.0\n"+
		"2024-01-25T10:11:13.0000000Z   RUST_LOG: not an env line outside the block\n")
	if len(l.Cargo) != 2 || l.Cargo[0].Target != "riscv32imc-unknown-none-elf" || l.Cargo[0].Start != 1 {
		t.Errorf("cargo %+v", l.Cargo)
	}
	var env []string
	for _, e := range l.Env {
		env = append(env, e.Key+"="+e.Value)
	}
	if want := []string{"CARGO_TERM_COLOR=always", "RUSTFLAGS=-C link-arg=-Tlink.x -C force-frame-pointers"}; !reflect.DeepEqual(env, want) {
		t.Errorf("env %q", env)
	}
}
