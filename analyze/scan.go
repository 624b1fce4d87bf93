package analyze

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cxlog/cxlog/grammar/logread"
)

// maxCommandLines bounds a command broken over lines whose closing backtick never comes (a
// truncated paste): the command ends there and is parsed as far as it goes.
const maxCommandLines = 4000

// pending is a command whose text still has to go through the grammar.
type pending struct {
	kind     string // "invocation", "failed-invocation", "linker", "cargo"
	text     string
	span     Span
	drv      string
	env      []EnvVar // environment from a set -x `env` prefix, for cargo commands
	diag     *Diagnostic
	resolved []Record
}

// Record is one of *Invocation, *LinkerCommand, *Diagnostic, *EnvVar, *CargoCommand, *NixTrace.
type Record any

// item is a record in log order, or a command still to be parsed.
type item struct {
	rec Record
	cmd *pending
}

// scanner is the line state machine. It recognises record boundaries with cheap string checks
// and leaves the parsing of command lines to the grammar (see pipeline.go).
type scanner struct {
	file    string
	out     []item
	prevDrv string

	*open                   // what the build of the current line has open
	builds map[string]*open // per Nix derivation: nix build -L interleaves parallel builds

	stepEnv bool // in the env: block of a GitHub Actions step

	cut []int // the lines the reader cut at logread.MaxLineBytes, in order
}

// stepEnvLine reads a "  KEY: value" line of a GitHub Actions step's env: block.
func (s *scanner) stepEnvLine(l logread.Line, text string) bool {
	rest, ok := strings.CutPrefix(text, "  ")
	if !ok {
		return false
	}
	key, value, ok := strings.Cut(rest, ": ")
	if !ok {
		key, ok = strings.CutSuffix(rest, ":") // an empty value
	}
	if !ok || !looksLikeEnvKey(key) {
		return false
	}
	s.emit(&EnvVar{Key: NormaliseEnvKey(key), Original: key, Value: value, Line: l.N})
	return true
}

func newScanner(file string) *scanner {
	return &scanner{file: file, open: &open{}}
}

// open is what one build's output has open: a command broken over lines, a diagnostic whose
// continuation lines are being read.
type open struct {
	cmd      *strings.Builder // a Running command broken over lines
	cmdStart int
	cmdKind  string
	cmdDrv   string
	cmdLines int
	cmdQuote byte // the quote left open at the end of the command's last line, or 0
	cmdLast  int  // the command's last line so far

	diag     *Diagnostic // the diagnostic whose continuation lines are being read
	inNote   bool        // the diagnostic's last line was a note or help, which may wrap
	noteMode int         // in a linking failure: 0 before notes, 1 in the command note, 2 in stderr notes
	pasteCut bool        // in a linking failure: a hand-made marker such as [...] was seen
	linkCmd  *pending    // in a linking failure: the linker command note, while wrapped lines may follow
	linkOpen bool        // the linker command note ends inside a quoted word
	// diagIndent is the indentation of a log pasted as an indented code block: removed from
	// the diagnostic's lines (its text holds them without it)
	diagIndent int
}

var (
	reLinkFailed   = regexp.MustCompile("^error: linking with `([^`]*)` failed: (?:exit (?:status|code): ?(-?0x[0-9A-Fa-f]+|-?\\d+)|signal: )")
	reDiagHeader   = regexp.MustCompile(`^(error|warning)(?:\[(E\d{4})\])?: (.*)$`)
	reCouldNot     = regexp.MustCompile("^(?:error: )?[Cc]ould not compile `([^`]+)`")
	reLocation     = regexp.MustCompile(`^\s*--> (.+?):(\d+):(\d+)`)
	reCompileError = regexp.MustCompile(`^\s*\d*\s*\|\s*[/|]?\s*compile_error!`)
	reNixBuilder   = regexp.MustCompile(`^error: builder for '([^']*)' failed`)
	reToolError    = regexp.MustCompile(`(?i)(?:^|: )(?:fatal )?error(?:\[[A-Za-z0-9_]+\]| [A-Z]{1,4}\d{4})?: |^Error: |^LLVM ERROR: |^× |cannot find -l|undefined (?:reference|symbol)|multiple definition of|will not fit in region|overflowed by|No such file or directory|not found|cannot find|unknown option|panicked at|unrecognized`)
)

func (s *scanner) emit(r Record)      { s.out = append(s.out, item{rec: r}) }
func (s *scanner) queue(p *pending)   { s.out = append(s.out, item{cmd: p}) }
func (s *scanner) span(n int) Span    { return Span{File: s.file, Start: n, End: n} }
func (s *scanner) take() (out []item) { out, s.out = s.out, nil; markCut(out, s.cut); return out }

