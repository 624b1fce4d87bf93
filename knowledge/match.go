package knowledge

import (
	"slices"
	"strings"
)

// Line is one log line and its 1-based number.
type Line struct {
	N    int
	Text string
}

// SymptomHit is a log line that shows a symptom of an entry.
type SymptomHit struct {
	Entry   *Entry
	Symptom Symptom
	Line    int
	Text    string
	Weight  float64
}

// Quote is one named group of a symptom's regex and the text it matched.
type Quote struct {
	Name  string
	Value string
}

// Quotes returns the named groups the symptom's regex captures from line, as the line spells
// them: the program, flag, variable or crate of the user's own log. MatchLines leaves this to
// the caller that wants them, so that a hit costs one regex run.
func (s *Symptom) Quotes(line string) []Quote {
	if s.compiled == nil || s.compiled.NumSubexp() == 0 {
		return nil
	}
	groups := s.compiled.FindStringSubmatch(line)
	var out []Quote
	for i, name := range s.compiled.SubexpNames() {
		if name != "" && i < len(groups) && groups[i] != "" {
			out = append(out, Quote{Name: name, Value: groups[i]})
		}
	}
	return out
}

// matches reports whether line shows the symptom. The literals rule most lines out before any
// regex runs.
func (s *Symptom) matches(line string) bool {
	if s.Text != "" {
		return strings.Contains(line, s.Text)
	}
	if s.required.known() && !s.required.inLine(line) {
		return false
	}
	return s.compiled != nil && s.compiled.MatchString(line)
}

// Match returns the heaviest of the entry's symptoms that line shows.
func (e *Entry) Match(line string) (Symptom, bool) {
	var best Symptom
	found := false
	for i := range e.Symptoms {
		symptom := &e.Symptoms[i]
		if (!found || symptom.Weight > best.Weight) && symptom.matches(line) {
			best, found = *symptom, true
		}
	}
	return best, found
}

// MatchLines returns, in line order and then entry order, one hit per line and entry whose
// symptoms the line shows. One scan per line for all entries' literals picks the entries to
// try.
func (b *Base) MatchLines(lines []Line) []SymptomHit {
	var hits []SymptomHit
	candidate := make([]bool, len(b.Entries))
	var candidates []int
	markCandidate := func(entry int) {
		if !candidate[entry] {
			candidate[entry] = true
			candidates = append(candidates, entry)
		}
	}
	for _, line := range lines {
		candidates = candidates[:0]
		for _, entry := range b.prefilter.unfiltered {
			markCandidate(entry)
		}
		b.prefilter.scanner.scan(line.Text, func(literal int32) {
			for _, entry := range b.prefilter.entriesOf[literal] {
				markCandidate(entry)
			}
		})
		slices.Sort(candidates)
		for _, index := range candidates {
			candidate[index] = false
			entry := b.Entries[index]
			if symptom, ok := entry.Match(line.Text); ok {
				hits = append(hits, SymptomHit{
					Entry: entry, Symptom: symptom, Line: line.N, Text: line.Text, Weight: symptom.Weight,
				})
			}
		}
	}
	return hits
}
