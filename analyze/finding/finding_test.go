package finding

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus"
)

func read(t *testing.T, path string) *analyze.Log {
	t.Helper()
	l, err := analyze.ReadPath(path, nil, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// mentions reports whether a finding names s in its message or evidence.
func mentions(f Finding, s string) bool {
	if strings.Contains(f.Message, s) {
		return true
	}
	for _, e := range f.Evidence {
		if strings.Contains(e.Text, s) {
			return true
		}
	}
	return false
}

// TestExpectedDiffs pins the diff rows of corpus/seed/expected.tsv and corpus/bench/expected.tsv.
func TestExpectedDiffs(t *testing.T) {
	for _, dir := range []string{"seed", "bench"} {
		t.Run(dir, func(t *testing.T) { testExpectedDiffs(t, filepath.Join("../../corpus", dir)) })
	}
}

func testExpectedDiffs(t *testing.T, dir string) {
	rows, err := corpus.ReadExpected(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows {
		if row.Command != "diff" {
			continue
		}
		n++
		t.Run(row.Bad, func(t *testing.T) {
			fs, _ := Diff(read(t, filepath.Join(dir, row.Good)), read(t, filepath.Join(dir, row.Bad)))
			if len(fs) == 0 {
				t.Fatal("no finding")
			}
			first := fs[0]
			if !row.Accepts(string(first.Class)) {
				t.Errorf("first class %s, want %s (or %s); findings: %+v", first.Class, row.TopClass, row.Also, fs)
			}
			if !mentions(first, row.MustName) {
				t.Errorf("first finding does not name %q: %s", row.MustName, first.Message)
			}
			for _, e := range first.Evidence {
				if e.Line == 0 || e.File == "" {
					t.Errorf("evidence without a place: %+v", e)
				}
			}
		})
	}
	if n < 2 {
		t.Fatalf("%d diff rows in %s/expected.tsv", n, dir)
	}
}
