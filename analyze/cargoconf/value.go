package cargoconf

import (
	"fmt"
	"slices"
	"strings"
)

// A setting's value and where it came from.
type setting struct {
	str  string
	from origin
}

// envName is the environment spelling of a config key ("Environment variables": CARGO_,
// then the key upper-cased with dots and dashes turned to underscores).
func envName(key ...string) string {
	return "CARGO_" + strings.NewReplacer(".", "_", "-", "_").Replace(strings.ToUpper(strings.Join(key, "_")))
}

// scalar is a string setting: "Hierarchical structure": for strings the deeper config wins;
// "Environment variables" beat config files and "Command-line overrides" beat both.
func (m *model) scalar(key ...string) (setting, bool) {
	var files, cli []layer
	for _, l := range m.layers {
		if l.origin.kind == "cli" || (l.origin.kind == "file" && m.isConfigArg(l.origin.path)) {
			cli = append(cli, l)
		} else {
			files = append(files, l)
		}
	}
	for i := len(cli) - 1; i >= 0; i-- {
		if s, ok := stringAt(cli[i], key); ok {
			return s, true
		}
	}
	name := envName(key...)
	if v, ok := m.env[name]; ok {
		return setting{str: v, from: origin{kind: "env", path: name, root: m.dir}}, true
	}
	for i := len(files) - 1; i >= 0; i-- {
		if s, ok := stringAt(files[i], key); ok {
			return s, true
		}
	}
	return setting{}, false
}

func (m *model) isConfigArg(path string) bool {
	for _, f := range m.files {
		if f.Kind == KindConfigArg && f.Path == path {
			return true
		}
	}
	return false
}

func stringAt(l layer, key []string) (setting, bool) {
	v, ok := lookup(l.data, key)
	if !ok {
		return setting{}, false
	}
	switch v := v.(type) {
	case string:
		return setting{str: v, from: l.origin}, true
	case []any:
		// build.target may be a list (multi-target builds); doctor models the first.
		if len(v) > 0 {
			if s, ok := v[0].(string); ok {
				return setting{str: s, from: l.origin}, true
			}
		}
	}
	return setting{}, false
}

// listPart is the part of a merged list one source gave.
type listPart struct {
	words []string
	from  origin
}

// list is a string-or-array setting such as rustflags: "Hierarchical structure": arrays
// are joined, a string is split on whitespace. Since cargo 1.74 (PR #12515) they are joined in
// precedence order, the higher-precedence items last: $CARGO_HOME, the directories from the
// top down, the environment variable, then --config. Older cargo joined the deeper file
// first, then the shallower ones, then --config, then the environment (issue #12506).
func (m *model) list(key ...string) ([]listPart, error) {
	var files, cli []listPart
	for _, l := range m.layers {
		v, ok := lookup(l.data, key)
		if !ok {
			continue
		}
		words, err := stringList(v)
		if err != nil {
			return nil, &ConfigError{Path: l.origin.path, Err: fmt.Errorf("%s: %v", strings.Join(key, "."), err)}
		}
		part := listPart{words: words, from: l.origin}
		if l.origin.kind == "cli" || m.isConfigArg(l.origin.path) {
			cli = append(cli, part)
		} else {
			files = append(files, part)
		}
	}
	var env []listPart
	name := envName(key...)
	if v, ok := m.env[name]; ok {
		env = append(env, listPart{words: strings.Fields(v), from: origin{kind: "env", path: name, root: m.dir}})
	}
	if m.oldListOrder() {
		slices.Reverse(files)
		return slices.Concat(files, cli, env), nil
	}
	return slices.Concat(files, env, cli), nil
}

// oldListOrder is true for a cargo before 1.74, which joined arrays deepest file first.
func (m *model) oldListOrder() bool {
	v := m.in.CargoVersion
	return v != [2]int{} && (v[0] < 1 || (v[0] == 1 && v[1] < 74))
}

func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return strings.Fields(v), nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("expected a string or an array of strings, found %v", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a string or an array of strings, found %T", v)
}

func joinParts(parts []listPart) ([]string, []string) {
	var words, from []string
	for _, p := range parts {
		words = append(words, p.words...)
		from = append(from, p.from.String())
	}
	return words, from
}
