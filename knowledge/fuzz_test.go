package knowledge

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const fuzzEntryID = "fuzz-entry"

var idLine = regexp.MustCompile(`(?m)^id:.*$`)

// FuzzParseEntry reads arbitrary entry files: front matter, YAML, translation and
// validation. A file is either rejected with a one-line error naming it, or gives an
// entry that meets what Load promises (its id is the file name, its actions are valid)
// and that matching and linting can run on.
func FuzzParseEntry(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.md")
	more, _ := filepath.Glob("testdata/*/*/*.md")
	for _, name := range append(seeds, more...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(idLine.ReplaceAll(data, []byte("id: "+fuzzEntryID)))
		}
	}
	builtin := Builtin()
	names, _ := fs.Glob(builtin, "*.md")
	for _, name := range names {
		if data, err := fs.ReadFile(builtin, name); err == nil {
			f.Add(idLine.ReplaceAll(data, []byte("id: "+fuzzEntryID)))
		}
	}
	f.Add([]byte("---\r\nid: fuzz-entry\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const origin = "kb/fuzz-entry.md"
		entry, err := parseEntry(origin, fuzzEntryID+".md", data)
		if err != nil {
			message := err.Error()
			if !strings.HasPrefix(message, origin+": ") || strings.Contains(message, "\n") {
				t.Fatalf("error %q is not one line naming the file", message)
			}
			return
		}
		if entry.ID != fuzzEntryID || entry.Title == "" || len(entry.Symptoms) == 0 || len(entry.Sources) == 0 {
			t.Fatalf("an incomplete entry loaded: %+v", entry)
		}
		for i, a := range entry.Actions {
			if err := validateAction(a); err != nil {
				t.Fatalf("action %d loaded although %v", i+1, err)
			}
		}
		for _, line := range append(entry.Examples.Match, entry.Examples.NoMatch...) {
			entry.Match(line)
		}
		lintEntry(entry)
	})
}
