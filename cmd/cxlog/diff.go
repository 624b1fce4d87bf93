package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/analyze/normal"
	"github.com/cxlog/cxlog/knowledge/annotate"
	"github.com/cxlog/cxlog/knowledge/explain"
	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
)

const diffSchema = "cxlog.diff/v1"

type diffOptions struct {
	Good, Bad       string
	GoodDrv, BadDrv string // compare two derivations of one Nix log
	JSON, All       bool
	KB              kbOptions
}

// knownFailures matches the errors only the bad build shows against the knowledge base, and
// gives every finding the fix of the entry it cites.
func knownFailures(good, bad *analyze.Log, findings []finding.Finding, kb kbOptions) ([]finding.Finding, error) {
	b, err := kb.load()
	if err != nil {
		return nil, err
	}
	ix, err := openIndex(b)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	findings = finding.Rank(append(findings, explain.NewErrors(good, bad, b, ix)...))
	return findings, annotate.Findings(findings, b)
}

func newDiffCmd(io *IO) *cobra.Command {
	opts := diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff [--json] [--all] GOOD.log BAD.log | diff --good-drv NAME --bad-drv NAME LOG",
		Short: "Compare a working and a failing build by meaning and say which difference broke it",
		Long: `Compare two build logs by meaning, not by lines: invocations are aligned by crate, kind,
target and version; store hashes, crate hashes, temp dirs and build roots are normalised.
Findings come first, ranked so that the cause outranks its symptoms; --all adds every raw
difference. --json prints schema "` + diffSchema + `".

One 'nix build -L' log that holds both builds (two derivations, e.g. two cross set-ups of the
same crate) is compared with --good-drv and --bad-drv; 'cxlog parse' lists the derivations.

Exit codes:
  0  no differences
  1  differences found
  2  usage error, or input that cannot be read`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 2:
				opts.Good, opts.Bad = args[0], args[1]
			case opts.GoodDrv == "" || opts.BadDrv == "":
				return exitWith(exitUsage, "diff needs GOOD.log BAD.log, or --good-drv and --bad-drv with one log")
			default:
				opts.Good, opts.Bad = args[0], args[0]
			}
			return runDiff(io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.GoodDrv, "good-drv", "", "the working build's Nix derivation name in the log")
	cmd.Flags().StringVar(&opts.BadDrv, "bad-drv", "", "the failing build's Nix derivation name in the log")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&opts.All, "all", false, "show every raw difference beneath the findings")
	opts.KB.register(cmd)
	return cmd
}

func readLog(io *IO, path string, opt analyze.Options) (*analyze.Log, error) {
	l, err := analyze.ReadPath(path, io.In, opt)
	if err != nil {
		return nil, exitWith(exitUsage, "%v", err)
	}
	return l, nil
}

func runDiff(io *IO, opts diffOptions) error {
	if opts.Good == opts.Bad && opts.GoodDrv != "" {
		return diffDrvs(io, opts)
	}
	if opts.Good == "-" && opts.Bad == "-" {
		return exitWith(exitUsage, "only one of the two logs can be standard input")
	}
	var good, bad *analyze.Log
	var goodErr, badErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		good, goodErr = readLog(io, opts.Good, analyze.Options{Distinct: true})
	}()
	bad, badErr = readLog(io, opts.Bad, analyze.Options{Distinct: true})
	<-done
	if goodErr != nil {
		return goodErr
	}
	if badErr != nil {
		return badErr
	}
	return reportDiff(io, opts, good, bad)
}

// diffDrvs compares two derivations of one log.
func diffDrvs(io *IO, opts diffOptions) error {
	l, err := readLog(io, opts.Good, analyze.Options{})
	if err != nil {
		return err
	}
	drvs := l.Drvs()
	for _, want := range []string{opts.GoodDrv, opts.BadDrv} {
		if !slices.Contains(drvs, want) {
			return exitWith(exitUsage, "%s: no records of derivation %q (it has: %s)", opts.Good, want, strings.Join(drvs, ", "))
		}
	}
	good := l.Select(func(drv string, _ int) bool { return drv == opts.GoodDrv })
	bad := l.Select(func(drv string, _ int) bool { return drv == opts.BadDrv })
	return reportDiff(io, opts, good, bad)
}

