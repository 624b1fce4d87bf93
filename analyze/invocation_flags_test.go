package analyze

import (
	"reflect"
	"testing"

	"github.com/cxlog/cxlog/grammar"
)

func invocationOf(t *testing.T, line string) *Invocation {
	t.Helper()
	cmd, err := grammar.ParseCommand(line)
	if err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	return NewInvocation(cmd, Span{Start: 1, End: 1}, "")
}

// Every spelling rustc accepts for the flags cxlog reads: --flag=value, -Xvalue, -X value.
func TestRustcFlagSpellings(t *testing.T) {
	inv := invocationOf(t, `rustc --crate-name=fw --edition=2021 src/main.rs --crate-type=bin --crate-type lib,rlib --target=riscv32imc-unknown-none-elf `+
		`--cfg=feature="std" --cfg portable_atomic_unsafe_assume_single_core -Clink-arg=-Tlink.x -C link-args="-Tdefmt.x --nmagic" `+
		`-Clinker=rust-lld -C linker-flavor=ld.lld -Ctarget-feature=+a,-c --extern core --extern alloc=/p/liballoc.rlib -Lnative=/p/out `+
		`--out-dir /p/target/riscv32imc-unknown-none-elf/release-lto/deps -C opt-level=s`)
	if inv.Kind != KindRustc || inv.CrateName != "fw" || inv.Edition != "2021" || inv.Source != "src/main.rs" || inv.Target != "riscv32imc-unknown-none-elf" {
		t.Errorf("kind %q crate %q edition %q source %q target %q", inv.Kind, inv.CrateName, inv.Edition, inv.Source, inv.Target)
	}
	if !reflect.DeepEqual(inv.CrateTypes, []string{"bin", "lib", "rlib"}) {
		t.Errorf("crate types %q", inv.CrateTypes)
	}
	if got := cfgStrings(inv.Cfgs); !reflect.DeepEqual(got, []string{`feature="std"`, "portable_atomic_unsafe_assume_single_core"}) {
		t.Errorf("cfgs %q", got)
	}
	if !reflect.DeepEqual(inv.LinkArgs, []string{"-Tlink.x", "-Tdefmt.x", "--nmagic"}) || inv.Linker != "rust-lld" || inv.LinkerFlavor != "ld.lld" {
		t.Errorf("link args %q linker %q flavor %q", inv.LinkArgs, inv.Linker, inv.LinkerFlavor)
	}
	if got := featureStrings(inv.TargetFeatures); !reflect.DeepEqual(got, []string{"+a", "-c"}) {
		t.Errorf("features %q", got)
	}
	if !reflect.DeepEqual(inv.Externs, []string{"core", "alloc=/p/liballoc.rlib"}) || !reflect.DeepEqual(inv.LibPaths, []string{"native=/p/out"}) {
		t.Errorf("externs %q lib paths %q", inv.Externs, inv.LibPaths)
	}
	if inv.Profile != "release-lto" {
		t.Errorf("custom profile read as %q", inv.Profile)
	}
}

// cargo runs RUSTC_WRAPPER (sccache) with rustc as its first argument; the invocation is
// still rustc's.
func TestRustcBehindWrapper(t *testing.T) {
	inv := invocationOf(t, `CARGO_PKG_NAME=fw /usr/bin/sccache /home/u/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc --crate-name fw src/main.rs --crate-type bin --target thumbv7em-none-eabihf -C link-arg=-Tlink.x --out-dir /p/target/thumbv7em-none-eabihf/debug/deps`)
	if inv.Kind != KindRustc || inv.CrateName != "fw" || inv.Target != "thumbv7em-none-eabihf" || !reflect.DeepEqual(inv.LinkArgs, []string{"-Tlink.x"}) || inv.Profile != "debug" {
		t.Errorf("kind %q crate %q target %q link args %q profile %q", inv.Kind, inv.CrateName, inv.Target, inv.LinkArgs, inv.Profile)
	}
}
