package fixes

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// The editors below change one thing in a TOML text by splicing bytes at the ranges
// the parser found, so everything else (comments, blank lines, order, quoting) stays.

func splice(data []byte, sp span, text string) []byte {
	out := make([]byte, 0, len(data)+len(text))
	out = append(out, data[:sp.start]...)
	out = append(out, text...)
	return append(out, data[sp.end:]...)
}

func newline(data []byte) string {
	if bytes.Contains(data, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// insertLine inserts line (without newline) at the start of the line at offset at.
func insertLine(data []byte, at int, line string) []byte {
	nl := newline(data)
	text := line + nl
	if at == len(data) && at > 0 && data[at-1] != '\n' {
		text = nl + text
	}
	return splice(data, span{at, at}, text)
}

// afterLine is the offset just past the newline ending the line holding i.
func afterLine(data []byte, i int) int {
	e := lineEnd(data, i)
	if e < len(data) {
		e++
	}
	return e
}

// setValue sets the key-value at path (table path + key) to the TOML text value,
// adding the key, and the table when needed.
func setValue(data []byte, path []string, value string) ([]byte, error) {
	doc, err := parseTOML(data)
	if err != nil {
		return nil, err
	}
	if ref, ok := doc.find(path...); ok {
		if ref.field.val.span.start < 0 {
			return nil, fmt.Errorf("cannot locate the value of %s", formatKey(path))
		}
		return splice(data, ref.field.val.span, value), nil
	}
	tablePath, key := path[:len(path)-1], path[len(path)-1]
	if t := doc.table(tablePath...); t != nil {
		at := afterLine(data, t.header.end)
		if n := len(t.fields); n > 0 {
			at = afterLine(data, t.fields[n-1].span.end)
		}
		return insertLine(data, at, formatKey([]string{key})+" = "+value), nil
	}
	// keys of the table written as dotted keys under a parent table
	for i := len(doc.tables) - 1; i >= 0; i-- {
		t := &doc.tables[i]
		for j := len(t.fields) - 1; j >= 0; j-- {
			f := t.fields[j]
			full := append(slices.Clone(t.path), f.key...)
			if !t.array && len(full) > len(tablePath) && slices.Equal(full[:len(tablePath)], tablePath) && len(t.path) <= len(tablePath) {
				rel := append(slices.Clone(tablePath[len(t.path):]), key)
				return insertLine(data, afterLine(data, f.span.end), formatKey(rel)+" = "+value), nil
			}
		}
	}
	if len(tablePath) == 0 {
		at := 0
		if root := doc.tables[0]; len(root.fields) > 0 {
			at = afterLine(data, root.fields[len(root.fields)-1].span.end)
		}
		return insertLine(data, at, formatKey([]string{key})+" = "+value), nil
	}
	nl := newline(data)
	text := "[" + formatKey(tablePath) + "]" + nl + formatKey([]string{key}) + " = " + value + nl
	if len(bytes.TrimSpace(data)) > 0 {
		text = nl + text
		if !bytes.HasSuffix(data, []byte("\n")) {
			text = nl + text
		}
	}
	return append(slices.Clone(data), text...), nil
}

// insertField adds key = value to an inline table (v), keeping it on one line.
func insertField(data []byte, v tomlValue, key, value string) []byte {
	kv := formatKey([]string{key}) + " = " + value
	if len(v.fields) == 0 {
		return splice(data, v.span, "{ "+kv+" }")
	}
	last := v.fields[len(v.fields)-1].span.end
	return splice(data, span{last, last}, ", "+kv)
}

// arrayAppend adds items (TOML texts) at the end of the array v, in its style: one
// line, or one group of items per line with the last item's indentation.
func arrayAppend(data []byte, v tomlValue, groups [][]string) ([]byte, error) {
	var items []string
	for _, g := range groups {
		items = append(items, g...)
	}
	if len(items) == 0 {
		return data, nil
	}
	if v.span.start < 0 {
		return nil, fmt.Errorf("cannot locate the array")
	}
	if len(v.elems) == 0 {
		if !bytes.Contains(data[v.span.start:v.span.end], []byte("\n")) {
			return splice(data, v.span, formatArray(items)), nil
		}
		// a multi-line empty array, perhaps with comments: new lines before "]"
		closing := v.span.end - 1
		at := lineStart(data, closing)
		return splice(data, span{at, at}, indentedItems(data, "    ", groups)), nil
	}
	last := v.elems[len(v.elems)-1].span
	if last.start < 0 {
		return nil, fmt.Errorf("the array holds values cxlog cannot edit")
	}
	closing := v.span.end - 1
	if lineEnd(data, last.end) >= closing { // "]" on the last item's line
		return splice(data, span{last.end, last.end}, ", "+strings.Join(items, ", ")), nil
	}
	out := data
	rest := data[last.end:lineEnd(data, last.end)]
	if !bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte(",")) {
		out = splice(data, span{last.end, last.end}, ",")
	}
	indent := leadingSpace(data[lineStart(data, last.start):last.start])
	at := afterLine(out, last.end)
	return splice(out, span{at, at}, indentedItems(out, indent, groups)), nil
}

func indentedItems(data []byte, indent string, groups [][]string) string {
	var b strings.Builder
	for _, g := range groups {
		b.WriteString(indent + strings.Join(g, ", ") + "," + newline(data))
	}
	return b.String()
}

func leadingSpace(b []byte) string {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i < len(b) { // other items before it on the line: indent like the line
		return string(b[:i])
	}
	return string(b)
}

// arrayRemove removes the elements of v at the given indexes. A one-line array is
// rewritten on one line; in a multi-line array a line left with nothing but removed
// elements goes, and otherwise each element goes with its comma.
func arrayRemove(data []byte, v tomlValue, remove map[int]bool) ([]byte, error) {
	var keep []string
	for i, e := range v.elems {
		if e.span.start < 0 {
			return nil, fmt.Errorf("the array holds values cxlog cannot edit")
		}
		if !remove[i] {
			keep = append(keep, string(data[e.span.start:e.span.end]))
		}
	}
	if !bytes.Contains(data[v.span.start:v.span.end], []byte("\n")) || len(keep) == 0 {
		return splice(data, v.span, formatArray(keep)), nil
	}
	var cuts []span
	removedOnLine := map[int]int{}
	totalOnLine := map[int]int{}
	for i, e := range v.elems {
		ls := lineStart(data, e.span.start)
		totalOnLine[ls]++
		if remove[i] {
			removedOnLine[ls]++
		}
	}
	for i, e := range v.elems {
		if !remove[i] {
			continue
		}
		ls := lineStart(data, e.span.start)
		if removedOnLine[ls] == totalOnLine[ls] && onlyItemsOnLine(data, ls, v) {
			if len(cuts) == 0 || cuts[len(cuts)-1].start != ls {
				cuts = append(cuts, span{ls, afterLine(data, ls)})
			}
			continue
		}
		end := e.span.end
		j := end
		for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
			j++
		}
		if j < len(data) && data[j] == ',' {
			end = j + 1
			for end < len(data) && (data[end] == ' ' || data[end] == '\t') {
				end++
			}
		}
		cuts = append(cuts, span{e.span.start, end})
	}
	out := data
	for i := len(cuts) - 1; i >= 0; i-- {
		out = splice(out, cuts[i], "")
	}
	return out, nil
}

