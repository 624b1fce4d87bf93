package analyze

import "strings"

// A log pasted as an indented code block (Stack Overflow, old Reddit): rustc's own headers (a
// coded error, a linking failure, could not compile) keep their structure, read at the
// paste's indentation. Other indented error lines are quoted by another tool: rustc's own
// diagnostics start at column 0.
func init() {
	register(recognizer{name: "indented-paste", order: orderPaste, start: func(s *scanner, l *line) bool {
		text, trimmed := l.Text, l.trimmed
		if trimmed == text || !strings.HasPrefix(trimmed, "error") {
			return false
		}
		if indent := len(text) - len(trimmed); indent >= 4 && text[:indent] == strings.Repeat(" ", indent) && isRustcHeader(trimmed) {
			pasted := *l
			pasted.Text = trimmed
			if startLinkFailure(s, &pasted) || startCouldNotCompile(s, &pasted) || startRustcDiagnostic(s, &pasted) {
				if o, ok := s.open.(interface{ setIndent(int) }); ok {
					o.setIndent(indent)
				}
			}
			return true
		}
		s.toolLine(l, trimmed)
		return true
	}})
}

// isRustcHeader reports the headers that are rustc's or cargo's own, whatever indentation a
// paste gave them: a coded error, a linking failure, "could not compile".
func isRustcHeader(t string) bool {
	return strings.HasPrefix(t, "error[E") || reLinkFailed().MatchString(t) || reCouldNot().MatchString(t)
}
