package explain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The public corpus pasted as a word processor (’), a forum ("), a web page (&#39;) or
// Markdown (no marks) gives it is explained as the corpus is: the same class, answered or not.
// cargo's Running lines keep their backticks: the records are read from them, and a paste that
// loses them loses the command line too.
func TestRequotedCorpusIsExplainedAlike(t *testing.T) {
	b, ix := openKB(t)
	files, err := filepath.Glob("../../corpus/public/*.md")
	if err != nil || len(files) < 50 {
		t.Fatalf("public corpus: %d files, %v", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := explainText(t, b, ix, string(data))
		for _, mark := range []string{"’", "\"", "&#39;", ""} {
			lines := strings.Split(string(data), "\n")
			for i, l := range lines {
				if !strings.Contains(l, "Running `") {
					lines[i] = requote(l, mark)
				}
			}
			got := explainText(t, b, ix, strings.Join(lines, "\n"))
			if got.Class != want.Class {
				top := ""
				if len(got.Matches) > 0 {
					top = got.Matches[0].Entry.ID
				}
				t.Errorf("%s quoted with %q: class %s (confidence %.2f, top %s), as written %s", filepath.Base(f), mark, got.Class, got.Confidence, top, want.Class)
			}
		}
	}
}
