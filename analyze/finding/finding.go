// Package finding compares builds by meaning and turns what it sees into ranked findings, each
// with a root-cause class, evidence from the logs and the knowledge-base entry that explains it.
//
// Every rule is one file (rule_<id>.go) that registers itself in init, with its golden case in
// testdata/<id>/. See rule.go.
package finding

import (
	"sort"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// Severity of a finding.
const (
	High   = "high"
	Medium = "medium"
	Low    = "low"
)

// Evidence is a log line that shows a finding.
type Evidence struct {
	Side string `json:"side,omitempty"` // "good" or "bad" in a diff
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Finding is one conclusion about a build.
type Finding struct {
	Class    class.Class `json:"class"`
	Rule     ID          `json:"rule"`
	Severity string      `json:"severity"`
	Score    int         `json:"score"` // ranking weight: the cause outranks its symptoms
	Crate    string      `json:"crate,omitempty"`
	Message  string      `json:"message"`
	Evidence []Evidence  `json:"evidence"`
	// Fix is the fix of Entry, filled in by the layer that holds the knowledge base
	// (knowledge/annotate), or the rule's own advice when it cites no entry.
	Fix string `json:"fix"`
	// Entry is the knowledge-base entry whose cause, fix and actions the finding stands for:
	// cxlog fix --kb-id ENTRY applies it. Cause is that entry's cause (filled in with Fix).
	Entry string `json:"entry,omitempty"`
	Cause string `json:"cause,omitempty"`
	// Changed lists the settings that differ between the builds and that the finding stands
	// on, both sides' values and their sources. Always present in JSON; empty for a finding
	// of one log (check).
	Changed []Change `json:"changed"`
}

// Rank orders findings: highest score first, then by rule name for a stable order.
func Rank(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Score != fs[j].Score {
			return fs[i].Score > fs[j].Score
		}
		return fs[i].Rule < fs[j].Rule
	})
	return fs
}

func evidenceAt(side string, s analyze.Span, text string) Evidence {
	return Evidence{Side: side, File: s.File, Line: s.Start, Text: text}
}