func (s *scanner) lineDrv(l logread.Line) string {
	if l.Drv != "" {
		return l.Drv
	}
	return s.prevDrv
}

// switchBuild makes the state of a derivation's build current; lines without a derivation
// prefix continue the current one (a command broken by hand, a cut paste).
func (s *scanner) switchBuild(drv string) {
	if drv == "" {
		return
	}
	if s.builds == nil {
		s.builds = map[string]*open{}
	}
	st := s.builds[drv]
	if st == nil {
		st = &open{}
		if len(s.builds) == 0 {
			st = s.open // the first derivation takes over what unprefixed lines opened
		}
		s.builds[drv] = st
	}
	s.open = st
}

// handOff closes every open diagnostic: its records go to a worker and are not changed any more.
func (s *scanner) handOff() {
	s.each(func(o *open) { o.diag, o.linkCmd = nil, nil })
}

// each calls f for every build's state, the current one when there is no derivation.
func (s *scanner) each(f func(*open)) {
	if len(s.builds) == 0 {
		f(s.open)
		return
	}
	for _, o := range s.builds {
		f(o)
	}
}

// feed consumes one line.
func (s *scanner) feed(l logread.Line) {
	if l.Truncated {
		s.cut = append(s.cut, l.N)
	}
	defer func() {
		if l.Drv != "" || strings.TrimSpace(l.Text) != "" {
			s.prevDrv = l.Drv
		}
	}()
	s.switchBuild(l.Drv)
	if s.cmd != nil {
		if !s.cutsCommand(l.Text) {
			s.continueCommand(l)
			return
		}
		s.flush(s.cmdLast) // the paste lost the command's end: this line is the next thing
	}
	text := l.Text
	trimmed := strings.TrimLeft(text, " \t")
	if s.diag != nil && s.continueDiagnostic(l, text, trimmed) {
		return
	}
	s.diag = nil

	if s.stepEnv {
		if s.stepEnvLine(l, text) {
			return
		}
		s.stepEnv = false
	}
	if text == "env:" {
		s.stepEnv = true // a GitHub Actions step's environment follows
		return
	}
	if rest, ok := cutRunning(trimmed); ok {
		s.startCommand(l, "invocation", rest)
		return
	}
	if i := strings.Index(trimmed, "process didn't exit successfully: `"); i >= 0 {
		if reDiagHeader.MatchString(text) {
			s.diagnosticHeader(l, text) // cargo run/test: "error: process didn't exit ..."
			s.diag = nil
		}
		s.startCommand(l, "failed-invocation", trimmed[i+len("process didn't exit successfully: `"):])
		return
	}
	if trimmed != text && strings.HasPrefix(trimmed, "error") {
		if indent := len(text) - len(trimmed); indent >= 4 && text[:indent] == strings.Repeat(" ", indent) && isRustcHeader(trimmed) {
			// a log pasted as an indented code block: rustc's diagnostic at the paste's indentation
			s.diagnosticHeader(l, trimmed)
			s.diagIndent = indent
			return
		}
		// rustc's own diagnostics start at column 0; indented ones are quoted by another tool
		s.toolLine(l, trimmed)
		return
	}
	switch {
	case strings.HasPrefix(text, "error") || strings.HasPrefix(text, "warning"):
		s.diagnosticHeader(l, text)
	case strings.HasPrefix(trimmed, "trace: {") || strings.HasPrefix(trimmed, "trace: {"):
		s.emit(&NixTrace{Span: s.span(l.N), Attrs: parseNixAttrs(trimmed[len("trace: "):])})
	case strings.HasPrefix(text, "builder for '") && strings.Contains(text, "' failed"): // Nix 2.3
		s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagNixBuilder, Severity: "error", Message: text, Text: []string{text}})
	case strings.HasPrefix(trimmed, "Cannot build '"):
		s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagNixCannotBuild, Severity: "error", Message: trimmed, Text: []string{text}})
	case reCompileError.MatchString(text):
		d := &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagCompileError, Severity: "error", Text: []string{text}}
		s.emit(d)
		s.diag, s.diagIndent = d, 0
	default:
		if s.cargoOrEnvLine(l, trimmed) {
			return
		}
		s.toolLine(l, trimmed)
	}
}

func cutRunning(t string) (string, bool) {
	if !strings.HasPrefix(t, "Running `") {
		return "", false
	}
	return t[len("Running `"):], true
}

