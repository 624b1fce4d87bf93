package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cxlog/cxlog/build/buildtest"
	"github.com/cxlog/cxlog/fixes"
)

// Helpers for the real bench (build/bench/FAULTS.md): the firmware of
// build/testdata/firmware, built with the toolchain of build/bench/prepare.sh and
// booted in qemu-system-riscv32. faultmatrix_test.go runs the fault matrix on it.

const (
	benchGreeting = "cxlog-bench: hello from riscv32imc"
	benchKernel   = "target/riscv32imc-unknown-none-elf/release/cxlog-bench-fw"
	benchLinkVar  = "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER"
)

// benchBuildScript is the command that builds the firmware with the prepared
// toolchain; without the bench it skips (fails in CI).
func benchBuildScript(t *testing.T) string {
	t.Helper()
	cache := benchCache(t)
	script, err := filepath.Abs("../../build/bench/build-firmware.sh")
	if err != nil {
		t.Fatal(err)
	}
	return "CXLOG_BENCH_CACHE=" + fixes.ShellQuote(cache) + " " + fixes.ShellQuote(script)
}

// benchCache is the prepared bench's cache directory.
func benchCache(t *testing.T) string {
	t.Helper()
	buildtest.SkipShort(t)
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
	return cache
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
