package finding

import (
	"testing"

	"github.com/cxlog/cxlog/analyze"
)

// The right GCC for an ARM target is no host linker: arm-none-eabi-gcc for Cortex-M,
// armv7-unknown-linux-gnueabihf-gcc for ARMv7 Linux.
func TestArmCrossGCCIsNotAHostLinker(t *testing.T) {
	for _, src := range []string{
		"     Running `rustc --crate-name fw --crate-type bin --target thumbv7em-none-eabihf -C linker=arm-none-eabi-gcc -C link-arg=-Tlink.x`\n",
		"     Running `rustc --crate-name app --crate-type bin --target armv7-unknown-linux-gnueabihf -C linker=armv7-unknown-linux-gnueabihf-gcc`\n",
		"CARGO_TARGET_THUMBV7EM_NONE_EABIHF_LINKER=/usr/bin/arm-none-eabi-gcc\n",
	} {
		for _, f := range Check(readText(t, src)) {
			if f.Rule == HostLinkerForTarget {
				t.Errorf("%q: %s", src, f.Message)
			}
		}
	}
	// an x86_64 GCC for Cortex-M still is
	fs := Check(readText(t, "CARGO_TARGET_THUMBV7EM_NONE_EABIHF_LINKER=/usr/bin/x86_64-linux-gnu-gcc\n"))
	if len(fs) == 0 || fs[0].Class != "host-linker-for-target" {
		t.Errorf("x86_64 gcc for thumbv7em: %+v", fs)
	}
}

// A plain host build (x86_64 Linux, cc, RUSTFLAGS) and empty logs give no finding and no panic.
func TestHostBuildAndEmptyLogsGiveNoFinding(t *testing.T) {
	host := readText(t, "$ cargo build --release\n"+
		"CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=/nix/store/xq8920m5mbd83vdlydwli7qsh67gfm5v-gcc-wrapper-13.2.0/bin/cc\n"+
		"RUSTFLAGS=-C target-cpu=native\n"+
		"     Running `rustc --crate-name app --edition=2021 src/main.rs --crate-type bin -C opt-level=3 --out-dir /p/target/release/deps -C linker=cc`\n"+
		"     Running `rustc --crate-name app --edition=2021 src/main.rs --crate-type bin --target x86_64-unknown-linux-gnu -C linker=x86_64-linux-gnu-gcc`\n")
	if fs := Check(host); len(fs) != 0 {
		t.Errorf("host build: %+v", fs)
	}
	empty := &analyze.Log{Name: "empty.log"}
	if fs := Check(empty); len(fs) != 0 {
		t.Errorf("empty log: %+v", fs)
	}
	if fs, diffs := Diff(empty, empty); len(fs) != 0 || len(diffs) != 0 {
		t.Errorf("two empty logs: %+v %+v", fs, diffs)
	}
	if fs, _ := Diff(host, host); len(fs) != 0 {
		t.Errorf("a log against itself: %+v", fs)
	}
}

// A host build that cannot find libgcc_s has a host toolchain problem, not a host linker for
// a bare-metal target; a log that names no target (a pasted linker error) or a bare-metal one
// still gets the finding.
func TestMissingLibgccSOnHostBuild(t *testing.T) {
	const ld = "/usr/bin/ld: cannot find -lgcc_s: No such file or directory\n"
	for _, host := range []string{
		"     Running `rustc --crate-name app --edition=2021 src/main.rs --crate-type bin --out-dir /p/target/release/deps`\n" + ld,
		"$ cargo build --target x86_64-unknown-linux-gnu\n" + ld,
	} {
		for _, f := range Check(readText(t, host)) {
			if f.Rule == HostLibrariesForTarget {
				t.Errorf("host build %q: %s", host, f.Message)
			}
		}
	}
	for _, cross := range []string{ld, "$ cargo build --release --target riscv32imc-unknown-none-elf\n" + ld, "$ cargo build --target xtensa-esp32-none-elf\n" + ld} {
		fs := Check(readText(t, cross))
		if len(fs) == 0 || fs[0].Rule != HostLibrariesForTarget {
			t.Errorf("%q: %+v", cross, fs)
		}
	}
}
