package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// Error lines of tools other than rustc (linkers, gcc, espflash, cargo, a build script's live
// output under cargo -vv), pasted without rustc's frame.
func init() {
	register(recognizer{name: "tool-error", order: orderToolErrors, start: func(s *scanner, l *line) bool {
		s.toolLine(l, l.trimmed)
		return true
	}})
}

var reToolError = lazyre.New(`(?i)(?:^|: )(?:fatal )?error(?:\[[A-Za-z0-9_]+\]| [A-Z]{1,4}\d{4})?: |^Error: |^LLVM ERROR: |^× |cannot find -l|undefined (?:reference|symbol)|multiple definition of|will not fit in region|overflowed by|No such file or directory|not found|cannot find|unknown option|panicked at|unrecognized|cannot execute|Exec format error|overlaps section|^Error [A-Z]|links to the native library`)

// toolLine keeps a line (trimmed: its text as read) if it is another tool's error line.
func (s *scanner) toolLine(l *line, trimmed string) {
	if !mayBeToolError(trimmed) || !reToolError().MatchString(buildScriptOutput(trimmed)) {
		return
	}
	s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagTool, Severity: SeverityError, Message: trimmed, Text: []string{l.Text}})
}

// toolErrorWords are fragments every line reToolError matches contains (in any letter case of
// the words' first letter): lines without one skip the regex.
var toolErrorWords = []string{"rror", "RROR", "annot", "ndefined", "ultiple definition", "ill not fit", "verflowed",
	"o such file", "ot found", "nknown option", "anicked", "nrecognized", "× ", "verlaps section", "native library"}

func mayBeToolError(t string) bool {
	for _, w := range toolErrorWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// buildScriptOutput strips the "[package version] " cargo -vv puts before a build script's
// output.
func buildScriptOutput(t string) string {
	if _, _, text, ok := cutBuildScriptPrefix(t); ok {
		return text
	}
	return t
}
