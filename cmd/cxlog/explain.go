package main

import (
	"fmt"

	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	Path   string
	KB     kbOptions
	Output outputOptions
}

func newExplainCmd(io *IO) *cobra.Command {
	opts := explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [--format text|json] [FILE|-]",
		Short: "Explain a pasted error: root cause, fix and sources from the knowledge base",
		Long: `Read a log or a pasted error (a file, or standard input when no file or "-" is given),
match its lines against the knowledge base's symptoms, add the structural findings of
'cxlog check', and rank the known failures: exact symptoms and structural evidence first,
full-text score after. When nothing matches well the class is "unknown" and the nearest
entries are shown. --format json prints schema "` + report.ExplainSchema + `".` + exitCodesHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "-"
			if len(args) == 1 {
				opts.Path = args[0]
			}
			return runExplain(io, opts)
		},
	}
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	return cmd
}

func runExplain(io *IO, opts explainOptions) error {
	// explain streams a log as parse does, keeping its matched lines and distinct records
	defer heapFloorGC(explainHeapFloor)()
	eng := opts.KB.engine(io)
	defer eng.Close()
	opts.Output.kb = eng
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	if opts.Path == "-" && io.InTTY {
		fmt.Fprintln(io.Err, "cxlog: reading the error from standard input: paste it, then press Ctrl-D")
	}
	res, err := eng.Explain(opts.Path)
	if err != nil {
		return err
	}
	return writeResult(io, rep, &report.Explain{ExplainResult: res})
}
