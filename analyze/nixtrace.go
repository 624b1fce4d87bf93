package analyze

import "github.com/cxlog/cxlog/grammar"

// parseNixAttrs flattens a Nix attribute set as `trace:` prints it ({ a = 1; b = { c = "x"; }; })
// into dotted keys. Lists and functions are kept as their text. It never fails: of a set the
// grammar cannot read to its end, the attributes before the error are kept.
func parseNixAttrs(s string) []Attr {
	set, _ := grammar.ParseNixAttrs(s)
	if set == nil {
		return nil
	}
	var out []Attr
	flattenAttrs(set, "", &out)
	return out
}

func flattenAttrs(set *grammar.NixAttrSet, prefix string, out *[]Attr) {
	for _, b := range set.Bindings {
		if b == nil || b.Value == nil {
			continue
		}
		if b.Value.Set != nil {
			flattenAttrs(b.Value.Set, prefix+b.Key()+".", out)
			continue
		}
		*out = append(*out, Attr{Key: prefix + b.Key(), Value: b.Value.Text()})
	}
}
