package main

import (
	"bufio"
	"context"
	"fmt"
	stdio "io"
	"os"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/fixes"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
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
	KBID    string
	Log     string
	Project string
	Target  string
	Apply   bool
	Sandbox bool
	Verify  bool
	Force   bool
	JSON    bool
	KB      kbOptions
	Flags   verifyFlags
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
	fl.BoolVar(&opts.JSON, "json", false, "print the plan and its result as JSON (schema "+fixSchema+")")
	fl.BoolVar(&opts.Verify, "verify", false, "prove the fix: apply it in a sandbox, then build, flash and watch the serial port")
	opts.KB.register(cmd)
	opts.Flags.register(cmd)
	return cmd
}

func runFix(ctx context.Context, io *IO, opts fixOptions) error {
	if (opts.KBID == "") == (opts.Log == "") {
		return exitWith(exitUsage, "give either --kb-id ID or a LOG to explain")
	}
	if name := opts.Flags.anyGiven(); name != "" && !opts.Verify {
		return exitWith(exitUsage, "--%s is a verify flag: add --verify", name)
	}
	if opts.Flags.BuildLog != "" {
		return exitWith(exitUsage, "--build-log is a flag of 'cxlog verify'")
	}
	if opts.Force && !opts.Apply {
		return exitWith(exitUsage, "--force only changes what --apply writes")
	}
	if opts.Apply && opts.Sandbox && !opts.Verify {
		return exitWith(exitUsage, "--apply writes the project, --sandbox a copy: choose one (--verify --apply applies once proven)")
	}
	entry, logTriple, err := fixEntry(io, opts)
	if err != nil {
		return err
	}
	if opts.Target == "" {
		opts.Target = logTriple
	}
	rec := &fixJSON{Schema: fixSchema, Entry: entry.ID, Title: entry.Title, Files: []fileJSON{}, Env: []envJSON{}, Notes: []string{}}
	text := stdio.Writer(io.Out)
	if opts.JSON {
		text = stdio.Discard
		defer func() { writeJSON(io.Out, rec) }()
	}
	out := bufio.NewWriter(text)
	defer out.Flush()
	fmt.Fprintf(out, "Fix for %s: %s\n", entry.ID, entry.Title)
	if len(entry.Actions) == 0 {
		fmt.Fprintf(out, "This entry has no actions cxlog can apply. Its fix, in words:\n  %s\n", wrap(strings.TrimSpace(entry.Fix), 96, "  "))
		out.Flush()
		return silentExit(exitDifferent)
	}
	plan, err := fixes.PlanEntry(opts.Project, entry, opts.Target)
	if err != nil {
		return exitWith(exitUsage, "%v", err)
	}
	rec.setPlan(plan)
	renderPlan(out, io, plan)
	if plan.Empty() && len(plan.Notes) > 0 {
		fmt.Fprintf(out, "No change could be planned for this project (see the notes). The fix, in words:\n  %s\n", wrap(strings.TrimSpace(entry.Fix), 96, "  "))
		out.Flush()
		return silentExit(exitDifferent)
	}
	if plan.Empty() {
		fmt.Fprintln(out, "Nothing to change: the project already has this fix.")
		if !opts.Verify {
			return nil
		}
	}
	switch {
	case opts.Verify:
		return verifyFix(ctx, io, out, rec, opts)
	case opts.Sandbox:
		box, _, err := sandboxPlan(plan)
		if err != nil {
			return err
		}
		rec.Sandbox = box
		fmt.Fprintf(out, "Applied in the sandbox %s (kept; the project is unchanged).\n", box)
		return nil
	case opts.Apply:
		return applyPlan(out, rec, opts.Force)
	}
	fmt.Fprintln(out, "Dry run: nothing written. --apply writes the files, --sandbox tries them on a copy, --verify proves the fix.")
	return nil
}

// fixEntry finds the entry: by id, or the top explain match of the log, whose
// target triple it returns too when the log shows one.
func fixEntry(io *IO, opts fixOptions) (*knowledge.Entry, string, error) {
	if opts.KBID != "" {
		base, err := opts.KB.load()
		if err != nil {
			return nil, "", err
		}
		entry := base.ByID(opts.KBID)
		if entry == nil {
			return nil, "", exitWith(exitUsage, "no knowledge-base entry %q ('cxlog kb list' shows them)", opts.KBID)
		}
		return entry, "", nil
	}
	base, err := opts.KB.load()
	if err != nil {
		return nil, "", err
	}
	ix, err := openIndex(base)
	if err != nil {
		return nil, "", err
	}
	defer ix.Close()
	in, err := explain.ReadInput(opts.Log, io.In)
	if err != nil {
		return nil, "", exitWith(exitUsage, "%v", err)
	}
	res := explain.Explain(in.Lines, in.Log, base, ix)
	if res.Class == class.Unknown || len(res.Matches) == 0 {
		return nil, "", exitWith(exitDifferent, "%s matches no known failure well enough to fix it ('cxlog explain %s' shows the nearest)", opts.Log, opts.Log)
	}
	return res.Matches[0].Entry, logTarget(in.Log), nil
}

