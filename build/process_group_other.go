//go:build !unix

package build

import "os/exec"

func killProcessGroupOnCancel(*exec.Cmd) {}
