package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cxlog/cxlog/build/engine/scan"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type scanOptions struct {
	Paths    []string
	Group    bool
	Attrs    []string
	TimeFrom string
	Jobs     int
	KB       kbOptions
	Output   outputOptions
}

func newScanCmd(io *IO) *cobra.Command {
	opts := scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan [--format text|json|ndjson] [--group] PATH...",
		Short: "Explain many logs at once, in parallel: one result a log, or recurring failures grouped",
		Long: `Explain every log the paths name: files, directories (every file beneath, hidden ones
skipped), glob patterns, "-" for a list of paths on standard input, one a line. Logs are
explained in parallel (--jobs, default one per CPU) and written as they are done, in input
order. A log that cannot be read (missing, binary, corrupt) is named on stderr and skipped.

--format ndjson writes one line a log shaped after the OpenTelemetry logs data model
(Timestamp, SeverityText, SeverityNumber, Body: the cause line, Attributes: cxlog.class,
cxlog.entry, cxlog.confidence, cxlog.fingerprint, cxlog.target, cxlog.crate, log.file.path,
and cicd.pipeline.* from --attr or from a GitHub Actions or GitLab CI job's environment).
--format json prints schema "` + report.ScanSchema + `"; with --group, "` + report.ScanGroupSchema + `".
--group prints the recurring failures instead: logs with the same fingerprint (the same
entry and cause line once paths, hashes and addresses are removed), with count, first and
last seen (the file's modification time, or the RFC 3339 time in the --time-from attribute).
Progress (count, rate, ETA) goes to stderr when it is a terminal.

Exit codes:
  0   every log the paths name was explained or reported as skipped
  2   usage error, no log at all could be read, an invalid --kb entry, or output that
      cannot be written
  70  internal error (a bug: please report it)
  130 canceled`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runScan(cmd.Context(), io, opts)
		},
	}
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&opts.Group, "group", false, "print recurring failures grouped by fingerprint")
	f.StringArrayVar(&opts.Attrs, "attr", nil, "an attribute k=v added to every log (repeatable; e.g. cicd.pipeline.name=firmware)")
	f.StringVar(&opts.TimeFrom, "time-from", "", "the attribute whose RFC 3339 value is a log's time (default: the file's modification time)")
	f.IntVar(&opts.Jobs, "jobs", 0, "logs explained at once (0: one per CPU)")
	return cmd
}

func runScan(ctx context.Context, io *IO, opts scanOptions) error {
	attrs := scan.CIAttrs(os.Getenv)
	for _, kv := range opts.Attrs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return usageErrorf("--attr %q: want key=value", kv)
		}
		attrs[k] = v
	}
	if opts.TimeFrom != "" {
		if _, err := time.Parse(time.RFC3339Nano, attrs[opts.TimeFrom]); err != nil {
			return usageErrorf("--time-from %s: the attribute holds no RFC 3339 time (%q); set it with --attr %s=2006-01-02T15:04:05Z", opts.TimeFrom, attrs[opts.TimeFrom], opts.TimeFrom)
		}
	}
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	eng := opts.KB.engine(io)
	defer eng.Close()
	opts.Output.kb = eng
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	prog := startScanProgress(io, opts.Paths)
	defer prog.stop()
	sopts := scan.Options{Workers: opts.Jobs, Attrs: attrs, TimeFrom: opts.TimeFrom}
	paths := scan.Paths(opts.Paths, io.In)
	var sum scan.Summary
	run := func(emit func(scan.Log) error) (scan.Summary, error) {
		s, err := scan.Run(ctx, eng, paths, sopts, func(l scan.Log) error {
			prog.add()
			if l.Err != nil {
				prog.say("cxlog: skipped " + report.Sanitize(report.OneLine(l.Err)))
			}
			return emit(l)
		})
		sum = s
		return s, err
	}
	if opts.Group {
		var groups scan.Groups
		s, err := run(func(l scan.Log) error { groups.Add(l); return nil })
		if err != nil {
			return err
		}
		prog.stop()
		if err := writeResult(io, rep, &report.ScanGroup{Groups: groups.List(), Summary: s}); err != nil {
			return err
		}
	} else if err := writeResult(io, rep, &report.Scan{Run: run}); err != nil {
		return err
	}
	prog.stop()
	if sum.Logs == 0 {
		if sum.Skipped == 0 {
			return usageErrorf("no log found in %s", strings.Join(opts.Paths, " "))
		}
		return usageErrorf("none of the %d logs could be read", sum.Skipped)
	}
	return nil
}

// scanProgress shows on a terminal's stderr how many logs are done, the rate and, once the
// paths are counted (not for a list on stdin), the time left.
type scanProgress struct {
	*statusLine
	done  atomic.Int64
	total atomic.Int64 // -1 until counted
	start time.Time
}

func startScanProgress(io *IO, args []string) *scanProgress {
	p := &scanProgress{start: time.Now()}
	p.total.Store(-1)
	p.statusLine = startStatusLine(io.Err, io.ErrTTY, 200*time.Millisecond, func(int) string { return p.line() })
	if p.shown() && !slices.Contains(args, "-") {
		go func() {
			n := int64(0)
			for range scan.Paths(args, nil) {
				n++
			}
			p.total.Store(n)
		}()
	}
	return p
}

func (p *scanProgress) add() { p.done.Add(1) }

func (p *scanProgress) line() string {
	done, total := p.done.Load(), p.total.Load()
	el := time.Since(p.start).Seconds()
	rate := float64(done) / max(el, 1e-3)
	s := fmt.Sprintf("scan: %d logs", done)
	if total >= 0 {
		s = fmt.Sprintf("scan: %d/%d logs", done, total)
	}
	s += fmt.Sprintf(", %.1f logs/s", rate)
	if total >= 0 && rate > 0 && done > 0 {
		s += ", ETA " + (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	return s
}