// logTarget is the cross target the log's binary crates were built for, or "".
func logTarget(l *analyze.Log) string {
	target := ""
	for _, inv := range l.Invocations {
		if inv.Target != "" && slices.Contains(inv.CrateTypes, "bin") {
			target = inv.Target
		}
	}
	return target
}

func applyPlan(out *bufio.Writer, rec *fixJSON, force bool) error {
	plan := rec.plan
	if len(plan.Files) > 0 {
		done, err := plan.Apply(fixes.ApplyOptions{Backup: true, Force: force})
		if err != nil {
			return exitWith(exitUsage, "%v", err)
		}
		rec.Written, rec.Backups = done.Written, done.Backups
		for _, path := range done.Written {
			fmt.Fprintf(out, "wrote %s\n", path)
		}
		for _, path := range done.Backups {
			fmt.Fprintf(out, "backup %s\n", path)
		}
		for _, path := range done.Cleaned {
			fmt.Fprintf(out, "removed %s (left by an interrupted apply)\n", path)
		}
	}
	if len(plan.Env) > 0 {
		fmt.Fprintln(out, "The environment changes are yours to make (cxlog does not write them):")
		renderEnv(out, plan)
	}
	return nil
}

// sandboxPlan copies the project and applies the plan to the copy.
func sandboxPlan(plan *fixes.Plan) (string, func(), error) {
	box, cleanup, err := fixes.Sandbox(plan.Dir)
	if err != nil {
		return "", nil, exitWith(exitUsage, "sandbox: %v", err)
	}
	if _, err := plan.Apply(fixes.ApplyOptions{Dir: box, Force: true}); err != nil {
		cleanup()
		return "", nil, exitWith(exitUsage, "sandbox: %v", err)
	}
	return box, cleanup, nil
}

// verifyFix proves the plan in a sandbox, and applies it to the project when asked and proven.
func verifyFix(ctx context.Context, io *IO, out *bufio.Writer, rec *fixJSON, opts fixOptions) error {
	plan := rec.plan
	box, cleanup, err := sandboxPlan(plan)
	if err != nil {
		return err
	}
	rec.Sandbox = box
	if opts.Sandbox {
		fmt.Fprintf(out, "Sandbox: %s (kept)\n", box)
	} else {
		defer cleanup()
		fmt.Fprintf(out, "Sandbox: %s (removed afterwards; --sandbox keeps it)\n", box)
	}
	cfg, err := opts.Flags.config(box)
	if err != nil {
		return err
	}
	if len(cfg.Expect) == 0 {
		return exitWith(exitUsage, "--verify needs at least one --expect text (or expect in cxlog.toml): a fix is proven only when the firmware prints it")
	}
	if len(plan.Env) > 0 {
		cfg.Env = plan.Environ(os.Environ())
	}
	fmt.Fprintf(out, "Verifying in the sandbox: %s\n", orNone(cfg.Build))
	for _, e := range plan.Env {
		fmt.Fprintf(out, "  with %s\n", e.Instruction())
	}
	out.Flush()
	report := verifyWithProgress(ctx, io, cfg)
	renderVerifyReport(out, io, cfg, report)
	vj := reportJSON(report)
	rec.Verify = &vj
	if report.Outcome != build.OutcomePassed || len(report.Seen) != len(cfg.Expect) {
		fmt.Fprintln(out, "NOT PROVEN: the fixed copy did not print the expected text.")
		out.Flush()
		return verifyExit(report)
	}
	rec.Proven = true
	fmt.Fprintf(out, "PROVEN: with the fix, the firmware printed %s.\n", quoteList(report.Seen))
	if !opts.Apply {
		fmt.Fprintln(out, "The project is unchanged; --apply writes the fix once proven.")
		return nil
	}
	return applyPlan(out, rec, opts.Force)
}

func orNone(s string) string {
	if s == "" {
		return "(no build command)"
	}
	return s
}
