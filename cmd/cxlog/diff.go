package main

import (
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	engine.DiffRequest
	All    bool
	KB     kbOptions
	Output outputOptions
}

func newDiffCmd(io *IO) *cobra.Command {
	opts := diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff [--format text|json] [--all] GOOD.log BAD.log | diff --good-drv NAME --bad-drv NAME LOG",
		Short: "Compare a working and a failing build by meaning and say which difference broke it",
		Long: `Compare two build logs by meaning, not by lines: invocations are aligned by crate, kind,
target and version; store hashes, crate hashes, temp dirs and build roots are normalised.
Findings come first, ranked so that the cause outranks its symptoms; --all adds every raw
difference. --format json prints schema "` + report.DiffSchema + `".

One 'nix build -L' log that holds both builds (two derivations, e.g. two cross set-ups of the
same crate) is compared with --good-drv and --bad-drv; 'cxlog parse' lists the derivations.

Exit codes:
  0  no differences
  1  differences found
  2  usage error, input that cannot be read, or output that cannot be written`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 2:
				opts.Good, opts.Bad = args[0], args[1]
			case opts.GoodDrv == "" || opts.BadDrv == "":
				return usageErrorf("diff needs GOOD.log BAD.log, or --good-drv and --bad-drv with one log")
			default:
				opts.Good, opts.Bad = args[0], args[0]
			}
			return runDiff(io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.GoodDrv, "good-drv", "", "the working build's Nix derivation name in the log")
	cmd.Flags().StringVar(&opts.BadDrv, "bad-drv", "", "the failing build's Nix derivation name in the log")
	cmd.Flags().BoolVar(&opts.All, "all", false, "show every raw difference beneath the findings")
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	return cmd
}

func runDiff(io *IO, opts diffOptions) error {
	defer limitHeap(fileBytes(opts.Good, opts.Bad))()
	eng := opts.KB.engine(io)
	defer eng.Close()
	opts.Output.kb = eng
	res, err := eng.Diff(opts.DiffRequest)
	if err != nil {
		return err
	}
	if err := opts.Output.write(io, &report.Diff{DiffResult: res, All: opts.All}); err != nil {
		return err
	}
	if !res.Same() {
		return silentExit(exitDifferent)
	}
	return nil
}

type checkOptions struct {
	Log    string
	KB     kbOptions
	Output outputOptions
}

func newCheckCmd(io *IO) *cobra.Command {
	opts := checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [--format text|json] LOG",
		Short: "Run the rules that need no working baseline on one log",
		Long: `Run the rules that need no baseline on one log: a linker whose name rustc cannot
recognise for an lld-default target, a host toolchain as a cross target's linker, RUSTFLAGS
overriding config rustflags, Nix platform traces, firmware linked without a linker script.
--format json prints schema "` + report.CheckSchema + `".

Exit codes:
  0  no findings
  1  findings
  2  usage error, input that cannot be read, or output that cannot be written`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Log = args[0]
			return runCheck(io, opts)
		},
	}
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	return cmd
}

func runCheck(io *IO, opts checkOptions) error {
	eng := opts.KB.engine(io)
	opts.Output.kb = eng
	res, err := eng.Check(opts.Log)
	if err != nil {
		return err
	}
	if err := opts.Output.write(io, &report.Check{CheckResult: res}); err != nil {
		return err
	}
	if len(res.Findings) > 0 {
		return silentExit(exitDifferent)
	}
	return nil
}