func (s *scanner) startCommand(l logread.Line, kind, rest string) {
	s.cmdQuote = 0
	if end := closingBacktick(rest, &s.cmdQuote); end >= 0 {
		s.queue(&pending{kind: kind, text: rest[:end], span: s.span(l.N), drv: s.lineDrv(l)})
		return
	}
	s.cmd = &strings.Builder{}
	s.cmd.WriteString(rest)
	s.cmdStart, s.cmdKind, s.cmdDrv, s.cmdLines, s.cmdLast = l.N, kind, s.lineDrv(l), 1, l.N
}

// cutsCommand reports whether a line cannot continue a command broken over lines: a new
// Running line, a cargo status line or, outside a quoted value, a diagnostic header.
func (s *scanner) cutsCommand(text string) bool {
	trimmed := strings.TrimLeft(text, " ")
	if strings.HasPrefix(trimmed, "Running `") || trimmed == "--- stdout" || trimmed == "--- stderr" || text == "Caused by:" {
		return true
	}
	if word, _, _ := strings.Cut(trimmed, " "); trimmed != text && len(text)-len(trimmed)+len(word) == 12 && isCargoStatus(trimmed) {
		return true
	}
	return s.cmdQuote == 0 && (strings.HasPrefix(text, "error: ") || strings.HasPrefix(text, "error[") || strings.HasPrefix(text, "warning: "))
}

// closingBacktick returns the index of the backtick that closes a command: the first one
// outside quotes (cargo single-quotes every word that holds a backtick), or -1. quote carries
// the open quote, if any, from one line of the command to the next: a quoted value may hold
// a newline.
func closingBacktick(text string, quote *byte) int {
	q := *quote
	defer func() { *quote = q }()
	for i := 0; i < len(text); i++ {
		// jump to the next byte that can matter in the current quoting state
		var j int
		switch q {
		case 0:
			j = strings.IndexAny(text[i:], "`'\"\\")
		case '\'':
			j = strings.IndexByte(text[i:], '\'')
		default:
			j = strings.IndexAny(text[i:], "\"\\")
		}
		if j < 0 {
			return -1
		}
		i += j
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

func (s *scanner) continueCommand(l logread.Line) {
	text := l.Text
	end := closingBacktick(text, &s.cmdQuote)
	done := end >= 0 || s.cmdLines >= maxCommandLines
	if end >= 0 {
		text = text[:end]
	}
	s.cmd.WriteByte('\n')
	s.cmd.WriteString(text)
	s.cmdLines++
	s.cmdLast = l.N
	if !done {
		return
	}
	p := &pending{kind: s.cmdKind, text: s.cmd.String(), span: Span{File: s.file, Start: s.cmdStart, End: l.N}, drv: s.cmdDrv}
	s.cmd = nil
	s.queue(p)
}

// flush ends the current build's command as incomplete: its end was never seen.
func (s *scanner) flush(lastLine int) {
	s.flushOpen(s.open, lastLine)
}

// flushAll ends every build's open command at the end of the input, in log order.
func (s *scanner) flushAll(lastLine int) {
	var opens []*open
	s.each(func(o *open) {
		if o.cmd != nil {
			opens = append(opens, o)
		}
	})
	sort.Slice(opens, func(i, j int) bool { return opens[i].cmdStart < opens[j].cmdStart })
	for _, o := range opens {
		s.flushOpen(o, lastLine)
	}
}

func (s *scanner) flushOpen(o *open, lastLine int) {
	if o.cmd == nil {
		return
	}
	p := &pending{kind: o.cmdKind + "-incomplete", text: o.cmd.String(), span: Span{File: s.file, Start: o.cmdStart, End: lastLine}, drv: o.cmdDrv}
	o.cmd = nil
	s.queue(p)
}

// isRustcHeader reports the headers that are rustc's or cargo's own, whatever indentation a
// paste gave them: a coded error, a linking failure, "could not compile".
func isRustcHeader(t string) bool {
	return strings.HasPrefix(t, "error[E") || reLinkFailed.MatchString(t) || reCouldNot.MatchString(t)
}

func (s *scanner) diagnosticHeader(l logread.Line, text string) {
	s.diagIndent = 0
	if m := reLinkFailed.FindStringSubmatch(text); m != nil {
		d := &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagLinkFailed, Severity: "error",
			Message: text, Linker: m[1], Text: []string{text}}
		if status, err := strconv.ParseInt(m[2], 0, 64); err == nil { // none for a signal
			st := int(status)
			d.ExitStatus = &st
		}
		s.emit(d)
		s.diag, s.noteMode, s.pasteCut, s.linkCmd = d, 0, false, nil
		return
	}
	if m := reCouldNot.FindStringSubmatch(text); m != nil {
		s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagCouldNotComp, Severity: "error", Message: text, Crate: m[1], Text: []string{text}})
		return
	}
	if strings.HasPrefix(text, "error: Cannot build '") { // Nix 2.18 and later
		s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagNixCannotBuild, Severity: "error", Message: text[len("error: "):], Text: []string{text}})
		return
	}
	if m := reNixBuilder.FindStringSubmatch(text); m != nil {
		s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagNixBuilder, Severity: "error", Message: text, Text: []string{text}})
		return
	}
	m := reDiagHeader.FindStringSubmatch(text)
	if m == nil {
		s.toolLine(l, text)
		return
	}
	d := &Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagRustc, Severity: m[1], Code: m[2], Message: m[3], Text: []string{text}}
	s.emit(d)
	s.diag = d
}

