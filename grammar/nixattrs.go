package grammar

import (
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// NixAttrSet is a Nix attribute set as `builtins.trace` prints it:
// { a = 1; b = { c = "x"; }; l = [ 1 2 ]; f = <LAMBDA>; }.
type NixAttrSet struct {
	Bindings []*NixBinding `parser:"\"{\" @@* \"}\""`
}

// NixBinding is one `name = value;` of an attribute set.
type NixBinding struct {
	Name  string    `parser:"@(Atom | String)"`
	Value *NixValue `parser:"\"=\" @@ \";\"?"`
}

// NixValue is an attribute's value: a nested set, a list, a string, or another single token
// (a number, true, null, a path, <LAMBDA>, <CODE>, «repeated»).
type NixValue struct {
	Set    *NixAttrSet `parser:"  @@"`
	List   *NixList    `parser:"| @@"`
	String *string     `parser:"| @String"`
	Atom   *string     `parser:"| @(Atom | Special)"`
}

// NixList is a list value, kept as its text: Text is filled from the source after the parse.
type NixList struct {
	Pos    lexer.Position
	Items  []*NixValue `parser:"\"[\" @@* \"]\""`
	EndPos lexer.Position
	Text   string
}

// nixParser is built on first use: only Nix traces need it.
var nixParser = sync.OnceValue(func() *participle.Parser[NixAttrSet] {
	nixLexer := lexer.MustSimple([]lexer.SimpleRule{
		{Name: "String", Pattern: `"(\\.|[^"\\])*"?`}, // an unterminated string runs to the end
		{Name: "Special", Pattern: `<[A-Za-z]+>|«[^»]*»`},
		{Name: "Punct", Pattern: `[{}\[\];=]`},
		{Name: "Whitespace", Pattern: `\s+`},
		{Name: "Atom", Pattern: `[^\s{}\[\];="]+`},
	})
	return participle.MustBuild[NixAttrSet](participle.Lexer(nixLexer), participle.Elide("Whitespace"), participle.UseLookahead(2))
})

// ParseNixAttrs parses the attribute set of a `trace:` line. On a set it cannot read to its
// end it returns what it read before the error, with the error.
func ParseNixAttrs(text string) (*NixAttrSet, error) {
	set, err := nixParser().ParseString("", text, participle.AllowTrailing(true))
	if set != nil {
		set.fillText(text)
	}
	return set, err
}

func (s *NixAttrSet) fillText(src string) {
	for _, b := range s.Bindings {
		if b == nil || b.Value == nil {
			continue
		}
		switch v := b.Value; {
		case v.Set != nil:
			v.Set.fillText(src)
		case v.List != nil:
			start, end := v.List.Pos.Offset, v.List.EndPos.Offset
			if start >= 0 && start <= end && end <= len(src) {
				v.List.Text = strings.TrimSpace(src[start:end])
			}
		}
	}
}

// Key is the binding's name, without the quotes of a quoted name.
func (b *NixBinding) Key() string { return strings.Trim(b.Name, `"`) }

// Text is the value as cxlog keeps it: a string without its quotes and escapes, a list as
// its text, anything else as printed.
func (v *NixValue) Text() string {
	switch {
	case v.String != nil:
		return unquoteNix(*v.String)
	case v.List != nil:
		return v.List.Text
	case v.Atom != nil:
		return *v.Atom
	}
	return ""
}

// unquoteNix removes a Nix string's quotes and escapes: \n is a newline, \x is x.
func unquoteNix(s string) string {
	s = strings.TrimPrefix(s, `"`)
	var b strings.Builder
	for i := 0; i < len(s) && s[i] != '"'; i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' {
				b.WriteByte('\n')
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// NixAttrsEBNF returns the grammar of a Nix attribute set in EBNF form.
func NixAttrsEBNF() string { return nixParser().String() }
