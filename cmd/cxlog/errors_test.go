package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/cxlog/cxlog/grammar/logread"
)

// cliTo runs cxlog with stdout going to out.
func cliTo(t *testing.T, out io.Writer, args ...string) (int, string) {
	t.Helper()
	var errOut bytes.Buffer
	t.Setenv("CXLOG_CACHE_DIR", t.TempDir())
	code := run(context.Background(), args, &IO{In: strings.NewReader(""), Out: out, Err: &errOut})
	return code, errOut.String()
}

func oneLineWith(t *testing.T, what string, code, wantCode int, stderr, want string) {
	t.Helper()
	if code != wantCode || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, want) {
		t.Errorf("%s: exit %d, stderr %q (want %d, one line with %q)", what, code, stderr, wantCode, want)
	}
}

// Issue 9.13: output that cannot be written is an error, said in one line, exit 2.
func TestWriteErrorsExitTwo(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	for _, args := range [][]string{
		{"parse", seed + "s05-linker-cc-explicit.log"},
		{"parse", "--json", seed + "s05-linker-cc-explicit.log"},
		{"check", seed + "s05-linker-cc-explicit.log"},
		{"check", "--format", "json", seed + "s11-cross-x86_64.good.log"},
		{"diff", seed + "s11-cross-x86_64.good.log", seed + "s10-cross-riscv32-none-elf.bad.log"},
		{"diff", seed + "s11-cross-x86_64.good.log", seed + "s11-cross-x86_64.good.log"},
		{"explain", seed + "s01-nixpkgs-2311-flavor.log"},
		{"explain", "--json", seed + "s01-nixpkgs-2311-flavor.log"},
		{"search", "linker flavor"},
		{"kb", "list"},
		{"kb", "show", "gcc-wrapper-receives-flavor-gnu"},
		{"kb", "lint", "--json"},
		{"eval", "../../corpus/bench"},
		{"fix", "--json", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", fixProject(t, cargoConfigWithGCC)},
		{"fix", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", fixProject(t, cargoConfigWithGCC)},
		{"version"},
	} {
		code, stderr := cliTo(t, full, args...)
		oneLineWith(t, strings.Join(args, " "), code, exitUsage, stderr, "writing output: write /dev/full: no space left on device")
	}
}

func TestUnknownSubcommandsAndFormatsExitTwo(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"completion", "bogus"}, `unknown command "bogus" for "cxlog completion"`},
		{[]string{"kb", "bogus"}, `unknown command "bogus" for "cxlog kb"`},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"check", "--format", "yaml", seed + "s05-linker-cc-explicit.log"}, `--format: unknown output format "yaml" (formats: `},
		{[]string{"parse", "--no-such-flag", "x"}, "unknown flag: --no-such-flag"},
	} {
		code, _, stderr := cli(t, "", tc.args...)
		oneLineWith(t, strings.Join(tc.args, " "), code, exitUsage, stderr, tc.want)
	}
	if code, out, stderr := cli(t, "", "completion", "bash"); code != exitOK || !strings.Contains(out, "bash completion") {
		t.Errorf("completion bash: exit %d, %s", code, stderr)
	}
}

// Issue 8.7: a panic on a parsing goroutine ends cxlog like one in main: exit 70, one line.
func TestPanicInAWorkerExitsSeventy(t *testing.T) {
	testHookRender = func(analyze.Record) { panic("boom in a parse worker") }
	defer func() { testHookRender = nil }()
	code, out, stderr := cli(t, "", "parse", "--json", seed+"s05-linker-cc-explicit.log")
	oneLineWith(t, "parse --json", code, exitInternalBug, stderr, "internal error: boom in a parse worker (please report it)")
	if strings.Contains(stderr, "goroutine") {
		t.Errorf("a stack trace instead of one line:\n%s", stderr)
	}
	_ = out
}

// Each kind of error has its exit code; main holds the one mapping.
func TestExitCodeOfEachErrorKind(t *testing.T) {
	ran := func(err error) error { return &ranError{err} }
	for _, tc := range []struct {
		err  error
		code int
	}{
		{ran(&logread.InputError{Name: "x.log", Err: errors.New("empty input")}), exitUsage},
		{ran(&engine.KBError{Err: errors.New("bad entry")}), exitUsage},
		{ran(&engine.UserError{Err: errors.New("no derivation")}), exitUsage},
		{ran(&engine.IndexError{Err: errors.New("bleve failed")}), exitInternalBug},
		{ran(&analyze.PanicError{Value: "boom"}), exitInternalBug},
		{ran(&report.WriteError{Err: errors.New("broken pipe")}), exitUsage},
		{ran(&engine.NoMatchError{Log: "x.log"}), exitDifferent},
		{ran(fmt.Errorf("wrapped: %w", context.Canceled)), exitCanceled},
		{ran(silentExit(exitDifferent)), exitDifferent},
		{ran(errors.New("an error no one classified")), exitInternalBug},
		{errors.New(`unknown command "x" for "cxlog"`), exitUsage}, // cobra's own
	} {
		if code, _ := exitCode(tc.err); code != tc.code {
			t.Errorf("%T %v: exit %d, want %d", errors.Unwrap(tc.err), tc.err, code, tc.code)
		}
	}
}

// Issue 9.16: /dev/null is a character device but no terminal: explain < /dev/null reads it
// without asking anyone to paste.
func TestExplainFromDevNullShowsNoPrompt(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	if isTerminal(devNull) {
		t.Fatal("/dev/null taken for a terminal")
	}
	var out, errOut bytes.Buffer
	t.Setenv("CXLOG_CACHE_DIR", t.TempDir())
	io := &IO{In: devNull, Out: &out, Err: &errOut, InTTY: isTerminal(devNull)}
	code := run(context.Background(), []string{"explain"}, io)
	if strings.Contains(errOut.String(), "paste it") {
		t.Errorf("paste prompt for /dev/null: %q", errOut.String())
	}
	oneLineWith(t, "explain < /dev/null", code, exitUsage, errOut.String(), "empty input")

	a, _ := ptyPair(t)
	tty, err := os.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	if !isTerminal(tty) {
		t.Error("a pty is not taken for a terminal")
	}
}
