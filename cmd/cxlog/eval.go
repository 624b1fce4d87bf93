package main

import (
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	Dir    string
	KB     kbOptions
	Output outputOptions
}

func newEvalCmd(io *IO) *cobra.Command {
	opts := evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval [--format text|json] DIR",
		Short: "Measure explain and diff on a labelled corpus: top-1/top-3 accuracy, confusion table, pairs",
		Long: `Run explain over every file under DIR whose front matter names a class (and optionally an
accepted second class), and print top-1 and top-3 accuracy and a confusion table.
The diff rows of every expected.tsv under DIR (good log, bad log, class, a string) are
diffed as cxlog diff does: cause first is the share of pairs whose top finding has the
right class, setting named the share whose top finding names the string.
--format json prints schema "` + report.EvalSchema + `".` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			return runEval(io, opts)
		},
	}
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	return cmd
}

func runEval(io *IO, opts evalOptions) error {
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	eng := opts.KB.engine(io)
	defer eng.Close()
	res, err := eng.Eval(opts.Dir)
	if err != nil {
		return err
	}
	return writeResult(io, rep, &report.Eval{Report: *res})
}
