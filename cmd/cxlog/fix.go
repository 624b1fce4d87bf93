package main

import (
	"context"

	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/cxlog/cxlog/fixes"
	"github.com/spf13/cobra"
)

const fixExitCodes = `
Exit codes:
  0    the plan was printed (dry run), applied, or, with --verify, proven
  1    nothing to fix: the log matches no known failure well enough, or the entry has no
       actions cxlog can apply
  2    usage error, unknown --kb-id, a project file that cannot be read or edited, a
       file that changed while the fix was being applied, another apply running on the
       project, a read-only file without --force, or an entry that does not apply to
       the project's target
  3-7  --verify: the fixed copy did not pass; the code is that of 'cxlog verify'
       (3 build failed, 4 flash failed, 5 expected text not seen, 6 fail text seen,
       7 serial port error)
  130  canceled (Ctrl-C)`

type fixOptions struct {
	engine.FixRequest
	Apply   bool
	Sandbox bool
	Verify  bool
	Force   bool
	KB      kbOptions
	Flags   verifyFlags
	Output  outputOptions
}

func newFixCmd(io *IO) *cobra.Command {
	opts := fixOptions{}
	cmd := &cobra.Command{
		Use:   "fix [--kb-id ID | LOG] [--project DIR] [--apply] [--sandbox] [--verify [verify flags]]",
		Short: "Turn a known failure's fix into file edits and environment changes; apply or prove them",
		Long: `Take the fix of a known failure, from the knowledge-base entry --kb-id names or from the top
match 'cxlog explain' finds for LOG, and plan it for the project: unified diffs for
.cargo/config.toml, rust-toolchain.toml and Cargo.toml (edited in place: comments and layout
stay) and environment changes (set-env, unset-env), which are only printed.

  (default)  dry run: print the plan, write nothing
  --apply    write the files atomically, keeping <file>.cxlog-bak backups and each file's
             mode and owner, under a lock (` + fixes.LockFile + ` beside Cargo.toml); refused if
             a file changed meanwhile, another apply is running, or a file is read-only
             (--force writes it); nothing outside the project is ever written
  --sandbox  apply to a copy of the project (without target/ and .git/) and print its path
  --verify   sandbox + apply + 'cxlog verify' in the copy, with the environment changes
             applied to the build command; the fix is proven only when the firmware printed
             every --expect text. With --apply, the project is changed only once proven.
             Takes every flag of 'cxlog verify' and reads the project's cxlog.toml.

--format json prints schema "` + report.FixSchema + `".
` + fixExitCodes,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Log = args[0]
			}
			return runFix(cmd.Context(), io, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.KBID, "kb-id", "", "id of the knowledge-base entry whose fix to apply")
	fl.StringVar(&opts.Project, "project", ".", "project directory")
	fl.StringVar(&opts.Target, "target", "", "target triple the project builds for (default: the LOG's, else [build] target of .cargo/config.toml)")
	fl.BoolVar(&opts.Apply, "apply", false, "write the changes to the project (backups: <file>"+fixes.BackupSuffix+")")
	fl.BoolVar(&opts.Sandbox, "sandbox", false, "apply the changes to a copy of the project and keep it")
	fl.BoolVar(&opts.Force, "force", false, "with --apply: replace read-only files too, and files whose owner cannot be kept")
	fl.BoolVar(&opts.Verify, "verify", false, "prove the fix: apply it in a sandbox, then build, flash and watch the serial port")
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	opts.Flags.register(cmd)
	return cmd
}

func runFix(ctx context.Context, io *IO, opts fixOptions) error {
	if (opts.KBID == "") == (opts.Log == "") {
		return usageErrorf("give either --kb-id ID or a LOG to explain")
	}
	if name := opts.Flags.anyGiven(); name != "" && !opts.Verify {
		return usageErrorf("--%s is a verify flag: add --verify", name)
	}
	if opts.Flags.BuildLog != "" {
		return usageErrorf("--build-log is a flag of 'cxlog verify'")
	}
	if opts.Force && !opts.Apply {
		return usageErrorf("--force only changes what --apply writes")
	}
	if opts.Apply && opts.Sandbox && !opts.Verify {
		return usageErrorf("--apply writes the project, --sandbox a copy: choose one (--verify --apply applies once proven)")
	}
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	eng := opts.KB.engine(io)
	defer eng.Close()
	plan, err := eng.PlanFix(opts.FixRequest)
	if err != nil {
		return err
	}
	res := &report.Fix{FixPlan: plan}
	switch nothing := plan.Nothing(); {
	case nothing == engine.NoActions || nothing == engine.NotPlannable:
		if err := writeResult(io, rep, res); err != nil {
			return err
		}
		return silentExit(exitDifferent)
	case opts.Verify:
		return proveFix(ctx, io, rep, eng, res, opts)
	case nothing == engine.AlreadyFixed:
	case opts.Sandbox:
		box, _, err := eng.SandboxFix(plan)
		if err != nil {
			return err
		}
		res.Sandbox = box
	case opts.Apply:
		if res.Applied, err = eng.ApplyFix(plan, opts.Force); err != nil {
			return err
		}
	}
	return writeResult(io, rep, res)
}

// proveFix proves the plan in a sandbox. The text report shows the plan before the build runs.
func proveFix(ctx context.Context, io *IO, rep report.Reporter, eng *engine.Engine, res *report.Fix, opts fixOptions) error {
	progressive := opts.Output.format() == report.Text
	req := engine.ProveRequest{
		Config:  opts.Flags.config,
		KeepBox: opts.Sandbox,
		Apply:   opts.Apply,
		Force:   opts.Force,
	}
	var writeErr error
	if progressive {
		req.Verifying = func(p *engine.Proof) {
			res.Proof, res.Stage = p, report.FixPlanOnly
			writeErr = writeResult(io, rep, res)
		}
	}
	proof, err := verifyWithProgress(ctx, io, func(ctx context.Context, deps build.Deps) proofOrError {
		req.Deps = deps
		p, err := eng.ProveFix(ctx, res.FixPlan, req)
		return proofOrError{p, err}
	}).unpack()
	if writeErr != nil {
		return writeErr
	}
	if err != nil {
		return err
	}
	res.Proof = proof
	if progressive {
		res.Stage = report.FixOutcome
	}
	if err := writeResult(io, rep, res); err != nil {
		return err
	}
	if !proof.Proven {
		return verifyExit(proof.Verify.Report)
	}
	return nil
}

type proofOrError struct {
	proof *engine.Proof
	err   error
}

func (p proofOrError) unpack() (*engine.Proof, error) { return p.proof, p.err }
