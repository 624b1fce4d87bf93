package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// These open real paths with go.bug.st/serial through Verify.
func TestVerifyRealPortErrors(t *testing.T) {
	dir := t.TempDir()
	regularFile := filepath.Join(dir, "not-a-tty")
	if err := os.WriteFile(regularFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		kind   PortProblemKind
		advice string
	}{
		{"missing device", filepath.Join(dir, "ttyACM9"), PortMissing, "plugged in"},
		{"regular file", regularFile, PortNotSerial, "tty device"},
		{"character device without serial ioctls", "/dev/null", PortNotSerial, "tty device"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertPortProblem(t, tt.path, tt.kind, tt.advice)
		})
	}
}

func TestVerifyRealPortPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: root bypasses file permission checks (CAP_DAC_OVERRIDE), so a mode-000 file opens fine")
	}
	path := filepath.Join(t.TempDir(), "ttyUSB0")
	if err := os.WriteFile(path, nil, 0o000); err != nil {
		t.Fatal(err)
	}
	assertPortProblem(t, path, PortNoPermission, "dialout")
}

func assertPortProblem(t *testing.T, path string, kind PortProblemKind, advice string) {
	t.Helper()
	cfg := DefaultConfig(t.TempDir())
	cfg.Port = path
	cfg.Expect = []string{"Hello"}
	report := Verify(context.Background(), cfg, Deps{})
	if report.Outcome != OutcomePortError || report.Outcome.ExitCode() != 7 {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
	var problem *PortProblem
	if !errors.As(report.Err, &problem) || problem.Kind != kind {
		t.Fatalf("err %v (%T), want a PortProblem of kind %d", report.Err, report.Err, kind)
	}
	if msg := report.Err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, advice) || strings.Contains(msg, "\n") {
		t.Errorf("message %q should be one line naming %s and saying %q", msg, path, advice)
	}
}

func TestOpenErrorKinds(t *testing.T) {
	tests := []struct {
		err  error
		kind PortProblemKind
	}{
		{syscall.ENOENT, PortMissing},
		{syscall.ENXIO, PortMissing},
		{syscall.ENODEV, PortMissing},
		{&os.PathError{Op: "open", Path: "/dev/ttyUSB0", Err: syscall.EACCES}, PortNoPermission},
		{syscall.EPERM, PortNoPermission},
		{syscall.EBUSY, PortBusy},
		{syscall.ENOTTY, PortNotSerial},
		{errors.New("something else"), PortOther},
	}
	for _, tt := range tests {
		if got := openErrorKind(tt.err); got != tt.kind {
			t.Errorf("%v: kind %d, want %d", tt.err, got, tt.kind)
		}
	}
}
