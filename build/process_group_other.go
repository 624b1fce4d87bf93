//go:build !unix

package build

import (
	"context"
	"os/exec"
)

func killProcessGroupOnCancel(*exec.Cmd) {}

func killLeftoversOnCancel(context.Context, *exec.Cmd) {}
