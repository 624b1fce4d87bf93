package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/fixes"
)

// The real bench end to end (build/bench/FAULTS.md): the firmware of
// build/testdata/firmware, built for real with the toolchain of
// build/bench/prepare.sh and booted in qemu-system-riscv32, first with a fault
// (the build fails, or the firmware stays silent), then through
// `cxlog fix --kb-id ... --verify`, which must end with the greeting read
// through the serial pty.

const (
	benchGreeting = "cxlog-bench: hello from riscv32imc"
	benchKernel   = "target/riscv32imc-unknown-none-elf/release/cxlog-bench-fw"
	benchLinkVar  = "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER"
)

func TestFixVerifyBenchFaults(t *testing.T) {
	script := benchBuildScript(t)
	needTool(t, "qemu-system-riscv32", "apt-get install -y qemu-system-misc")
	wrapperDir := t.TempDir()
	wrapper := filepath.Join(wrapperDir, "x86_64-unknown-linux-gnu-cc")
	if err := os.Symlink("/usr/bin/gcc", wrapper); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		env       map[string]string // the fault, in cxlog's environment (inherited by the build)
		breakFW   func(t *testing.T, dir string)
		cargoArgs string
		faultExit int    // what verify says before the fix
		faultOut  string // and what its report shows
		kbID      string
	}{
		{
			name:      "c RUSTFLAGS overrides the config's rustflags",
			env:       map[string]string{"RUSTFLAGS": "-C target-feature=-crt-static"},
			faultExit: 3,
			faultOut:  "[linker-script-missing]",
			kbID:      "rustflags-env-overrides-config",
		},
		{
			name:      "a GCC wrapper named *-cc as the linker",
			env:       map[string]string{benchLinkVar: wrapper},
			faultExit: 3,
			faultOut:  "unrecognized command-line option '-flavor'",
			kbID:      "gcc-wrapper-receives-flavor-gnu",
		},
		{
			name:      "b host GCC as the linker",
			env:       map[string]string{benchLinkVar: "x86_64-linux-gnu-gcc"},
			faultExit: 3,
			faultOut:  "cannot represent machine",
			kbID:      "host-ld-cannot-represent-target-machine",
		},
		{
			name: "f no linker script: links, never prints",
			breakFW: func(t *testing.T, dir string) {
				config := filepath.Join(dir, ".cargo", "config.toml")
				text := readFile(t, config)
				without := strings.Replace(text, "rustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n", "", 1)
				if without == text {
					t.Fatal("the firmware's config has no rustflags line to remove")
				}
				if err := os.WriteFile(config, []byte(without), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			cargoArgs: " --features bss-stack",
			faultExit: 5,
			faultOut:  "not seen",
			kbID:      "image-linked-without-linker-script-is-empty",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range []string{"RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", benchLinkVar,
				"CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_RUSTFLAGS", "CARGO_BUILD_TARGET"} {
				t.Setenv(name, "")
				os.Unsetenv(name)
			}
			for k, v := range tt.env {
				if strings.Contains(v, "x86_64-linux-gnu-gcc") {
					needTool(t, v, "apt-get install -y gcc")
				}
				t.Setenv(k, v)
			}
			dir := benchFirmwareCopy(t)
			if tt.breakFW != nil {
				tt.breakFW(t, dir)
			}
			verifyArgs := []string{"--project", dir, "--build", script + " ." + tt.cargoArgs,
				"--emulate", "qemu-riscv32", "--kernel", benchKernel,
				"--expect", benchGreeting, "--fail", "panicked at", "--timeout", "4s"}

			code, out, stderr := cli(t, "", append([]string{"verify"}, verifyArgs...)...)
			if code != tt.faultExit || !strings.Contains(out, tt.faultOut) {
				t.Fatalf("with the fault: exit %d (want %d), report lacks %q? stderr %s\n%s", code, tt.faultExit, tt.faultOut, stderr, out)
			}
			code, out, stderr = cli(t, "", append([]string{"fix", "--kb-id", tt.kbID, "--verify"}, verifyArgs...)...)
			if code != 0 || !strings.Contains(out, "PROVEN: with the fix, the firmware printed \""+benchGreeting+"\"") {
				t.Fatalf("fix --verify: exit %d, stderr %s\n%s", code, stderr, out)
			}
			t.Logf("fix %s proven:\n%s", tt.kbID, out)
		})
	}
}

// benchBuildScript is the command that builds the firmware with the prepared
// toolchain; without the bench it skips (fails in CI).
func benchBuildScript(t *testing.T) string {
	t.Helper()
	cache := os.Getenv("CXLOG_BENCH_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			missing(t, "no CXLOG_BENCH_CACHE and no home directory")
		}
		cache = filepath.Join(home, ".cache", "cxlog-bench")
	}
	if _, err := os.Stat(filepath.Join(cache, "env.sh")); err != nil {
		missing(t, "the firmware bench is not prepared ("+filepath.Join(cache, "env.sh")+" missing): run build/bench/prepare.sh")
	}
	script, err := filepath.Abs("../../build/bench/build-firmware.sh")
	if err != nil {
		t.Fatal(err)
	}
	return "CXLOG_BENCH_CACHE=" + fixes.ShellQuote(cache) + " " + fixes.ShellQuote(script)
}

// benchFirmwareCopy copies build/testdata/firmware without its target/.
func benchFirmwareCopy(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "firmware")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", "cd ../../build/testdata/firmware && tar --exclude=./target -cf - . | (cd '"+dst+"' && tar -xf -)")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("copying the firmware: %v\n%s", err, out)
	}
	return dst
}
