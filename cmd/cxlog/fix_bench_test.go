package main

import (
	"testing"

	"github.com/cxlog/cxlog/build/buildtest"
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
// toolchain; it skips under -short, and without the bench (fails in CI).
func benchBuildScript(t *testing.T) string {
	t.Helper()
	buildtest.SkipShort(t)
	return buildtest.BenchBuildScript(t)
}

// benchCache is the prepared bench's cache directory; it skips under -short.
func benchCache(t *testing.T) string {
	t.Helper()
	buildtest.SkipShort(t)
	return buildtest.BenchCache(t)
}
