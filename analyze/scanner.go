package analyze

import (
	"sort"
	"strings"

	"github.com/cxlog/cxlog/grammar/logread"
)

// The scanner reads a log line by line. Each shape of line a build log holds (a cargo Running
// line, a rustc diagnostic, a linking failure, ...) has a recognizer of its own, in a
// shape_*.go file that registers it; the scanner owns what they share: the state of each Nix
// derivation's build and the record that goes on over the following lines of that build.
// Command lines are parsed by the grammar later, on worker goroutines (see pipeline.go).

// Record is one of *Invocation, *LinkerCommand, *Diagnostic, *EnvVar, *CargoCommand, *NixTrace,
// *ParseError.
type Record any

// A recognizer reads one shape of line: a line no open record took. start reports whether
// the line was of the shape, having emitted records, queued commands or opened a
// continuation (s.open).
type recognizer struct {
	name  string
	order int // lower runs first: see the bands below
	start func(s *scanner, l *line) bool
}

// The order bands of recognizers: a line goes to the first whose start takes it.
const (
	orderBlock      = 10  // lines that only mean something at their place: a step's env: block
	orderCommand    = 20  // commands cargo prints: Running, process didn't exit
	orderPaste      = 30  // a log pasted as an indented code block
	orderHeader     = 40  // column-0 headers more specific than rustc's: linking failed, could not compile, Nix
	orderRustc      = 50  // rustc's diagnostics, and every other line starting with error or warning
	orderOther      = 60  // Nix traces, source frames without a header
	orderShell      = 70  // command lines a shell printed, environment dumps
	orderToolErrors = 100 // the last resort: error lines of other tools
)

var recognizers []recognizer

// register adds a recognizer; each shape_*.go file registers its own in init. Names and
// orders are unique, so that which recognizer sees a line first never depends on file names.
func register(r recognizer) {
	for _, o := range recognizers {
		if o.name == r.name || o.order == r.order {
			panic("analyze: recognizers " + o.name + " and " + r.name + " share a name or an order")
		}
	}
	recognizers = append(recognizers, r)
	sort.SliceStable(recognizers, func(i, j int) bool { return recognizers[i].order < recognizers[j].order })
}

// line is a log line as the recognizers see it.
type line struct {
	logread.Line
	trimmed string // Text without its leading blanks
	sh      shellLine
	shRead  bool // sh holds the line's shell command
}

// A continuation is a record going on over the following lines of its build: a command
// broken over lines, a diagnostic's source frames and notes, a step's env: block.
type continuation interface {
	// next reads the build's next line
	next(s *scanner, l *line) step
	// end closes the record at the end of the input (last is the log's last line)
	end(s *scanner, last int)
	// holds reports whether the record could still change records already emitted, were it
	// to read line n: until it no longer does, they cannot be handed to a worker
	holds(n int) bool
	// firstLine is the line the record started on
	firstLine() int
}

// step is what a continuation made of a line.
type step int

const (
	notMine step = iota // not the record's line: the record ended before it
	more                // the record's line, and more may follow
	final               // the record's last line
)

// build is what one build's output has open. nix build -L interleaves parallel builds, each
// line prefixed with its derivation; each has its own.
type build struct {
	open continuation
}

// scanner is the line state machine. It recognises record boundaries with cheap string checks
// and leaves the parsing of command lines to the grammar (see pipeline.go).
type scanner struct {
	file    string
	out     []item
	prevDrv string

	*build                   // the build of the current line
	builds map[string]*build // per Nix derivation

	cut []int // the lines the reader cut at logread.MaxLineBytes, in order

	line line // the line being read
}

// item is a record in log order, or a command still to be parsed.
type item struct {
	rec Record
	cmd *pending
}

func newScanner(file string) *scanner {
	return &scanner{file: file, build: &build{}}
}

func (s *scanner) emit(r Record)      { s.out = append(s.out, item{rec: r}) }
func (s *scanner) queue(p *pending)   { s.out = append(s.out, item{cmd: p}) }
func (s *scanner) span(n int) Span    { return Span{File: s.file, Start: n, End: n} }
func (s *scanner) take() (out []item) { out, s.out = s.out, nil; markCut(out, s.cut); return out }

// lineDrv is the derivation a line belongs to: a line without a prefix continues the
// previous line's build.
func (s *scanner) lineDrv(l *line) string {
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
		s.builds = map[string]*build{}
	}
	b := s.builds[drv]
	if b == nil {
		b = &build{}
		if len(s.builds) == 0 {
			b = s.build // the first derivation takes over what unprefixed lines opened
		}
		s.builds[drv] = b
	}
	s.build = b
}

// each calls f for every build's state, the current one when there is no derivation.
func (s *scanner) each(f func(*build)) {
	if len(s.builds) == 0 {
		f(s.build)
		return
	}
	for _, b := range s.builds {
		f(b)
	}
}

// feed consumes one line.
func (s *scanner) feed(raw logread.Line) {
	if raw.Truncated {
		s.cut = append(s.cut, raw.N)
	}
	s.line = line{Line: raw, trimmed: strings.TrimLeft(raw.Text, " \t")} // reused: no allocation a line
	s.switchBuild(raw.Drv)
	s.read(&s.line)
	if raw.Drv != "" || strings.TrimSpace(raw.Text) != "" {
		s.prevDrv = raw.Drv
	}
}

func (s *scanner) read(l *line) {
	if c := s.open; c != nil {
		switch c.next(s, l) {
		case more:
			return
		case final:
			s.open = nil
			return
		}
		s.open = nil
	}
	for i := range recognizers {
		if recognizers[i].start(s, l) {
			return
		}
	}
}

// holding reports whether a build's open record could still change records already emitted,
// were it to read line n.
func (s *scanner) holding(n int) bool {
	held := false
	s.each(func(b *build) { held = held || b.open != nil && b.open.holds(n) })
	return held
}

// finish ends every build's open record at the end of the input, in log order.
func (s *scanner) finish(last int) {
	var open []continuation
	s.each(func(b *build) {
		if b.open != nil {
			open = append(open, b.open)
			b.open = nil
		}
	})
	sort.Slice(open, func(i, j int) bool { return open[i].firstLine() < open[j].firstLine() })
	for _, c := range open {
		c.end(s, last)
	}
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
