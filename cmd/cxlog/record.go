package main

import (
	"context"
	"os"
	"time"

	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

type recordOptions struct {
	engine.RecordRequest
	Output outputOptions
}

func newRecordCmd(io *IO) *cobra.Command {
	opts := recordOptions{}
	cmd := &cobra.Command{
		Use:   "record [--out DIR] [--format text|json] -- CMD [ARG...]",
		Short: "Run a build and keep what its log cannot show, in a bundle directory",
		Long: `Run CMD (a build: cargo build -vv, nix build -L, a script) in the current directory with
this environment, its input from the terminal and its output streamed as usual, and write a
bundle directory (--out, default cxlog-record-<time>): build.log (the variables that decide a
cross build, then the output), env.txt (the whole environment; the values of variables named
*TOKEN*, *SECRET*, *PASSWORD* or *KEY* replaced by a hash), the config files doctor reads with
their paths, rust-toolchain(.toml), Cargo.toml, Cargo.lock and flake.lock, the outputs of
rustc -vV, cargo -V and the linker's --version, doctor's prediction (doctor.json) and
bundle.json (schema "` + report.RecordSchema + `"; --format json prints it on stdout, text a
line on stderr). diff, explain, check and doctor accept a bundle wherever they take a log or
a directory; diff of two bundles adds their environment, file, tool and Cargo.lock changes.

Exit codes: the build's own (128+N when a signal N ended it); 2 when the command cannot be
started or the bundle cannot be written (it exists already), with nothing run.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Command = args
			if opts.Out == "" {
				opts.Out = "cxlog-record-" + time.Now().UTC().Format("20060102-150405")
			}
			opts.Dir = "."
			if opts.Env == nil {
				opts.Env = os.Environ()
			}
			return runRecord(io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "the bundle directory to write (must not exist)")
	opts.Output.register(cmd)
	return cmd
}

func runRecord(io *IO, opts recordOptions) error {
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	opts.Stdin, opts.Stdout, opts.Stderr = io.In, io.Out, io.Err
	res, err := engine.New(engine.Options{}).Record(context.Background(), opts.RecordRequest)
	if err != nil {
		return err
	}
	out := io
	if opts.Output.format() == report.Text {
		out = &IO{Out: io.Err, Color: io.ErrTTY && io.Color}
	}
	if err := writeResult(out, rep, &report.Record{RecordResult: res}); err != nil {
		return err
	}
	if res.Manifest.ExitCode != 0 {
		return silentExit(res.Manifest.ExitCode)
	}
	return nil
}
