package engine

import (
	"bytes"
	"context"
	"os"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/knowledge/annotate"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// Diagnosis is what a failed build's log shows: the findings of the rules that need no
// baseline, and the best knowledge-base match, ranked as Explain ranks.
type Diagnosis struct {
	Findings []finding.Finding
	Known    *explain.Match // nil when no known failure fits
}

// Diagnose reads a failed build's output, with env, the environment the build ran with, in
// front of it (cargo -vv does not print the variables that decide the linker and rustflags,
// and they are often the cause). It returns nil for an empty log.
func (e *Engine) Diagnose(buildLog []byte, env []string) (*Diagnosis, error) {
	if len(bytes.TrimSpace(buildLog)) == 0 {
		return nil, nil
	}
	b, ix, err := e.knowledge()
	if err != nil {
		return nil, err
	}
	in, err := explain.ReadBytes("build environment and log", BuildLogWithEnv(buildLog, env))
	if err != nil {
		return nil, inputError("build log", err)
	}
	d := &Diagnosis{Findings: finding.Check(in.Log)}
	if err := annotate.Findings(d.Findings, b); err != nil {
		return nil, err
	}
	res := explain.Explain(in, b, ix)
	if res.Class != class.Unknown && len(res.Matches) > 0 {
		d.Known = &res.Matches[0]
	}
	return d, nil
}

// BuildLogWithEnv puts in front of a build's output the variables of env that decide a cross
// build's linker and rustflags, one KEY=VALUE a line, as 'cxlog explain' reads them.
func BuildLogWithEnv(buildLog []byte, env []string) []byte {
	var b bytes.Buffer
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if buildDecidingEnv(k) {
			b.WriteString(kv + "\n")
		}
	}
	return append(b.Bytes(), buildLog...)
}

func buildDecidingEnv(key string) bool {
	switch key {
	case "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_BUILD_TARGET", "RUSTC", "RUSTC_WRAPPER":
		return true
	}
	return strings.HasPrefix(key, "CARGO_TARGET_") || strings.HasPrefix(key, "CC_") || strings.HasPrefix(key, "TARGET_CC")
}

// VerifyResult is a verify run, and the diagnosis of its build when the build failed.
type VerifyResult struct {
	Config build.Config
	Report build.Report
	// Env is the environment the build ran with.
	Env          []string
	Diagnosis    *Diagnosis
	DiagnosisErr error // the build log could not be diagnosed
}

// Verify builds, flashes and watches the firmware as cfg says. A failed build is diagnosed
// with the environment it ran with: cfg.Env, or this process's when that is nil.
func (e *Engine) Verify(ctx context.Context, cfg build.Config, deps build.Deps) *VerifyResult {
	env := cfg.Env
	if env == nil {
		env = os.Environ()
	}
	r := &VerifyResult{Config: cfg, Env: env, Report: build.Verify(ctx, cfg, deps)}
	if r.Report.Outcome == build.OutcomeBuildFailed {
		r.Diagnosis, r.DiagnosisErr = e.Diagnose(r.Report.BuildLog, env)
	}
	return r
}

// Passed says whether every expected text was seen and no fail text.
func (r *VerifyResult) Passed() bool {
	return r.Report.Outcome == build.OutcomePassed && len(r.Report.Seen) == len(r.Config.Expect)
}
