package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
)

const parseSchema = "cxlog.parse/v1"

type parseOptions struct {
	Paths   []string
	JSON    bool
	Workers int
}

func newParseCmd(io *IO) *cobra.Command {
	opts := parseOptions{}
	cmd := &cobra.Command{
		Use:   "parse [--json] FILE...",
		Short: "Read build logs into records: invocations, linker commands, diagnostics, environment",
		Long: `Read one or more build logs ("-" for standard input; .gz, .zst and .xz are decompressed)
and print a summary, or with --json every record (schema "` + parseSchema + `", described in the README).` + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runParse(io, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print every record as JSON")
	cmd.Flags().IntVar(&opts.Workers, "workers", 0, "goroutines parsing commands (0: one per CPU)")
	return cmd
}

func runParse(io *IO, opts parseOptions) error {
	out := bufio.NewWriterSize(io.Out, 1<<16)
	defer out.Flush()
	if opts.JSON {
		return parseJSON(io, out, opts)
	}
	for i, p := range opts.Paths {
		sum := newParseSummary()
		if err := scanPath(io, p, opts, sum.add, &sum.lines); err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(out)
		}
		sum.render(out, p)
	}
	return nil
}

func scanPath(io *IO, path string, opts parseOptions, emit func(analyze.Record), lines *int) error {
	src, err := logread.Open(path, io.In)
	if err != nil {
		return exitWith(exitUsage, "%v", err)
	}
	defer src.Close()
	n, err := analyze.Scan(src, analyze.Options{Workers: opts.Workers}, emit)
	*lines = n
	if err != nil {
		return exitWith(exitUsage, "%v", err)
	}
	return nil
}

// parseJSON streams records as they are read, so memory does not grow with the log.
func parseJSON(io *IO, out *bufio.Writer, opts parseOptions) error {
	fmt.Fprintf(out, `{"schema":%q,"files":[`, parseSchema)
	for i, p := range opts.Paths {
		if i > 0 {
			out.WriteByte(',')
		}
		name, _ := json.Marshal(p)
		fmt.Fprintf(out, `{"name":%s,"records":[`, name)
		first := true
		render := func(dst []byte, r analyze.Record) []byte {
			return append(appendTypedRecord(append(dst, ','), r), '\n')
		}
		write := func(b []byte) {
			if first && len(b) > 0 {
				b, first = b[1:], false // the first record has no comma before it
			}
			out.Write(b)
		}
		src, err := logread.Open(p, io.In)
		if err != nil {
			return exitWith(exitUsage, "%v", err)
		}
		lines, err := analyze.ScanRendered(src, analyze.Options{Workers: opts.Workers}, render, write)
		src.Close()
		if err != nil {
			return exitWith(exitUsage, "%v", err)
		}
		fmt.Fprintf(out, `],"lines":%d}`, lines)
	}
	out.WriteString("]}\n")
	return nil
}

// recordType names a record's type in JSON.
func recordType(r analyze.Record) string {
	switch r.(type) {
	case *analyze.Invocation:
		return "invocation"
	case *analyze.LinkerCommand:
		return "linker_command"
	case *analyze.Diagnostic:
		return "diagnostic"
	case *analyze.EnvVar:
		return "env"
	case *analyze.CargoCommand:
		return "cargo_command"
	case *analyze.NixTrace:
		return "nix_trace"
	case *analyze.ParseError:
		return "parse_error"
	}
	return "unknown"
}

// appendTypedRecord appends the record's JSON object with a leading "type" field.
func appendTypedRecord(dst []byte, r analyze.Record) []byte {
	b, err := json.Marshal(r)
	if err != nil || len(b) < 2 || b[0] != '{' { // every record type marshals to an object
		b = []byte("{}")
	}
	dst = append(dst, `{"type":"`...)
	dst = append(dst, recordType(r)...)
	dst = append(dst, '"')
	if len(b) > 2 {
		dst = append(dst, ',')
	}
	return append(dst, b[1:]...)
}

// parseSummary keeps counts, never the records themselves.
type parseSummary struct {
	lines       int
	crates      map[[3]string]int // kind, crate, target
	linkers     map[string]int
	diagKinds   map[string]int
	firstErrors []string
	env         int
	cargo       []string
	traces      int
	drvs        []string // Nix derivations, in order of appearance
	cut         []int    // first lines of records that hold a line cut at logread.MaxLineBytes
}

func (s *parseSummary) noteDrv(drv string) {
	if drv != "" && !slices.Contains(s.drvs, drv) {
		s.drvs = append(s.drvs, drv)
	}
}

func newParseSummary() *parseSummary {
	return &parseSummary{crates: map[[3]string]int{}, linkers: map[string]int{}, diagKinds: map[string]int{}}
}

func (s *parseSummary) add(r analyze.Record) {
	if line, cut := analyze.TruncatedAt(r); cut {
		s.cut = append(s.cut, line)
	}
	switch r := r.(type) {
	case *analyze.Invocation:
		s.noteDrv(r.Drv)
		name := r.CrateName
		if name == "" {
			name = r.Package
		}
		s.crates[[3]string{string(r.Kind), name, r.Target}]++
		if r.Linker != "" {
			s.linkers[r.Linker]++
		}
	case *analyze.LinkerCommand:
		s.linkers[r.Program]++
	case *analyze.Diagnostic:
		s.noteDrv(r.Drv)
		s.diagKinds[string(r.Kind)]++
		if r.Severity == "error" && len(s.firstErrors) < 8 {
			s.firstErrors = append(s.firstErrors, fmt.Sprintf("%d: %s", r.Start, r.Message))
		}
	case *analyze.EnvVar:
		s.env++
	case *analyze.CargoCommand:
		if len(s.cargo) < 4 {
			s.cargo = append(s.cargo, fmt.Sprintf("%d: cargo %s", r.Start, strings.Join(r.Args, " ")))
		}
	case *analyze.NixTrace:
		s.traces++
	}
}

func (s *parseSummary) render(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %d lines\n", name, s.lines)
	if len(s.drvs) > 0 {
		fmt.Fprintf(w, "Nix derivations: %s\n", strings.Join(s.drvs, ", "))
	}
	if len(s.crates) > 0 {
		fmt.Fprintln(w, "\nInvocations")
		keys := make([][3]string, 0, len(s.crates))
		for k := range s.crates {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return strings.Join(keys[i][:], "\x00") < strings.Join(keys[j][:], "\x00")
		})
		t := tablewriter.NewWriter(w)
		t.Header("kind", "crate", "target", "count")
		for _, k := range keys {
			t.Append(k[0], k[1], dash(k[2]), fmt.Sprint(s.crates[k]))
		}
		t.Render()
	}
	if len(s.linkers) > 0 {
		fmt.Fprintln(w, "\nLinkers")
		for _, l := range sortedKeys(s.linkers) {
			fmt.Fprintf(w, "  %s (%d)\n", l, s.linkers[l])
		}
	}
	for _, c := range s.cargo {
		fmt.Fprintf(w, "\nCargo: %s", c)
	}
	if len(s.cargo) > 0 {
		fmt.Fprintln(w)
	}
	if s.env > 0 || s.traces > 0 {
		fmt.Fprintf(w, "\nEnvironment variables: %d, Nix traces: %d\n", s.env, s.traces)
	}
	total := 0
	for _, n := range s.diagKinds {
		total += n
	}
	fmt.Fprintf(w, "\nDiagnostics: %d", total)
	for _, k := range sortedKeys(s.diagKinds) {
		fmt.Fprintf(w, ", %s %d", k, s.diagKinds[k])
	}
	fmt.Fprintln(w)
	for _, e := range s.firstErrors {
		fmt.Fprintf(w, "  %s\n", truncate(e, 160))
	}
	if len(s.cut) > 0 {
		lines := make([]string, 0, min(len(s.cut), 8))
		for _, n := range s.cut[:cap(lines)] {
			lines = append(lines, fmt.Sprint(n))
		}
		fmt.Fprintf(w, "\nLines longer than %d MiB were cut there, in the records at lines %s\n", logread.MaxLineBytes>>20, strings.Join(lines, ", "))
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
