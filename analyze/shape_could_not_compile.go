package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// cargo's summary of a crate that failed: "error: could not compile `foo` (lib) due to 2
// previous errors" (older cargo: "error: Could not compile `foo`.").
func init() {
	register(recognizer{name: "could-not-compile", order: orderHeader + 1, start: startCouldNotCompile})
}

var reCouldNot = lazyre.New("^(?:error: )?[Cc]ould not compile `([^`]+)`")

func startCouldNotCompile(s *scanner, l *line) bool {
	if !strings.HasPrefix(l.Text, "error") {
		return false
	}
	m := reCouldNot().FindStringSubmatch(l.Text)
	if m == nil {
		return false
	}
	s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagCouldNotComp, Severity: SeverityError, Message: l.Text, Crate: m[1], Text: []string{l.Text}})
	return true
}
