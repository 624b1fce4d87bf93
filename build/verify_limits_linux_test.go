package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stuckCommand starts a grandchild that would run for 1000 s, writes its pid
// to pidFile and waits for it: a build or flash that hangs.
func stuckCommand(pidFile string) string {
	return fmt.Sprintf("echo started; sleep 1000 & echo $! > %s; wait", pidFile)
}

// requireGone fails unless process pid has ended (a zombie has ended too: it
// only waits for its new parent to reap it).
func requireGone(t *testing.T, pidFile string) {
	t.Helper()
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the command did not write its child's pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		// the state follows the command name, which is in parentheses
		if err != nil || bytes.HasPrefix(stat[bytes.LastIndexByte(stat, ')')+1:], []byte(" Z")) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %d (%s) outlived verify", pid, stat)
		}
	}
}

func TestVerifyTimeLimitsEndStuckCommands(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(cfg *Config, stuck string)
		phase  Phase
		errHas string
		log    func(r Report) []byte
	}{
		{
			name:   "build-timeout",
			setup:  func(cfg *Config, stuck string) { cfg.Build, cfg.BuildTimeout = stuck, 300*time.Millisecond },
			phase:  PhaseBuilding,
			errHas: "build command was still running when the build-timeout of 300ms passed",
			log:    func(r Report) []byte { return r.BuildLog },
		},
		{
			name: "flash-timeout",
			setup: func(cfg *Config, stuck string) {
				cfg.Build, cfg.Flash, cfg.FlashTimeout = "true", stuck, 300*time.Millisecond
			},
			phase:  PhaseFlashing,
			errHas: "flash command was still running when the flash-timeout of 300ms passed",
			log:    func(r Report) []byte { return r.FlashLog },
		},
		{
			name:   "run-timeout during the build",
			setup:  func(cfg *Config, stuck string) { cfg.Build, cfg.RunTimeout = stuck, 300*time.Millisecond },
			phase:  PhaseBuilding,
			errHas: "build command was still running when the run-timeout of 300ms passed",
			log:    func(r Report) []byte { return r.BuildLog },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig(t.TempDir())
			cfg.Port = "/dev/cxlog-never-opened"
			cfg.Expect = []string{"Hello"}
			pidFile := filepath.Join(cfg.Dir, "grandchild.pid")
			tt.setup(&cfg, stuckCommand(pidFile))

			start := time.Now()
			report := Verify(context.Background(), cfg, Deps{})
			elapsed := time.Since(start)

			if report.Outcome != OutcomeTimedOut || report.Outcome.ExitCode() != 8 || report.Phase != tt.phase {
				t.Fatalf("outcome %v (exit %d) in %q after %s: %v", report.Outcome, report.Outcome.ExitCode(), report.Phase, elapsed, report.Err)
			}
			if !strings.Contains(report.Err.Error(), tt.errHas) {
				t.Errorf("err %q, want it to say %q", report.Err, tt.errHas)
			}
			if elapsed > 3*time.Second {
				t.Errorf("took %s to end a command stuck past a 300ms limit", elapsed)
			}
			if got := string(tt.log(report)); got != "started\n" {
				t.Errorf("the stuck command's output %q should be kept", got)
			}
			requireGone(t, pidFile)
		})
	}
}

// The run-timeout also ends an after-open command that never returns; the
// run is judged on what the port printed by then.
func TestVerifyRunTimeoutEndsTheAfterOpenCommand(t *testing.T) {
	a, b := ptyPair(t)
	cfg := DefaultConfig(t.TempDir())
	cfg.Port = a
	pidFile := filepath.Join(cfg.Dir, "grandchild.pid")
	cfg.AfterOpen = fmt.Sprintf("printf 'boot\\r\\n' > %s; %s", b, stuckCommand(pidFile))
	cfg.Expect = []string{"boot", "Hello"}
	cfg.RunTimeout = 500 * time.Millisecond

	start := time.Now()
	report := Verify(context.Background(), cfg, Deps{})

	if report.Outcome != OutcomeExpectNotSeen || time.Since(start) > 3*time.Second {
		t.Fatalf("outcome %v after %s: %v", report.Outcome, time.Since(start), report.Err)
	}
	if len(report.Seen) != 1 || !strings.Contains(report.Err.Error(), "when the run-timeout passed") {
		t.Errorf("seen %q, err %v", report.Seen, report.Err)
	}
	requireGone(t, pidFile)
}

// What a command leaves in the background ends with its phase: the build's
// with the build, the after-open command's when the watch ends.
func TestVerifyEndsWhatCommandsLeftRunning(t *testing.T) {
	a, b := ptyPair(t)
	cfg := DefaultConfig(t.TempDir())
	cfg.Port = a
	background := func(pidFile string) string {
		return fmt.Sprintf("sleep 1000 >/dev/null 2>&1 & echo $! > %s", filepath.Join(cfg.Dir, pidFile))
	}
	cfg.Build = background("build.pid")
	cfg.Flash = background("flash.pid")
	cfg.AfterOpen = background("after-open.pid") + fmt.Sprintf("; printf 'Hello\\r\\n' > %s", b)
	cfg.Expect = []string{"Hello"}
	cfg.Settle = 0

	report := Verify(context.Background(), cfg, Deps{})

	if report.Outcome != OutcomePassed {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
	for _, pidFile := range []string{"build.pid", "flash.pid", "after-open.pid"} {
		requireGone(t, filepath.Join(cfg.Dir, pidFile))
	}
}
