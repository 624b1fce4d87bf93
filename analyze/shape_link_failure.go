package analyze

import (
	"strconv"
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// rustc's linking failure: "error: linking with `cc` failed: exit status: 1", then `= note:`
// blocks, the first holding the linker command, the next ones the linker's stderr.
func init() {
	register(recognizer{name: "link-failure", order: orderHeader, start: startLinkFailure})
}

var reLinkFailed = lazyre.New("^error: linking with `([^`]*)` failed: (?:exit (?:status|code): ?(-?0x[0-9A-Fa-f]+|-?\\d+)|signal: )")

func startLinkFailure(s *scanner, l *line) bool {
	m := reLinkFailed().FindStringSubmatch(l.Text)
	if m == nil {
		return false
	}
	d := &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagLinkFailed, Severity: SeverityError,
		Message: l.Text, Linker: m[1], Text: []string{l.Text}}
	if status, err := strconv.ParseInt(m[2], 0, 64); err == nil { // none for a signal
		st := int(status)
		d.ExitStatus = &st
	}
	s.emit(d)
	s.open = &linkFailure{openDiagnostic: openDiagnostic{d: d}}
	return true
}

// linkFailure is a linking failure whose notes are being read.
type linkFailure struct {
	openDiagnostic
	notes    noteMode
	pasteCut bool     // a hand-made marker such as [...] was seen
	cmd      *pending // the linker command note, while wrapped lines may follow
	cmdOpen  bool     // the linker command note ends inside a quoted word
}

// noteMode is where a linking failure's reading stands.
type noteMode int

const (
	beforeNotes noteMode = iota
	inCommandNote
	inStderrNotes
)

func (c *linkFailure) next(s *scanner, l *line) step {
	text, ok := c.text(l)
	if !ok {
		return notMine
	}
	d, trimmed := c.d, l.trimmed
	switch {
	case trimmed == "|" || trimmed == "":
		// rustc's separator lines; blank lines inside the stderr note end nothing
	case strings.HasPrefix(trimmed, "= note: ") || strings.HasPrefix(trimmed, "= help: ") || strings.HasPrefix(trimmed, "= warning: "):
		body := trimmed[strings.Index(trimmed, ": ")+2:]
		if c.notes == beforeNotes && looksLikeLinkerCommand(body) {
			c.notes = inCommandNote
			c.cmd = &pending{kind: cmdLinker, text: body, span: s.span(l.N), drv: s.lineDrv(l)}
			c.cmdOpen = quoteOpen(body)
			s.queue(c.cmd)
		} else {
			c.notes = inStderrNotes
			if strings.TrimSpace(body) != "" {
				d.addNote(strings.TrimSpace(body), l.N)
			}
		}
	case isPasteMarker(trimmed):
		// [...], ..., <skipped>: whoever pasted the log cut something here; what follows
		// still belongs to the failure
		c.pasteCut = true
	case text != trimmed && (c.notes == inStderrNotes || c.notes == beforeNotes && c.pasteCut) && !isCargoStatusLine(text, trimmed):
		// stderr continuation lines; after a cut before any note, the command note is gone
		// and indented lines are the linker's output
		c.notes = inStderrNotes
		d.addNote(trimmed, l.N)
	case c.notes == inCommandNote && c.cmd != nil && !strings.HasPrefix(trimmed, "= ") && !isCargoStatusLine(text, trimmed) &&
		(text != trimmed || strings.HasPrefix(text, `"`) || c.cmdOpen && !startsRecord(text)):
		// linker command wrapped by whoever pasted it, indented or, mid-word or at a word,
		// at column 0: the rest of the quoted command text
		if c.cmdOpen {
			c.cmd.text += trimmed // wrapped inside a quoted word
		} else {
			c.cmd.text += " " + trimmed
		}
		c.cmdOpen = c.cmdOpen != quoteOpen(trimmed)
		c.cmd.span.End = l.N
	default:
		return notMine
	}
	d.addText(text, l.N)
	return more
}

// startsRecord reports a column-0 line that starts something of its own: a diagnostic, a
// cargo status line. A command note cut inside a quoted word does not continue into it.
func startsRecord(text string) bool {
	return strings.HasPrefix(text, "error") || strings.HasPrefix(text, "warning") || strings.HasPrefix(text, "note: ") ||
		strings.HasPrefix(text, "help: ") || isCargoStatus(text)
}

// quoteOpen reports whether a command note ends inside a double-quoted word: rustc
// double-quotes every word of the command, so the note was wrapped mid-word.
func quoteOpen(text string) bool {
	inQuote := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '"':
			inQuote = !inQuote
		}
	}
	return inQuote
}

// isPasteMarker reports the markers people put where they cut a log: "...", "[...]", "…",
// "(..)", "<skipped by unnecessary>", "[ various other errors ]".
func isPasteMarker(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	if strings.Trim(t, ".…") == "" {
		return true
	}
	if len(t) < 2 {
		return false
	}
	first, last := t[0], t[len(t)-1]
	return first == '[' && last == ']' || first == '<' && last == '>' || first == '(' && last == ')' && strings.Trim(t[1:len(t)-1], ".… ") == ""
}

func looksLikeLinkerCommand(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "LC_ALL=") || strings.HasPrefix(s, "PATH=") ||
		strings.HasPrefix(s, "env ") || (strings.Contains(s, `="`) && strings.Contains(s, `" "`))
}
