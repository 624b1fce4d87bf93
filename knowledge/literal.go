package knowledge

import "regexp/syntax"

// requiredLiterals returns case-sensitive literals of which every match of the regex contains
// at least one, or nil if it finds none. It is a pre-filter: a line with none of them cannot
// match.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return anyOfLiterals(re.Simplify())
}

func anyOfLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return anyOfLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return anyOfLiterals(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if literals := anyOfLiterals(sub); selectiveness(literals) > selectiveness(best) {
				best = literals
			}
		}
		return best
	case syntax.OpAlternate:
		var union []string
		for _, sub := range re.Sub {
			literals := anyOfLiterals(sub)
			if literals == nil {
				return nil
			}
			union = append(union, literals...)
		}
		return union
	}
	return nil
}

// selectiveness ranks literal sets: the longer the shortest literal, the fewer lines pass.
func selectiveness(literals []string) int {
	if len(literals) == 0 {
		return 0
	}
	shortest := len(literals[0])
	for _, literal := range literals[1:] {
		shortest = min(shortest, len(literal))
	}
	return shortest
}
