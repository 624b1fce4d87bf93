package analyze

import (
	"fmt"
	"io"

	"github.com/cxlog/cxlog/grammar/logread"
)

// Log is every record of one log.
type Log struct {
	Name        string           `json:"name"`
	Lines       int              `json:"lines"`
	Invocations []*Invocation    `json:"invocations"`
	Linkers     []*LinkerCommand `json:"linker_commands"`
	Diagnostics []*Diagnostic    `json:"diagnostics"`
	Env         []EnvVar         `json:"environment"`
	Cargo       []*CargoCommand  `json:"cargo_commands"`
	Traces      []*NixTrace      `json:"nix_traces"`
	// BuildOutputs are the lines build scripts printed (cargo -vv).
	BuildOutputs []*BuildOutput `json:"build_outputs,omitempty"`
	ParseErrors  []*ParseError  `json:"parse_errors,omitempty"`
	// Omitted counts the diagnostics not kept, by kind and severity (see Options.KeepDiagnostics).
	Omitted []OmittedDiagnostics `json:"omitted_diagnostics,omitempty"`

	// Distinct keeps only the first invocation of each crate (Invocation.Key), and of it only
	// what a comparison reads (see summary): memory that grows with the number of crates, not
	// of lines, and not with the length of a command line.
	Distinct bool              `json:"-"`
	seen     map[CrateKey]bool // while reading
	shared   *interner         // while reading: the one copy of each string and list summaries keep

	keepDiagnostics int                      // distinct diagnostics kept of each kind and severity; <0: all
	diagSeen        map[diagClass]*diagsKept // while fewer than keepDiagnostics are kept
}

// DefaultKeepDiagnostics is how many distinct diagnostics of each kind and severity a Log keeps
// unless told otherwise: what ranking and the rules look at, in memory bounded by it rather
// than by the log (a log of ten million warnings keeps the errors and the first warnings).
const DefaultKeepDiagnostics = 1000

// OmittedDiagnostics is how many diagnostics of a kind and severity a Log did not keep: repeats
// of kept ones, and every one after the first Options.KeepDiagnostics distinct.
type OmittedDiagnostics struct {
	Kind     DiagKind `json:"kind"`
	Severity Severity `json:"severity"`
	Count    int      `json:"count"`
}

type diagClass struct {
	kind     DiagKind
	severity Severity
}

type diagsKept struct {
	n, distinct int
	seen        map[string]bool // the identities of the kept ones, until distinct reaches the limit
}

// identity is what makes two diagnostics of a kind and severity the same: code, message,
// location.
func (d *Diagnostic) identity() string {
	id := d.Code + "\x00" + d.Message
	if d.Location != nil {
		id += fmt.Sprintf("\x00%s:%d:%d", d.Location.Path, d.Location.Line, d.Location.Column)
	}
	if d.Message == "" && len(d.Text) > 0 { // a frame without a header
		id += "\x00" + d.Text[0]
	}
	return id
}

// keep reports whether a diagnostic is kept, counting it as omitted when it is not. A kind and
// severity keeps its first keepDiagnostics distinct diagnostics and their repeats, at most
// twice as many in all.
func (l *Log) keep(d *Diagnostic) bool {
	if l.keepDiagnostics < 0 {
		return true
	}
	c := diagClass{d.Kind, d.Severity}
	if l.diagSeen == nil {
		l.diagSeen = map[diagClass]*diagsKept{}
	}
	k := l.diagSeen[c]
	if k == nil {
		k = &diagsKept{seen: map[string]bool{}}
		l.diagSeen[c] = k
	}
	if k.n < 2*l.keepDiagnostics && k.seen != nil {
		id := d.identity()
		if k.seen[id] || k.distinct < l.keepDiagnostics {
			if !k.seen[id] {
				k.seen[id] = true
				k.distinct++
			}
			if k.n++; k.n == 2*l.keepDiagnostics {
				k.seen = nil // full: nothing more is kept, no identity more remembered
			}
			return true
		}
	}
	l.omit(c)
	return false
}

func (l *Log) omit(c diagClass) {
	for i := range l.Omitted {
		if o := &l.Omitted[i]; o.Kind == c.kind && o.Severity == c.severity {
			o.Count++
			return
		}
	}
	l.Omitted = append(l.Omitted, OmittedDiagnostics{Kind: c.kind, Severity: c.severity, Count: 1})
}

