package main

import (
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
	floor := int64(parseHeapFloor)
	if opts.Output.format() == report.JSON {
		floor = parseJSONHeapFloor
	}
	defer heapFloorGC(floor)()
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

// parse's heap floors (heapFloorGC): the collector runs less often while parse streams, its
// live heap a few batches; on a 200 MB log 20% less CPU at about 105 MB peak RSS. parse --json
// also holds each batch in flight rendered (about twice the batch's text): a floor 10 MB lower
// keeps its peak RSS near plain parse's for about 2% more CPU.
const (
	parseHeapFloor     = 100 << 20
	parseJSONHeapFloor = 90 << 20
)
