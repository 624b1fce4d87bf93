package main

import (
	"os"
	"runtime/debug"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type parseOptions struct {
	Paths   []string
	Workers int
	Output  outputOptions
}

func newParseCmd(io *IO) *cobra.Command {
	opts := parseOptions{}
	cmd := &cobra.Command{
		Use:   "parse [--format text|json] FILE...",
		Short: "Read build logs into records: invocations, linker commands, diagnostics, environment",
		Long: `Read one or more build logs ("-" for standard input; .gz, .zst and .xz are decompressed)
and print a summary, or with --format json every record (schema "` + report.ParseSchema + `", described in the README).` + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runParse(io, opts)
		},
	}
	opts.Output.register(cmd)
	cmd.Flags().IntVar(&opts.Workers, "workers", 0, "goroutines parsing commands (0: one per CPU)")
	return cmd
}

func runParse(io *IO, opts parseOptions) error {
	limit := int64(streamingLimit)
	if opts.Output.format() == report.JSON {
		limit = streamingJSONLimit
	}
	defer streamingGC(limit)()
	eng := engine.New(engine.Options{Stdin: io.In})
	scan := analyze.Options{Workers: opts.Workers}
	res := &report.Parse{}
	for _, p := range opts.Paths {
		res.Files = append(res.Files, report.ParseFile{
			Name: p,
			Scan: func(emit func(analyze.Record)) (int, error) { return eng.Parse(p, scan, emit) },
			ScanRendered: func(render func([]byte, analyze.Record) []byte, write func([]byte)) (int, error) {
				return eng.ParseRendered(p, scan, withRenderHook(render), write)
			},
		})
	}
	return opts.Output.write(io, res)
}

// testHookRender, set by a test, runs as each record is rendered on a parsing goroutine.
var testHookRender func(analyze.Record)

func withRenderHook(render func([]byte, analyze.Record) []byte) func([]byte, analyze.Record) []byte {
	if testHookRender == nil {
		return render
	}
	return func(dst []byte, r analyze.Record) []byte {
		testHookRender(r)
		return render(dst, r)
	}
}

// parse's memory limits (streamingGC). parse --json also holds each batch in flight rendered
// (about twice the batch's text): 10 MB less of a limit keeps its peak RSS near plain parse's,
// 108 MB rather than 119 on a 200 MB log, for about 2% more CPU.
const (
	streamingLimit     = 100 << 20
	streamingJSONLimit = 90 << 20
)

// streamingGC lets the collector run less often while parse streams, a memory limit keeping
// the peak near the default's (its live heap is a few batches): on a 200 MB log 20% less CPU
// at 115-120 MB peak RSS. GOGC or GOMEMLIMIT in the environment win. It returns the restore.
func streamingGC(memoryLimit int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent, limit := debug.SetGCPercent(400), debug.SetMemoryLimit(memoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
