package knowledge

import "math"

// scanLiteral is one literal a literalScanner looks for: matched exactly, or ignoring ASCII
// case when fold is set (text is then lower case).
type scanLiteral struct {
	text string
	fold bool
}

// The scanner looks at every stride-th 4-byte window of a line. A window is taken as its head:
// its bytes with the 0x20 bit of each set, the same word for every ASCII case spelling of them
// (and for a few other pairs of bytes, which the full compare sorts out). A literal of at least
// minWindowed bytes covers one looked-at window wherever it starts, so each of its heads at
// offsets 0 to stride-1 leads to it.
const (
	headLen     = 4
	headFold    = 0x20202020
	stride      = 5
	minWindowed = headLen + stride - 1
	// filterBits is the size of the head filter, a bit per hash value: 8 KiB, in L1 cache.
	filterBits = 16
	// sharedBits is the size of firstWindows' table of how many literals share a head.
	sharedBits = 14
	// minSlotBits is the smallest size of the heads' open-addressed table, kept at least twice
	// their number.
	minSlotBits = 6
)

// literalScanner finds which of a set of literals occur in a line. It hashes every stride-th
// window of the line and, where the hash is that of a literal's head, compares the literals
// with that head in full where they would start. The windows do not depend on one another,
// unlike the states of an automaton, and only one in stride is looked at.
type literalScanner struct {
	literals []scanLiteral
	filter   [1 << filterBits / 64]uint64
	// slots is an open-addressed table of the heads: a head's slot is found by probing from its
	// hash's low bits on.
	slots    []headSlot
	slotMask uint32
	// refs holds each head's literals, in one run per head.
	refs []headRef
	// short are the literals shorter than minWindowed, looked for on their own.
	short []int32
}

// headSlot holds a head and its literals, refs[first:end]; a slot with end 0 is empty.
type headSlot struct {
	head       uint32
	first, end int32
}

// headRef is a literal with a head offset bytes into it.
type headRef struct {
	id, offset int32
}

func newLiteralScanner(literals []scanLiteral) *literalScanner {
	s := &literalScanner{literals: literals}
	heads := 0
	for id, literal := range literals {
		if len(literal.text) < minWindowed {
			s.short = append(s.short, int32(id))
		} else {
			heads += stride
		}
	}
	slotBits := minSlotBits
	for 1<<slotBits < 2*heads {
		slotBits++
	}
	s.slots, s.slotMask = make([]headSlot, 1<<slotBits), 1<<slotBits-1
	s.refs = make([]headRef, heads)
	first := firstWindows(literals)
	// Count each head's literals, turn the counts into runs of refs, then fill the runs.
	eachHead := func(do func(slot int, ref headRef)) {
		for id, literal := range literals {
			if len(literal.text) < minWindowed {
				continue
			}
			for offset := first[id]; offset < first[id]+stride; offset++ {
				head := headAt(literal.text, offset)
				hash := hashHead(head)
				s.filter[hash/64] |= 1 << (hash % 64)
				slot := s.slotIndex(head, hash)
				s.slots[slot].head = head
				do(slot, headRef{id: int32(id), offset: int32(offset)})
			}
		}
	}
	eachHead(func(slot int, _ headRef) { s.slots[slot].end++ })
	filled := make([]int32, len(s.slots))
	next := int32(0)
	for i := range s.slots {
		if slot := &s.slots[i]; slot.end > 0 {
			slot.first, next = next, next+slot.end
			slot.end, filled[i] = next, slot.first
		}
	}
	eachHead(func(slot int, ref headRef) {
		s.refs[filled[slot]] = ref
		filled[slot]++
	})
	return s
}

// firstWindows picks, for each literal of at least minWindowed bytes, the first of the stride
// consecutive windows taken as its heads: those whose heads the literals contain the fewest
// times, for a head many literals share is a common word ("target", "build") that a log is full
// of.
func firstWindows(literals []scanLiteral) []int {
	// Counted by a hash, not by head: a collision only makes a head look more common.
	shared := make([]uint16, 1<<sharedBits)
	sharedOf := func(head uint32) int32 { return int32(shared[hashHead(head)>>(filterBits-sharedBits)]) }
	for _, literal := range literals {
		for i := 0; i+headLen <= len(literal.text); i++ {
			if slot := &shared[hashHead(headAt(literal.text, i))>>(filterBits-sharedBits)]; *slot < math.MaxUint16 {
				*slot++
			}
		}
	}
	first := make([]int, len(literals))
	var counts []int32
	for id, literal := range literals {
		if len(literal.text) < minWindowed {
			continue
		}
		counts = counts[:0]
		for i := 0; i+headLen <= len(literal.text); i++ {
			counts = append(counts, sharedOf(headAt(literal.text, i)))
		}
		cost := int32(0)
		for _, c := range counts[:stride] {
			cost += c
		}
		best := cost
		for start := 1; start+stride <= len(counts); start++ {
			cost += counts[start+stride-1] - counts[start-1]
			if cost <= best {
				best, first[id] = cost, start
			}
		}
	}
	return first
}

// slotIndex returns the index of the slot of head, whose hash is h, or of the empty slot where
// it would go.
func (s *literalScanner) slotIndex(head, h uint32) int {
	for i := h & s.slotMask; ; i = (i + 1) & s.slotMask {
		if slot := &s.slots[i]; slot.end == 0 || slot.head == head {
			return int(i)
		}
	}
}

// refsOf returns the literals of head, whose hash is h.
func (s *literalScanner) refsOf(head, h uint32) []headRef {
	slot := &s.slots[s.slotIndex(head, h)]
	return s.refs[slot.first:slot.end]
}

// headAt is the head of the window of text at i; text[i:] holds at least headLen bytes.
func headAt(text string, i int) uint32 {
	w := text[i : i+headLen]
	return (uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24) | headFold
}

func hashHead(head uint32) uint32 { return (head * 0x9E3779B1) >> (32 - filterBits) }

// scan appends to found the literals that occur in line (a literal may be appended more than
// once) and returns it.
func (s *literalScanner) scan(line string, found []int32) []int32 {
	for i := 0; i+headLen <= len(line); i += stride {
		head := headAt(line, i)
		if h := hashHead(head); s.filter[h/64]&(1<<(h%64)) != 0 {
			found = s.confirm(line, i, s.refsOf(head, h), found)
		}
	}
	for _, id := range s.short {
		literal := &s.literals[id]
		if containsLiteral(line, literal.text, literal.fold) {
			found = append(found, id)
		}
	}
	return found
}

// confirm appends the literals of refs that occur in line with their head at window.
func (s *literalScanner) confirm(line string, window int, refs []headRef, found []int32) []int32 {
	for _, ref := range refs {
		literal := &s.literals[ref.id]
		start := window - int(ref.offset)
		if start < 0 || start+len(literal.text) > len(line) {
			continue
		}
		candidate := line[start : start+len(literal.text)]
		if literal.fold && equalFoldASCII(candidate, literal.text) || !literal.fold && candidate == literal.text {
			found = append(found, ref.id)
		}
	}
	return found
}
