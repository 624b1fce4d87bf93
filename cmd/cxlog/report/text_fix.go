package report

import (
	"strings"

	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/fixes"
)

func textFix(w *textWriter, r *Fix) {
	if r.Stage != FixOutcome {
		textFixPlan(w, r)
		if r.Proof != nil {
			textVerifying(w, r.Proof)
		}
	}
	if r.Stage != FixPlanOnly {
		textFixOutcome(w, r)
	}
}

// textFixPlan is the entry, the diffs, the environment changes and the notes.
func textFixPlan(w *textWriter, r *Fix) {
	w.printf("Fix for %s: %s\n", r.Entry.ID, r.Entry.Title)
	switch r.Nothing() {
	case engine.NoActions:
		w.printf("This entry has no actions cxlog can apply. Its fix, in words:\n  %s\n", Wrap(strings.TrimSpace(r.Entry.Fix), 96, "  "))
		return
	}
	plan := r.Plan
	w.printf("Project: %s\n", plan.Dir)
	for _, c := range plan.Files {
		verb := "edit"
		if c.Created {
			verb = "create"
		}
		w.printf("\n%s %s:\n", verb, c.Path)
		for _, s := range c.Steps {
			w.printf("  - %s\n", s)
		}
		for _, line := range strings.SplitAfter(c.Diff(), "\n") {
			diffLine(w, line)
		}
	}
	if len(plan.Env) > 0 {
		w.println("\nEnvironment (not written by cxlog: change it where the build runs, e.g. your shell or CI recipe):")
		textEnv(w, plan)
	}
	if len(plan.Notes) > 0 {
		w.println("\nNotes:")
		for _, n := range plan.Notes {
			w.printf("  - %s\n", Wrap(n, 96, "    "))
		}
	}
	w.println()
	switch r.Nothing() {
	case engine.NotPlannable:
		w.printf("No change could be planned for this project (see the notes). The fix, in words:\n  %s\n", Wrap(strings.TrimSpace(r.Entry.Fix), 96, "  "))
	case engine.AlreadyFixed:
		w.println("Nothing to change: the project already has this fix.")
	}
}

// textFixOutcome is what became of the plan: the sandbox, the proof, the files written.
func textFixOutcome(w *textWriter, r *Fix) {
	if r.Nothing() == engine.NoActions || r.Nothing() == engine.NotPlannable {
		return
	}
	switch {
	case r.Proof != nil:
		textProof(w, r)
	case r.Sandbox != "":
		w.printf("Applied in the sandbox %s (kept; the project is unchanged).\n", r.Sandbox)
	case r.Applied != nil:
		textApplied(w, r.Plan, r.Applied)
	case r.Nothing() == "":
		w.println("Dry run: nothing written. --apply writes the files, --sandbox tries them on a copy, --verify proves the fix.")
	}
}

// textVerifying is the lines shown before a proof's long build, with the sandbox.
func textVerifying(w *textWriter, p *engine.Proof) {
	if p.Kept {
		w.printf("Sandbox: %s (kept)\n", p.Sandbox)
	} else {
		w.printf("Sandbox: %s (removed afterwards; --sandbox keeps it)\n", p.Sandbox)
	}
	build := p.Build
	if build == "" {
		build = "(no build command)"
	}
	w.printf("Verifying in the sandbox: %s\n", build)
	for _, e := range p.Env {
		w.printf("  with %s\n", e.Instruction())
	}
}

func textProof(w *textWriter, r *Fix) {
	p := r.Proof
	if p.Verify == nil {
		return
	}
	textVerify(w, p.Verify)
	if !p.Proven {
		w.println("NOT PROVEN: the fixed copy did not print the expected text.")
		return
	}
	w.printf("PROVEN: with the fix, the firmware printed %s.\n", QuoteList(p.Verify.Report.Seen))
	if p.Applied == nil {
		w.println("The project is unchanged; --apply writes the fix once proven.")
		return
	}
	textApplied(w, r.Plan, p.Applied)
}

func textApplied(w *textWriter, plan *fixes.Plan, done *fixes.Applied) {
	for _, path := range done.Written {
		w.printf("wrote %s\n", path)
	}
	for _, path := range done.Backups {
		w.printf("backup %s\n", path)
	}
	for _, path := range done.Cleaned {
		w.printf("removed %s (left by an interrupted apply)\n", path)
	}
	if len(plan.Env) > 0 {
		w.println("The environment changes are yours to make (cxlog does not write them):")
		textEnv(w, plan)
	}
}

func textEnv(w *textWriter, plan *fixes.Plan) {
	for _, e := range plan.Env {
		w.printf("  %s\n", e.Instruction())
	}
}

// diffLine writes one line of a unified diff, coloured on a colour terminal.
func diffLine(w *textWriter, line string) {
	body := strings.TrimSuffix(line, "\n")
	style := ""
	switch {
	case strings.HasPrefix(body, "+++"), strings.HasPrefix(body, "---"):
		style = "1"
	case strings.HasPrefix(body, "@@"):
		style = "36"
	case strings.HasPrefix(body, "+"):
		style = "32"
	case strings.HasPrefix(body, "-"):
		style = "31"
	}
	w.style(style, body)
	w.printf("%s", line[len(body):])
}
