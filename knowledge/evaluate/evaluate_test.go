package evaluate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
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
	cases, err := LoadCases("../../corpus")
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
