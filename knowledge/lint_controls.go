package knowledge

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// lintControlCharacters reports the fields of an entry that hold a control character other than
// tab and newline: C0, DEL or C1. search, kb show, explain and fix print these fields, and a
// terminal acts on such characters (ESC and U+009B start escape sequences, OSC 52 writes the
// clipboard). Invalid UTF-8 is reported too: a terminal may read its bytes as C1 controls.
func lintControlCharacters(entry *Entry) []string {
	var messages []string
	check := func(field, value string) {
		if problem := controlCharacterIn(value); problem != "" {
			messages = append(messages, field+" holds "+problem)
		}
	}
	list := func(field string, values []string) {
		for i, v := range values {
			check(fmt.Sprintf("%s[%d]", field, i), v)
		}
	}
	check("id", entry.ID)
	check("title", entry.Title)
	for i, s := range entry.Symptoms {
		check(fmt.Sprintf("symptoms[%d].text", i), s.Text)
		check(fmt.Sprintf("symptoms[%d].regex", i), s.Regex)
	}
	list("applies.targets", entry.Applies.Targets)
	list("applies.tools", entry.Applies.Tools)
	check("applies.versions", entry.Applies.Versions)
	check("cause", entry.Cause)
	check("fix", entry.Fix)
	for i, a := range entry.Actions {
		field := fmt.Sprintf("actions[%d].", i)
		check(field+"kind", a.Kind)
		check(field+"name", a.Name)
		check(field+"value", a.Value)
		check(field+"target", a.Target)
		check(field+"crate", a.Crate)
		list(field+"flags", a.Flags)
		list(field+"components", a.Components)
		list(field+"targets", a.Targets)
	}
	list("sources", entry.Sources)
	list("examples.match", entry.Examples.Match)
	list("examples.nomatch", entry.Examples.NoMatch)
	check("body", entry.Body)
	return messages
}

// controlCharacterIn describes the first control character of s (tab and newline aside), or
// returns "".
func controlCharacterIn(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("invalid UTF-8 (byte %#x), which a terminal may read as a control character", s[i])
		}
		i += size
		if r == '\t' || r == '\n' || !unicode.IsControl(r) {
			continue
		}
		name := otherControlNames[r]
		if int(r) < len(c0Names) {
			name = c0Names[r]
		}
		if name != "" {
			name = " (" + name + ")"
		}
		return fmt.Sprintf("the control character U+%04X%s, which a terminal would act on", r, name)
	}
	return ""
}

var c0Names = [0x20]string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}

var otherControlNames = map[rune]string{0x7f: "DEL", 0x85: "NEL", 0x8d: "RI", 0x90: "DCS", 0x9b: "CSI", 0x9c: "ST", 0x9d: "OSC", 0x9e: "PM", 0x9f: "APC"}
