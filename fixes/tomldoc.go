package fixes

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/pelletier/go-toml/v2/unstable"
)

// span is a byte range [start, end) of a TOML document.
type span struct{ start, end int }

// tomlValue is a value with where its text is. Arrays and inline tables keep their
// elements; only string elements have a known span (enough for the arrays we edit).
type tomlValue struct {
	kind   unstable.Kind
	span   span
	str    string // decoded, for strings
	elems  []tomlValue
	fields []tomlField
}

// tomlField is one key = value, its span covering both.
type tomlField struct {
	key  []string
	span span // starts at the key's first byte
	val  tomlValue
}

// tomlTable is a [header] section and the key-values directly under it. The root
// table (before any header) has a nil path and no header.
type tomlTable struct {
	path   []string
	header span // the header line, without its newline
	array  bool // [[array table]]
	fields []tomlField
}

type tomlDoc struct {
	data   []byte
	tables []tomlTable // tables[0] is the root table
}

// utf8BOM is the byte order mark some Windows editors put first in a UTF-8 file. TOML does not
// allow it, but cargo accepts such files, so cxlog does too.
var utf8BOM = []byte("\xEF\xBB\xBF")

func parseTOML(data []byte) (*tomlDoc, error) {
	var p unstable.Parser
	// Positions must stay those of data: a BOM is parsed as three spaces, and kept on write.
	parsed := data
	if bytes.HasPrefix(data, utf8BOM) {
		parsed = append([]byte("   "), data[len(utf8BOM):]...)
	}
	p.Reset(parsed)
	doc := &tomlDoc{data: data, tables: []tomlTable{{}}}
	for p.NextExpression() {
		n := p.Expression()
		switch n.Kind {
		case unstable.Table, unstable.ArrayTable:
			path, keys := readKey(n.Key())
			doc.tables = append(doc.tables, tomlTable{
				path:   path,
				header: span{lineStart(data, keys.start), lineEnd(data, keys.end)},
				array:  n.Kind == unstable.ArrayTable,
			})
		case unstable.KeyValue:
			last := &doc.tables[len(doc.tables)-1]
			last.fields = append(last.fields, readField(data, n))
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	return doc, nil
}

func readKey(it unstable.Iterator) ([]string, span) {
	var path []string
	sp := span{-1, -1}
	for it.Next() {
		k := it.Node()
		path = append(path, string(k.Data))
		if sp.start < 0 {
			sp.start = int(k.Raw.Offset)
		}
		sp.end = int(k.Raw.Offset + k.Raw.Length)
	}
	return path, sp
}

func readField(data []byte, n *unstable.Node) tomlField {
	key, keys := readKey(n.Key())
	end := int(n.Raw.Offset + n.Raw.Length)
	start := keys.end
	for start < end && (data[start] == ' ' || data[start] == '\t' || data[start] == '=') {
		start++
	}
	return tomlField{
		key:  key,
		span: span{int(n.Raw.Offset), end},
		val:  readValue(data, n.Value(), span{start, end}),
	}
}

// readValue reads v, whose text is at sp when known (start < 0 when not).
func readValue(data []byte, v *unstable.Node, sp span) tomlValue {
	out := tomlValue{kind: v.Kind, span: sp}
	switch v.Kind {
	case unstable.String:
		out.str = string(v.Data)
		out.span = span{int(v.Raw.Offset), int(v.Raw.Offset + v.Raw.Length)}
	case unstable.Array:
		for it := v.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			out.elems = append(out.elems, readValue(data, c, span{-1, -1}))
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				out.fields = append(out.fields, readField(data, c))
			}
		}
	default:
		if v.Raw.Length > 0 {
			out.span = span{int(v.Raw.Offset), int(v.Raw.Offset + v.Raw.Length)}
		}
	}
	return out
}

// fieldRef names a key-value of the document: its table and the field.
type fieldRef struct {
	table *tomlTable
	field *tomlField
}

// find returns the key-value whose full dotted path (table path + key) is path,
// written either under its own table or as a dotted key higher up.
func (d *tomlDoc) find(path ...string) (fieldRef, bool) {
	for i := range d.tables {
		t := &d.tables[i]
		if t.array || len(t.path) >= len(path) || !slices.Equal(t.path, path[:len(t.path)]) {
			continue
		}
		for j := range t.fields {
			if slices.Equal(t.fields[j].key, path[len(t.path):]) {
				return fieldRef{t, &t.fields[j]}, true
			}
		}
	}
	return fieldRef{}, false
}

// table returns the [header] table with exactly this path, or nil.
func (d *tomlDoc) table(path ...string) *tomlTable {
	for i := range d.tables {
		if t := &d.tables[i]; !t.array && i > 0 && slices.Equal(t.path, path) {
			return t
		}
	}
	return nil
}

// field returns the inline-table field with this key, or nil.
func (v *tomlValue) field(key string) *tomlField {
	for i := range v.fields {
		if slices.Equal(v.fields[i].key, []string{key}) {
			return &v.fields[i]
		}
	}
	return nil
}

// TOMLKeyLine is the 1-based line of data, a TOML document, that sets key, a dotted key as
// TOML writes one (build.rustflags, target.'thumbv7em-none-eabihf'.linker): the line of its
// key, also inside an inline table, or of its [table] header. A key whose value is a table
// written as dotted keys or sub-tables is set by the first line that sets a key beneath it.
// Keys of [[array tables]] are never meant. 0 when nothing sets key; an error when data or
// key is not TOML.
func TOMLKeyLine(data []byte, key string) (int, error) {
	path, err := parseDottedKey(key)
	if err != nil {
		return 0, err
	}
	doc, err := parseTOML(data)
	if err != nil {
		return 0, err
	}
	line := func(offset int) int { return 1 + bytes.Count(data[:offset], []byte("\n")) }
	for i, t := range doc.tables {
		if t.array {
			continue
		}
		if i > 0 && hasPrefix(t.path, path) {
			return line(t.header.start), nil
		}
		if at := fieldSetting(t.path, t.fields, path); at >= 0 {
			return line(at), nil
		}
	}
	return 0, nil
}

// fieldSetting is the offset of the key among fields, under table, that sets path, or -1.
func fieldSetting(table []string, fields []tomlField, path []string) int {
	for _, f := range fields {
		full := append(slices.Clone(table), f.key...)
		switch {
		case hasPrefix(full, path):
			return f.span.start
		case f.val.kind == unstable.InlineTable && hasPrefix(path, full):
			if at := fieldSetting(full, f.val.fields, path); at >= 0 {
				return at
			}
		}
	}
	return -1
}

// hasPrefix says whether path starts with prefix.
func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// parseDottedKey splits a dotted key into its parts, unquoted.
func parseDottedKey(key string) ([]string, error) {
	var p unstable.Parser
	p.Reset([]byte(key + " = 0"))
	if !p.NextExpression() || p.Expression().Kind != unstable.KeyValue {
		if err := p.Error(); err != nil {
			return nil, fmt.Errorf("%q is not a TOML key: %w", key, err)
		}
		return nil, fmt.Errorf("%q is not a TOML key", key)
	}
	path, _ := readKey(p.Expression().Key())
	if p.NextExpression() || p.Error() != nil {
		return nil, fmt.Errorf("%q is not a TOML key", key)
	}
	return path, nil
}

func lineStart(data []byte, i int) int {
	for i > 0 && data[i-1] != '\n' {
		i--
	}
	return i
}

// lineEnd returns the index of the newline ending the line holding i, or len(data).
func lineEnd(data []byte, i int) int {
	for i < len(data) && data[i] != '\n' {
		i++
	}
	return i
}