func reportDiff(io *IO, opts diffOptions, good, bad *analyze.Log) error {
	findings, diffs := finding.Diff(good, bad)
	findings, err := knownFailures(good, bad, findings, opts.KB)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(io.Out)
	defer out.Flush()
	if opts.JSON {
		err = writeJSON(out, struct {
			Schema      string               `json:"schema"`
			Good        string               `json:"good"`
			Bad         string               `json:"bad"`
			Findings    []finding.Finding    `json:"findings"`
			Differences []finding.Difference `json:"differences"`
		}{diffSchema, opts.Good, opts.Bad, nonNil(findings), nonNil(diffs)})
	} else {
		renderFindings(out, io, findings)
		if opts.All || len(findings) == 0 {
			renderDifferences(out, diffs)
		} else if len(diffs) > 0 {
			fmt.Fprintf(out, "\n%d raw differences (--all shows them).\n", len(diffs))
		}
	}
	if err != nil {
		return err
	}
	if len(findings)+len(diffs) == 0 {
		if !opts.JSON {
			fmt.Fprintln(out, "No differences that matter.")
		}
		return nil
	}
	out.Flush()
	return silentExit(exitDifferent)
}

func newCheckCmd(io *IO) *cobra.Command {
	var asJSON bool
	var kb kbOptions
	cmd := &cobra.Command{
		Use:   "check [--json] LOG",
		Short: "Run the rules that need no working baseline on one log",
		Long: `Run the rules that need no baseline on one log: a linker whose name rustc cannot
recognise for an lld-default target, a host toolchain as a cross target's linker, RUSTFLAGS
overriding config rustflags, Nix platform traces, firmware linked without a linker script.

Exit codes:
  0  no findings
  1  findings
  2  usage error, or input that cannot be read`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := readLog(io, args[0], analyze.Options{Distinct: true})
			if err != nil {
				return err
			}
			findings := finding.Check(l)
			b, err := kb.load()
			if err != nil {
				return err
			}
			if err := annotate.Findings(findings, b); err != nil {
				return err
			}
			out := bufio.NewWriter(io.Out)
			defer out.Flush()
			if asJSON {
				if err := writeJSON(out, struct {
					Schema   string            `json:"schema"`
					Log      string            `json:"log"`
					Findings []finding.Finding `json:"findings"`
				}{"cxlog.check/v1", args[0], nonNil(findings)}); err != nil {
					return err
				}
			} else if len(findings) == 0 {
				fmt.Fprintln(out, "No findings.")
			} else {
				renderFindings(out, io, findings)
			}
			if len(findings) > 0 {
				out.Flush()
				return silentExit(exitDifferent)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	kb.register(cmd)
	return cmd
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func renderFindings(w io.Writer, io *IO, fs []finding.Finding) {
	for i, f := range fs {
		head := fmt.Sprintf("%d. [%s] %s (%s)", i+1, f.Class, f.Rule, f.Severity)
		if i == 0 {
			head += "  <- most likely cause"
		}
		fmt.Fprintln(w, paint(io, head, f.Severity))
		fmt.Fprintf(w, "   %s\n", wrap(f.Message, 96, "   "))
		for _, e := range f.Evidence {
			side := ""
			if e.Side != "" {
				side = e.Side + " "
			}
			fmt.Fprintf(w, "   %s%s:%d: %s\n", side, e.File, e.Line, truncate(e.Text, 200))
		}
		fmt.Fprintf(w, "   fix: %s\n\n", wrap(f.Fix, 96, "        "))
	}
}

func renderDifferences(w io.Writer, diffs []finding.Difference) {
	if len(diffs) == 0 {
		return
	}
	fmt.Fprintln(w, "Differences")
	t := tablewriter.NewWriter(w)
	t.Header("crate", "aspect", "good", "bad")
	for _, d := range diffs {
		crate := d.Crate
		if crate == "" {
			crate = "(build)"
		}
		key := d.Aspect
		if d.Key != "" && d.Key != d.Aspect {
			key += " " + d.Key
		}
		t.Append(crate, key, truncate(normal.Value(strings.Join(d.Removed, " ")), 60), truncate(normal.Value(strings.Join(d.Added, " ")), 60))
	}
	t.Render()
}

func paint(io *IO, s, severity string) string {
	if !io.Color {
		return s
	}
	code := "33"
	switch severity {
	case finding.High:
		code = "1;31"
	case finding.Low:
		code = "36"
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// wrap breaks text at spaces so lines stay under width, indenting continuation lines.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(word) > width {
				b.WriteString("\n" + indent)
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}
