package engine

import (
	"context"
	"os"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/fixes"
	"github.com/cxlog/cxlog/knowledge"
)

// FixRequest names a known failure, by entry id or by a log whose top match it is, and the
// project to fix.
type FixRequest struct {
	KBID    string
	Log     string
	Project string
	Target  string // the triple the project builds for; "" takes the log's
}

// FixPlan is a known failure's fix planned for one project.
type FixPlan struct {
	Entry  *knowledge.Entry
	Target string
	// Plan is nil when the entry has no actions cxlog can carry out.
	Plan *fixes.Plan
}

// Nothing says why there is nothing to carry out, or "" when there is.
func (p *FixPlan) Nothing() FixNothing {
	switch {
	case p.Plan == nil:
		return NoActions
	case p.Plan.Empty() && len(p.Plan.Notes) > 0:
		return NotPlannable
	case p.Plan.Empty():
		return AlreadyFixed
	}
	return ""
}

// FixNothing is why a plan changes nothing.
type FixNothing string

const (
	NoActions    FixNothing = "no-actions"    // the entry's fix is prose only
	NotPlannable FixNothing = "not-plannable" // its actions do not fit this project (see the notes)
	AlreadyFixed FixNothing = "already-fixed" // the project has the fix
)

// PlanFix finds the entry and plans its actions for the project; it writes nothing.
func (e *Engine) PlanFix(req FixRequest) (*FixPlan, error) {
	if (req.KBID == "") == (req.Log == "") {
		return nil, userErrorf("give either --kb-id ID or a LOG to explain")
	}
	p := &FixPlan{Target: req.Target}
	if req.KBID != "" {
		entry, err := e.Entry(req.KBID)
		if err != nil {
			return nil, err
		}
		p.Entry = entry
	} else {
		res, err := e.Explain(req.Log)
		if err != nil {
			return nil, err
		}
		if res.Class == class.Unknown || len(res.Matches) == 0 {
			return nil, &NoMatchError{Log: req.Log}
		}
		p.Entry = res.Matches[0].Entry
		if p.Target == "" {
			p.Target = res.Target
		}
	}
	if len(p.Entry.Actions) == 0 {
		return p, nil
	}
	plan, err := fixes.PlanEntry(req.Project, p.Entry, p.Target)
	if err != nil {
		return nil, &UserError{Err: err}
	}
	p.Plan = plan
	return p, nil
}

// NoMatchError is a log that shows no known failure well enough to fix it.
type NoMatchError struct{ Log string }

func (e *NoMatchError) Error() string {
	return e.Log + " matches no known failure well enough to fix it ('cxlog explain " + e.Log + "' shows the nearest)"
}

// ApplyFix writes the plan's file changes to the project, keeping backups, under the project's
// lock; force replaces read-only files too.
func (e *Engine) ApplyFix(p *FixPlan, force bool) (*fixes.Applied, error) {
	if p.Plan == nil || len(p.Plan.Files) == 0 {
		return &fixes.Applied{}, nil
	}
	done, err := p.Plan.Apply(fixes.ApplyOptions{Backup: true, Force: force})
	if err != nil {
		return nil, &UserError{Err: err}
	}
	return done, nil
}

// SandboxFix copies the project and applies the plan to the copy; cleanup removes it.
func (e *Engine) SandboxFix(p *FixPlan) (dir string, cleanup func(), err error) {
	box, cleanup, err := fixes.Sandbox(p.Plan.Dir)
	if err != nil {
		return "", nil, userErrorf("sandbox: %w", err)
	}
	if _, err := p.Plan.Apply(fixes.ApplyOptions{Dir: box, Force: true}); err != nil {
		cleanup()
		return "", nil, userErrorf("sandbox: %w", err)
	}
	return box, cleanup, nil
}

// ProveRequest says how to prove a plan.
type ProveRequest struct {
	Config    func(dir string) (build.Config, error) // the verify settings for the sandbox dir
	Deps      build.Deps
	KeepBox   bool           // keep the sandbox afterwards
	Apply     bool           // write the project once proven
	Force     bool           // and replace read-only files too
	Verifying func(p *Proof) // called once the sandbox is ready, just before the build runs
}

// Proof is what proving a plan did.
type Proof struct {
	Sandbox string
	Kept    bool
	Build   string // the build command run in the sandbox
	// Env are the plan's environment changes, made to the environment the build runs with.
	Env     []fixes.EnvChange
	Verify  *VerifyResult
	Proven  bool
	Applied *fixes.Applied // set when the project was written
}

// ProveFix applies the plan to a sandbox, runs verify there with the plan's environment
// changes applied to the build, and, when asked, writes the project only once the firmware
// printed every expected text.
func (e *Engine) ProveFix(ctx context.Context, p *FixPlan, req ProveRequest) (*Proof, error) {
	box, cleanup, err := e.SandboxFix(p)
	if err != nil {
		return nil, err
	}
	proof := &Proof{Sandbox: box, Kept: req.KeepBox}
	if !req.KeepBox {
		defer cleanup()
	}
	cfg, err := req.Config(box)
	if err != nil {
		return proof, err
	}
	if len(cfg.Expect) == 0 {
		return proof, userErrorf("--verify needs at least one --expect text (or expect in cxlog.toml): a fix is proven only when the firmware prints it")
	}
	if len(p.Plan.Env) > 0 {
		cfg.Env = p.Plan.Environ(os.Environ())
	}
	proof.Build, proof.Env = cfg.Build, p.Plan.Env
	if req.Verifying != nil {
		req.Verifying(proof)
	}
	proof.Verify = e.Verify(ctx, cfg, req.Deps)
	if !proof.Verify.Passed() {
		return proof, nil
	}
	proof.Proven = true
	if req.Apply {
		proof.Applied, err = e.ApplyFix(p, req.Force)
	}
	return proof, err
}
