package engine

import (
	"slices"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/evaluate"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// ExplainResult is the known failures a log shows, ranked.
type ExplainResult struct {
	Input string
	explain.Result
	// Target is the cross target the log's binary crates were built for, or "".
	Target string
}

// Explain reads a log or a pasted error ("-": Options.Stdin) and ranks the knowledge base's
// entries for it.
func (e *Engine) Explain(path string) (*ExplainResult, error) {
	go explain.Prepare() // on the other core, while the knowledge base loads
	b, ix, err := e.knowledge()
	if err != nil {
		return nil, err
	}
	in, err := explain.ReadInputFor(bundleLog(path), e.opts.Stdin, b, ix)
	if err != nil {
		return nil, inputError(path, err)
	}
	return &ExplainResult{Input: path, Result: explain.Explain(in, b, ix), Target: logTarget(in.Log)}, nil
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

// Search finds the entries whose text best matches query (which may be a pasted log line).
func (e *Engine) Search(query string, opt knowledge.SearchOptions) ([]knowledge.SearchHit, error) {
	ix, err := e.Index()
	if err != nil {
		return nil, err
	}
	hits, err := ix.Search(query, opt)
	if err != nil {
		return nil, &UserError{Err: err}
	}
	return hits, nil
}

// Entry is the knowledge-base entry with that id.
func (e *Engine) Entry(id string) (*knowledge.Entry, error) {
	b, err := e.KB()
	if err != nil {
		return nil, err
	}
	entry := b.ByID(id)
	if entry == nil {
		return nil, userErrorf("no knowledge-base entry %q ('cxlog kb list' shows them)", id)
	}
	return entry, nil
}

// Eval explains every labelled log under dir and scores the answers (knowledge/evaluate).
func (e *Engine) Eval(dir string) (*evaluate.Report, error) {
	labelled, err := evaluate.Load(dir)
	if err != nil {
		return nil, &UserError{Err: err}
	}
	cases, pairs := labelled.Cases, labelled.Pairs
	if len(cases)+len(pairs) == 0 {
		return nil, userErrorf("%s: no labelled case (front matter with class:, or an expected.tsv)", dir)
	}
	b, ix, err := e.knowledge()
	if err != nil {
		return nil, err
	}
	rep, err := evaluate.Run(cases, b, ix)
	if err != nil {
		return nil, inputError(dir, err)
	}
	if len(pairs) > 0 {
		pr, err := evaluate.RunPairs(pairs, b, ix)
		if err != nil {
			return nil, inputError(dir, err)
		}
		rep.Pairs = &pr
	}
	return &rep, nil
}
