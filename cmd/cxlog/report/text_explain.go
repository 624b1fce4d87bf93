package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

func textExplain(w *textWriter, r *Explain) {
	if string(r.Class) == "unknown" {
		w.printf("unknown: nothing in the knowledge base matches this log well enough (confidence %.2f, a class needs %.2f).\n", r.Confidence, explain.AnswerConfidence)
		if len(r.Matches) > 0 {
			w.println("Best guesses:")
			for _, m := range r.Matches {
				w.printf("  %s [%s] %s (score %.2f)\n", m.Entry.ID, m.Entry.Class, m.Entry.Title, m.Score)
			}
		}
		return
	}
	for i, m := range shownMatches(r.Matches) {
		w.style(severityStyle(matchSeverity(i)), fmt.Sprintf("%d. [%s] %s", i+1, m.Entry.Class, m.Entry.Title))
		w.println()
		w.printf("   id: %s   confidence: %s (score %.2f)\n", m.Entry.ID, m.Confidence, m.Score)
		if len(m.MatchedLines) > 0 {
			w.println("   matched:")
			for _, l := range m.MatchedLines {
				w.printf("     %d: %s\n", l.N, Truncate(strings.TrimSpace(l.Text), 160))
			}
		}
		for _, f := range m.Findings {
			w.printf("   structural evidence: %s\n", Truncate(f.Message, 200))
		}
		if len(m.Quotes) > 0 {
			w.printf("   in your log: %s\n", quoteList(m.Quotes))
		}
		w.printf("   cause: %s\n", Wrap(strings.TrimSpace(m.Entry.Cause), 96, "          "))
		w.printf("   fix: %s\n", Wrap(strings.TrimSpace(m.Entry.Fix), 96, "        "))
		for _, s := range m.Entry.Sources {
			w.printf("   source: %s\n", s)
		}
		w.println()
	}
}

func textSearch(w *textWriter, r *Search) {
	if len(r.Hits) == 0 {
		w.println("No entry matches.")
		return
	}
	for _, h := range r.Hits {
		w.printf("%s [%s] %s (%.2f)\n", h.Entry.ID, h.Entry.Class, h.Entry.Title, h.Score)
		fields := make([]string, 0, len(h.Fragments))
		for f := range h.Fragments {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			for _, frag := range h.Fragments[f] {
				w.printf("    %s: ", f)
				highlight(w, frag)
				w.println()
			}
		}
	}
}

// highlight writes a fragment with the index's match markers as bold on a colour terminal,
// as [..] elsewhere.
func highlight(w *textWriter, s string) {
	s = strings.Join(strings.Fields(s), " ")
	if !w.color {
		s = strings.ReplaceAll(s, knowledge.HighlightStart, "[")
		w.printf("%s", strings.ReplaceAll(s, knowledge.HighlightEnd, "]"))
		return
	}
	for s != "" {
		before, rest, _ := strings.Cut(s, knowledge.HighlightStart)
		w.printf("%s", before)
		term, after, _ := strings.Cut(rest, knowledge.HighlightEnd)
		w.style("1", term)
		s = after
	}
}

func textKBList(w *textWriter, r *KBList) {
	for _, e := range r.Entries {
		w.printf("%-55s %-26s %s\n", e.ID, e.Class, e.Title)
	}
}

func textKBShow(w *textWriter, r *KBShow) {
	e := r.Entry
	w.printf("%s\n%s\nclass: %s\n\nsymptoms:\n", e.ID, e.Title, e.Class)
	for _, s := range e.Symptoms {
		w.printf("  %s\n", s.String())
	}
	w.printf("\ncause: %s\n\nfix: %s\n\n%s\n", strings.TrimSpace(e.Cause), strings.TrimSpace(e.Fix), strings.TrimSpace(e.Body))
	for _, s := range e.Sources {
		w.printf("source: %s\n", s)
	}
}

func textKBLint(w *textWriter, r *KBLint) {
	for _, p := range r.Problems {
		w.println(p.String())
	}
	if len(r.Problems) == 0 {
		w.println("knowledge base: no problems")
	}
}

// shownMatches are the matches of an answered explanation that a report presents: the
// best one, then the next ones up to the first of low confidence.
func shownMatches(ms []explain.Match) []explain.Match {
	for i, m := range ms {
		if i > 0 && m.Confidence == "low" {
			return ms[:i]
		}
	}
	return ms
}

// matchSeverity is the severity a report gives the i-th of the shown matches.
func matchSeverity(i int) string {
	if i == 0 {
		return finding.High
	}
	return finding.Medium
}

// quoteList is what a match quotes from the log, as: name `value`, name `value`.
func quoteList(qs []knowledge.Quote) string {
	names := make([]string, len(qs))
	for i, q := range qs {
		names[i] = q.Name + " `" + q.Value + "`"
	}
	return strings.Join(names, ", ")
}
