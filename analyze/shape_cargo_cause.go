package analyze

import "strings"

// cargo explains an error of its own by a chain of causes, each under a "Caused by:" line at
// column 0 and indented by two spaces:
//
//	error: failed to load manifest for dependency `cxlog-fwlib`
//
//	Caused by:
//	  failed to parse the `edition` key
//
// The innermost cause is often the only line that says what is wrong, so each cause is an
// error of its own. A failed command under "Caused by:" (process didn't exit successfully) is
// the process-failed recognizer's. anyhow's chains (cargo-xtask, espflash) number their causes
// under one "Caused by:", four spaces in: "    0: cargo returned error".
func init() {
	register(recognizer{name: "cargo-cause", order: orderCommand + 2, start: func(s *scanner, l *line) bool {
		if l.Text != "Caused by:" {
			return false
		}
		s.open = &cargoCause{start: l.N}
		return true
	}})
}

// cargoCause reads the lines of one cause: two spaces in, up to a blank line.
type cargoCause struct {
	start int
	d     *Diagnostic // the cause read so far
}

func (c *cargoCause) firstLine() int    { return c.start }
func (c *cargoCause) holds(n int) bool  { return c.d != nil && n-c.d.Start < maxDiagnosticLines }
func (c *cargoCause) end(*scanner, int) {}

func (c *cargoCause) next(s *scanner, l *line) step {
	text, ok := strings.CutPrefix(l.Text, "  ")
	if !ok || strings.TrimSpace(text) == "" || strings.Contains(text, processFailedMarker) {
		return notMine
	}
	if c.d == nil || numberedCause(text) {
		c.d = &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagTool, Severity: SeverityError, Message: l.trimmed, Text: []string{l.Text}}
		s.emit(c.d)
		return more
	}
	c.d.addText(l.Text, l.N)
	return more
}

// numberedCause reports an anyhow cause line, "  0: message" after cargo's two spaces.
func numberedCause(text string) bool {
	t := strings.TrimLeft(text, " ")
	n := len(leadingDigits(t))
	return n > 0 && strings.HasPrefix(t[n:], ": ")
}