// onlyItemsOnLine says whether the line at ls holds nothing but array items, commas,
// blanks and a comment (no bracket, no key).
func onlyItemsOnLine(data []byte, ls int, v tomlValue) bool {
	le := lineEnd(data, ls)
	if ls < v.span.start || le >= v.span.end-1 {
		return false
	}
	line := []byte(string(data[ls:le]))
	for _, e := range v.elems {
		if e.span.start >= ls && e.span.end <= le {
			for k := e.span.start; k < e.span.end; k++ {
				line[k-ls] = ' '
			}
		}
	}
	rest := string(line)
	if i := strings.IndexByte(rest, '#'); i >= 0 { // the items' comment goes with them
		rest = rest[:i]
	}
	return len(strings.Trim(rest, " \t\r,")) == 0
}

func formatArray(items []string) string {
	return "[" + strings.Join(items, ", ") + "]"
}

// oneEach puts each item in a group of its own.
func oneEach(items []string) [][]string {
	var out [][]string
	for _, it := range items {
		out = append(out, []string{it})
	}
	return out
}

func quoteAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = quote(s)
	}
	return out
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// formatKey writes a dotted key, quoting the parts that are not bare keys.
func formatKey(parts []string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p
		if p == "" || strings.IndexFunc(p, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
		}) >= 0 {
			out[i] = quote(p)
		}
	}
	return strings.Join(out, ".")
}

// stringsOf returns the strings of an array value, and false if it holds others.
func stringsOf(v tomlValue) ([]string, bool) {
	var out []string
	for _, e := range v.elems {
		if e.kind != unstable.String {
			return nil, false
		}
		out = append(out, e.str)
	}
	return out, true
}
