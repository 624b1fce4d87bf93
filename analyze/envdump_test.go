package analyze

import (
	"reflect"
	"testing"
)

// `env` and cxlog verify --build-log print values raw: RUSTFLAGS=-C link-arg=-Tlink.x holds
// spaces and words with "=", which are its value, not more variables.
func TestEnvDumpRawValues(t *testing.T) {
	tests := []struct {
		line  string
		env   []string
		cargo int
	}{
		{"RUSTFLAGS=-C target-feature=-crt-static", []string{"RUSTFLAGS=-C target-feature=-crt-static"}, 0},
		{"RUSTFLAGS=-C link-arg=-Tlink.x -C force-frame-pointers", []string{"RUSTFLAGS=-C link-arg=-Tlink.x -C force-frame-pointers"}, 0},
		{"CARGO_BUILD_TARGET=riscv32imc-unknown-none-elf HOST_CC=cc", []string{"CARGO_BUILD_TARGET=riscv32imc-unknown-none-elf", "HOST_CC=cc"}, 0},
		{"RUSTFLAGS='-C link-arg=-Tlink.x' cargo build --release", nil, 1},
		{"FOO=bar baz", nil, 0},
	}
	for _, tc := range tests {
		l := readString(t, tc.line+"\n")
		var env []string
		for _, e := range l.Env {
			env = append(env, e.Original+"="+e.Value)
		}
		if !reflect.DeepEqual(env, tc.env) || len(l.Cargo) != tc.cargo {
			t.Errorf("%q: env %q, %d cargo commands", tc.line, env, len(l.Cargo))
		}
	}
}

// `export -p` (declare -x) dumps and `export K=V` in set -x traces set variables as well.
func TestEnvDumpExportForms(t *testing.T) {
	l := readString(t, "declare -x CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER=\"/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc\"\n"+
		"+ export 'RUSTFLAGS=-C link-arg=-Tlink.x'\n"+
		"export CC_riscv32imc-unknown-none-elf=riscv32-esp-elf-gcc\n"+
		"declare -x HOME\n")
	var env []string
	for _, e := range l.Env {
		env = append(env, e.Key+"="+e.Value)
	}
	want := []string{"CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER=/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc",
		"RUSTFLAGS=-C link-arg=-Tlink.x", "CC_RISCV32IMC_UNKNOWN_NONE_ELF=riscv32-esp-elf-gcc"}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("env %q", env)
	}
}
