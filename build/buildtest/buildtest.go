// Package buildtest holds what tests of the verify loop share: external tools that CI must
// have, and pseudo-terminal pairs that stand in for a board's serial port.
package buildtest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
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

// BenchCache returns the prepared bench's cache directory: CXLOG_BENCH_CACHE, else
// ~/.cache/cxlog-bench. Without its env.sh (build/bench/prepare.sh not run) the test skips,
// or fails in CI.
func BenchCache(t testing.TB) string {
	t.Helper()
	cache := os.Getenv("CXLOG_BENCH_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			Missing(t, "no CXLOG_BENCH_CACHE and no home directory to find the bench cache in")
		}
		cache = filepath.Join(home, ".cache", "cxlog-bench")
	}
	envFile := filepath.Join(cache, "env.sh")
	if _, err := os.Stat(envFile); err != nil {
		Missing(t, "the firmware bench is not prepared ("+envFile+" missing): run build/bench/prepare.sh")
	}
	return cache
}

// CopyFirmware copies the bench firmware's sources (build/testdata/firmware), without its
// build output in target/, to a scratch directory and returns its path: tests build there,
// never in testdata.
func CopyFirmware(t testing.TB) string {
	t.Helper()
	src := filepath.Join(buildDir(), "testdata", "firmware")
	dst := filepath.Join(t.TempDir(), "firmware")
	err := filepath.WalkDir(src, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if entry.IsDir() {
			if rel == "target" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		info, err := entry.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644|info.Mode().Perm()&0o111)
	})
	if err != nil {
		t.Fatalf("copying the bench firmware: %v", err)
	}
	return dst
}

// BuildBenchFirmware builds a copy of the bench firmware (build/testdata/firmware) with the
// prepared toolchain, `cargo build --release` and cargoArgs, env added to the environment,
// and returns the ELF's path. It skips under -short, and without the bench (fails in CI).
func BuildBenchFirmware(t testing.TB, env []string, cargoArgs ...string) string {
	t.Helper()
	SkipShort(t)
	cache := BenchCache(t)
	dst := CopyFirmware(t)
	cmd := exec.Command("bash", append([]string{filepath.Join(buildDir(), "bench", "build-firmware.sh"), dst}, cargoArgs...)...)
	cmd.Env = append(append(os.Environ(), "CXLOG_BENCH_CACHE="+cache), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the bench firmware: %v\n%s", err, out)
	}
	return filepath.Join(dst, "target", "riscv32imc-unknown-none-elf", "release", "cxlog-bench-fw")
}

// BenchBuildScript is the shell command that builds a firmware directory (its one argument)
// with the prepared bench toolchain; without the bench it skips (fails in CI).
func BenchBuildScript(t testing.TB) string {
	t.Helper()
	cache := BenchCache(t)
	script := filepath.Join(buildDir(), "bench", "build-firmware.sh")
	return "CXLOG_BENCH_CACHE=" + shellQuote(cache) + " " + shellQuote(script)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// buildDir is the build/ folder of the source tree, found from this file's path so that a
// test of any package can reach the bench.
func buildDir() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(here))
}
