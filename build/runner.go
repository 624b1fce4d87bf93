package build

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"slices"
)

// Command is one shell command line run in a directory.
type Command struct {
	Line string   // run with sh -c
	Dir  string   // working directory; empty means the current one
	Env  []string // KEY=VALUE entries added to the base environment
	// Base is the environment to start from (KEY=VALUE entries); nil means cxlog's own.
	Base []string
}

// Runner runs commands. A non-zero exit is reported through exitCode with a
// nil err; err is for commands that could not run or did not finish.
type Runner interface {
	Run(ctx context.Context, c Command) (output []byte, exitCode int, err error)
}

// ShellRunner runs commands with sh -c and captures stdout and stderr together.
// When ctx ends, the command's whole process group is killed: the command while
// it runs, and what it left running in the background after it exited.
type ShellRunner struct{}

func (ShellRunner) Run(ctx context.Context, c Command) ([]byte, int, error) {
	// A file, not a pipe, takes the output: a background child that keeps the
	// pipe open would otherwise hold Run until the child exits.
	logFile, err := os.CreateTemp("", "cxlog-run-*.log")
	if err != nil {
		return nil, -1, err
	}
	defer os.Remove(logFile.Name())
	defer logFile.Close()

	cmd := exec.CommandContext(ctx, "sh", "-c", c.Line)
	cmd.Dir = c.Dir
	base := c.Base
	if base == nil {
		base = os.Environ()
	}
	cmd.Env = slices.Concat(base, c.Env)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	killProcessGroupOnCancel(cmd)
	runErr := cmd.Run()
	if cmd.Process != nil {
		killLeftoversOnCancel(ctx, cmd)
	}

	output, readErr := os.ReadFile(logFile.Name())
	if ctxErr := ctx.Err(); ctxErr != nil && runErr != nil {
		return output, -1, ctxErr
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) && exitErr.ExitCode() >= 0 {
		return output, exitErr.ExitCode(), readErr
	}
	if runErr != nil {
		return output, -1, runErr
	}
	return output, 0, readErr
}
