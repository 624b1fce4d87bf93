package evaluate

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/cxlog/cxlog/corpus"
)

// Labelled is what a labelled corpus holds: the logs explain is scored on, and the good/bad
// pairs diff is scored on.
type Labelled struct {
	Cases []corpus.Case
	Pairs []corpus.Expected
}

// Load reads the labelled logs under dir in one walk. Cases are the files whose front matter
// names a class, sorted by path, then the explain rows of every expected.tsv (the seed's logs
// carry no front matter); a log labelled both ways counts once. Pairs are the diff rows, with
// their logs' paths, sorted by the bad log.
func Load(dir string) (Labelled, error) {
	var l Labelled
	var rows []corpus.Case // the explain rows, known only once every front matter is read
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Name() != "expected.tsv" {
			c, ok, err := corpus.ReadCase(path)
			if ok {
				l.Cases = append(l.Cases, c)
			}
			return err
		}
		all, err := corpus.ReadExpected(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, row := range all {
			switch row.Command {
			case "explain":
				accept := row.Also
				if accept == "-" {
					accept = ""
				}
				rows = append(rows, corpus.Case{Path: filepath.Join(filepath.Dir(path), row.Bad), Class: row.TopClass, Accept: accept, Title: row.Bad})
			case "diff":
				row.Good = filepath.Join(filepath.Dir(path), row.Good)
				row.Bad = filepath.Join(filepath.Dir(path), row.Bad)
				l.Pairs = append(l.Pairs, row)
			}
		}
		return nil
	})
	if err != nil {
		return Labelled{}, err
	}
	sort.Slice(l.Cases, func(i, j int) bool { return l.Cases[i].Path < l.Cases[j].Path })
	seen := map[string]bool{}
	for _, c := range l.Cases {
		seen[filepath.Clean(c.Path)] = true
	}
	for _, c := range rows {
		if !seen[c.Path] {
			seen[c.Path] = true
			l.Cases = append(l.Cases, c)
		}
	}
	sort.SliceStable(l.Pairs, func(i, j int) bool { return l.Pairs[i].Bad < l.Pairs[j].Bad })
	return l, nil
}

// LoadCases is Load's cases.
func LoadCases(dir string) ([]corpus.Case, error) {
	l, err := Load(dir)
	return l.Cases, err
}
