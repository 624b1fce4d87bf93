package knowledge

// literalScanner finds which of a set of literals occur in a line in one pass (Aho-Corasick,
// as a DFA over byte classes), ignoring ASCII case: a pre-filter may pass too much, never too
// little.
type literalScanner struct {
	byteClass  [256]uint8
	classCount int
	// next[state*classCount+class] is the state after reading a byte of that class, stored
	// premultiplied by classCount and negated when literals end there.
	next []int32
	// found[state] lists the literals that end at state, including those ending at its
	// suffixes.
	found [][]int32
}

func newLiteralScanner(literals []string) *literalScanner {
	s := &literalScanner{}
	s.assignByteClasses(literals)
	// The trie, a row of classCount entries a state: a child's state, or 0 for none (the root
	// is no one's child). buildTransitions turns it into the DFA in place.
	states := 1
	for _, literal := range literals {
		states += len(literal)
	}
	s.next = make([]int32, s.classCount, states*s.classCount)
	s.found = make([][]int32, 1, states)
	for id, literal := range literals {
		state := int32(0)
		for i := 0; i < len(literal); i++ {
			at := int(state)*s.classCount + int(s.byteClass[lower(literal[i])])
			if s.next[at] == 0 {
				s.next[at] = int32(len(s.found))
				s.next = s.next[:len(s.next)+s.classCount]
				s.found = append(s.found, nil)
			}
			state = s.next[at]
		}
		s.found[state] = append(s.found[state], int32(id))
	}
	s.buildTransitions()
	s.encodeTransitions()
	return s
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// assignByteClasses gives each byte that occurs in a lower-cased literal its own class, shared
// by its upper-case letter; all other bytes share class 0, which keeps the transition table
// small.
func (s *literalScanner) assignByteClasses(literals []string) {
	s.classCount = 1
	for _, literal := range literals {
		for i := 0; i < len(literal); i++ {
			if c := lower(literal[i]); s.byteClass[c] == 0 && s.classCount < 256 {
				s.byteClass[c] = uint8(s.classCount)
				s.classCount++
			}
		}
	}
	for c := byte('a'); c <= 'z'; c++ {
		s.byteClass[c-'a'+'A'] = s.byteClass[c]
	}
}

// buildTransitions fills next with plain state numbers, breadth-first from the trie,
// following failure links for the bytes the trie lacks.
func (s *literalScanner) buildTransitions() {
	// Breadth first, so a state's failure state (shorter) already has its final row.
	fail := make([]int32, len(s.found))
	queue := []int32{0}
	for len(queue) > 0 {
		state := queue[0]
		queue = queue[1:]
		row, failRow := int(state)*s.classCount, int(fail[state])*s.classCount
		for class := 0; class < s.classCount; class++ {
			target, fallback := s.next[row+class], s.next[failRow+class]
			if target == 0 {
				s.next[row+class] = fallback
				continue
			}
			if state != 0 {
				fail[target] = fallback
			}
			s.found[target] = append(s.found[target], s.found[fail[target]]...)
			queue = append(queue, target)
		}
	}
}

// encodeTransitions premultiplies the targets and marks those where literals end, so that
// the scan loop does one load per byte.
func (s *literalScanner) encodeTransitions() {
	for i, target := range s.next {
		encoded := target * int32(s.classCount)
		if len(s.found[target]) > 0 {
			encoded = -encoded
		}
		s.next[i] = encoded
	}
}

// scan calls onFound for each literal occurrence in line (a literal may be reported more than
// once).
func (s *literalScanner) scan(line string, onFound func(literal int32)) {
	state := int32(0)
	for i := 0; i < len(line); i++ {
		state = s.next[state+int32(s.byteClass[line[i]])]
		if state < 0 {
			state = -state
			for _, literal := range s.found[state/int32(s.classCount)] {
				onFound(literal)
			}
		}
	}
}
