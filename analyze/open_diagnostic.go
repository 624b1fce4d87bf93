package analyze

import "strings"

// maxDiagnosticLines bounds how far after its first line a diagnostic still takes lines: the
// batch that holds it waits for it (see pipeline.go), and interleaved builds may leave one
// open for long.
const maxDiagnosticLines = 16384

// openDiagnostic is what every diagnostic read over lines shares: the record, and the
// indentation of a log pasted as an indented code block, which its lines carry and its text
// does not.
type openDiagnostic struct {
	d      *Diagnostic
	indent int
}

func (o *openDiagnostic) firstLine() int    { return o.d.Start }
func (o *openDiagnostic) holds(n int) bool  { return n-o.d.Start < maxDiagnosticLines }
func (o *openDiagnostic) end(*scanner, int) {}
func (o *openDiagnostic) setIndent(n int)   { o.indent = n }

// text returns a line's text without the paste's indentation, and false when the line
// cannot continue the diagnostic: too far from its start, or a paste's line at less
// indentation.
func (o *openDiagnostic) text(l *line) (string, bool) {
	if !o.holds(l.N) {
		return "", false
	}
	if o.indent == 0 {
		return l.Text, true
	}
	// an indented paste: its lines carry the paste's indentation, blank ones may not
	if rest, ok := strings.CutPrefix(l.Text, strings.Repeat(" ", o.indent)); ok {
		return rest, true
	}
	return l.Text, l.trimmed == ""
}
