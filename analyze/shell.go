package analyze

import "strings"

// shellLine is a line as a shell printed a command: with a set -x trace's "+ ", a prompt
// ("user@host:~/fw$ ", "PS C:\fw> "), a GitHub Actions "##[group]Run ", export or declare -x
// in front. The cargo command and environment dump recognizers read what is behind them.
type shellLine struct {
	text  string // the command without what the shell put before it
	first string // its first word
}

// shell returns the line's command as a shell printed it.
func (l *line) shell() *shellLine {
	if l.shRead {
		return &l.sh
	}
	t := l.trimmed
	for _, p := range []string{"##[group]Run ", "$ ", "+++ ", "++ ", "+ ", "> "} {
		t = strings.TrimPrefix(t, p)
	}
	for _, p := range []string{"export ", "declare -x "} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			t = unquoteAssignment(strings.TrimLeft(rest, " "))
			break
		}
	}
	if cmd, ok := afterPrompt(t); ok {
		t = cmd
	}
	first := t
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		first = t[:i]
	}
	l.sh, l.shRead = shellLine{text: t, first: first}, true
	return &l.sh
}

// afterPrompt returns the cargo command of a line that starts with a shell prompt:
// "user@host:~/fw$ cargo build", "PS C:\fw> cargo build", "C:\fw>cargo build", "❯ cargo build".
func afterPrompt(t string) (string, bool) {
	for off := 0; ; {
		i := strings.Index(t[off:], "cargo ")
		if i < 0 {
			return "", false
		}
		i += off
		before := strings.TrimRight(t[:i], " ")
		for _, p := range []string{"$", "%", "#", ">", "❯", "➜", "λ"} {
			if before != "" && strings.HasSuffix(before, p) {
				return t[i:], true
			}
		}
		off = i + len("cargo ")
	}
}

// unquoteAssignment turns the word 'KEY=value' of a set -x trace (bash quotes the whole
// word) into KEY='value'.
func unquoteAssignment(w string) string {
	if len(w) < 2 || w[0] != '\'' || w[len(w)-1] != '\'' || strings.Contains(w[1:len(w)-1], "'") {
		return w
	}
	k, v, ok := strings.Cut(w[1:len(w)-1], "=")
	if !ok {
		return w
	}
	return k + "='" + v + "'"
}
