package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// Nix's errors for a derivation that failed: Nix 2.18 and later "error: Cannot build
// '<drv>'." (older ones "Cannot build" bare), and "error: builder for '<drv>' failed with exit
// code N", which Nix 2.3 prints without the error: prefix.
func init() {
	register(recognizer{name: "nix-error", order: orderHeader + 2, start: func(s *scanner, l *line) bool {
		text, trimmed := l.Text, l.trimmed
		var kind DiagKind
		message := text
		switch {
		case strings.HasPrefix(text, "error: Cannot build '"):
			kind, message = DiagNixCannotBuild, text[len("error: "):]
		case strings.HasPrefix(text, "error: builder for '") && reNixBuilder().MatchString(text):
			kind = DiagNixBuilder
		case strings.HasPrefix(text, "builder for '") && strings.Contains(text, "' failed"): // Nix 2.3
			kind = DiagNixBuilder
		case strings.HasPrefix(trimmed, "Cannot build '"):
			kind, message = DiagNixCannotBuild, trimmed
		default:
			return false
		}
		s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: kind, Severity: SeverityError, Message: message, Text: []string{text}})
		return true
	}})
}

var reNixBuilder = lazyre.New(`^error: builder for '([^']*)' failed`)
