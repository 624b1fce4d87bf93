package engine

import (
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build/record"
	"github.com/cxlog/cxlog/knowledge/annotate"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// DiffRequest names two builds: two logs, or two Nix derivations of one log (GoodDrv and
// BadDrv set, Good == Bad).
type DiffRequest struct {
	Good, Bad       string
	GoodDrv, BadDrv string
}

// DiffResult is a comparison: the findings ranked cause first, and every raw difference.
type DiffResult struct {
	Good, Bad   string
	Findings    []finding.Finding
	Differences []finding.Difference
	// Changes are how two record bundles differ beside their logs (environment, config
	// files, tool versions, Cargo.lock); nil unless both sides are bundles.
	Changes []record.Change
}

// Same says whether nothing that matters differs.
func (r *DiffResult) Same() bool { return len(r.Findings)+len(r.Differences)+len(r.Changes) == 0 }

// Diff compares two builds by meaning and adds the known failure that only the bad one shows.
func (e *Engine) Diff(req DiffRequest) (*DiffResult, error) {
	good, bad, err := e.diffLogs(req)
	if err != nil {
		return nil, err
	}
	b, ix, err := e.knowledge()
	if err != nil {
		return nil, err
	}
	findings, diffs, err := explain.Diff(good, bad, b, ix)
	if err != nil {
		return nil, err
	}
	res := &DiffResult{Good: req.Good, Bad: req.Bad, Findings: findings, Differences: diffs}
	if req.Good != req.Bad && record.IsBundle(req.Good) && record.IsBundle(req.Bad) {
		gb, err := record.Open(req.Good)
		if err != nil {
			return nil, &UserError{Err: err}
		}
		bb, err := record.Open(req.Bad)
		if err != nil {
			return nil, &UserError{Err: err}
		}
		res.Changes = record.Compare(gb, bb)
	}
	return res, nil
}

func (e *Engine) diffLogs(req DiffRequest) (good, bad *analyze.Log, err error) {
	if req.Good == req.Bad && req.GoodDrv != "" {
		return e.drvLogs(req)
	}
	if req.Good == "-" && req.Bad == "-" {
		return nil, nil, userErrorf("only one of the two logs can be standard input")
	}
	// a panic while either log is read is returned as an error (*analyze.PanicError)
	defer func() {
		if r := recover(); r != nil {
			good, bad, err = nil, nil, analyze.Recovered(r)
		}
	}()
	// one log after the other, each on every CPU: as fast as both at once, with half the
	// batches in flight and one log's read-time indexes in memory at a time
	opt := analyze.Options{Distinct: true}
	good, err = e.readLog(req.Good, opt)
	if err != nil {
		return nil, nil, err
	}
	bad, err = e.readLog(req.Bad, opt)
	return good, bad, err
}

// drvLogs splits one log into the records of two derivations.
func (e *Engine) drvLogs(req DiffRequest) (good, bad *analyze.Log, err error) {
	l, err := e.readLog(req.Good, analyze.Options{})
	if err != nil {
		return nil, nil, err
	}
	drvs := l.Drvs()
	for _, want := range []string{req.GoodDrv, req.BadDrv} {
		if !slices.Contains(drvs, want) {
			return nil, nil, userErrorf("%s: no records of derivation %q (it has: %s)", req.Good, want, strings.Join(drvs, ", "))
		}
	}
	good = l.Select(func(drv string, _ int) bool { return drv == req.GoodDrv })
	bad = l.Select(func(drv string, _ int) bool { return drv == req.BadDrv })
	return good, bad, nil
}

// CheckResult is what the rules that need no baseline found in one log.
type CheckResult struct {
	Log      string
	Findings []finding.Finding
}

// Check runs the rules that need no working baseline; each finding that cites a
// knowledge-base entry gets that entry's fix.
func (e *Engine) Check(path string) (*CheckResult, error) {
	l, err := e.readLog(path, analyze.Options{Distinct: true})
	if err != nil {
		return nil, err
	}
	b, err := e.KB()
	if err != nil {
		return nil, err
	}
	findings := finding.Check(l)
	if err := annotate.Findings(findings, b); err != nil {
		return nil, err
	}
	return &CheckResult{Log: path, Findings: findings}, nil
}
