package analyze

import (
	"reflect"
	"testing"
)

func TestCargoCommandShapes(t *testing.T) {
	tests := []struct {
		line, sub, target, profile string
		env                        []string
	}{
		{"$ cargo build -j 12 --target riscv32imc-unknown-none-elf --frozen --profile release", "build", "riscv32imc-unknown-none-elf", "release", nil},
		{"++ env CC_riscv32imc-unknown-none-elf=/x/cc RUSTFLAGS=-Ctarget-cpu=native cargo build --release --target=thumbv7em-none-eabihf",
			"build", "thumbv7em-none-eabihf", "release", []string{"CC_RISCV32IMC_UNKNOWN_NONE_ELF", "RUSTFLAGS"}},
		{"cargoBuildHook flags: -j 48 --target x86_64-unknown-linux-gnu --offline --profile release", "build", "x86_64-unknown-linux-gnu", "release", nil},
		{"+ cargo +nightly build -Z build-std=core", "build", "", "dev", nil},
	}
	for _, tc := range tests {
		l := readString(t, tc.line+"\n")
		if len(l.Cargo) != 1 {
			t.Errorf("%q: %d cargo commands", tc.line, len(l.Cargo))
			continue
		}
		c := l.Cargo[0]
		var env []string
		for _, e := range c.Env {
			env = append(env, e.Key)
		}
		if c.Subcommand != tc.sub || c.Target != tc.target || c.Profile != tc.profile || !reflect.DeepEqual(env, tc.env) {
			t.Errorf("%q: sub %q target %q profile %q env %v", tc.line, c.Subcommand, c.Target, c.Profile, env)
		}
	}
}

func TestLinkerNoteWithElisions(t *testing.T) {
	l := readString(t, "error: linking with `cc` failed: exit status: 1\n"+
		"  |\n"+
		`  = note:  "cc" "-m64" "/tmp/rustcAbC123/symbols.o" "<2 object files omitted>" "-Wl,--as-needed" "<sysroot>/lib/rustlib/x86_64-unknown-linux-gnu/lib/{libstd-*,libcore-*}.rlib" "-o" "/p/target/debug/deps/foo-0123456789abcdef"`+"\n"+
		"  = note: collect2: fatal error: cannot find 'ld'\n"+
		"          compilation terminated.\n"+
		"\n"+
		"error: could not compile `foo` (bin \"foo\") due to 1 previous error\n")
	if len(l.Linkers) != 1 || len(l.Diagnostics) != 2 {
		t.Fatalf("%d linker commands, %d diagnostics", len(l.Linkers), len(l.Diagnostics))
	}
	lc := l.Linkers[0]
	want := []string{"<2 object files omitted>", "<sysroot>/lib/rustlib/x86_64-unknown-linux-gnu/lib/{libstd-*,libcore-*}.rlib"}
	if lc.Program != "cc" || lc.Flavor != "" || !reflect.DeepEqual(lc.Elided, want) {
		t.Errorf("linker %q flavor %q elided %q", lc.Program, lc.Flavor, lc.Elided)
	}
	if notes := l.Diagnostics[0].Notes; !reflect.DeepEqual(notes, []string{"collect2: fatal error: cannot find 'ld'", "compilation terminated."}) {
		t.Errorf("stderr notes %q", notes)
	}
	if *l.Diagnostics[0].ExitStatus != 1 || l.Diagnostics[1].Crate != "foo" {
		t.Errorf("diagnostics %+v", l.Diagnostics)
	}
}

func TestCompileErrorFrameAndDiagnosticEnd(t *testing.T) {
	l := readString(t, "error: `portable_atomic_unsafe_assume_single_core` cfg is not compatible\n"+
		"   --> /r/portable-atomic-1.6.0/src/lib.rs:362:1\n"+
		"    |\n"+
		"362 | / compile_error!(\n"+
		"363 | |     \"cfg(portable_atomic_unsafe_assume_single_core) does not compatible\"\n"+
		"    | |_^\n"+
		"   Compiling esp-hal v0.16.0\n")
	if len(l.Diagnostics) != 1 {
		t.Fatalf("%d diagnostics: %+v", len(l.Diagnostics), l.Diagnostics)
	}
	d := l.Diagnostics[0]
	if d.Location == nil || d.Location.Line != 362 || d.End != 6 {
		t.Errorf("location %+v, span %d-%d: the cargo status line must end the diagnostic", d.Location, d.Start, d.End)
	}
}

func TestFlavorInference(t *testing.T) {
	tests := []struct{ linker, target, want string }{
		{"/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc", "riscv32imc-unknown-none-elf", FlavorLLD},
		{"x86_64-linux-gnu-gcc", "riscv32imc-unknown-none-elf", FlavorCC},
		{"clang-17", "thumbv7em-none-eabihf", FlavorCC},
		{"rust-lld", "x86_64-unknown-linux-gnu", FlavorLLD},
		{"/usr/bin/riscv32-none-elf-ld.lld", "riscv32imc-unknown-none-elf", FlavorLD},
		{"arm-none-eabi-ld", "thumbv7m-none-eabi", FlavorLD},
		{"cc", "x86_64-unknown-linux-gnu", FlavorCC},
		{"link.exe", "x86_64-pc-windows-msvc", FlavorLD},
	}
	for _, tc := range tests {
		if got := EffectiveFlavor(tc.linker, "", tc.target); got != tc.want {
			t.Errorf("EffectiveFlavor(%q, %q) = %q, want %q", tc.linker, tc.target, got, tc.want)
		}
	}
	if got := EffectiveFlavor("x86_64-unknown-linux-gnu-cc", "gcc", "riscv32imc-unknown-none-elf"); got != FlavorCC {
		t.Errorf("-C linker-flavor=gcc must win, got %q", got)
	}
}
