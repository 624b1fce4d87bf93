package knowledge

import (
	"math"
	"regexp/syntax"
	"slices"
	"strings"
)

// literalSet holds substrings of which every line that shows a symptom contains at least one.
// With foldCase the literals are lower case and compared ignoring ASCII case.
type literalSet struct {
	literals []string
	foldCase bool
}

func (l literalSet) known() bool { return len(l.literals) > 0 }

// inLine reports whether line contains one of the literals.
func (l literalSet) inLine(line string) bool {
	for _, literal := range l.literals {
		if containsLiteral(line, literal, l.foldCase) {
			return true
		}
	}
	return false
}

// regexLiterals returns required, the literals of which every match of the regex contains one
// (an empty set if it finds none), and other sets of which every match also contains one
// literal each: the rest of a concatenation's long literal runs. A line that lacks one cannot
// match, and looking for them is cheaper than running the regex.
func regexLiterals(expr string) (required literalSet, also []literalSet) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return literalSet{}, nil
	}
	re = re.Simplify()
	required = anyOfLiterals(re)
	for _, set := range allOfLiterals(re) {
		if selectiveness(set) < minAlsoRequired {
			continue // a short literal is in many lines: looking for it costs more than it saves
		}
		if set.foldCase != required.foldCase || !slices.Equal(set.literals, required.literals) {
			also = append(also, set)
		}
	}
	return required, also
}

// minAlsoRequired is the shortest literal worth a set of regexLiterals' also.
const minAlsoRequired = 4

// allOfLiterals returns literal sets of each of which every match contains one literal. re is
// simplified: it has no counted repetition (OpRepeat).
func allOfLiterals(re *syntax.Regexp) []literalSet {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return allOfLiterals(re.Sub[0])
	case syntax.OpConcat:
		var sets []literalSet
		for _, sub := range re.Sub {
			sets = append(sets, allOfLiterals(sub)...)
		}
		return sets
	}
	if set := anyOfLiterals(re); set.known() {
		return []literalSet{set}
	}
	return nil
}

func anyOfLiterals(re *syntax.Regexp) literalSet {
	switch re.Op {
	case syntax.OpLiteral:
		return literalOf(re)
	case syntax.OpCapture, syntax.OpPlus:
		return anyOfLiterals(re.Sub[0])
	case syntax.OpConcat:
		var best literalSet
		for _, sub := range re.Sub {
			if literals := anyOfLiterals(sub); selectiveness(literals) > selectiveness(best) {
				best = literals
			}
		}
		return best
	case syntax.OpAlternate:
		var union literalSet
		for _, sub := range re.Sub {
			literals := anyOfLiterals(sub)
			if !literals.known() {
				return literalSet{}
			}
			union.literals = append(union.literals, literals.literals...)
			union.foldCase = union.foldCase || literals.foldCase
		}
		if union.foldCase {
			for i, literal := range union.literals {
				union.literals[i] = strings.ToLower(literal)
			}
		}
		return union
	}
	return literalSet{}
}

// literalOf returns a case-insensitive literal lower-cased. Go also folds k and s with the
// Kelvin sign and the long s; logs do not print those, so ASCII folding is taken as enough.
// Other non-ASCII text under (?i) is given up on.
func literalOf(re *syntax.Regexp) literalSet {
	literal := string(re.Rune)
	if re.Flags&syntax.FoldCase == 0 {
		return literalSet{literals: []string{literal}}
	}
	for _, r := range re.Rune {
		if r >= 0x80 {
			return literalSet{}
		}
	}
	return literalSet{literals: []string{strings.ToLower(literal)}, foldCase: true}
}

// selectiveness ranks literal sets: the longer the shortest literal, the fewer lines pass.
func selectiveness(set literalSet) int {
	if !set.known() {
		return 0
	}
	shortest := len(set.literals[0])
	for _, literal := range set.literals[1:] {
		shortest = min(shortest, len(literal))
	}
	return shortest
}

// containsLiteral reports whether line contains text; with fold, text is lower case and ASCII
// case is ignored.
func containsLiteral(line, text string, fold bool) bool {
	if fold {
		return containsFoldASCII(line, text)
	}
	return strings.Contains(line, text)
}

// containsFoldASCII reports whether s contains lower, ignoring ASCII case. It jumps between the
// places where lower's first byte, in either case, occurs.
func containsFoldASCII(s, lower string) bool {
	if lower == "" {
		return true
	}
	if len(lower) > len(s) {
		return false
	}
	first, firstUpper := lower[0], lower[0]
	if 'a' <= first && first <= 'z' {
		firstUpper -= 'a' - 'A'
	}
	last := len(s) - len(lower) // the last place lower can start
	nextLower, nextUpper := -1, -1
	for i := 0; i <= last; i++ {
		if nextLower < i {
			nextLower = indexByteFrom(s[:last+1], first, i)
		}
		if nextUpper < i {
			nextUpper = indexByteFrom(s[:last+1], firstUpper, i)
		}
		i = min(nextLower, nextUpper)
		if i == math.MaxInt {
			return false
		}
		if equalFoldASCII(s[i:i+len(lower)], lower) {
			return true
		}
	}
	return false
}

// indexByteFrom is the index of the first c in s at or after from, or math.MaxInt if there is
// none, which sorts after every index.
func indexByteFrom(s string, c byte, from int) int {
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return math.MaxInt
}

func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		if toLowerASCII(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

func toLowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
