package analyze

import "strings"

// maxCommandLines bounds a command broken over lines whose closing backtick never comes (a
// truncated paste): the command ends there and is parsed as far as it goes.
const maxCommandLines = 4000

// commandKind is what a command's text is taken for, which decides the records it becomes.
type commandKind int

const (
	cmdInvocation       commandKind = iota + 1 // a command cargo ran (Running `...`)
	cmdFailedInvocation                        // one that failed (process didn't exit successfully: `...`)
	cmdLinker                                  // the linker command of a linking failure's note
	cmdCargo                                   // a cargo command line
	cmdEnv                                     // assignments of an environment dump, or a command after them
)

func (k commandKind) String() string {
	switch k {
	case cmdInvocation:
		return "invocation"
	case cmdFailedInvocation:
		return "failed-invocation"
	case cmdLinker:
		return "linker"
	case cmdCargo:
		return "cargo"
	case cmdEnv:
		return "env"
	}
	return "unknown"
}

// pending is a command whose text still has to go through the grammar.
type pending struct {
	kind       commandKind
	incomplete bool // the command's end was never seen
	text       string
	span       Span
	drv        string
	resolved   []Record
}

// startCommand reads a command cargo printed between backticks, from rest (the text after
// the opening backtick); a command without its closing backtick goes on over the next lines.
func (s *scanner) startCommand(l *line, kind commandKind, rest string) {
	var quote byte
	if end := closingBacktick(rest, &quote); end >= 0 {
		s.queue(&pending{kind: kind, text: rest[:end], span: s.span(l.N), drv: s.lineDrv(l)})
		return
	}
	c := &openCommand{kind: kind, start: l.N, last: l.N, lines: 1, drv: s.lineDrv(l), quote: quote}
	c.text.WriteString(rest)
	s.open = c
}

// openCommand is a command broken over lines.
type openCommand struct {
	kind        commandKind
	text        strings.Builder
	start, last int // its first line and its last so far
	lines       int
	drv         string
	quote       byte // the quote left open at the end of the command's last line, or 0
}

func (c *openCommand) firstLine() int { return c.start }
func (c *openCommand) holds(int) bool { return false } // queued only when it ends

func (c *openCommand) next(s *scanner, l *line) step {
	if c.cutBy(l.Text) {
		c.end(s, c.last) // the paste lost the command's end: this line is the next thing
		return notMine
	}
	text := l.Text
	end := closingBacktick(text, &c.quote)
	if end >= 0 {
		text = text[:end]
	}
	c.text.WriteByte('\n')
	c.text.WriteString(text)
	c.lines++
	c.last = l.N
	if end < 0 && c.lines < maxCommandLines {
		return more
	}
	s.queue(&pending{kind: c.kind, text: c.text.String(), span: Span{File: s.file, Start: c.start, End: l.N}, drv: c.drv})
	return final
}

// end queues the command as incomplete: its end was never seen.
func (c *openCommand) end(s *scanner, last int) {
	s.queue(&pending{kind: c.kind, incomplete: true, text: c.text.String(), span: Span{File: s.file, Start: c.start, End: last}, drv: c.drv})
}

// cutBy reports whether a line cannot continue a command broken over lines: a new Running
// line, a cargo status line or, outside a quoted value, a diagnostic header.
func (c *openCommand) cutBy(text string) bool {
	trimmed := strings.TrimLeft(text, " ")
	if strings.HasPrefix(trimmed, "Running `") || trimmed == "--- stdout" || trimmed == "--- stderr" || text == "Caused by:" {
		return true
	}
	if word, _, _ := strings.Cut(trimmed, " "); trimmed != text && len(text)-len(trimmed)+len(word) == 12 && isCargoStatus(trimmed) {
		return true
	}
	return c.quote == 0 && (strings.HasPrefix(text, "error: ") || strings.HasPrefix(text, "error[") || strings.HasPrefix(text, "warning: "))
}

// closingBacktick returns the index of the backtick that closes a command: the first one
// outside quotes (cargo single-quotes every word that holds a backtick), or -1. quote carries
// the open quote, if any, from one line of the command to the next: a quoted value may hold
// a newline.
func closingBacktick(text string, quote *byte) int {
	q := *quote
	defer func() { *quote = q }()
	var next quoteBytes
	next.reset()
	for i := 0; i < len(text); i++ {
		// jump to the next byte that can matter in the current quoting state
		switch q {
		case 0:
			i = next.nearest(text, i, "`'\"\\")
		case '\'':
			i = next.nearest(text, i, "'")
		default:
			i = next.nearest(text, i, "\"\\")
		}
		if i < 0 {
			return -1
		}
		c := text[i]
		switch {
		case q == 0 && c == '`':
			return i
		case q == 0 && (c == '\'' || c == '"') && (i == 0 || strings.IndexByte(" \t=\"'", text[i-1]) >= 0):
			q = c // a quote opens at the start of a word or value (O'Brien opens none)
		case q == c:
			q = 0
		case c == '\\' && q != '\'' && i+1 < len(text) && (text[i+1] == '\'' || text[i+1] == '"' || text[i+1] == '\\'):
			i++ // an escaped quote: cargo writes a ' inside a quoted word as '\''
		}
	}
	return -1
}

// quoteBytes finds the next of the bytes that matter to closingBacktick with IndexByte's
// vector loop, each byte's next occurrence searched for again only once the scan has passed
// it: a command of a few kilobytes with dozens of quotes is read about once per byte kind,
// where IndexAny would read it byte by byte.
type quoteBytes struct {
	at [4]int // the next occurrence at or after the scan of "`", "'", `"`, `\`; len(text) when none; -1 not yet searched
}

const closingBytes = "`'\"\\"

func (q *quoteBytes) reset() { q.at = [4]int{-1, -1, -1, -1} }

// nearest returns the offset of the first byte of set (a subset of closingBytes) at or after
// i in text, or -1.
func (q *quoteBytes) nearest(text string, i int, set string) int {
	least := len(text)
	for k := 0; k < len(set); k++ {
		j := strings.IndexByte(closingBytes, set[k])
		if q.at[j] < i {
			q.at[j] = len(text)
			if n := strings.IndexByte(text[i:], set[k]); n >= 0 {
				q.at[j] = i + n
			}
		}
		least = min(least, q.at[j])
	}
	if least == len(text) {
		return -1
	}
	return least
}
