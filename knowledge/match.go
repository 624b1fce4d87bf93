package knowledge

import "strings"

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

// matches reports whether line shows the symptom. The required literal rules most lines out
// before any regex runs.
func (s *Symptom) matches(line string) bool {
	if s.required != "" && !strings.Contains(line, s.required) {
		return false
	}
	if s.compiled == nil {
		return true
	}
	return s.compiled.MatchString(line)
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
// symptoms the line shows.
func (b *Base) MatchLines(lines []Line) []SymptomHit {
	var hits []SymptomHit
	for _, line := range lines {
		for _, entry := range b.Entries {
			if symptom, ok := entry.Match(line.Text); ok {
				hits = append(hits, SymptomHit{
					Entry: entry, Symptom: symptom, Line: line.N, Text: line.Text, Weight: symptom.Weight,
				})
			}
		}
	}
	return hits
}
