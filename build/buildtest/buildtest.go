// Package buildtest holds what tests of the verify loop share: external tools that CI must
// have, and pseudo-terminal pairs that stand in for a board's serial port.
package buildtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// NeedTool returns the path of an external tool a test needs. A developer machine without it
// skips the test; CI (CI=true) must have it and fails.
func NeedTool(t testing.TB, name, howToGet string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed ("+howToGet+")")
	}
	return path
}

// SkipShort skips a test that builds real firmware or boots QEMU under go test -short, the
// quick local loop; scripts/test.sh and CI run everything.
func SkipShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skips real firmware builds and QEMU")
	}
}

// Missing skips the test with why, or fails it in CI.
func Missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %s", why)
	}
	t.Skipf("skipped: %s", why)
}

// PTYPair starts socat joining two pseudo-terminals and returns their paths: bytes written to
// one are read from the other.
func PTYPair(t testing.TB) (a, b string) {
	t.Helper()
	socat := NeedTool(t, "socat", "apt-get install -y socat")
	dir := t.TempDir()
	a, b = filepath.Join(dir, "a"), filepath.Join(dir, "b")
	cmd := exec.Command(socat, "-d", "-d", "pty,raw,echo=0,link="+a, "pty,raw,echo=0,link="+b)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		_, errA := os.Stat(a)
		_, errB := os.Stat(b)
		if errA == nil && errB == nil {
			return a, b
		}
		if time.Now().After(deadline) {
			t.Fatalf("socat did not create %s and %s", a, b)
		}
	}
}

// BuildBenchFirmware builds a copy of the bench firmware (build/testdata/firmware) with the
// prepared toolchain, `cargo build --release` and cargoArgs, env added to the environment,
// and returns the ELF's path. It skips under -short, and without the bench (fails in CI).
func BuildBenchFirmware(t testing.TB, env []string, cargoArgs ...string) string {
	t.Helper()
	SkipShort(t)
	cache := os.Getenv("CXLOG_BENCH_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			Missing(t, "no CXLOG_BENCH_CACHE and no home directory to find the bench cache in")
		}
		cache = filepath.Join(home, ".cache", "cxlog-bench")
	}
	if _, err := os.Stat(filepath.Join(cache, "env.sh")); err != nil {
		Missing(t, "the firmware bench is not prepared ("+filepath.Join(cache, "env.sh")+" missing): run build/bench/prepare.sh")
	}
	_, here, _, _ := runtime.Caller(0)
	buildDir := filepath.Dir(filepath.Dir(here))
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(buildDir, "testdata", "firmware"))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dst, "target")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", append([]string{filepath.Join(buildDir, "bench", "build-firmware.sh"), dst}, cargoArgs...)...)
	cmd.Env = append(append(os.Environ(), "CXLOG_BENCH_CACHE="+cache), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the bench firmware: %v\n%s", err, out)
	}
	return filepath.Join(dst, "target", "riscv32imc-unknown-none-elf", "release", "cxlog-bench-fw")
}
