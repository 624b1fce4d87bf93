// Package buildtest holds what tests of the verify loop share: external tools that CI must
// have, and pseudo-terminal pairs that stand in for a board's serial port.
package buildtest

import (
	"os"
	"os/exec"
	"path/filepath"
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