// Add files a record under its kind.
func (l *Log) Add(r Record) {
	switch r := r.(type) {
	case *Invocation:
		if l.Distinct {
			if l.seen == nil {
				l.seen = make(map[CrateKey]bool, len(l.Invocations))
				for _, inv := range l.Invocations {
					l.seen[inv.Key()] = true
				}
			}
			if l.seen[r.Key()] {
				return
			}
			r = l.summary(r)
			l.seen[r.Key()] = true
		}
		l.Invocations = append(l.Invocations, r)
	case *LinkerCommand:
		l.Linkers = append(l.Linkers, r)
	case *Diagnostic:
		if l.keep(r) {
			l.Diagnostics = append(l.Diagnostics, r)
		}
	case *EnvVar:
		l.Env = append(l.Env, *r)
	case *CargoCommand:
		l.Cargo = append(l.Cargo, r)
	case *NixTrace:
		l.Traces = append(l.Traces, r)
	case *BuildOutput:
		l.BuildOutputs = append(l.BuildOutputs, r)
	case *ParseError:
		l.ParseErrors = append(l.ParseErrors, r)
	}
}

// Read reads every record of a source.
func Read(src *logread.Source, opt Options) (*Log, error) {
	l := &Log{Name: src.Name, Distinct: opt.Distinct, keepDiagnostics: opt.KeepDiagnostics}
	if l.keepDiagnostics == 0 {
		l.keepDiagnostics = DefaultKeepDiagnostics
	}
	n, err := Scan(src, opt, l.Add)
	l.Lines = n
	l.seen, l.shared = nil, nil
	return l, err
}

// ReadPath opens a path ("-" for stdin) and reads it.
func ReadPath(path string, stdin io.Reader, opt Options) (*Log, error) {
	src, err := logread.Open(path, stdin)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return Read(src, opt)
}

// EnvValue returns the last value of a normalised key in the log's environment dump.
func (l *Log) EnvValue(key string) (EnvVar, bool) {
	for i := len(l.Env) - 1; i >= 0; i-- {
		if l.Env[i].Key == key {
			return l.Env[i], true
		}
	}
	return EnvVar{}, false
}

// Errors returns the diagnostics of severity error.
func (l *Log) Errors() []*Diagnostic {
	var out []*Diagnostic
	for _, d := range l.Diagnostics {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}

// Select returns the records whose derivation and first line keep says to keep, as a log of
// their own: one build out of a log that holds two (two Nix derivations, two runs pasted one
// after the other). Environment lines and traces carry no derivation and are kept by line alone.
func (l *Log) Select(keep func(drv string, line int) bool) *Log {
	out := &Log{Name: l.Name, Lines: l.Lines,
		Invocations:  selectRecords(l.Invocations, (*Invocation).place, keep),
		Linkers:      selectRecords(l.Linkers, (*LinkerCommand).place, keep),
		Diagnostics:  selectRecords(l.Diagnostics, (*Diagnostic).place, keep),
		Cargo:        selectRecords(l.Cargo, (*CargoCommand).place, keep),
		Traces:       selectRecords(l.Traces, func(t *NixTrace) (string, int) { return "", t.Start }, keep),
		ParseErrors:  selectRecords(l.ParseErrors, (*ParseError).place, keep),
		BuildOutputs: selectRecords(l.BuildOutputs, func(o *BuildOutput) (string, int) { return o.Drv, o.Start }, keep),
	}
	for _, e := range l.Env {
		if keep("", e.Line) {
			out.Env = append(out.Env, e)
		}
	}
	return out
}

func selectRecords[R any](in []R, place func(R) (string, int), keep func(string, int) bool) []R {
	var out []R
	for _, r := range in {
		if keep(place(r)) {
			out = append(out, r)
		}
	}
	return out
}

func (r *Invocation) place() (string, int)    { return r.Drv, r.Start }
func (r *LinkerCommand) place() (string, int) { return r.Drv, r.Start }
func (r *Diagnostic) place() (string, int)    { return r.Drv, r.Start }
func (r *CargoCommand) place() (string, int)  { return r.Drv, r.Start }
func (r *ParseError) place() (string, int)    { return r.Drv, r.Start }

// Drvs lists the Nix derivations the log's invocations, diagnostics and linker commands name.
func (l *Log) Drvs() []string {
	seen := map[string]bool{}
	var out []string
	note := func(d string) {
		if d != "" && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, r := range l.Invocations {
		note(r.Drv)
	}
	for _, r := range l.Diagnostics {
		note(r.Drv)
	}
	for _, r := range l.Linkers {
		note(r.Drv)
	}
	return out
}
