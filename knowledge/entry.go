// Package knowledge loads the knowledge base of known cross-compilation failures, matches log
// lines against the entries' symptoms and searches the entries' text with a bleve index.
package knowledge

import (
	"regexp"
	"sync"

	"github.com/cxlog/cxlog/analyze/class"
)

// Entry is one known failure: a file under knowledge/entries or a user's KB directory.
type Entry struct {
	ID    string
	Title string
	Class class.Class
	// General entries catch a class's mechanism for any program, path, triple or crate; the
	// specific entries of the class refine it and rank above it.
	General bool
	// MinSymptoms is how many distinct symptoms a log must show before the entry counts: a
	// context line (cargo install) that means this failure only together with another.
	MinSymptoms int
	Symptoms    []Symptom
	Applies     Applies
	Cause       string
	Fix         string
	Actions     []Action
	Sources     []string
	Examples    Examples
	Body        string
	// Origin is the file the entry was read from, or "builtin:<name>" for embedded entries.
	Origin string

	// raw is the file's bytes, which Load hashes into the base's hash; nil in a base read from
	// its compiled form, whose hash is known.
	raw []byte
}

// Symptom is one thing a tool prints when the failure happens: a literal substring (Text) or a
// Go regular expression (Regex).
type Symptom struct {
	Text   string
	Regex  string
	Weight float64

	compiled lazyRegexp
	required literalSet
	// alsoRequired are more literal sets a line must show one of each of to match the regex.
	alsoRequired []literalSet
}

// alsoRequiredIn reports whether line shows the alsoRequired literals.
func (s *Symptom) alsoRequiredIn(line string) bool {
	for _, set := range s.alsoRequired {
		if !set.inLine(line) {
			return false
		}
	}
	return true
}

// lazyRegexp is a symptom's regex compiled on first use: a base read from its compiled form
// compiles only the regexes of the symptoms whose literals some line shows.
type lazyRegexp func() *regexp.Regexp

// newLazyRegexp compiles the symptom's symptomExpr when first asked, or is nil for a symptom
// matched as plain text. An expression that does not compile (it did when the base was
// compiled, or it would not have been stored) matches nothing.
func newLazyRegexp(text, regex string) lazyRegexp {
	if plainText(text, regex) {
		return nil
	}
	return sync.OnceValue(func() *regexp.Regexp {
		re, _ := regexp.Compile(symptomExpr(text, regex))
		return re
	})
}

// compiledRegexp is a lazyRegexp that has already been compiled.
func compiledRegexp(re *regexp.Regexp) lazyRegexp { return func() *regexp.Regexp { return re } }

// get returns the compiled regex, or nil for none.
func (l lazyRegexp) get() *regexp.Regexp {
	if l == nil {
		return nil
	}
	return l()
}

// Applies says where an entry is known to apply. Targets are globs as in path.Match.
type Applies struct {
	Targets  []string
	Tools    []string
	Versions string
}

// Action is a machine-readable fix step; which fields matter depends on Kind (see SCHEMA.md).
type Action struct {
	Kind       string
	Name       string
	Value      string
	Target     string
	Crate      string
	Flags      []string
	Components []string
	Targets    []string
}

// Examples are log lines the entry's symptoms must match (Match) and must not match (NoMatch).
type Examples struct {
	Match   []string
	NoMatch []string
}

// ActionKinds are the action kinds of SCHEMA.md.
var ActionKinds = []string{
	"set-env", "unset-env", "add-rustflags", "remove-rustflags", "set-linker",
	"set-build-target", "pin-toolchain", "add-target", "add-component", "add-feature",
	"set-dependency-version",
}
