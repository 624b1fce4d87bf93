package analyze

import "regexp"

// A source frame of a compile_error! invocation whose header line was cut from the paste
// ("362 | / compile_error!("): the frame is the diagnostic.
func init() {
	register(recognizer{name: "compile-error-frame", order: orderOther + 1, start: func(s *scanner, l *line) bool {
		if !reCompileError.MatchString(l.Text) {
			return false
		}
		d := &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagCompileError, Severity: SeverityError, Text: []string{l.Text}}
		s.emit(d)
		s.open = &rustcDiagnostic{openDiagnostic: openDiagnostic{d: d}}
		return true
	}})
}

var reCompileError = regexp.MustCompile(`^\s*\d*\s*\|\s*[/|]?\s*compile_error!`)
