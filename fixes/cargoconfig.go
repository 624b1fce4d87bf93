package fixes

import (
	"slices"

	"github.com/cxlog/cxlog/knowledge"
	"github.com/pelletier/go-toml/v2/unstable"
)

// cargoConfig is the config file to edit: .cargo/config.toml, or the legacy
// .cargo/config when only that exists.
func (pb *planBuilder) cargoConfig() string {
	if !pb.exists(CargoConfigFile) && pb.exists(legacyCargoConfig) {
		return legacyCargoConfig
	}
	return CargoConfigFile
}

// configTarget is the triple an action without a target means: the plan's target, or
// [build] target of the config.
func (pb *planBuilder) configTarget(path string) string {
	if pb.target != "" {
		return pb.target
	}
	c, err := pb.file(path)
	if err != nil || c.New == nil {
		return ""
	}
	doc, err := parseTOML(c.New)
	if err != nil {
		return ""
	}
	if ref, ok := doc.find("build", "target"); ok && ref.field.val.kind == unstable.String {
		return ref.field.val.str
	}
	return ""
}

func (pb *planBuilder) setLinker(a knowledge.Action) error {
	path := pb.cargoConfig()
	triple := a.Target
	if triple == "" {
		triple = pb.configTarget(path)
	}
	if triple == "" {
		pb.note("set-linker %s: no target triple (give --target): skipped", a.Value)
		return nil
	}
	return pb.edit(path, "set linker = "+quote(a.Value)+" under [target."+triple+"]", func(data []byte) ([]byte, error) {
		return setValue(data, []string{"target", triple, "linker"}, quote(a.Value))
	})
}

func (pb *planBuilder) setBuildTarget(a knowledge.Action) error {
	return pb.edit(pb.cargoConfig(), "set [build] target = "+quote(a.Value), func(data []byte) ([]byte, error) {
		return setValue(data, []string{"build", "target"}, quote(a.Value))
	})
}

// rustflags adds or removes flags in rustflags of [target.<triple>] (or [build]).
func (pb *planBuilder) rustflags(a knowledge.Action) error {
	path := pb.cargoConfig()
	table := []string{"build"}
	if a.Target != "" {
		table = []string{"target", a.Target}
	} else if triple := pb.configTarget(path); triple != "" && pb.hasKey(path, "target", triple, "rustflags") {
		table = []string{"target", triple}
		pb.note("%s: [target.%s] has rustflags, so cargo ignores [build] rustflags: the flags go to [target.%s]", a.Kind, triple, triple)
	}
	key := append(slices.Clone(table), "rustflags")
	words := actionWords(a.Flags)
	where := "[" + formatKey(table) + "] rustflags"
	if a.Kind == "add-rustflags" {
		return pb.edit(path, "add "+formatArray(quoteAll(words))+" to "+where, func(data []byte) ([]byte, error) {
			return addRustflags(data, key, words)
		})
	}
	removed := false
	err := pb.edit(path, "remove "+formatArray(quoteAll(words))+" from "+where, func(data []byte) ([]byte, error) {
		out, err := removeRustflags(data, key, words)
		removed = out != nil && string(out) != string(data)
		return out, err
	})
	if err == nil && !removed {
		pb.note("remove-rustflags: none of %s is in %s", formatArray(quoteAll(words)), where)
	}
	return err
}

func (pb *planBuilder) hasKey(path string, key ...string) bool {
	c, err := pb.file(path)
	if err != nil || c.New == nil {
		return false
	}
	doc, err := parseTOML(c.New)
	if err != nil {
		return false
	}
	_, ok := doc.find(key...)
	return ok
}

// configFlags reads a rustflags value: an array of words, or one string of words.
func configFlags(v tomlValue) ([]string, bool) {
	switch v.kind {
	case unstable.Array:
		return stringsOf(v)
	case unstable.String:
		return splitWords(v.str), true
	}
	return nil, false
}

func addRustflags(data []byte, key, words []string) ([]byte, error) {
	if data == nil {
		data = []byte{}
	}
	doc, err := parseTOML(data)
	if err != nil {
		return nil, err
	}
	ref, ok := doc.find(key...)
	if !ok {
		return setValue(data, key, formatArray(quoteAll(words)))
	}
	have, ok := configFlags(ref.field.val)
	if !ok {
		return nil, errNotFlags(key)
	}
	present := map[string]bool{}
	for _, u := range flagUnits(have) {
		present[u.canon] = true
	}
	var missing []string
	var groups [][]string
	for _, u := range flagUnits(words) {
		if !present[u.canon] {
			var g []string
			for _, i := range u.words {
				missing = append(missing, words[i])
				g = append(g, quote(words[i]))
			}
			groups = append(groups, g)
		}
	}
	if len(missing) == 0 {
		return data, nil
	}
	if ref.field.val.kind == unstable.String {
		return splice(data, ref.field.val.span, quote(joinWords(append(have, missing...)))), nil
	}
	return arrayAppend(data, ref.field.val, groups)
}

func removeRustflags(data []byte, key, words []string) ([]byte, error) {
	if data == nil {
		return data, nil
	}
	doc, err := parseTOML(data)
	if err != nil {
		return nil, err
	}
	ref, ok := doc.find(key...)
	if !ok {
		return data, nil
	}
	have, ok := configFlags(ref.field.val)
	if !ok {
		return nil, errNotFlags(key)
	}
	unwanted := map[string]bool{}
	for _, u := range flagUnits(words) {
		unwanted[u.canon] = true
	}
	drop := map[int]bool{}
	for _, u := range flagUnits(have) {
		if unwanted[u.canon] {
			for _, i := range u.words {
				drop[i] = true
			}
		}
	}
	if len(drop) == 0 {
		return data, nil
	}
	if ref.field.val.kind == unstable.String {
		var keep []string
		for i, w := range have {
			if !drop[i] {
				keep = append(keep, w)
			}
		}
		return splice(data, ref.field.val.span, quote(joinWords(keep))), nil
	}
	return arrayRemove(data, ref.field.val, drop)
}
