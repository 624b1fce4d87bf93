package explain

import (
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/annotate"
)

// scoreKnownFailure ranks a knowledge-base match of errors only the failing build shows: below
// a structural cause seen in the flags (a config that never reached rustc, a host linker), above
// version changes and other context.
const scoreKnownFailure = 75

// NewErrors explains the errors that only the bad build shows and returns the best match as a
// finding, so that a diff whose flags do not differ still names the failure.
func NewErrors(good, bad *analyze.Log, b *knowledge.Base, ix *knowledge.Index) []finding.Finding {
	var lines []logread.Line
	for _, d := range finding.ErrorsOnlyIn(good, bad) {
		for i, t := range d.Text { // notes included
			lines = append(lines, logread.Line{N: d.TextLine(i), Text: t})
		}
	}
	if len(lines) == 0 {
		return nil
	}
	res := Explain(&Input{Lines: lines, Log: &analyze.Log{Name: bad.Name}}, b, ix)
	if res.Class == "unknown" || len(res.Matches) == 0 {
		return nil
	}
	// the best match ranks as a known failure; explain's other matches of other classes stay
	// available to diff, below every rule
	var out []finding.Finding
	classes := map[string]bool{}
	for i, m := range res.Matches {
		if classes[string(m.Entry.Class)] || len(out) == maxOtherMatches+1 || i > 0 && m.Confidence == "low" {
			continue
		}
		classes[string(m.Entry.Class)] = true
		f := finding.Finding{
			Class: m.Entry.Class, Rule: finding.KnownFailure(m.Entry.ID), Entry: m.Entry.ID, Severity: finding.Medium, Score: scoreKnownFailure,
			Message: "Only the failing build shows this known failure: " + m.Entry.Title + ". " + strings.TrimSpace(m.Entry.Cause),
			Fix:     strings.TrimSpace(m.Entry.Fix),
		}
		if i > 0 {
			f.Score, f.Severity = scoreOtherMatch-len(out), finding.Low
			f.Message = "explain's next match of another class: " + m.Entry.Title + ". " + strings.TrimSpace(m.Entry.Cause)
		} else if m.Confidence == "high" {
			f.Severity = finding.High
		}
		for _, l := range m.MatchedLines {
			f.Evidence = append(f.Evidence, finding.Evidence{Side: "bad", File: bad.Name, Line: l.N, Text: l.Text})
		}
		out = append(out, f)
	}
	return out
}

// The other matches explain makes of the bad build's errors, not low-confidence guesses: at
// most maxOtherMatches, ranked
// under every rule's finding (the lowest rule score is 20).
const (
	maxOtherMatches = 2
	scoreOtherMatch = 15
)

// Diff is the whole comparison cxlog diff reports: the rules' findings on the two logs and
// the known failure only the bad log shows, ranked cause first, each with the fix of the
// knowledge-base entry it cites; and every raw difference.
func Diff(good, bad *analyze.Log, b *knowledge.Base, ix *knowledge.Index) ([]finding.Finding, []finding.Difference, error) {
	fs, diffs := finding.Diff(good, bad)
	fs = finding.Rank(append(fs, NewErrors(good, bad, b, ix)...))
	finding.AttachChanges(fs, good, bad, diffs)
	return fs, diffs, annotate.Findings(fs, b)
}
