// Command cxlog does forensics on Rust cross-compilation build logs.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Exit codes shared by every command. verify adds its own (see `cxlog verify --help`).
const (
	exitOK          = 0
	exitDifferent   = 1 // diff/check: differences or findings
	exitUsage       = 2 // usage error, unreadable or invalid input
	exitInternalBug = 70
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], systemIO()))
}

func run(ctx context.Context, args []string, io *IO) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(io.Err, "cxlog: internal error: %v (please report it)\n", r)
			code = exitInternalBug
		}
	}()
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ex *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ex):
		if ex.msg != "" {
			fmt.Fprintf(io.Err, "cxlog: %s\n", ex.msg)
		}
		return ex.code
	default:
		fmt.Fprintf(io.Err, "cxlog: %v\n", err)
		return exitUsage
	}
}

// exitError ends a command with a code and an optional one-line message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func exitWith(code int, format string, a ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, a...)}
}

// silentExit ends a command with a code after it printed its own output.
func silentExit(code int) error { return &exitError{code: code} }
