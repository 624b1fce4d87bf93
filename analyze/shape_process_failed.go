package analyze

import "strings"

// processFailedMarker opens cargo's line for a command that failed; the command follows it.
const processFailedMarker = "process didn't exit successfully: `"

// cargo names a command that failed: "process didn't exit successfully: `...` (exit status:
// 1)", under "Caused by:" for a build script, or as an error of its own for cargo run and
// cargo test ("error: process didn't exit successfully: ..."), which is a diagnostic too.
func init() {
	register(recognizer{name: "process-failed", order: orderCommand + 1, start: func(s *scanner, l *line) bool {
		i := strings.Index(l.trimmed, processFailedMarker)
		if i < 0 {
			return false
		}
		if d := rustcHeader(s, l); d != nil {
			s.emit(d)
		}
		s.startCommand(l, cmdFailedInvocation, l.trimmed[i+len(processFailedMarker):])
		return true
	}})
}
