package fixes

import (
	"github.com/cxlog/cxlog/knowledge"
	"github.com/pelletier/go-toml/v2/unstable"
)

// toolchain applies pin-toolchain, add-target and add-component to rust-toolchain.toml.
func (pb *planBuilder) toolchain(a knowledge.Action) error {
	if pb.exists(legacyToolchainFile) {
		pb.note("%s exists too: rustup reads it, not %s; delete it or move its channel into %s",
			legacyToolchainFile, ToolchainFile, ToolchainFile)
	}
	path := ToolchainFile
	switch a.Kind {
	case "pin-toolchain":
		err := pb.edit(path, "set [toolchain] channel = "+quote(a.Value), func(data []byte) ([]byte, error) {
			return setValue(data, []string{"toolchain", "channel"}, quote(a.Value))
		})
		if err != nil {
			return err
		}
		if err := pb.addList(path, "components", a.Components); err != nil {
			return err
		}
		return pb.addList(path, "targets", a.Targets)
	case "add-target":
		return pb.addList(path, "targets", []string{a.Value})
	default: // add-component
		return pb.addList(path, "components", []string{a.Value})
	}
}

// addList adds the missing values to the [toolchain] array key.
func (pb *planBuilder) addList(path, key string, values []string) error {
	if len(values) == 0 {
		return nil
	}
	return pb.edit(path, "add "+formatArray(quoteAll(values))+" to [toolchain] "+key, func(data []byte) ([]byte, error) {
		return addStrings(data, []string{"toolchain", key}, values)
	})
}

// addStrings adds the values missing from the string array at key, creating it if needed.
func addStrings(data []byte, key, values []string) ([]byte, error) {
	if data == nil {
		data = []byte{}
	}
	doc, err := parseTOML(data)
	if err != nil {
		return nil, err
	}
	ref, ok := doc.find(key...)
	if !ok {
		return setValue(data, key, formatArray(quoteAll(values)))
	}
	if ref.field.val.kind != unstable.Array {
		return nil, errNotStrings(key)
	}
	have, ok := stringsOf(ref.field.val)
	if !ok {
		return nil, errNotStrings(key)
	}
	return arrayAppend(data, ref.field.val, oneEach(quoteAll(missingFrom(have, values))))
}

func missingFrom(have, values []string) []string {
	present := map[string]bool{}
	for _, h := range have {
		present[h] = true
	}
	var out []string
	for _, v := range values {
		if !present[v] {
			out = append(out, v)
			present[v] = true
		}
	}
	return out
}
