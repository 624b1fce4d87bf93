package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/buildtest"
	"go.bug.st/serial"
)

func ptyPair(t *testing.T) (a, b string) { return buildtest.PTYPair(t) }

// The whole verify loop on a real pseudo-terminal through go.bug.st/serial:
// the after-open command plays the firmware and prints into the other end.
func TestVerifyThroughRealPTY(t *testing.T) {
	a, b := ptyPair(t)
	cfg := DefaultConfig(t.TempDir())
	cfg.Build = "echo building"
	cfg.Port = a
	cfg.AfterOpen = fmt.Sprintf(`printf 'boot ok\r\nHello from firmware\r\n' > %s`, b)
	cfg.Expect = []string{"boot ok", "Hello from firmware"}
	cfg.Fail = []string{"panicked at"}
	cfg.Timeout = 5 * time.Second
	cfg.Transcript = "serial.log"

	report := Verify(context.Background(), cfg, Deps{})

	if report.Outcome != OutcomePassed || report.Outcome.ExitCode() != 0 {
		t.Fatalf("outcome %v: %v\ntranscript %q", report.Outcome, report.Err, report.Transcript)
	}
	if !slices.Equal(report.Seen, cfg.Expect) {
		t.Errorf("seen %q", report.Seen)
	}
	transcript, err := os.ReadFile(filepath.Join(cfg.Dir, "serial.log"))
	if err != nil || string(transcript) != string(report.Transcript) {
		t.Errorf("transcript file %q (%v), report %q", transcript, err, report.Transcript)
	}
	t.Logf("pty via socat: first output %s after the after-open command started (includes sh startup); phases %v",
		report.FirstOutputLatency, report.Durations)
}

func TestVerifyThroughRealPTYFailText(t *testing.T) {
	a, b := ptyPair(t)
	cfg := DefaultConfig(t.TempDir())
	cfg.Port = a
	cfg.AfterOpen = fmt.Sprintf(`printf 'boot ok\r\npanicked at src/main.rs:7:5\r\n' > %s`, b)
	cfg.Expect = []string{"Hello from firmware"}
	cfg.Fail = []string{"panicked at"}
	cfg.Timeout = 5 * time.Second
	report := Verify(context.Background(), cfg, Deps{})
	if report.Outcome != OutcomePanic || report.FailLine != "panicked at src/main.rs:7:5" || report.Crash.Location != "src/main.rs:7:5" {
		t.Fatalf("outcome %v, fail line %q: %v", report.Outcome, report.FailLine, report.Err)
	}
}

// How long a byte written into one end of the pty takes to reach Watch
// through go.bug.st/serial at the other end.
func TestWatchLatencyThroughRealPTY(t *testing.T) {
	a, b := ptyPair(t)
	port, err := serial.Open(a, &serial.Mode{BaudRate: DefaultBaud})
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	if err := port.SetReadTimeout(readPollInterval); err != nil {
		t.Fatal(err)
	}
	device, err := os.OpenFile(b, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer device.Close()

	const samples = 50
	var delays []time.Duration
	for i := range samples {
		line := fmt.Sprintf("tick %d", i)
		results := make(chan WatchResult, 1)
		go func() {
			results <- Watch(context.Background(), port, WatchOptions{Expect: []string{line}, Timeout: 5 * time.Second}, nil)
		}()
		time.Sleep(5 * time.Millisecond) // let the reader block in select
		wroteAt := time.Now()
		if _, err := device.WriteString(line + "\r\n"); err != nil {
			t.Fatal(err)
		}
		result := <-results
		if result.Outcome != OutcomePassed {
			t.Fatalf("sample %d: %v: %v", i, result.Outcome, result.Err)
		}
		delays = append(delays, result.FirstByteAt.Sub(wroteAt))
	}
	slices.Sort(delays)
	t.Logf("write -> Watch sees it, %d samples over a socat pty pair: min %s, median %s, p90 %s, max %s",
		samples, delays[0], delays[samples/2], delays[samples*9/10], delays[samples-1])
	if median := delays[samples/2]; median > readPollInterval {
		t.Errorf("median delay %s exceeds the read poll interval %s: reads are not woken by data", median, readPollInterval)
	}
}

// Firmware that colours its panic (esp-println, defmt) still fails the run, and
// a panic half a second after the greeting is inside the default settle window.
func TestVerifyThroughRealPTYColouredPanicAfterTheGreeting(t *testing.T) {
	a, b := ptyPair(t)
	cfg := DefaultConfig(t.TempDir())
	cfg.Port = a
	cfg.AfterOpen = fmt.Sprintf(`printf '\033[32mHello\033[0m from firmware\r\n' > %[1]s; sleep 0.5; printf '\033[31mpanicked\033[0m at src/main.rs:7:5\r\n' > %[1]s`, b)
	cfg.Expect = []string{"Hello from firmware"}
	cfg.Fail = []string{"panicked at"}
	cfg.Timeout = 5 * time.Second
	cfg.Transcript = "serial.log"
	report := Verify(context.Background(), cfg, Deps{})
	if report.Outcome != OutcomePanic || report.Outcome.ExitCode() != 9 {
		t.Fatalf("outcome %v: %v\ntranscript %q", report.Outcome, report.Err, report.Transcript)
	}
	if report.FailLine != "panicked at src/main.rs:7:5" || !slices.Equal(report.Seen, cfg.Expect) {
		t.Errorf("fail line %q, seen %q", report.FailLine, report.Seen)
	}
	transcript, err := os.ReadFile(filepath.Join(cfg.Dir, "serial.log"))
	if err != nil || !strings.Contains(string(transcript), "\x1b[31mpanicked\x1b[0m at") {
		t.Errorf("the transcript file should keep the raw bytes: %q, %v", transcript, err)
	}
}
