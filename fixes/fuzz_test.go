package fixes

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// FuzzTOMLEdit edits arbitrary TOML documents the ways a plan does. An edit of a
// document both TOML parsers accept either fails with an error or gives a document
// go-toml decodes, holding what was asked for.
func FuzzTOMLEdit(f *testing.F) {
	docs := []string{
		"",
		"[build]\ntarget = \"" + riscv + "\"\n",
		"# comment\n[target." + riscv + "]\nlinker = \"gcc\" # why\nrustflags = [\n  \"-C\", \"link-arg=-Tlink.x\", # script\n]\n",
		"[target.'cfg(target_arch = \"riscv32\")']\nrustflags = \"-C force-frame-pointers\"\n",
		"target.x.rustflags = [\"a\"]\n[toolchain]\ncomponents = [\"rust-src\"]\n",
		"[toolchain]\nchannel = \"nightly\"\ntargets = []\n",
		"a = { b = 1 }\n[[bin]]\nname = \"x\"\n",
	}
	for op := range 4 {
		for _, doc := range docs {
			f.Add([]byte(doc), uint8(op), riscv, "-C link-arg=-Tlink.x")
		}
	}
	f.Add([]byte(docs[2]), uint8(2), riscv, "-C link-arg=-Tlink.x")
	f.Add([]byte(docs[1]), uint8(0), "a.b\"c", "x\n\"y\\")
	f.Fuzz(func(t *testing.T, data []byte, op uint8, triple, value string) {
		if _, err := parseTOML(data); err != nil {
			return
		}
		var before map[string]any
		if toml.Unmarshal(data, &before) != nil {
			return
		}
		key := []string{"target", triple, "rustflags"}
		var out []byte
		var err error
		switch op % 4 {
		case 0:
			key[2] = "linker"
			out, err = setValue(data, key, quote(value))
		case 1:
			out, err = addRustflags(data, key, splitWords(value))
		case 2:
			out, err = removeRustflags(data, key, splitWords(value))
		case 3:
			key = []string{"toolchain", "components"}
			out, err = addStrings(data, key, []string{value})
		}
		if err != nil || out == nil {
			return
		}
		var after map[string]any
		if err := toml.Unmarshal(out, &after); err != nil {
			t.Fatalf("the edit is not valid TOML: %v\nbefore:\n%s\nafter:\n%s", err, data, out)
		}
		if _, err := parseTOML(out); err != nil {
			t.Fatalf("the edit does not parse again: %v\n%s", err, out)
		}
		if !utf8.ValidString(value) || !utf8.ValidString(triple) {
			return
		}
		got, found := lookup(after, key)
		switch op % 4 {
		case 0:
			if !found || got != value {
				t.Fatalf("%s = %#v after setting it to %q:\n%s", formatKey(key), got, value, out)
			}
		case 1:
			// "-Clink-arg=X" is the flag "-C", "link-arg=X" already present: equal units count.
			have := unitSet(valueWords(got))
			for _, u := range flagUnits(splitWords(value)) {
				if !have[u.canon] {
					t.Fatalf("%s lacks %q after adding it: %#v\n%s", formatKey(key), u.canon, got, out)
				}
			}
		case 3:
			if !slices.Contains(valueWords(got), value) {
				t.Fatalf("%s lacks %q after adding it: %#v\n%s", formatKey(key), value, got, out)
			}
		}
	})
}

func lookup(m map[string]any, key []string) (any, bool) {
	var v any = m
	for _, k := range key {
		table, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = table[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// valueWords are the strings of an array value, or the words of a string value.
func unitSet(words []string) map[string]bool {
	set := map[string]bool{}
	for _, u := range flagUnits(words) {
		set[u.canon] = true
	}
	return set
}

func valueWords(v any) []string {
	switch v := v.(type) {
	case string:
		return strings.Fields(v)
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
