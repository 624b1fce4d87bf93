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
	re := s.compiled.get()
	if re == nil || re.NumSubexp() == 0 {
		return nil
	}
	line = matchLine(line)
	groups := re.FindStringSubmatch(line)
	var out []Quote
	for i, name := range re.SubexpNames() {
		if name != "" && i < len(groups) && groups[i] != "" {
			out = append(out, Quote{Name: name, Value: groups[i]})
		}
	}
	return out
}

// matches reports whether line shows the symptom. The literals rule most lines out before any
// regex runs.
func (s *Symptom) matches(line string) bool {
	line = matchLine(line)
	if s.compiled == nil {
		return strings.Contains(line, s.Text)
	}
	if s.required.known() && !s.required.inLine(line) {
		return false
	}
	re := s.compiled.get()
	return re != nil && re.MatchString(line)
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
// symptoms the line shows. One scan per line finds all entries' literals, which picks the
// entries to try and answers the symptoms' literal checks. It only reads b: calls may run on
// several goroutines at once.
func (b *Base) MatchLines(lines []Line) []SymptomHit {
	var hits []SymptomHit
	p := &b.prefilter
	// seen[literal] == stamp: the literal is in the line being matched.
	seen := make([]int, len(p.entriesOf))
	candidate := make([]bool, len(b.Entries))
	var candidates []int
	markCandidate := func(entry int) {
		if !candidate[entry] {
			candidate[entry] = true
			candidates = append(candidates, entry)
		}
	}
	var found []int32
	for n, line := range lines {
		stamp := n + 1
		candidates = candidates[:0]
		for _, entry := range p.unfiltered {
			markCandidate(entry)
		}
		text := matchLine(line.Text)
		found = p.scanner.scan(text, found[:0])
		for _, literal := range found {
			if seen[literal] != stamp {
				seen[literal] = stamp
				for _, entry := range p.entriesOf[literal] {
					markCandidate(entry)
				}
			}
		}
		slices.Sort(candidates)
		for _, index := range candidates {
			candidate[index] = false
			if symptom := b.matchScanned(index, text, seen, stamp); symptom != nil {
				hits = append(hits, SymptomHit{
					Entry: b.Entries[index], Symptom: *symptom, Line: line.N, Text: line.Text, Weight: symptom.Weight,
				})
			}
		}
	}
	return hits
}

// matchScanned is Entry.Match of the entry at index for a line whose literals the scan found
// (seen[literal] == stamp), so that no literal is looked for twice.
func (b *Base) matchScanned(index int, line string, seen []int, stamp int) *Symptom {
	entry := b.Entries[index]
	var best *Symptom
	for i := range entry.Symptoms {
		symptom := &entry.Symptoms[i]
		if best != nil && symptom.Weight <= best.Weight {
			continue
		}
		if literals := b.prefilter.literalsOf[index][i]; literals != nil && !anySeen(literals, seen, stamp) {
			continue
		}
		if symptom.compiled == nil {
			best = symptom // a text without quote marks: its text is its one literal
			continue
		}
		if !symptom.alsoRequiredIn(line) {
			continue
		}
		if re := symptom.compiled.get(); re != nil && re.MatchString(line) {
			best = symptom
		}
	}
	return best
}

func anySeen(literals []int32, seen []int, stamp int) bool {
	for _, literal := range literals {
		if seen[literal] == stamp {
			return true
		}
	}
	return false
}
