package analyze

import "strings"

// parseNixAttrs flattens a Nix attribute set as `trace:` prints it ({ a = 1; b = { c = "x"; }; })
// into dotted keys. Lists and functions are kept as their text. It never fails: what it cannot
// read is skipped.
func parseNixAttrs(s string) []Attr {
	p := nixAttrReader{s: s}
	p.skipSpace()
	if !p.eat('{') {
		return nil
	}
	var out []Attr
	p.attrs("", &out)
	return out
}

type nixAttrReader struct {
	s string
	i int
}

func (p *nixAttrReader) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *nixAttrReader) eat(c byte) bool {
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// attrs reads `key = value;` pairs up to the closing brace.
func (p *nixAttrReader) attrs(prefix string, out *[]Attr) {
	for {
		p.skipSpace()
		if p.i >= len(p.s) || p.eat('}') {
			return
		}
		start := p.i
		for p.i < len(p.s) && p.s[p.i] != '=' && p.s[p.i] != ';' && p.s[p.i] != '}' {
			p.i++
		}
		key := strings.Trim(strings.TrimSpace(p.s[start:p.i]), `"`)
		if !p.eat('=') {
			p.eat(';')
			continue
		}
		p.skipSpace()
		if p.eat('{') {
			p.attrs(prefix+key+".", out)
			p.eat(';')
			continue
		}
		*out = append(*out, Attr{Key: prefix + key, Value: p.value()})
		p.eat(';')
	}
}

// value reads a scalar, string, list or <LAMBDA>/<CODE> up to the ';' that ends it.
func (p *nixAttrReader) value() string {
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == '"' {
		var b strings.Builder
		p.i++
		for p.i < len(p.s) && p.s[p.i] != '"' {
			if p.s[p.i] == '\\' && p.i+1 < len(p.s) {
				p.i++
				switch p.s[p.i] {
				case 'n':
					b.WriteByte('\n')
				default:
					b.WriteByte(p.s[p.i])
				}
			} else {
				b.WriteByte(p.s[p.i])
			}
			p.i++
		}
		p.i++
		return b.String()
	}
	start, depth := p.i, 0
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth == 0 {
				return strings.TrimSpace(p.s[start:p.i])
			}
			depth--
		case c == '"':
			if j := strings.IndexByte(p.s[p.i+1:], '"'); j >= 0 {
				p.i += j + 1
			}
		case c == ';' && depth == 0:
			return strings.TrimSpace(p.s[start:p.i])
		}
		p.i++
	}
	return strings.TrimSpace(p.s[start:])
}
