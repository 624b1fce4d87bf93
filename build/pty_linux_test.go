package build

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// Text that reached the port before the run (the last firmware's output, a
// stray echo into the line) is not output of this run.
func TestVerifyThroughRealPTYIgnoresWhatThePortHeldBefore(t *testing.T) {
	a, b := ptyPair(t)
	stale := "Hello from firmware\r\n"
	if err := os.WriteFile(b, []byte(stale), 0); err != nil {
		t.Fatal(err)
	}
	waitUntilQueued(t, a, len(stale))
	cfg := DefaultConfig(t.TempDir())
	cfg.Port = a
	cfg.Expect = []string{"Hello from firmware"}
	cfg.Timeout = 500 * time.Millisecond
	report := Verify(context.Background(), cfg, Deps{})
	if report.Outcome != OutcomeExpectNotSeen || report.SerialBytes != 0 {
		t.Fatalf("outcome %v after %d bytes (%q): %v", report.Outcome, report.SerialBytes, report.Transcript, report.Err)
	}
	// What the device prints once released still counts.
	cfg.AfterOpen = fmt.Sprintf(`printf 'Hello from firmware\r\n' > %s`, b)
	if report := Verify(context.Background(), cfg, Deps{}); report.Outcome != OutcomePassed {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
}

// waitUntilQueued holds the pty open (the queue lives while someone has it
// open) until n bytes wait in its input queue, the state of a port that
// received output before the run.
func waitUntilQueued(t *testing.T, path string, n int) {
	t.Helper()
	holder, err := os.OpenFile(path, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { holder.Close() })
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		var queued int32
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, holder.Fd(), syscall.TIOCINQ, uintptr(unsafe.Pointer(&queued))); errno != 0 {
			t.Fatalf("TIOCINQ on %s: %v", path, errno)
		}
		if int(queued) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d bytes reached %s", queued, n, path)
		}
	}
}
