package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/buildtest"
)

var (
	cxlogBinOnce sync.Once
	cxlogBin     string
	cxlogBinErr  error
)

// builtCxlog builds the cxlog binary once per test run, for tests that need a real process.
func builtCxlog(t *testing.T) string {
	t.Helper()
	cxlogBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cxlog-bin-")
		if err != nil {
			cxlogBinErr = err
			return
		}
		cxlogBin = filepath.Join(dir, "cxlog")
		if out, err := exec.Command("go", "build", "-o", cxlogBin, ".").CombinedOutput(); err != nil {
			cxlogBinErr = errors.New(string(out))
		}
	})
	if cxlogBinErr != nil {
		t.Fatalf("go build: %v", cxlogBinErr)
	}
	return cxlogBin
}

func waitForFile(t *testing.T, path string, limit time.Duration) []byte {
	t.Helper()
	for deadline := time.Now().Add(limit); ; time.Sleep(10 * time.Millisecond) {
		if data, err := os.ReadFile(path); err == nil && len(bytes.TrimSpace(data)) > 0 {
			return data
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not written within %s", path, limit)
		}
	}
}

func alive(pid int) bool { return syscall.Kill(pid, 0) == nil }

// Ctrl-C (SIGINT) on a running verify ends the command it is running and every process that
// command started, and cxlog exits 130: during the build and during the after-open step.
func TestVerifySIGINTEndsEveryChild(t *testing.T) {
	buildtest.SkipShort(t)
	bin := builtCxlog(t)
	a, _ := ptyPair(t)
	for _, phase := range []string{"build", "after-open"} {
		t.Run(phase, func(t *testing.T) {
			dir := t.TempDir()
			pidFile := filepath.Join(dir, "child.pid")
			child := "sleep 1000 & echo $! > '" + pidFile + "'; wait"
			args := []string{"verify", "--project", dir, "--port", a, "--expect", "never", "--timeout", "60s"}
			if phase == "build" {
				args = append(args, "--build", child)
			} else {
				args = append(args, "--after-open", child)
			}
			cmd := exec.Command(bin, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pid, err := strconv.Atoi(strings.TrimSpace(string(waitForFile(t, pidFile, 20*time.Second))))
			if err != nil || !alive(pid) {
				t.Fatalf("child pid %d (%v) not running", pid, err)
			}
			sent := time.Now()
			cmd.Process.Signal(os.Interrupt)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				syscall.Kill(pid, syscall.SIGKILL)
				t.Fatal("cxlog still runs 10 s after SIGINT")
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit %d after SIGINT, want 130; stderr %q", code, stderr.String())
			}
			for deadline := time.Now().Add(2 * time.Second); alive(pid) && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			}
			if alive(pid) {
				syscall.Kill(pid, syscall.SIGKILL)
				t.Fatalf("the %s command's child %d survived SIGINT", phase, pid)
			}
			t.Logf("%s: exit 130 %s after SIGINT, child %d ended", phase, time.Since(sent).Round(time.Millisecond), pid)
		})
	}
}

// A firmware flooding the port: 100 MB as fast as a pty carries it, in 100-byte lines and as
// one line without a newline. cxlog's peak resident memory stays bounded (the transcript
// kept in memory is a 1 MiB tail, the matchers keep one bounded line).
func TestVerifyFloodKeepsMemoryBounded(t *testing.T) {
	buildtest.SkipShort(t)
	bin := builtCxlog(t)
	// A child's ru_maxrss on Linux counts what it inherited before exec: measure through
	// GNU time, a small process of its own, as BenchmarkPeakMemory does.
	gnuTime := buildtest.NeedTool(t, "/usr/bin/time", "apt-get install -y time")
	const size = 100_000_000
	for _, tc := range []struct{ name, flood string }{
		{"lines", "head -c " + strconv.Itoa(size) + " /dev/zero | tr '\\0' x | fold -w 99"},
		{"one line", "head -c " + strconv.Itoa(size) + " /dev/zero | tr '\\0' x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := ptyPair(t)
			peakFile := filepath.Join(t.TempDir(), "peak-kb")
			cmd := exec.Command(gnuTime, "-f", "%M", "-o", peakFile, bin, "verify", "--project", t.TempDir(), "--port", a, "--expect", "FLOOD-DONE", "--timeout", "300s", "--settle", "0",
				"--after-open", "{ "+tc.flood+"; printf '\\r\\nFLOOD-DONE\\r\\n'; } > "+b)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v: %s\n%s", err, stderr.String(), stdout.String())
			}
			elapsed := time.Since(start)
			peakKB, err := strconv.ParseFloat(strings.TrimSpace(string(waitForFile(t, peakFile, time.Second))), 64)
			if err != nil {
				t.Fatal(err)
			}
			peakMB := peakKB / 1024
			read := ""
			for _, line := range strings.Split(stdout.String(), "\n") {
				if strings.Contains(line, "bytes read") {
					read = strings.TrimSpace(line)
				}
			}
			var n int64
			if _, after, ok := strings.Cut(read, ", "); ok {
				n, _ = strconv.ParseInt(strings.Fields(after)[0], 10, 64)
			}
			if n < size {
				t.Errorf("%d bytes read (report line %q), want at least %d", n, read, size)
			}
			t.Logf("%s: 100 MB flood through a pty in %s (%.0f MB/s): cxlog verify peak RSS %.1f MB; %d bytes read",
				tc.name, elapsed.Round(time.Millisecond), float64(size)/1e6/elapsed.Seconds(), peakMB, n)
			if peakMB > 100 {
				t.Errorf("peak RSS %.1f MB for a 100 MB flood: memory follows the output", peakMB)
			}
		})
	}
}
