package knowledge

import "strings"

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
	goTo := []map[uint8]int32{{}}
	s.found = [][]int32{nil}
	for id, literal := range literals {
		literal = strings.ToLower(literal)
		state := int32(0)
		for i := 0; i < len(literal); i++ {
			class := s.byteClass[literal[i]]
			target, ok := goTo[state][class]
			if !ok {
				target = int32(len(goTo))
				goTo = append(goTo, map[uint8]int32{})
				s.found = append(s.found, nil)
				goTo[state][class] = target
			}
			state = target
		}
		s.found[state] = append(s.found[state], int32(id))
	}
	s.buildTransitions(goTo)
	s.encodeTransitions()
	return s
}

// assignByteClasses gives each byte that occurs in a lower-cased literal its own class, shared
// by its upper-case letter; all other bytes share class 0, which keeps the transition table
// small.
func (s *literalScanner) assignByteClasses(literals []string) {
	s.classCount = 1
	for _, literal := range literals {
		literal = strings.ToLower(literal)
		for i := 0; i < len(literal); i++ {
			if s.byteClass[literal[i]] == 0 && s.classCount < 256 {
				s.byteClass[literal[i]] = uint8(s.classCount)
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
func (s *literalScanner) buildTransitions(goTo []map[uint8]int32) {
	s.next = make([]int32, len(goTo)*s.classCount)
	fail := make([]int32, len(goTo))
	queue := []int32{0}
	for len(queue) > 0 {
		state := queue[0]
		queue = queue[1:]
		for class := 0; class < s.classCount; class++ {
			target, ok := goTo[state][uint8(class)]
			fallback := s.next[int(fail[state])*s.classCount+class]
			if !ok {
				s.next[int(state)*s.classCount+class] = fallback
				continue
			}
			s.next[int(state)*s.classCount+class] = target
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
