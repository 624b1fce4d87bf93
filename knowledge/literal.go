package knowledge

import (
	"regexp/syntax"
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
		if l.foldCase && containsFoldASCII(line, literal) || !l.foldCase && strings.Contains(line, literal) {
			return true
		}
	}
	return false
}

// requiredLiterals returns the literals of which every match of the regex contains one; an
// empty set if it finds none.
func requiredLiterals(expr string) literalSet {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return literalSet{}
	}
	return anyOfLiterals(re.Simplify())
}

func anyOfLiterals(re *syntax.Regexp) literalSet {
	switch re.Op {
	case syntax.OpLiteral:
		return literalOf(re)
	case syntax.OpCapture, syntax.OpPlus:
		return anyOfLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return anyOfLiterals(re.Sub[0])
		}
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

// containsFoldASCII reports whether s contains lower, ignoring ASCII case.
func containsFoldASCII(s, lower string) bool {
	for i := 0; i+len(lower) <= len(s); i++ {
		if equalFoldASCII(s[i:i+len(lower)], lower) {
			return true
		}
	}
	return false
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
