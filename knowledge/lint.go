package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/lazyre"
)

// Problem is one lint finding. File is empty for problems of the base as a whole.
type Problem struct {
	File    string
	Message string
}

func (p Problem) String() string {
	if p.File == "" {
		return p.Message
	}
	return p.File + ": " + p.Message
}

var kebabCase = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// LintSources loads the sources as Load does and returns every problem at once: the files Load
// would reject, then the Lint problems of the entries that loaded.
func LintSources(builtin fs.FS, userDirs ...string) []Problem {
	base, errs := loadSources(builtin, userDirs)
	var problems []Problem
	for _, err := range errs {
		if entryErr, ok := errors.AsType[*EntryError](err); ok {
			problems = append(problems, Problem{File: entryErr.File, Message: entryErr.Reason})
		} else {
			problems = append(problems, Problem{Message: err.Error()})
		}
	}
	return append(problems, Lint(base)...)
}

// Lint checks what a loaded base needs beyond what Load enforces: public sources, examples
// that agree with the symptoms, and an entry for every class of the taxonomy.
func Lint(b *Base) []Problem {
	var problems []Problem
	for _, entry := range b.Entries {
		for _, message := range append(lintEntry(entry), lintGeneral(entry)...) {
			problems = append(problems, Problem{File: entry.Origin, Message: message})
		}
	}
	return append(problems, lintCoverage(b)...)
}

func lintEntry(entry *Entry) []string {
	var messages []string
	if !kebabCase().MatchString(entry.ID) {
		messages = append(messages, fmt.Sprintf("id %q is not kebab-case", entry.ID))
	}
	if entry.Class == class.Unknown {
		messages = append(messages, "class unknown is for logs no entry explains, not for an entry")
	}
	if !hasWebSource(entry.Sources) {
		messages = append(messages, "no source is an http(s) URL")
	}
	messages = append(messages, lintControlCharacters(entry)...)
	for _, line := range entry.Examples.Match {
		if _, ok := entry.Match(line); !ok {
			messages = append(messages, fmt.Sprintf("examples.match line matches no symptom: %q", line))
		}
	}
	for _, line := range entry.Examples.NoMatch {
		if symptom, ok := entry.Match(line); ok {
			messages = append(messages, fmt.Sprintf("examples.nomatch line matches symptom %s: %q", symptom, line))
		}
	}
	for _, symptom := range entry.Symptoms {
		if !symptom.matchesAny(entry.Examples.Match) {
			messages = append(messages, fmt.Sprintf("symptom %s has no examples.match line", symptom))
		}
		if !symptom.required.known() {
			messages = append(messages, fmt.Sprintf("symptom %s has no literal text every match contains, so it runs on every log line", symptom))
		}
	}
	return messages
}

func hasWebSource(sources []string) bool {
	for _, source := range sources {
		u, err := url.Parse(source)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return true
		}
	}
	return false
}

func (s *Symptom) matchesAny(lines []string) bool {
	for _, line := range lines {
		if s.matches(line) {
			return true
		}
	}
	return false
}

// String names the symptom as written: its text or its regex.
func (s Symptom) String() string {
	if s.Regex != "" {
		return fmt.Sprintf("regex %q", s.Regex)
	}
	return fmt.Sprintf("text %q", s.Text)
}

func lintCoverage(b *Base) []Problem {
	covered := map[class.Class]bool{}
	general := map[class.Class]bool{}
	for _, entry := range b.Entries {
		covered[entry.Class] = true
		general[entry.Class] = general[entry.Class] || entry.General
	}
	var problems []Problem
	for _, c := range class.All {
		switch {
		case c == class.Unknown:
		case !covered[c]:
			problems = append(problems, Problem{Message: fmt.Sprintf("no entry has class %s", c)})
		case !general[c]:
			problems = append(problems, Problem{Message: fmt.Sprintf("no general entry has class %s", c)})
		}
	}
	return problems
}
