package analyze

import (
	"strconv"
	"strings"
)

// rustc's diagnostics: "error[E0432]: ...", "error: ...", "warning: ..." at column 0, then
// source frames (-->, |, numbered source lines, carets with labels), notes and helps. Every
// other line that starts with error or warning is another tool's error line, if it is one.
func init() {
	register(recognizer{name: "rustc-diagnostic", order: orderRustc, start: func(s *scanner, l *line) bool {
		if !strings.HasPrefix(l.Text, "error") && !strings.HasPrefix(l.Text, "warning") {
			return false
		}
		if !startRustcDiagnostic(s, l) {
			s.toolLine(l, l.Text)
		}
		return true
	}})
}

// startRustcDiagnostic reads a rustc header line, and its continuation lines after it.
func startRustcDiagnostic(s *scanner, l *line) bool {
	d := rustcHeader(s, l)
	if d == nil {
		return false
	}
	s.emit(d)
	s.open = &rustcDiagnostic{openDiagnostic: openDiagnostic{d: d}}
	return true
}

// rustcHeader returns the diagnostic a rustc header line starts, or nil.
func rustcHeader(s *scanner, l *line) *Diagnostic {
	severity, code, message, ok := diagHeader(l.Text)
	if !ok {
		return nil
	}
	return &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagRustc, Severity: severity, Code: code, Message: message, Text: []string{l.Text}}
}

// diagHeader reads a rustc header, error[E0425]: message or warning: message, without a
// regexp: every line of a log is asked, and a diagnostic-heavy log has millions.
func diagHeader(text string) (severity Severity, code, message string, ok bool) {
	switch {
	case strings.HasPrefix(text, "error"):
		severity, text = "error", text[len("error"):]
	case strings.HasPrefix(text, "warning"):
		severity, text = "warning", text[len("warning"):]
	default:
		return "", "", "", false
	}
	if len(text) >= 7 && text[0] == '[' && text[1] == 'E' && text[6] == ']' && allDigits(text[2:6]) {
		code, text = text[1:6], text[7:]
	}
	message, ok = strings.CutPrefix(text, ": ")
	if !ok {
		return "", "", "", false
	}
	return severity, code, message, true
}

// rustcLocation reads a diagnostic's location line, "  --> src/main.rs:4:13": the path is the
// shortest text followed by :line:column (a Windows path has a colon of its own).
func rustcLocation(text string) (path, line, column string, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeft(text, " \t\n\f\r"), "--> ")
	if !ok {
		return "", "", "", false
	}
	for i := 1; i < len(rest); i++ {
		if rest[i] != ':' {
			continue
		}
		line = leadingDigits(rest[i+1:])
		after := rest[i+1+len(line):]
		if line == "" || !strings.HasPrefix(after, ":") {
			continue
		}
		if column = leadingDigits(after[1:]); column != "" {
			return rest[:i], line, column, true
		}
	}
	return "", "", "", false
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// rustcDiagnostic is a rustc diagnostic whose continuation lines are being read.
type rustcDiagnostic struct {
	openDiagnostic
	inNote bool // the last line was a note or help, which may wrap
}

func (c *rustcDiagnostic) next(s *scanner, l *line) step {
	text, ok := c.text(l)
	if !ok {
		return notMine
	}
	trimmed := l.trimmed
	if !c.belongs(text, trimmed) {
		return notMine
	}
	d := c.d
	d.addText(text, l.N)
	var location []string // as a regexp's submatches: the text, path, line, column
	if path, line, column, ok := rustcLocation(text); ok {
		location = []string{text, path, line, column}
	}
	switch m := location; {
	case m != nil:
		if d.Location == nil && len(d.Notes) == 0 && len(d.Helps) == 0 { // not a sub-diagnostic's span
			ln, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			d.Location = &Location{Path: m[1], Line: ln, Column: col}
		}
	case strings.HasPrefix(trimmed, "= note: "):
		d.addNote(trimmed[len("= note: "):], l.N)
		c.inNote = true
	case strings.HasPrefix(trimmed, "= help: "):
		d.Helps = append(d.Helps, trimmed[len("= help: "):])
		c.inNote = true
	case strings.HasPrefix(trimmed, "help: "):
		d.Helps = append(d.Helps, trimmed[len("help: "):])
	case strings.HasPrefix(trimmed, "note: "):
		d.addNote(trimmed[len("note: "):], l.N)
	default:
		if label := caretLabel(trimmed); label != "" {
			d.Labels = append(d.Labels, label)
		}
	}
	return more
}

// belongs tells rustc's continuation lines (source frames, arrows, notes and their wrapped
// text) from the next thing in the log, such as cargo's indented status lines.
func (c *rustcDiagnostic) belongs(text, trimmed string) bool {
	wasNote := c.inNote
	c.inNote = false
	switch {
	case strings.HasPrefix(text, "note: "), strings.HasPrefix(text, "help: "):
		return true // a sub-diagnostic with its own span, printed at column 0
	case trimmed == "" || text == trimmed && !strings.HasPrefix(text, "|") && !startsWithLineNumber(text):
		return false
	case strings.HasPrefix(trimmed, "|"), strings.HasPrefix(trimmed, "-->"), strings.HasPrefix(trimmed, "= "),
		strings.HasPrefix(trimmed, ":::"), strings.HasPrefix(trimmed, "..."), startsWithLineNumber(trimmed):
		return true
	case strings.HasPrefix(trimmed, "help: "), strings.HasPrefix(trimmed, "note: "):
		return true
	}
	if wasNote && len(text)-len(trimmed) >= 4 && !isCargoStatusLine(text, trimmed) {
		c.inNote = true
		return true
	}
	return false
}

func startsWithLineNumber(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == ' ' || s[i] == '|')
}

// caretLabel returns the label text after a run of ^ or - under a source line.
func caretLabel(t string) string {
	t = strings.TrimLeft(t, "0123456789 ")
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimLeft(t, " |_/")
	i := 0
	for i < len(t) && (t[i] == '^' || t[i] == '-') {
		i++
	}
	if i == 0 {
		return ""
	}
	// further underlines on the same line ("---   ^^^ label"): the label is the last one's
	for {
		rest := strings.TrimLeft(t[i:], " ")
		j := 0
		for j < len(rest) && (rest[j] == '^' || rest[j] == '-') {
			j++
		}
		if j == 0 || j < len(rest) && rest[j] != ' ' {
			return strings.TrimSpace(rest)
		}
		t, i = rest, j
	}
}
