package explain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
)

func openKB(t testing.TB) (*knowledge.Base, *knowledge.Index) {
	t.Helper()
	b, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := knowledge.OpenIndex(b, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return b, ix
}

func explainFile(t testing.TB, b *knowledge.Base, ix *knowledge.Index, path string) Result {
	t.Helper()
	in, err := ReadInput(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Explain(in.Lines, in.Log, b, ix)
}

// names reports whether the top match's matched lines, title, cause or fix name s.
func names(m Match, s string) bool {
	for _, l := range m.MatchedLines {
		if strings.Contains(l.Text, s) {
			return true
		}
	}
	return strings.Contains(m.Entry.Title+m.Entry.Cause+m.Entry.Fix, s)
}

// TestExpectedExplains pins the explain rows of corpus/seed/expected.tsv and
// corpus/bench/expected.tsv.
func TestExpectedExplains(t *testing.T) {
	for _, dir := range []string{"seed", "bench"} {
		t.Run(dir, func(t *testing.T) { testExpectedExplains(t, filepath.Join("../../corpus", dir)) })
	}
}

func testExpectedExplains(t *testing.T, dir string) {
	b, ix := openKB(t)
	rows, err := corpus.ReadExpected(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows {
		if row.Command != "explain" {
			continue
		}
		n++
		t.Run(row.Bad, func(t *testing.T) {
			res := explainFile(t, b, ix, filepath.Join(dir, row.Bad))
			if len(res.Matches) == 0 {
				t.Fatal("no match")
			}
			top := res.Matches[0]
			if !row.Accepts(string(res.Class)) {
				t.Errorf("class %s (top %s), want %s or %s", res.Class, top.Entry.ID, row.TopClass, row.Also)
			}
			if !names(top, row.MustName) {
				t.Errorf("top match %s does not name %q; matched %v", top.Entry.ID, row.MustName, top.MatchedLines)
			}
			if len(top.Entry.Sources) == 0 || top.Entry.Fix == "" {
				t.Errorf("top match without fix or sources")
			}
		})
	}
	if n < 6 {
		t.Fatalf("%d explain rows in %s/expected.tsv", n, dir)
	}
}

// TestPublicCorpusAccuracy measures explain on the labelled public corpus: the bar is
// 90% top-1 and 100% top-3.
func TestPublicCorpusAccuracy(t *testing.T) {
	b, ix := openKB(t)
	cases, err := corpus.LoadCases("../../corpus/public")
	if err != nil || len(cases) < 30 {
		t.Fatalf("%d cases, %v", len(cases), err)
	}
	top1, top3 := 0, 0
	for _, c := range cases {
		res := explainFile(t, b, ix, c.Path)
		for i, m := range res.Matches {
			if i >= 3 {
				break
			}
			if c.Accepts(string(m.Entry.Class)) {
				top3++
				if i == 0 && res.Class != "unknown" {
					top1++
				}
				break
			}
		}
		if len(res.Matches) == 0 || !c.Accepts(string(res.Class)) {
			t.Logf("top-1 miss: %s want %s, got %s", filepath.Base(c.Path), c.Class, res.Class)
		}
	}
	t.Logf("top-1 %d/%d, top-3 %d/%d", top1, len(cases), top3, len(cases))
	if float64(top1) < 0.9*float64(len(cases)) {
		t.Errorf("top-1 accuracy %d/%d is below 90%%", top1, len(cases))
	}
	if top3 != len(cases) {
		t.Errorf("top-3 accuracy %d/%d is below 100%%", top3, len(cases))
	}
}

func TestUnknownIsSaidPlainly(t *testing.T) {
	b, ix := openKB(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "paste.txt")
	os.WriteFile(p, []byte("everything is fine\nno failure here at all\n"), 0o644)
	res := explainFile(t, b, ix, p)
	if res.Class != "unknown" {
		t.Fatalf("class %s for a log without a failure", res.Class)
	}
}

func BenchmarkExplainWarm(b *testing.B) {
	kb, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	ix, _ := knowledge.OpenIndex(kb, dir)
	ix.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kb, _ := knowledge.Load(knowledge.Builtin())
		ix, err := knowledge.OpenIndex(kb, dir)
		if err != nil {
			b.Fatal(err)
		}
		in, _ := ReadInput("../../corpus/seed/s05-linker-cc-explicit.log", nil)
		Explain(in.Lines, in.Log, kb, ix)
		ix.Close()
	}
}

func BenchmarkExplainCold(b *testing.B) {
	for i := 0; i < b.N; i++ {
		kb, _ := knowledge.Load(knowledge.Builtin())
		ix, err := knowledge.OpenIndex(kb, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		in, _ := ReadInput("../../corpus/seed/s05-linker-cc-explicit.log", nil)
		Explain(in.Lines, in.Log, kb, ix)
		ix.Close()
	}
}
