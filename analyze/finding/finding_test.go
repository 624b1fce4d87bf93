package finding

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
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

// TestSeedExpectedDiffs pins the diff rows of corpus/seed/expected.tsv.
func TestSeedExpectedDiffs(t *testing.T) {
	f, err := os.Open("../../corpus/seed/expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 || cols[0] != "diff" {
			continue
		}
		rows++
		good, bad, want, name, also := cols[1], cols[2], cols[3], cols[4], cols[5]
		t.Run(bad, func(t *testing.T) {
			fs, _ := Diff(read(t, filepath.Join("../../corpus/seed", good)), read(t, filepath.Join("../../corpus/seed", bad)))
			if len(fs) == 0 {
				t.Fatal("no finding")
			}
			first := fs[0]
			if string(first.Class) != want && string(first.Class) != also {
				t.Errorf("first class %s, want %s (or %s); findings: %+v", first.Class, want, also, fs)
			}
			if !mentions(first, name) {
				t.Errorf("first finding does not name %q: %s", name, first.Message)
			}
			for _, e := range first.Evidence {
				if e.Line == 0 || e.File == "" {
					t.Errorf("evidence without a place: %+v", e)
				}
			}
		})
	}
	if rows != 2 {
		t.Fatalf("%d diff rows in expected.tsv, want 2", rows)
	}
}
