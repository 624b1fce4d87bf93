package corpus_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/corpus"
)

// The hold-out sets measure how explain generalises, so their labels must be well-formed and
// their threads must never have been used to write knowledge or the tuning corpus.

// holdoutDirs are the blind sets: holdout (measured first), holdout2 (a second set kept
// blind while knowledge was improved on the first set's misses), holdout3 (a smaller third
// set collected in one short session) and holdout4 (a fourth, collected the same way).
var holdoutDirs = []string{"holdout", "holdout2", "holdout3", "holdout4"}

// holdoutMinCases overrides the usual minimum of 25 labelled cases for a smaller set.
var holdoutMinCases = map[string]int{"holdout3": 12, "holdout4": 20}

func TestHoldoutCasesAreLabelledWithTaxonomyClasses(t *testing.T) {
	for _, dir := range holdoutDirs {
		t.Run(dir, func(t *testing.T) { checkHoldoutLabels(t, dir) })
	}
}

func checkHoldoutLabels(t *testing.T, dir string) {
	cases, err := corpus.LoadCases(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := 25
	if n, ok := holdoutMinCases[dir]; ok {
		want = n
	}
	if len(cases) < want {
		t.Fatalf("%d labelled cases in %s, want at least %d", len(cases), dir, want)
	}
	successes := 0
	for _, c := range cases {
		if c.Source == "" || c.Title == "" {
			t.Errorf("%s: source %q title %q", c.Path, c.Source, c.Title)
		}
		if c.Class == "none" {
			successes++
		} else if !class.Valid(c.Class) || c.Class == string(class.Unknown) {
			t.Errorf("%s: class %q is neither a taxonomy class nor none", c.Path, c.Class)
		}
		if c.Accept != "" && !class.Valid(c.Accept) {
			t.Errorf("%s: accept %q is not a taxonomy class", c.Path, c.Accept)
		}
		body, err := os.ReadFile(c.Path)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.SplitN(string(body), "\n---\n", 2)
		if len(parts) != 2 || strings.TrimSpace(parts[1]) == "" {
			t.Errorf("%s: no log below the front matter", c.Path)
		}
	}
	if successes < 3 {
		t.Errorf("%d successful-build cases (class none), want at least 3", successes)
	}
}

func TestHoldoutSourcesAreUnusedByKnowledgeAndTuningCorpus(t *testing.T) {
	var cases []corpus.Case
	for _, dir := range holdoutDirs {
		cs, err := corpus.LoadCases(dir)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, cs...)
	}
	var used strings.Builder
	for _, dir := range []string{"public", "seed", "bench", filepath.Join("..", "knowledge", "entries")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			used.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	text := used.String()
	seen := map[string]string{}
	for _, c := range cases {
		url, _, _ := strings.Cut(c.Source, " ")
		if other, dup := seen[url]; dup {
			t.Errorf("%s and %s cite the same thread %s", other, c.Path, url)
		}
		seen[url] = c.Path
		if strings.Contains(text, strings.TrimPrefix(url, "https://")) {
			t.Errorf("%s: %s is already cited by the tuning corpus or a knowledge entry, so it is not out of sample", c.Path, url)
		}
	}
}
