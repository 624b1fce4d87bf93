package knowledge

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// corpusLines returns the lines of the repository's corpus files and the built-in entries'
// examples, each also upper- and lower-cased: real log text, with every case a literal may be
// written in.
func corpusLines(t testing.TB) []Line {
	t.Helper()
	var texts []string
	err := filepath.WalkDir("../corpus", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".log") || strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".txt")) {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			texts = append(texts, sc.Text())
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range builtinBase(t).Entries {
		texts = append(texts, entry.Examples.Match...)
		texts = append(texts, entry.Examples.NoMatch...)
	}
	var lines []Line
	for _, text := range texts {
		for _, variant := range []string{text, strings.ToUpper(text), strings.ToLower(text)} {
			lines = append(lines, Line{N: len(lines) + 1, Text: variant})
		}
	}
	return lines
}

// MatchLines answers the symptoms' literal checks from one scan of the line; Entry.Match, the
// definition, checks each symptom on its own. They must agree on every line.
func TestMatchLinesAgreesWithEntryMatch(t *testing.T) {
	base := builtinBase(t)
	lines := corpusLines(t)
	var want []SymptomHit
	for _, line := range lines {
		for _, entry := range base.Entries {
			if symptom, ok := entry.Match(line.Text); ok {
				want = append(want, SymptomHit{Entry: entry, Symptom: symptom, Line: line.N, Text: line.Text, Weight: symptom.Weight})
			}
		}
	}
	got := base.MatchLines(lines)
	if len(want) < 1000 {
		t.Fatalf("only %d hits in %d lines: the corpus is not where it was", len(want), len(lines))
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		if i >= len(got) || i >= len(want) || !sameHit(got[i], want[i]) {
			t.Fatalf("MatchLines gave %d hits, Entry.Match %d; first difference at hit %d: got %s, want %s",
				len(got), len(want), i, hitString(got, i), hitString(want, i))
		}
	}
}

func sameHit(a, b SymptomHit) bool {
	return a.Entry == b.Entry && a.Line == b.Line && a.Text == b.Text && a.Weight == b.Weight &&
		a.Symptom.Text == b.Symptom.Text && a.Symptom.Regex == b.Symptom.Regex
}

func hitString(hits []SymptomHit, i int) string {
	if i >= len(hits) {
		return "none"
	}
	h := hits[i]
	return h.Entry.ID + " " + h.Symptom.String() + " on " + strings.TrimSpace(h.Text)
}

// MatchLines reads the base only (regexes compile once, on first use), so explain's workers
// may share one base: from a fresh base, goroutines at once get what one alone gets.
func TestMatchLinesConcurrently(t *testing.T) {
	cacheDir := t.TempDir()
	if _, err := LoadCached(Builtin(), cacheDir); err != nil {
		t.Fatal(err)
	}
	lines := corpusLines(t)
	want := builtinBase(t).MatchLines(lines)
	shared, err := LoadCached(Builtin(), cacheDir) // its regexes are not compiled yet
	if err != nil {
		t.Fatal(err)
	}
	const workers = 4
	got := make([][]SymptomHit, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { got[w] = shared.MatchLines(lines) })
	}
	wg.Wait()
	for w, hits := range got {
		if len(hits) != len(want) {
			t.Fatalf("worker %d: %d hits, want %d", w, len(hits), len(want))
		}
		for i := range hits {
			if hits[i].Entry.ID != want[i].Entry.ID || hits[i].Line != want[i].Line || hits[i].Symptom.String() != want[i].Symptom.String() {
				t.Fatalf("worker %d: hit %d is %s, want %s", w, i, hitString(hits, i), hitString(want, i))
			}
		}
	}
}
