package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/cmd/cxlog/report"
)

// findingLines is an output format defined the way a new one is: one type with Write and one
// Register call. It prints one line per check finding.
type findingLines struct{}

func (findingLines) Write(w io.Writer, r report.Result) error {
	c, ok := r.(*report.Check)
	if !ok {
		return &report.UnsupportedError{Format: "finding-lines", Schema: r.Schema()}
	}
	for _, f := range c.Findings {
		if _, err := fmt.Fprintf(w, "%s %s %s\n", c.Log, f.Class, f.Rule); err != nil {
			return err
		}
	}
	return nil
}

func init() {
	report.Register("finding-lines", func(report.Options) report.Reporter { return findingLines{} })
}

// Adding an output format is one file: the registered format is offered and used by --format.
func TestANewFormatIsOneRegistration(t *testing.T) {
	code, out, stderr := cli(t, "", "check", "--format", "finding-lines", seed+"s05-linker-cc-explicit.log")
	if code != exitDifferent || !strings.Contains(out, "s05-linker-cc-explicit.log linker-flavor-mismatch flavor-gnu-to-c-driver\n") {
		t.Errorf("exit %d, stderr %q:\n%s", code, stderr, out)
	}
	if _, help, _ := cli(t, "", "check", "--help"); !strings.Contains(help, "finding-lines") {
		t.Errorf("--help does not offer the format:\n%s", help)
	}
	code, _, stderr = cli(t, "", "parse", "--format", "finding-lines", seed+"s05-linker-cc-explicit.log")
	oneLineWith(t, "a format that cannot show parse", code, exitUsage, stderr, "format finding-lines cannot show cxlog.parse/v1 output")
}

func TestJSONAndAnotherFormatConflict(t *testing.T) {
	code, _, stderr := cli(t, "", "check", "--json", "--format", "text", seed+"s05-linker-cc-explicit.log")
	oneLineWith(t, "--json --format text", code, exitUsage, stderr, "--json and --format text: choose one")
	code, out, _ := cli(t, "", "check", "--json", "--format", "json", seed+"s11-cross-x86_64.good.log")
	if code != exitOK || !strings.Contains(out, `"schema": "cxlog.check/v1"`) {
		t.Errorf("--json --format json: exit %d\n%s", code, out)
	}
}

// Commands are functions of their options: run without cobra, a terminal or a process.
func TestCommandsRunWithoutCobra(t *testing.T) {
	t.Setenv("CXLOG_CACHE_DIR", t.TempDir())
	var out bytes.Buffer
	io := &IO{Out: &out, Err: io.Discard}
	err := runCheck(io, checkOptions{Log: seed + "s05-linker-cc-explicit.log", Output: outputOptions{Format: report.JSON}})
	if code, _ := exitCode(err); code != exitDifferent || !strings.Contains(out.String(), `"rule": "flavor-gnu-to-c-driver"`) {
		t.Errorf("runCheck: %v\n%s", err, out.String())
	}
	out.Reset()
	opts := diffOptions{Output: outputOptions{Format: report.Text}}
	opts.Good, opts.Bad = seed+"s11-cross-x86_64.good.log", seed+"s11-cross-x86_64.good.log"
	if err := runDiff(io, opts); err != nil || !strings.Contains(out.String(), "No differences that matter.") {
		t.Errorf("runDiff: %v\n%s", err, out.String())
	}
}
