package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/buildtest"
	"go.bug.st/serial"
)

func needQEMU(t *testing.T) {
	t.Helper()
	buildtest.SkipShort(t)
	needTool(t, "qemu-system-riscv32", "apt-get install -y qemu-system-misc")
}

func writeImage(t *testing.T, image []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hello.bin")
	if err := os.WriteFile(path, image, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// StartQEMU on its own: paused, pty announced, port opened, then Continue.
func TestStartQEMU(t *testing.T) {
	needQEMU(t)
	kernel := writeImage(t, riscvPrintImage("hello from the raw image\r\n", false))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	qemu, err := StartQEMU(ctx, QEMUOptions{Kernel: kernel})
	if err != nil {
		t.Fatal(err)
	}
	defer qemu.Close()
	port, err := serial.Open(qemu.PortPath(), &serial.Mode{BaudRate: DefaultBaud})
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	if err := port.SetReadTimeout(readPollInterval); err != nil {
		t.Fatal(err)
	}
	continuedAt := time.Now()
	if err := qemu.Continue(); err != nil {
		t.Fatal(err)
	}
	result := Watch(ctx, port, WatchOptions{Expect: []string{"hello from the raw image"}, Timeout: 10 * time.Second}, nil)
	if result.Outcome != OutcomePassed {
		t.Fatalf("%v: %v\nQEMU said: %s", result.Outcome, result.Err, qemu.Log())
	}
	t.Logf("QEMU pty %s: first byte %s after cont was sent", qemu.PortPath(), result.FirstByteAt.Sub(continuedAt))

	if err := qemu.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-qemu.Done():
	default:
		t.Fatal("Close returned while QEMU still runs")
	}
}

func TestStartQEMUReportsABadKernel(t *testing.T) {
	needQEMU(t)
	if _, err := StartQEMU(context.Background(), QEMUOptions{Kernel: filepath.Join(t.TempDir(), "missing.elf")}); err == nil {
		t.Fatal("no error for a missing kernel")
	}
	kernel := writeImage(t, nil)
	_, err := StartQEMU(context.Background(), QEMUOptions{Kernel: kernel, ExtraArgs: []string{"-no-such-option"}})
	if err == nil {
		t.Fatal("no error for QEMU refusing to start")
	}
	t.Logf("QEMU refusing to start: %v", err)
}

// The emulated flow through Verify, on the hand-assembled image.
func TestVerifyEmulatedRawImage(t *testing.T) {
	needQEMU(t)
	tests := []struct {
		name    string
		image   []byte
		outcome Outcome
	}{
		{"prints and spins", riscvPrintImage("boot\r\nhello\r\n", false), OutcomePassed},
		{"prints and exits", riscvPrintImage("boot\r\nhello\r\n", true), OutcomePassed},
		{"silent, spins", riscvPrintImage("", false), OutcomeExpectNotSeen},
		{"silent, exits", riscvPrintImage("", true), OutcomeExpectNotSeen},
		{"panics", riscvPrintImage("boot\r\npanicked at src/main.rs:3:5\r\n", false), OutcomePanic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig(t.TempDir())
			cfg.Emulator = EmulatorQEMURiscv32
			cfg.Kernel = writeImage(t, tt.image)
			cfg.Expect = []string{"boot", "hello"}
			cfg.Fail = []string{"panicked at"}
			cfg.Timeout = 2 * time.Second
			report := Verify(context.Background(), cfg, Deps{})
			if report.Outcome != tt.outcome {
				t.Fatalf("outcome %v, want %v: %v\ntranscript %q\nQEMU: %s", report.Outcome, tt.outcome, report.Err, report.Transcript, report.FlashLog)
			}
			t.Logf("%v: %v; first output after %s; phases %v", report.Outcome, report.Err, report.FirstOutputLatency, report.Durations)
		})
	}
}

// How long from resuming the guest to Watch seeing its first byte. The guest
// prints at once, so this is the monitor round trip plus QEMU's UART -> pty ->
// go.bug.st/serial path.
func TestQEMUFirstOutputLatency(t *testing.T) {
	needQEMU(t)
	kernel := writeImage(t, riscvPrintImage("hello\r\n", false))
	const samples = 10
	var fromContinue, fromAck []time.Duration
	for range samples {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		qemu, err := StartQEMU(ctx, QEMUOptions{Kernel: kernel})
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		port, err := serial.Open(qemu.PortPath(), &serial.Mode{BaudRate: DefaultBaud})
		if err != nil {
			t.Fatal(err)
		}
		port.SetReadTimeout(readPollInterval)
		results := make(chan WatchResult, 1)
		go func() {
			results <- Watch(ctx, port, WatchOptions{Expect: []string{"hello"}, Timeout: 10 * time.Second}, nil)
		}()
		continuedAt := time.Now()
		if err := qemu.Continue(); err != nil {
			t.Fatal(err)
		}
		ackedAt := time.Now()
		result := <-results
		port.Close()
		qemu.Close()
		cancel()
		if result.Outcome != OutcomePassed {
			t.Fatalf("%v: %v", result.Outcome, result.Err)
		}
		fromContinue = append(fromContinue, result.FirstByteAt.Sub(continuedAt))
		fromAck = append(fromAck, result.FirstByteAt.Sub(ackedAt))
	}
	slices.Sort(fromContinue)
	slices.Sort(fromAck)
	t.Logf("QEMU, %d runs: Continue() called -> first byte: min %s, median %s, max %s; monitor acknowledged cont -> first byte: min %s, median %s, max %s",
		samples, fromContinue[0], fromContinue[samples/2], fromContinue[samples-1], fromAck[0], fromAck[samples/2], fromAck[samples-1])
}