// continueDiagnostic attaches a line to the open diagnostic and reports whether it belonged.
func (s *scanner) continueDiagnostic(l logread.Line, text, trimmed string) bool {
	d := s.diag
	if s.diagIndent > 0 {
		// an indented paste: its lines carry the paste's indentation, blank ones may not
		if rest, ok := strings.CutPrefix(text, strings.Repeat(" ", s.diagIndent)); ok {
			text = rest
		} else if trimmed != "" {
			return false
		}
	}
	if d.Kind == DiagLinkFailed {
		return s.continueLinkFailure(l, text, trimmed)
	}
	if !s.belongsToDiagnostic(text, trimmed) {
		return false
	}
	d.addText(text, l.N)
	switch {
	case reLocation.MatchString(text):
		m := reLocation.FindStringSubmatch(text)
		if d.Location == nil && len(d.Notes) == 0 && len(d.Helps) == 0 { // not a sub-diagnostic's span
			ln, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			d.Location = &Location{Path: m[1], Line: ln, Column: col}
		}
	case strings.HasPrefix(trimmed, "= note: "):
		d.addNote(trimmed[len("= note: "):], l.N)
		s.inNote = true
		return true
	case strings.HasPrefix(trimmed, "= help: "):
		d.Helps = append(d.Helps, trimmed[len("= help: "):])
		s.inNote = true
		return true
	case strings.HasPrefix(trimmed, "help: "):
		d.Helps = append(d.Helps, trimmed[len("help: "):])
	case strings.HasPrefix(trimmed, "note: "):
		d.addNote(trimmed[len("note: "):], l.N)
	default:
		if label := caretLabel(trimmed); label != "" {
			d.Labels = append(d.Labels, label)
		}
	}
	return true
}

// continueLinkFailure reads rustc's `= note:` blocks after a linking failure: the first holds
// the linker command, the next ones the linker's stderr.
func (s *scanner) continueLinkFailure(l logread.Line, text, trimmed string) bool {
	d := s.diag
	switch {
	case trimmed == "|" || trimmed == "":
		// rustc's separator lines; blank lines inside the stderr note end nothing
	case strings.HasPrefix(trimmed, "= note: ") || strings.HasPrefix(trimmed, "= help: ") || strings.HasPrefix(trimmed, "= warning: "):
		body := trimmed[strings.Index(trimmed, ": ")+2:]
		if s.noteMode == 0 && looksLikeLinkerCommand(body) {
			s.noteMode = 1
			s.linkCmd = &pending{kind: "linker", text: body, span: s.span(l.N), drv: s.lineDrv(l), diag: d}
			s.linkOpen = quoteOpen(body)
			s.queue(s.linkCmd)
		} else {
			s.noteMode = 2
			if strings.TrimSpace(body) != "" {
				d.addNote(strings.TrimSpace(body), l.N)
			}
		}
	case isPasteMarker(trimmed):
		// [...], ..., <skipped>: whoever pasted the log cut something here; what follows
		// still belongs to the failure
		s.pasteCut = true
	case text != trimmed && (s.noteMode == 2 || s.noteMode == 0 && s.pasteCut) && !isCargoStatusLine(text, trimmed):
		// stderr continuation lines; after a cut before any note, the command note is gone
		// and indented lines are the linker's output
		s.noteMode = 2
		d.addNote(trimmed, l.N)
	case s.noteMode == 1 && s.linkCmd != nil && !strings.HasPrefix(trimmed, "= ") && !isCargoStatusLine(text, trimmed) &&
		(text != trimmed || strings.HasPrefix(text, `"`) || s.linkOpen && !startsRecord(text)):
		// linker command wrapped by whoever pasted it, indented or, mid-word or at a word,
		// at column 0: the rest of the quoted command text
		if s.linkOpen {
			s.linkCmd.text += trimmed // wrapped inside a quoted word
		} else {
			s.linkCmd.text += " " + trimmed
		}
		s.linkOpen = s.linkOpen != quoteOpen(trimmed)
		s.linkCmd.span.End = l.N
	default:
		return false
	}
	d.addText(text, l.N)
	return true
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

// belongsToDiagnostic tells rustc's continuation lines (source frames, arrows, notes and their
// wrapped text) from the next thing in the log, such as cargo's indented status lines.
func (s *scanner) belongsToDiagnostic(text, trimmed string) bool {
	wasNote := s.inNote
	s.inNote = false
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
		s.inNote = true
		return true
	}
	return false
}

