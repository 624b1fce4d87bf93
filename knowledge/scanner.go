package knowledge

// scanLiteral is one literal a literalScanner looks for: matched exactly, or ignoring ASCII
// case when fold is set (text is then lower case).
type scanLiteral struct {
	text string
	fold bool
}

// maxAnchor is how many leading bytes of each literal the automaton follows; the rest of a
// literal is compared where its anchor ends. Short anchors keep the automaton small, so that
// it is quick to build and its hot rows stay in the CPU's cache while it scans.
const maxAnchor = 8

// literalScanner finds which of a set of literals occur in a line in one pass: an Aho-Corasick
// DFA over byte classes, ignoring ASCII case, finds the literals' anchors (their first
// maxAnchor bytes), and each literal is then compared in full where its anchor starts.
type literalScanner struct {
	byteClass  [256]uint8
	classCount int
	// next[state*classCount+class] is the state after reading a byte of that class, stored
	// premultiplied by classCount and negated when anchors end there.
	next []int32
	// ends[state] lists the literals whose anchors end at state, including those ending at its
	// suffixes.
	ends     [][]int32
	literals []scanLiteral
}

func newLiteralScanner(literals []scanLiteral) *literalScanner {
	s := &literalScanner{literals: literals}
	s.assignByteClasses()
	// The trie, a row of classCount entries a state: a child's state, or 0 for none (the root
	// is no one's child). buildTransitions turns it into the DFA in place.
	states := 1
	for _, literal := range literals {
		states += anchorLen(literal.text)
	}
	s.next = make([]int32, s.classCount, states*s.classCount)
	s.ends = make([][]int32, 1, states)
	for id, literal := range literals {
		state := int32(0)
		for i := 0; i < anchorLen(literal.text); i++ {
			at := int(state)*s.classCount + int(s.byteClass[literal.text[i]])
			if s.next[at] == 0 {
				s.next[at] = int32(len(s.ends))
				s.next = s.next[:len(s.next)+s.classCount]
				s.ends = append(s.ends, nil)
			}
			state = s.next[at]
		}
		s.ends[state] = append(s.ends[state], int32(id))
	}
	s.buildTransitions()
	s.encodeTransitions()
	return s
}

func anchorLen(literal string) int { return min(len(literal), maxAnchor) }

// assignByteClasses gives each byte that occurs in an anchor its own class, shared by its
// upper-case letter; all other bytes share class 0, which keeps the transition table small.
func (s *literalScanner) assignByteClasses() {
	s.classCount = 1
	for _, literal := range s.literals {
		for i := 0; i < anchorLen(literal.text); i++ {
			if c := toLowerASCII(literal.text[i]); s.byteClass[c] == 0 && s.classCount < 256 {
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
	fail := make([]int32, len(s.ends))
	queue := make([]int32, 1, len(s.ends))
	for head := 0; head < len(queue); head++ {
		state := queue[head]
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
			if inherited := s.ends[fail[target]]; len(inherited) > 0 {
				s.ends[target] = append(s.ends[target][:len(s.ends[target]):len(s.ends[target])], inherited...)
			}
			queue = append(queue, target)
		}
	}
}

// encodeTransitions premultiplies the targets and marks those where anchors end, so that the
// scan loop does one load per byte.
func (s *literalScanner) encodeTransitions() {
	for i, target := range s.next {
		encoded := target * int32(s.classCount)
		if len(s.ends[target]) > 0 {
			encoded = -encoded
		}
		s.next[i] = encoded
	}
}

// scan appends to found the literals that occur in line (a literal may be appended more than
// once) and returns it.
func (s *literalScanner) scan(line string, found []int32) []int32 {
	next, byteClass := s.next, &s.byteClass
	state := int32(0)
	for i := 0; i < len(line); i++ {
		state = next[state+int32(byteClass[line[i]])]
		if state < 0 {
			state = -state
			found = s.confirm(line, i+1, state, found)
		}
	}
	return found
}

// confirm appends the literals whose anchors end at state, end bytes into line, and which
// occur there in full.
func (s *literalScanner) confirm(line string, end int, state int32, found []int32) []int32 {
	for _, id := range s.ends[state/int32(s.classCount)] {
		literal := &s.literals[id]
		start := end - anchorLen(literal.text)
		if start+len(literal.text) > len(line) {
			continue
		}
		candidate := line[start : start+len(literal.text)]
		if literal.fold && equalFoldASCII(candidate, literal.text) || !literal.fold && candidate == literal.text {
			found = append(found, id)
		}
	}
	return found
}
