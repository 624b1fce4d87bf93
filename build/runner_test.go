package build

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestShellRunner(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		line     string
		output   string
		exitCode int
	}{
		{"echo out; echo err >&2", "out\nerr\n", 0},
		{"pwd", dir + "\n", 0},
		{"echo $CXLOG_TEST_VALUE", "from-env\n", 0},
		{"echo failing; exit 101", "failing\n", 101},
	}
	for _, tt := range tests {
		out, code, err := ShellRunner{}.Run(context.Background(), Command{Line: tt.line, Dir: dir, Env: []string{"CXLOG_TEST_VALUE=from-env"}})
		if err != nil || code != tt.exitCode || string(out) != tt.output {
			t.Errorf("%q: output %q, exit %d, err %v; want %q, %d", tt.line, out, code, err, tt.output, tt.exitCode)
		}
	}
}

// A command that leaves a child running in the background (a monitor, an
// emulator) must not hold the runner until that child exits.
func TestShellRunnerDoesNotWaitForBackgroundChildren(t *testing.T) {
	start := time.Now()
	out, code, err := ShellRunner{}.Run(context.Background(), Command{Line: "sleep 5 & echo started"})
	if err != nil || code != 0 || strings.TrimSpace(string(out)) != "started" {
		t.Fatalf("output %q, exit %d, err %v", out, code, err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("took %s: waited for the background child", elapsed)
	}
}

func TestShellRunnerCancelKillsTheProcessGroup(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, code, err := ShellRunner{}.Run(ctx, Command{Line: "sleep 30; echo never"})
	if !errors.Is(err, context.DeadlineExceeded) || code != -1 {
		t.Fatalf("exit %d, err %v; want the context's error", code, err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Fatalf("took %s to cancel", elapsed)
	}
}

// Base replaces the inherited environment: a variable cxlog has is gone when Base
// lacks it, and a value reaches the command as data, not shell text.
func TestShellRunnerBaseEnvironment(t *testing.T) {
	t.Setenv("CXLOG_TEST_INHERITED", "inherited")
	value := "$(echo injected); `echo injected`"
	out, code, err := ShellRunner{}.Run(context.Background(), Command{
		Line: `printf '%s|%s' "${CXLOG_TEST_INHERITED:-gone}" "$CXLOG_TEST_VALUE"`,
		Dir:  t.TempDir(),
		Base: []string{"CXLOG_TEST_VALUE=" + value},
	})
	if want := "gone|" + value; err != nil || code != 0 || string(out) != want {
		t.Errorf("output %q, exit %d, err %v; want %q", out, code, err, want)
	}
}
