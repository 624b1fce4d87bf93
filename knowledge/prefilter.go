package knowledge

// prefilter picks, from one scan of a line, the entries that line might match.
type prefilter struct {
	scanner *literalScanner
	// entriesOf[literal] are the indexes of the entries with a symptom that needs the literal.
	entriesOf [][]int
	// unfiltered are the entries with a symptom without known literals: tried on every line.
	unfiltered []int
}

func newPrefilter(entries []*Entry) prefilter {
	var p prefilter
	var literals []string
	literalID := map[string]int{}
	for index, entry := range entries {
		for _, symptom := range entry.Symptoms {
			if !symptom.required.known() {
				p.unfiltered = appendOnce(p.unfiltered, index)
				continue
			}
			for _, literal := range symptom.required.literals {
				id, ok := literalID[literal]
				if !ok {
					id = len(literals)
					literalID[literal] = id
					literals = append(literals, literal)
					p.entriesOf = append(p.entriesOf, nil)
				}
				p.entriesOf[id] = appendOnce(p.entriesOf[id], index)
			}
		}
	}
	p.scanner = newLiteralScanner(literals)
	return p
}

// appendOnce appends index unless it is already last; callers append in index order.
func appendOnce(indexes []int, index int) []int {
	if len(indexes) > 0 && indexes[len(indexes)-1] == index {
		return indexes
	}
	return append(indexes, index)
}
