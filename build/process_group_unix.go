//go:build unix

package build

import (
	"context"
	"os/exec"
	"syscall"
)

func killProcessGroupOnCancel(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// killLeftoversOnCancel kills what an exited command left running in its
// process group (children it put in the background) once ctx ends.
func killLeftoversOnCancel(ctx context.Context, cmd *exec.Cmd) {
	group := cmd.Process.Pid
	if syscall.Kill(-group, 0) != nil {
		return // nothing left
	}
	context.AfterFunc(ctx, func() { syscall.Kill(-group, syscall.SIGKILL) })
}
