package analyze

import "strings"

// A Nix `trace:` of an attribute set (builtins.trace of lib.systems.elaborate ...), read by
// nixtrace.go into dotted keys.
func init() {
	register(recognizer{name: "nix-trace", order: orderOther, start: func(s *scanner, l *line) bool {
		if !strings.HasPrefix(l.trimmed, "trace: {") {
			return false
		}
		s.emit(&NixTrace{Span: s.span(l.N), Attrs: parseNixAttrs(l.trimmed[len("trace: "):])})
		return true
	}})
}