// isCargoStatusLine reports cargo's status lines: one capitalised word right-aligned to
// column 12 ("   Compiling x", "     Running `...`"), or less when a paste lost some of the
// indentation. The alignment tells them from indented tool output that starts with a
// capitalised word ("          Undefined symbols ...").
func isCargoStatusLine(text, trimmed string) bool {
	word, _, _ := strings.Cut(trimmed, " ")
	return len(text)-len(trimmed)+len(word) <= 12 && isCargoStatus(trimmed)
}

// isCargoStatus reports whether a line starts like cargo's status lines: "Compiling x",
// "Running `...`".
func isCargoStatus(t string) bool {
	word, _, ok := strings.Cut(t, " ")
	if !ok || len(word) < 4 || word[0] < 'A' || word[0] > 'Z' {
		return false
	}
	for i := 1; i < len(word); i++ {
		if word[i] < 'a' || word[i] > 'z' {
			return false
		}
	}
	return true
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

// toolLine keeps error lines of tools other than rustc (linkers, gcc, espflash, cargo).
func (s *scanner) toolLine(l logread.Line, trimmed string) {
	if !mayBeToolError(trimmed) || !reToolError.MatchString(buildScriptOutput(trimmed)) {
		return
	}
	s.emit(&Diagnostic{Span: s.span(l.N), Drv: s.lineDrv(l), Kind: DiagTool, Severity: "error", Message: trimmed, Text: []string{l.Text}})
}

// toolErrorWords are fragments every line reToolError matches contains (in any letter case of
// the words' first letter): lines without one skip the regex.
var toolErrorWords = []string{"rror", "RROR", "annot", "ndefined", "ultiple definition", "ill not fit", "verflowed",
	"o such file", "ot found", "nknown option", "anicked", "nrecognized", "× "}

func mayBeToolError(t string) bool {
	for _, w := range toolErrorWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
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

// buildScriptOutput strips the "[package version] " cargo -vv puts before a build script's
// output.
func buildScriptOutput(t string) string {
	if !strings.HasPrefix(t, "[") {
		return t
	}
	i := strings.Index(t, "] ")
	if i < 0 {
		return t
	}
	name, version, ok := strings.Cut(t[1:i], " ")
	if !ok || name == "" || version == "" || version[0] < '0' || version[0] > '9' {
		return t
	}
	return t[i+2:]
}

// cargoOrEnvLine recognises environment dumps, set -x traces and cargo command lines.
func (s *scanner) cargoOrEnvLine(l logread.Line, trimmed string) bool {
	t := trimmed
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
	if flags, ok := strings.CutPrefix(t, "cargoBuildHook flags: "); ok {
		s.queue(&pending{kind: "cargo", text: "cargo build " + flags, span: s.span(l.N), drv: s.lineDrv(l)})
		return true
	}
	first := t
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		first = t[:i]
	}
	switch {
	case first == "cargo" || strings.HasSuffix(first, "/cargo") || first == "env" || first == "nix-shell":
		if first == "env" || strings.Contains(t, "cargo ") {
			s.queue(&pending{kind: "cargo", text: t, span: s.span(l.N), drv: s.lineDrv(l)})
			return true
		}
	case strings.Contains(first, "="):
		key, _, _ := strings.Cut(first, "=")
		if !looksLikeEnvKey(key) {
			return false
		}
		s.queue(&pending{kind: "env", text: t, span: s.span(l.N), drv: s.lineDrv(l)})
		return true
	}
	return false
}
