package cargoconf

import (
	"strings"
	"unicode"
)

// cfgMatches evaluates a [target.'cfg(...)'] key against a target's cfg values (the lines of
// rustc --print cfg: `name` or `name="value"`). ok is false for a key doctor cannot read.
func cfgMatches(key string, cfgs []string) (match, ok bool) {
	inner, found := strings.CutPrefix(strings.TrimSpace(key), "cfg(")
	if !found || !strings.HasSuffix(inner, ")") {
		return false, false
	}
	p := &cfgParser{toks: cfgTokens(inner[:len(inner)-1])}
	set := map[string]bool{}
	for _, c := range cfgs {
		set[strings.TrimSpace(c)] = true
	}
	m, ok := p.expr(set)
	return m, ok && p.i == len(p.toks)
}

type cfgParser struct {
	toks []string
	i    int
}

func (p *cfgParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *cfgParser) next() string { t := p.peek(); p.i++; return t }

// expr is name, name = "value", all(...), any(...) or not(...).
func (p *cfgParser) expr(set map[string]bool) (bool, bool) {
	name := p.next()
	if name == "" || strings.ContainsAny(name, `(),="`) {
		return false, false
	}
	switch {
	case p.peek() == "(" && (name == "all" || name == "any" || name == "not"):
		p.next()
		var vals []bool
		for p.peek() != ")" {
			v, ok := p.expr(set)
			if !ok {
				return false, false
			}
			vals = append(vals, v)
			if p.peek() == "," {
				p.next()
			} else if p.peek() != ")" {
				return false, false
			}
		}
		p.next()
		switch name {
		case "not":
			if len(vals) != 1 {
				return false, false
			}
			return !vals[0], true
		case "all":
			for _, v := range vals {
				if !v {
					return false, true
				}
			}
			return true, true
		default:
			for _, v := range vals {
				if v {
					return true, true
				}
			}
			return false, true
		}
	case p.peek() == "=":
		p.next()
		val := p.next()
		if !strings.HasPrefix(val, `"`) {
			return false, false
		}
		return set[name+"="+val], true
	}
	return set[name], true
}

func cfgTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case strings.ContainsRune("(),=", c):
			toks = append(toks, string(c))
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return append(toks, s[i:])
			}
			toks = append(toks, s[i:i+j+2])
			i += j + 2
		default:
			j := i
			for j < len(s) && !unicode.IsSpace(rune(s[j])) && !strings.ContainsRune(`(),="`, rune(s[j])) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks
}
