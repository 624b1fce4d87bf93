package fixes

import (
	"slices"

	"github.com/cxlog/cxlog/knowledge"
	"github.com/pelletier/go-toml/v2/unstable"
)

// dependencyTables are the tables that declare dependencies, as the last key part.
var dependencyTables = []string{"dependencies", "dev-dependencies", "build-dependencies"}

// dependency is one declaration of a crate in Cargo.toml: `name = ...` in a
// dependency table, or a [dependencies.name] table.
type dependency struct {
	path  []string   // full key path, ending in the crate name
	field *tomlField // the `name = ...` key-value; nil for the table form
	table *tomlTable // the [..dependencies.name] table; nil for the key-value form
}

func findDependencies(doc *tomlDoc, crate string) []dependency {
	var deps []dependency
	isDep := func(path []string) bool {
		n := len(path)
		return n >= 2 && path[n-1] == crate && slices.Contains(dependencyTables, path[n-2])
	}
	for i := range doc.tables {
		t := &doc.tables[i]
		if t.array {
			continue
		}
		if i > 0 && isDep(t.path) {
			deps = append(deps, dependency{path: t.path, table: t})
			continue
		}
		for j := range t.fields {
			full := append(slices.Clone(t.path), t.fields[j].key...)
			if isDep(full) {
				deps = append(deps, dependency{path: full, field: &t.fields[j]})
			}
		}
	}
	return deps
}

func (pb *planBuilder) manifest(a knowledge.Action) error {
	var step string
	if a.Kind == "add-feature" {
		step = "enable feature " + quote(a.Value) + " of dependency " + a.Crate
	} else {
		step = "set the version requirement of dependency " + a.Crate + " to " + quote(a.Value)
	}
	found := true
	err := pb.edit(ManifestFile, step, func(data []byte) ([]byte, error) {
		if data == nil {
			found = false
			return nil, nil
		}
		// one declaration at a time: each edit moves the offsets of the next
		for done := 0; ; done++ {
			doc, err := parseTOML(data)
			if err != nil {
				return nil, err
			}
			deps := findDependencies(doc, a.Crate)
			if done == len(deps) {
				found = len(deps) > 0
				return data, nil
			}
			if data, err = editDependency(data, deps[done], a); err != nil {
				return nil, err
			}
		}
	})
	if err == nil && !found {
		how := "cargo add " + ShellQuote(a.Crate) + " --features " + ShellQuote(a.Value)
		if a.Kind == "set-dependency-version" {
			how = "cargo update -p " + ShellQuote(a.Crate) + " --precise " + ShellQuote(a.Value)
		}
		pb.note("%s: %s is not a dependency in %s (a transitive one?): skipped; try %s", a.Kind, a.Crate, ManifestFile, how)
	}
	return err
}

func editDependency(data []byte, d dependency, a knowledge.Action) ([]byte, error) {
	if d.table != nil {
		return editDependencyTable(data, d, a)
	}
	v := d.field.val
	switch v.kind {
	case unstable.String: // name = "1.0"
		if a.Kind == "set-dependency-version" {
			return splice(data, v.span, quote(a.Value)), nil
		}
		return splice(data, v.span, "{ version = "+string(data[v.span.start:v.span.end])+
			", features = "+formatArray([]string{quote(a.Value)})+" }"), nil
	case unstable.InlineTable: // name = { version = "1.0", ... }
		if a.Kind == "set-dependency-version" && v.field("workspace") != nil {
			return data, nil // the version is [workspace.dependencies]'s
		}
		key := "features"
		if a.Kind == "set-dependency-version" {
			key = "version"
		}
		f := v.field(key)
		switch {
		case f == nil && key == "version":
			return insertField(data, v, "version", quote(a.Value)), nil
		case f == nil:
			return insertField(data, v, "features", formatArray([]string{quote(a.Value)})), nil
		case key == "version":
			return splice(data, f.val.span, quote(a.Value)), nil
		default:
			return addStringsTo(data, f.val, []string{"features"}, a.Value)
		}
	}
	return nil, errNotStrings(d.path)
}

func editDependencyTable(data []byte, d dependency, a knowledge.Action) ([]byte, error) {
	if a.Kind == "set-dependency-version" {
		for _, f := range d.table.fields {
			if slices.Equal(f.key, []string{"workspace"}) {
				return data, nil // the version is [workspace.dependencies]'s
			}
		}
		return setValue(data, append(slices.Clone(d.path), "version"), quote(a.Value))
	}
	for _, f := range d.table.fields {
		if slices.Equal(f.key, []string{"features"}) {
			return addStringsTo(data, f.val, append(slices.Clone(d.path), "features"), a.Value)
		}
	}
	return setValue(data, append(slices.Clone(d.path), "features"), formatArray([]string{quote(a.Value)}))
}

func addStringsTo(data []byte, v tomlValue, key []string, value string) ([]byte, error) {
	have, ok := stringsOf(v)
	if v.kind != unstable.Array || !ok {
		return nil, errNotStrings(key)
	}
	return arrayAppend(data, v, oneEach(quoteAll(missingFrom(have, []string{value}))))
}
