package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Entry fields reach the terminal through search, kb show, explain and fix: lint refuses the
// control characters a terminal would act on (an ESC opens an escape sequence, U+009B is CSI).
func TestLintRejectsControlCharacters(t *testing.T) {
	dir := t.TempDir()
	entry := "---\n" +
		"id: hostile-entry\n" +
		"title: \"Linker \\e]52;c;cm0gLXJmIH4=\\a not found\"\n" + // YAML escapes: ESC ... BEL
		"class: linker-not-found\n" +
		"symptoms:\n  - text: \"linker `rust-lld` not found\"\n" +
		"cause: \"Columns\\tseparated by a tab are fine.\"\n" +
		"fix: \"Run \\u009b2J this.\"\n" + // a C1 CSI
		"actions:\n  - {kind: set-linker, target: thumbv7em-none-eabihf, value: \"rust-lld\\b\\b\\bcc\"}\n" +
		"sources:\n  - https://doc.rust-lang.org/rustc/codegen-options/index.html#linker\n" +
		"examples:\n  match:\n    - \"error: linker `rust-lld` not found\\r\"\n" +
		"---\n" +
		"Lines of the body\nare fine, \x1b[2J a raw escape is not.\n"
	if err := os.WriteFile(filepath.Join(dir, "hostile-entry.md"), []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range LintSources(nil, dir) {
		if strings.Contains(p.Message, "control character") {
			got = append(got, p.Message)
		}
	}
	want := []string{
		"title holds the control character U+001B (ESC), which a terminal would act on",
		"fix holds the control character U+009B (CSI), which a terminal would act on",
		"actions[0].value holds the control character U+0008 (BS), which a terminal would act on",
		"examples.match[0] holds the control character U+000D (CR), which a terminal would act on",
		"body holds the control character U+001B (ESC), which a terminal would act on",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("control-character problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestControlCharacterIn(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, a\ttab and\na newline": "",
		"café, 🦀, U+FFFD \uFFFD":            "",
		"a raw \x9b byte":                   "invalid UTF-8 (byte 0x9b), which a terminal may read as a control character",
		"\x00":                              "the control character U+0000 (NUL), which a terminal would act on",
		"\u009d52;c;x\a":                    "the control character U+009D (OSC), which a terminal would act on",
		"\u0085":                            "the control character U+0085 (NEL), which a terminal would act on",
		"\u0081":                            "the control character U+0081, which a terminal would act on",
		"\x7f":                              "the control character U+007F (DEL), which a terminal would act on",
	} {
		if got := controlCharacterIn(in); got != want {
			t.Errorf("controlCharacterIn(%q) = %q, want %q", in, got, want)
		}
	}
}
