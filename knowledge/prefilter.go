package knowledge

// prefilter picks, from one scan of a line, the entries that line might match, and knows which
// of their symptoms' literals the line shows.
type prefilter struct {
	scanner *literalScanner
	// entriesOf[literal] are the indexes of the entries with a symptom that needs the literal.
	entriesOf [][]int
	// literalsOf[entry][symptom] are the literals of which the symptom needs one; nil for a
	// symptom without known literals.
	literalsOf [][][]int32
	// unfiltered are the entries with a symptom without known literals: tried on every line.
	unfiltered []int
}

func newPrefilter(entries []*Entry) prefilter {
	p := prefilter{literalsOf: make([][][]int32, len(entries))}
	var literals []scanLiteral
	literalID := make(map[scanLiteral]int32, 4*len(entries))
	for index, entry := range entries {
		p.literalsOf[index] = make([][]int32, len(entry.Symptoms))
		for i, symptom := range entry.Symptoms {
			if !symptom.required.known() {
				p.unfiltered = appendOnce(p.unfiltered, index)
				continue
			}
			ids := make([]int32, 0, len(symptom.required.literals))
			for _, text := range symptom.required.literals {
				literal := scanLiteral{text: text, fold: symptom.required.foldCase}
				id, ok := literalID[literal]
				if !ok {
					id = int32(len(literals))
					literalID[literal] = id
					literals = append(literals, literal)
					p.entriesOf = append(p.entriesOf, nil)
				}
				p.entriesOf[id] = appendOnce(p.entriesOf[id], index)
				ids = append(ids, id)
			}
			p.literalsOf[index][i] = ids
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
