package analyze

import (
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
	ParseErrors []*ParseError    `json:"parse_errors,omitempty"`

	// Distinct keeps only the first invocation of each crate (Invocation.Key): what a
	// comparison needs, in memory that grows with the number of crates, not of lines.
	Distinct bool `json:"-"`
	seen     map[CrateKey]bool
}

// Add files a record under its kind.
func (l *Log) Add(r Record) {
	switch r := r.(type) {
	case *Invocation:
		if l.Distinct {
			if l.seen == nil {
				l.seen = map[CrateKey]bool{}
			}
			if l.seen[r.Key()] {
				return
			}
			l.seen[r.Key()] = true
		}
		l.Invocations = append(l.Invocations, r)
	case *LinkerCommand:
		l.Linkers = append(l.Linkers, r)
	case *Diagnostic:
		l.Diagnostics = append(l.Diagnostics, r)
	case *EnvVar:
		l.Env = append(l.Env, *r)
	case *CargoCommand:
		l.Cargo = append(l.Cargo, r)
	case *NixTrace:
		l.Traces = append(l.Traces, r)
	case *ParseError:
		l.ParseErrors = append(l.ParseErrors, r)
	}
}

// Read reads every record of a source.
func Read(src *logread.Source, opt Options) (*Log, error) {
	l := &Log{Name: src.Name, Distinct: opt.Distinct}
	n, err := Scan(src, opt, l.Add)
	l.Lines = n
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
		Invocations: selectRecords(l.Invocations, (*Invocation).place, keep),
		Linkers:     selectRecords(l.Linkers, (*LinkerCommand).place, keep),
		Diagnostics: selectRecords(l.Diagnostics, (*Diagnostic).place, keep),
		Cargo:       selectRecords(l.Cargo, (*CargoCommand).place, keep),
		Traces:      selectRecords(l.Traces, func(t *NixTrace) (string, int) { return "", t.Start }, keep),
		ParseErrors: selectRecords(l.ParseErrors, (*ParseError).place, keep),
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
