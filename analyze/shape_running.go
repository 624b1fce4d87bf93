package analyze

import "strings"

// cargo -v prints each command it runs: "     Running `rustc --crate-name ...`". The command
// may go on over lines (a quoted value holding a newline, a paste broken by hand).
func init() {
	register(recognizer{name: "cargo-running", order: orderCommand, start: func(s *scanner, l *line) bool {
		rest, ok := strings.CutPrefix(l.trimmed, "Running `")
		if ok {
			s.startCommand(l, cmdInvocation, rest)
		}
		return ok
	}})
}
