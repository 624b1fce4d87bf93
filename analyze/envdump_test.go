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
