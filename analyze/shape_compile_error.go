package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// A source frame of a compile_error! invocation whose header line was cut from the paste
// ("362 | / compile_error!("): the frame is the diagnostic.
func init() {
	register(recognizer{name: "compile-error-frame", order: orderOther + 1, start: func(s *scanner, l *line) bool {
		if !strings.Contains(l.Text, compileErrorLiteral) || !reCompileError().MatchString(l.Text) {
			return false
		}
		d := &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagCompileError, Severity: SeverityError, Text: []string{l.Text}}
		s.emit(d)
		s.open = &rustcDiagnostic{openDiagnostic: openDiagnostic{d: d}}
		return true
	}})
}

// compileErrorLiteral is in every line reCompileError matches: a cheap test that skips the
// regex on nearly every line.
const compileErrorLiteral = "compile_error!"

var reCompileError = lazyre.New(`^\s*\d*\s*\|\s*[/|]?\s*` + compileErrorLiteral)
