package knowledge

import "regexp/syntax"

// requiredLiteral returns the longest case-sensitive literal that every match of the regex
// contains, or "" if it finds none. It is a pre-filter: a line without it cannot match.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	return longestRequired(re.Simplify())
}

func longestRequired(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return ""
		}
		return string(re.Rune)
	case syntax.OpCapture, syntax.OpPlus:
		return longestRequired(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return longestRequired(re.Sub[0])
		}
	case syntax.OpConcat:
		longest := ""
		for _, sub := range re.Sub {
			if literal := longestRequired(sub); len(literal) > len(longest) {
				longest = literal
			}
		}
		return longest
	}
	return ""
}
