// Command cxlog does forensics on Rust cross-compilation build logs.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
)

// Exit codes shared by every command. verify adds its own (see `cxlog verify --help`).
const (
	exitOK          = 0
	exitDifferent   = 1 // diff/check: differences or findings; fix: nothing to fix
	exitUsage       = 2 // usage error, unreadable or invalid input, output that cannot be written
	exitInternalBug = 70
	exitCanceled    = 130
)

func main() {
	stop := startProfiles(os.Getenv("CXLOG_CPUPROFILE"), os.Getenv("CXLOG_MEMPROFILE"))
	code := run(context.Background(), os.Args[1:], systemIO())
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, io *IO) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = say(io, exitInternalBug, "internal error: %v (please report it)", r)
		}
	}()
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	code, msg := exitCode(err)
	if msg == "" {
		return code
	}
	return say(io, code, "%s", msg)
}

// say prints one line on stderr, its control characters made visible, and returns code.
func say(io *IO, code int, format string, a ...any) int {
	fmt.Fprintf(io.Err, "cxlog: %s\n", report.Sanitize(fmt.Sprintf(format, a...)))
	return code
}

// exitCode maps an error to the documented exit code and the line that says it ("" when the
// command already said everything).
func exitCode(err error) (int, string) {
	var ex *exitError
	var ran *ranError
	switch {
	case errors.As(err, &ex):
		return ex.code, ex.msg
	case errors.As(err, new(*report.WriteError)), errors.As(err, new(*report.UnsupportedError)):
		return exitUsage, err.Error()
	case errors.As(err, new(*analyze.PanicError)):
		return exitInternalBug, err.Error() + " (please report it)"
	case errors.Is(err, context.Canceled):
		return exitCanceled, "canceled"
	case errors.As(err, new(*engine.IndexError)):
		return exitInternalBug, err.Error() + " (please report it)"
	case errors.As(err, new(*engine.NoMatchError)):
		return exitDifferent, err.Error()
	case errors.As(err, new(*logread.InputError)), errors.As(err, new(*engine.KBError)),
		errors.As(err, new(*knowledge.EntryError)), errors.As(err, new(*engine.UserError)):
		return exitUsage, oneLine(err)
	case errors.As(err, &ran):
		// An error no case above names came from a command's own code: a bug.
		return exitInternalBug, "internal error: " + oneLine(err) + " (please report it)"
	default:
		// cobra's own: an unknown command or flag, a wrong number of arguments.
		return exitUsage, oneLine(err)
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

// usageErrorf is a command line that cannot be carried out as given.
func usageErrorf(format string, a ...any) error { return exitWith(exitUsage, format, a...) }

// silentExit ends a command with a code after it printed its own output.
func silentExit(code int) error { return &exitError{code: code} }

// ranError marks an error returned by a command's RunE, as opposed to cobra's own.
type ranError struct{ err error }

func (e *ranError) Error() string { return e.err.Error() }
func (e *ranError) Unwrap() error { return e.err }

// oneLine joins a possibly multi-line error message into one line.
func oneLine(err error) string { return report.OneLine(err) }

// startProfiles writes a CPU profile to cpu and a heap profile to mem (either may be ""), for
// the speed work in scripts/bench.sh; it returns the function that finishes them.
func startProfiles(cpu, mem string) (stop func()) {
	var cpuFile *os.File
	if cpu != "" {
		if f, err := os.Create(cpu); err == nil && pprof.StartCPUProfile(f) == nil {
			cpuFile = f
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
}
