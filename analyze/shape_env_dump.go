package analyze

import "strings"

// An environment dump (env, printenv, export -p, a set -x trace's assignments): lines of
// KEY=value, or assignments before a command.
func init() {
	register(recognizer{name: "env-dump", order: orderShell + 1, start: func(s *scanner, l *line) bool {
		sh := l.shell()
		if cargoShaped(sh.first) { // the cargo command's, even when it is no command (CARGO=/x/bin/cargo)
			return false
		}
		key, _, ok := strings.Cut(sh.first, "=")
		if !ok || !looksLikeEnvKey(key) {
			return false
		}
		s.queue(&pending{kind: cmdEnv, text: sh.text, span: s.span(l.N), drv: s.lineDrv(l)})
		return true
	}})
}
