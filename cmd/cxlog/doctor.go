package main

import (
	"os"

	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type doctorOptions struct {
	engine.DoctorRequest
	Output outputOptions
}

func newDoctorCmd(io *IO) *cobra.Command {
	opts := doctorOptions{}
	cmd := &cobra.Command{
		Use:   "doctor [--format text|json] [--config KEY=VALUE|FILE]... [--target T] [DIR]",
		Short: "Predict what cargo will hand rustc, before building, and what will go wrong",
		Long: `Read what cargo reads, the way cargo reads it, as if cargo were started in DIR (default:
the current directory) with this environment: the .cargo/config(.toml) files from DIR upward,
then $CARGO_HOME/config.toml, --config arguments, CARGO_* and RUSTFLAGS variables, Cargo.toml
(workspace root and member), rust-toolchain(.toml) and a custom target's JSON. For the
configured target and the host (build scripts) it prints the rustflags cargo will pass and
which source won (and which were ignored), --target, -C linker, the linker flavor rustc will
infer from the linker's name, the linker scripts that reach the link and whether the linker is
on PATH; then the problems this set-up will cause, each with its class and a fix.
--config and --target are cargo's own options; --manifest-path too.
--format json prints schema "` + report.DoctorSchema + `".

Exit codes:
  0  no problems
  1  problems found
  2  usage error, a config file that is not valid TOML, a directory or $CARGO_HOME that cannot
     be read (a symlink loop, no permission), or output that cannot be written`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if opts.Env == nil {
				opts.Env = os.Environ()
			}
			return runDoctor(io, opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.ConfigArgs, "config", nil, "a cargo --config argument: KEY=VALUE in TOML, or a config file (repeatable)")
	cmd.Flags().StringVar(&opts.Target, "target", "", "cargo's --target")
	cmd.Flags().StringVar(&opts.ManifestPath, "manifest-path", "", "cargo's --manifest-path (config is still found from DIR)")
	opts.Output.register(cmd)
	return cmd
}

func runDoctor(io *IO, opts doctorOptions) error {
	res, err := engine.New(engine.Options{}).Doctor(opts.DoctorRequest)
	if err != nil {
		return err
	}
	if err := opts.Output.write(io, &report.Doctor{Report: res}); err != nil {
		return err
	}
	if len(res.Problems) > 0 {
		return silentExit(exitDifferent)
	}
	return nil
}
