package evaluate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// generalOnly loads just the general entries of the built-in knowledge base: explain as it would
// be on a log whose failure no specific entry was written for.
func generalOnly(t *testing.T) *knowledge.Base {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../entries/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("entries: %v %v", files, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if front, _, ok := strings.Cut(string(data[3:]), "\n---"); ok && strings.Contains(front, "\ngeneral: true\n") {
			os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
		}
	}
	b, err := knowledge.Load(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tuningCases are the labelled logs the knowledge base was written with: public, seed and bench
// (never corpus/holdout, which is measured, not asserted).
func tuningCases() ([]corpus.Case, error) {
	var all []corpus.Case
	for _, dir := range []string{"public", "seed", "bench"} {
		cases, err := LoadCases(filepath.Join("../../corpus", dir))
		if err != nil {
			return nil, err
		}
		all = append(all, cases...)
	}
	return all, nil
}

// TestGeneralEntriesAloneStayPrecise explains the whole corpus with the general entries only. They
// are a stand-in for logs nobody here has seen: when they name a class at explain's threshold,
// it must be right at least 97% of the time, and they must still answer most cases.
func TestGeneralEntriesAloneStayPrecise(t *testing.T) {
	b := generalOnly(t)
	ix, err := knowledge.OpenIndex(b, "")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cases, err := tuningCases()
	if err != nil || len(cases) < 110 {
		t.Fatalf("%d cases, %v", len(cases), err)
	}
	rep, err := Run(cases, b, ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Cases {
		if c.Answered && !c.Top1 {
			t.Logf("wrong: %s want %s got %v (%.2f)", filepath.Base(c.Path), c.Class, c.Predicted, c.Confidence)
		}
	}
	t.Logf("%d general entries: top-1 %d/%d, coverage %.3f, precision %.3f", len(b.Entries), rep.Top1, rep.Total, rep.Coverage(), rep.Precision())
	for _, bucket := range rep.Reliability {
		t.Logf("  %.2f-%.2f: %d cases, %d right", bucket.Low, bucket.High, bucket.Cases, bucket.GuessRight)
	}
	if rep.Precision() < 0.97 {
		t.Errorf("precision when answered %d/%d is below 97%%", rep.Right, rep.Answered)
	}
	if rep.Coverage() < 0.6 {
		t.Errorf("coverage %.2f: the general entries answer too little", rep.Coverage())
	}
}

func match(c class.Class) explain.Match {
	return explain.Match{Entry: &knowledge.Entry{ID: string(c) + "-entry", Class: c}}
}

// TestScoreAndSummarise: a named right class counts for top-1, coverage and precision; an
// unknown with the right best guess counts for top-3 and its confidence bucket only; a named
// wrong class lowers precision.
func TestScoreAndSummarise(t *testing.T) {
	right := Score(corpus.Case{Path: "a", Class: "linker-not-found"},
		explain.Result{Class: "linker-not-found", Confidence: 0.995, Matches: []explain.Match{match("linker-not-found")}})
	unsure := Score(corpus.Case{Path: "b", Class: "atomics-unsupported"},
		explain.Result{Class: class.Unknown, Confidence: 0.6, Matches: []explain.Match{match("atomics-unsupported"), match("version-mismatch")}})
	wrong := Score(corpus.Case{Path: "c", Class: "cargo-config-scope", Accept: "linker-script-missing"},
		explain.Result{Class: "target-std-missing", Confidence: 0.93, Matches: []explain.Match{match("target-std-missing"), match("linker-script-missing")}})
	if !right.Top1 || !right.Answered || unsure.Top1 || !unsure.Top3 || unsure.Answered || !unsure.GuessRight || wrong.Top1 || !wrong.Top3 {
		t.Fatalf("scored: %+v\n%+v\n%+v", right, unsure, wrong)
	}
	if got := unsure.Predicted; len(got) != 3 || got[0] != "unknown" || got[1] != "atomics-unsupported" {
		t.Errorf("predicted %v", got)
	}
	rep := Summarise([]Case{right, unsure, wrong})
	if rep.Total != 3 || rep.Top1 != 1 || rep.Top3 != 3 || rep.Answered != 2 || rep.Right != 1 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Coverage() != 2.0/3 || rep.Precision() != 0.5 {
		t.Errorf("coverage %v precision %v", rep.Coverage(), rep.Precision())
	}
	byLow := map[float64]Bucket{}
	for _, b := range rep.Reliability {
		byLow[b.Low] = b
	}
	if b := byLow[0.99]; b.Cases != 1 || b.GuessRight != 1 {
		t.Errorf(">= 0.99: %+v", b)
	}
	if b := byLow[0.5]; b.Cases != 1 || b.GuessRight != 1 {
		t.Errorf("0.5-0.75: %+v", b)
	}
	if b := byLow[0.9]; b.Cases != 1 || b.GuessRight != 0 {
		t.Errorf("0.9-0.95: %+v", b)
	}
}

// TestNoFailureIsRightOnlyWhenUnknown: a working build labelled none is right when explain names
// no class, and a false alarm (answered, wrong) when it names one.
func TestNoFailureIsRightOnlyWhenUnknown(t *testing.T) {
	quiet := Score(corpus.Case{Path: "ok", Class: NoFailure}, explain.Result{Class: class.Unknown, Confidence: 0.1})
	alarm := Score(corpus.Case{Path: "ok2", Class: NoFailure},
		explain.Result{Class: "linker-not-found", Confidence: 0.95, Matches: []explain.Match{match("linker-not-found")}})
	if !quiet.Top1 || quiet.Answered || alarm.Top1 || !alarm.Answered || alarm.GuessRight {
		t.Fatalf("quiet %+v\nalarm %+v", quiet, alarm)
	}
	if rep := Summarise([]Case{quiet, alarm}); rep.Top1 != 1 || rep.Answered != 1 || rep.Right != 0 {
		t.Errorf("report %+v", rep)
	}
}

// TestLoadCasesReadsFrontMatterAndExpectedRows: the seed logs carry no front matter; their
// expected.tsv explain rows are cases, and a bench log labelled both ways counts once.
func TestLoadCasesReadsFrontMatterAndExpectedRows(t *testing.T) {
	cases, err := tuningCases()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	seed := 0
	for _, c := range cases {
		seen[filepath.Base(c.Path)]++
		if strings.Contains(c.Path, "seed") {
			seed++
			if c.Accept == "-" {
				t.Errorf("%s: accept %q", c.Path, c.Accept)
			}
		}
	}
	if seed != 8 || seen["b01-linker-cc-wrapper-flavor.log"] != 1 || seen["001-nix-gcc-wrapper-flavor-gnu-esp32c3.md"] != 1 {
		t.Errorf("%d seed cases; counts %v", seed, seen)
	}
}
