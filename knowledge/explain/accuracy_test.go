package explain_test

import (
	"path/filepath"
	"testing"

	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/evaluate"
)

// TestPublicCorpusAccuracy measures explain on the labelled public corpus, the real logs of
// public reports: at least 98% top-1, 99% top-3, and when explain names a class it is right at
// least 97% of the time (the bars).
func TestPublicCorpusAccuracy(t *testing.T) {
	b, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := knowledge.OpenIndex(b, "")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cases, err := corpus.LoadCases("../../corpus/public")
	if err != nil || len(cases) < 100 {
		t.Fatalf("%d cases, %v", len(cases), err)
	}
	rep, err := evaluate.Run(cases, b, ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Cases {
		if !c.Top1 {
			t.Logf("top-1 miss: %s want %s, got %v (confidence %.2f)", filepath.Base(c.Path), c.Class, c.Predicted, c.Confidence)
		}
	}
	t.Logf("top-1 %d/%d, top-3 %d/%d, coverage %.3f, precision %.3f", rep.Top1, rep.Total, rep.Top3, rep.Total, rep.Coverage(), rep.Precision())
	if rep.Top1Rate() < 0.98 {
		t.Errorf("top-1 accuracy %d/%d is below 98%%", rep.Top1, rep.Total)
	}
	if rep.Top3Rate() < 0.99 {
		t.Errorf("top-3 accuracy %d/%d is below 99%%", rep.Top3, rep.Total)
	}
	if rep.Precision() < 0.97 {
		t.Errorf("precision when answered %d/%d is below 97%%", rep.Right, rep.Answered)
	}
}
