package report

import (
	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/fixes"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/evaluate"
)

// The schemas of the results, one per command; README "JSON" describes them.
const (
	ParseSchema   = "cxlog.parse/v1"
	DiffSchema    = "cxlog.diff/v1"
	CheckSchema   = "cxlog.check/v1"
	ExplainSchema = "cxlog.explain/v1"
	SearchSchema  = "cxlog.search/v1"
	KBSchema      = "cxlog.kb/v1"
	KBLintSchema  = "cxlog.kb-lint/v1"
	EvalSchema    = "cxlog.eval/v1"
	FixSchema     = "cxlog.fix/v1"
	VerifySchema  = "cxlog.verify/v1"
)

// Parse is the records of one or more logs, read as the reporter writes them.
type Parse struct{ Files []ParseFile }

// ParseFile streams one log's records: Scan calls emit in log order; ScanRendered runs render
// on the parsing goroutines, starting each batch from a nil dst, and hands write each batch's
// bytes in log order, write's to keep or reuse. Both return the lines read.
type ParseFile struct {
	Name         string
	Scan         func(emit func(analyze.Record)) (int, error)
	ScanRendered func(render func(dst []byte, r analyze.Record) []byte, write func([]byte)) (int, error)
}

// Diff is a comparison; All asks the text report for every raw difference.
type Diff struct {
	*engine.DiffResult
	All bool
}

// Check is the single-log rules' findings.
type Check struct{ *engine.CheckResult }

// Explain is the known failures of a log.
type Explain struct{ *engine.ExplainResult }

// Search is the entries a query found.
type Search struct{ Hits []knowledge.SearchHit }

// KBList is entries listed; KBShow one entry in full.
type KBList struct{ Entries []*knowledge.Entry }
type KBShow struct{ Entry *knowledge.Entry }

// KBLint is the problems lint found.
type KBLint struct{ Problems []knowledge.Problem }

// Eval is explain measured on a labelled corpus.
type Eval struct{ evaluate.Report }

// Verify is a verify run.
type Verify struct {
	*engine.VerifyResult
	// BuildLogFile is where --build-log wrote the build's environment and output, the text
	// the diagnosis read: the CI formats point at its lines.
	BuildLogFile string
}

// Fix is a planned fix and what became of it. Stage says what the text report shows: the
// plan and, with Proof or Applied, the outcome (text shows the plan before a long proof).
type Fix struct {
	*engine.FixPlan
	Stage   FixStage
	Sandbox string         // --sandbox: the copy the plan was applied to
	Applied *fixes.Applied // --apply: what was written
	Proof   *engine.Proof  // --verify
}

// FixStage is how much of a fix the text report shows.
type FixStage int

const (
	FixWhole    FixStage = iota // plan and outcome
	FixPlanOnly                 // the plan, before it is carried out
	FixOutcome                  // the outcome, the plan having been shown
)

func (*Parse) Schema() string   { return ParseSchema }
func (*Diff) Schema() string    { return DiffSchema }
func (*Check) Schema() string   { return CheckSchema }
func (*Explain) Schema() string { return ExplainSchema }
func (*Search) Schema() string  { return SearchSchema }
func (*KBList) Schema() string  { return KBSchema }
func (*KBShow) Schema() string  { return KBSchema }
func (*KBLint) Schema() string  { return KBLintSchema }
func (*Eval) Schema() string    { return EvalSchema }
func (*Verify) Schema() string  { return VerifySchema }
func (*Fix) Schema() string     { return FixSchema }
