package grammar

import (
	"reflect"
	"slices"
	"testing"
)

func rustcOf(t *testing.T, line string) *Rustc {
	t.Helper()
	cmd, err := ParseCommand(line)
	if err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	if cmd.Rustc == nil {
		t.Fatalf("%q: not read as rustc (build script %v, other %v)", line, cmd.BuildScript, cmd.Other)
	}
	return cmd.Rustc
}

// Each of rustc's spellings of an option with a value gives the same node.
func TestRustcOptionSpellings(t *testing.T) {
	for _, line := range []string{
		"rustc -C opt-level=3 --cfg feature=\"std\" -L native=/p/out --extern alloc=/p/liballoc.rlib --target thumbv7em-none-eabihf --crate-name fw --crate-type lib --edition 2021 -Z build-std=core --emit link -o /p/fw --out-dir /p/deps --sysroot /s",
		"rustc -Copt-level=3 --cfg=feature=\"std\" -Lnative=/p/out --extern=alloc=/p/liballoc.rlib --target=thumbv7em-none-eabihf --crate-name=fw --crate-type=lib --edition=2021 -Zbuild-std=core --emit=link -o/p/fw --out-dir=/p/deps --sysroot=/s",
		"rustc --codegen opt-level=3 --cfg 'feature=\"std\"' -L native=/p/out --extern alloc=/p/liballoc.rlib --target thumbv7em-none-eabihf --crate-name fw --crate-type lib --edition 2021 -Z build-std=core --emit link -o /p/fw --out-dir /p/deps --sysroot /s",
		"rustc --codegen=opt-level=3 --cfg \"feature=\\\"std\\\"\" -L native=/p/out --extern alloc=/p/liballoc.rlib --target thumbv7em-none-eabihf --crate-name fw --crate-type lib --edition 2021 -Z build-std=core --emit link -o /p/fw --out-dir /p/deps --sysroot /s",
	} {
		r := rustcOf(t, line)
		got := []any{slices.Collect(r.Codegen()), r.Cfgs(), r.LibPaths(), r.Externs(), r.Target(), r.CrateName(), r.CrateTypes(), r.Edition(), slices.Collect(r.Unstable()), r.Emit(), r.Output(), r.OutDir(), r.Sysroot()}
		want := []any{
			[]Option{{Key: "opt-level", Value: "3"}},
			[]Cfg{{Name: "feature", Value: "std", HasValue: true}},
			[]LibPath{{Kind: "native", Path: "/p/out", Spec: "native=/p/out"}},
			[]Extern{{Name: "alloc", Path: "/p/liballoc.rlib", Spec: "alloc=/p/liballoc.rlib"}},
			"thumbv7em-none-eabihf", "fw", []string{"lib"}, "2021",
			[]Option{{Key: "build-std", Value: "core"}},
			[]string{"link"}, "/p/fw", "/p/deps", "/s",
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%q:\n node %d = %#v\n want %#v", line, i, got[i], want[i])
			}
		}
	}
}

// The options of one kind keep their order however they interleave with others; words that
// are no option are inputs; flags the grammar has no kind for keep their separate value.
func TestRustcGroupsKeepOrder(t *testing.T) {
	r := rustcOf(t, "CARGO_PKG_NAME=fw /usr/bin/sccache rustc src/main.rs -C link-arg=-Tlink.x --cap-lints warn -L dependency=/d -C linker=rust-lld --extern core -Ldependency=/e -O --cfg a --cfg 'b=\"c\"' --crate-type bin,lib --crate-type rlib -l static:+whole-archive=espradio -lc")
	if r.Wrapper != "/usr/bin/sccache" || r.Path != "rustc" {
		t.Errorf("wrapper %q path %q", r.Wrapper, r.Path)
	}
	if got := slices.Collect(r.Codegen()); !reflect.DeepEqual(got, []Option{{"link-arg", "-Tlink.x"}, {"linker", "rust-lld"}}) {
		t.Errorf("codegen %#v", got)
	}
	if got := r.LibPaths(); len(got) != 2 || got[0].Path != "/d" || got[1].Path != "/e" {
		t.Errorf("lib paths %#v", got)
	}
	if got := r.Cfgs(); !reflect.DeepEqual(got, []Cfg{{Name: "a"}, {Name: "b", Value: "c", HasValue: true}}) {
		t.Errorf("cfgs %#v", got)
	}
	if got := r.Externs(); !reflect.DeepEqual(got, []Extern{{Name: "core", Spec: "core"}}) {
		t.Errorf("externs %#v", got)
	}
	if got := r.CrateTypes(); !reflect.DeepEqual(got, []string{"bin", "lib", "rlib"}) {
		t.Errorf("crate types %q", got)
	}
	if got := r.Inputs(); !reflect.DeepEqual(got, []string{"src/main.rs"}) || r.Source() != "src/main.rs" {
		t.Errorf("inputs %q source %q", got, r.Source())
	}
	if got := r.OtherFlags(); !reflect.DeepEqual(got, []string{"--cap-lints", "warn", "-O"}) {
		t.Errorf("other flags %q", got)
	}
	if got := r.LinkLibs(); !reflect.DeepEqual(got, []LinkLib{{Kind: "static:+whole-archive", Name: "espradio", Spec: "static:+whole-archive=espradio"}, {Name: "c", Spec: "c"}}) {
		t.Errorf("link libs %#v", got)
	}
	if r.CodegenTokens[1].Offset == 0 || r.CodegenTokens[0].Offset >= r.CodegenTokens[1].Offset {
		t.Errorf("codegen offsets %+v", r.CodegenTokens)
	}
}

// Which node a command becomes is the grammar's decision, read from the program's name.
func TestCommandNodes(t *testing.T) {
	tests := []struct {
		in                        string
		rustc, buildScript, other bool
	}{
		{"rustc --crate-name a src/lib.rs", true, false, false},
		{`C:\Users\me\.rustup\toolchains\stable\bin\rustc.exe --crate-name a`, true, false, false},
		{"/nix/store/x/bin/clippy-driver --crate-name a", true, false, false},
		{"A=b /p/target/debug/build/fw-0123456789abcdef/build-script-build", false, true, false},
		{"/usr/bin/sccache /p/bin/rustc -vV", true, false, false},
		{"cargo build --release", false, false, true},
		{"cc -flavor gnu a.o", false, false, true},
	}
	for _, tc := range tests {
		cmd, err := ParseCommand(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if (cmd.Rustc != nil) != tc.rustc || (cmd.BuildScript != nil) != tc.buildScript || (cmd.Other != nil) != tc.other {
			t.Errorf("%q: rustc %v build script %v other %v", tc.in, cmd.Rustc != nil, cmd.BuildScript != nil, cmd.Other != nil)
		}
	}
}

func TestEnvLinesOfCommandBrokenByHand(t *testing.T) {
	cmd, err := ParseCommand("A=1 B=2\nC='x\ny' D=4\nrustc --crate-name a")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cmd.Env, []string{"A=1", "B=2", "C=x\ny", "D=4"}) || !reflect.DeepEqual(cmd.EnvLines, []int{1, 1, 2, 3}) {
		t.Errorf("env %q lines %v", cmd.Env, cmd.EnvLines)
	}
}

func TestParseErrorHasLineAndColumn(t *testing.T) {
	_, err := ParseCommand("A=1\n  B=2")
	if err == nil || err.Error()[:4] != "2:6:" {
		t.Errorf("error %v, want it at 2:6 (after the last word)", err)
	}
}
