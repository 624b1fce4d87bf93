package analyze

import (
	"sort"
	"unicode/utf8"
)

// maxCutHeadline is how much of a cut line a diagnostic's message or note keeps: the whole
// line stays in its Text, once.
const maxCutHeadline = 4 << 10

// spanned is a record that embeds a Span: every record but *EnvVar.
type spanned interface{ recordSpan() *Span }

func (s *Span) recordSpan() *Span { return s }

// markCut flags the records of items that hold a line of cut (sorted line numbers the reader cut
// at logread.MaxLineBytes). A command still to be parsed carries the flag in its span.
func markCut(items []item, cut []int) {
	if len(cut) == 0 {
		return
	}
	for _, it := range items {
		switch r := it.rec.(type) {
		case nil:
			it.cmd.span.Truncated = holdsCut(cut, it.cmd.span.Start, it.cmd.span.End)
		case *Diagnostic:
			markCutDiagnostic(r, cut)
		case *EnvVar:
			r.Truncated = holdsCut(cut, r.Line, r.Line)
		case spanned:
			sp := r.recordSpan()
			sp.Truncated = holdsCut(cut, sp.Start, sp.End)
		}
	}
}

func markCutDiagnostic(d *Diagnostic, cut []int) {
	if !holdsCut(cut, d.Start, d.End) {
		return
	}
	d.Truncated = true
	if holdsCut(cut, d.Start, d.Start) {
		d.Message = headline(d.Message)
	}
	for i, line := range d.NoteLines {
		if holdsCut(cut, line, line) {
			d.Notes[i] = headline(d.Notes[i])
		}
	}
}

// holdsCut reports whether a line of start..end is in cut.
func holdsCut(cut []int, start, end int) bool {
	i := sort.SearchInts(cut, start)
	return i < len(cut) && cut[i] <= end
}

// headline returns the start of a cut line's text, ending with "…".
func headline(s string) string {
	if len(s) <= maxCutHeadline {
		return s
	}
	n := maxCutHeadline
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// TruncatedAt returns the first line of a record that holds a line cut at
// logread.MaxLineBytes, and whether it does.
func TruncatedAt(r Record) (int, bool) {
	switch r := r.(type) {
	case *EnvVar:
		return r.Line, r.Truncated
	case spanned:
		sp := r.recordSpan()
		return sp.Start, sp.Truncated
	}
	return 0, false
}
