package explain

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Explain ranks the same on the lines ReadInputFor keeps as on every line of the log: every
// corpus log, and a log of the same errors behind ten thousand other lines.
func TestReadInputForRanksAsEveryLine(t *testing.T) {
	b, ix := openKB(t)
	var paths []string
	for _, dir := range []string{"seed", "public", "bench"} {
		p, _ := filepath.Glob(filepath.Join("../../corpus", dir, "*"))
		paths = append(paths, p...)
	}
	var padded strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&padded, "   Compiling crate%d v0.1.0\nwarning: unused variable: `v%d`\n", i, i)
	}
	seed, err := os.ReadFile("../../corpus/seed/s05-linker-cc-explicit.log")
	if err != nil {
		t.Fatal(err)
	}
	padded.Write(seed)
	big := filepath.Join(t.TempDir(), "padded.log")
	if err := os.WriteFile(big, []byte(padded.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, big)
	checked := 0
	for _, p := range paths {
		if base := filepath.Base(p); base == "README.md" || base == "EXPECTED.md" || base == "expected.tsv" {
			continue
		}
		all, err := ReadInput(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		kept, err := ReadInputFor(p, nil, b)
		if err != nil {
			t.Fatal(err)
		}
		want, got := summary(Explain(all.Lines, all.Log, b, ix)), summary(Explain(kept.Lines, kept.Log, b, ix))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: on the %d kept of %d lines\n got %q\nwant %q", p, len(kept.Lines), len(all.Lines), got, want)
		}
		if p == big && len(kept.Lines) > 200 {
			t.Errorf("%s: kept %d of %d lines", p, len(kept.Lines), len(all.Lines))
		}
		checked++
	}
	if checked < 40 {
		t.Fatalf("%d logs", checked)
	}
}

// summary is what a user sees of a result: class, and each match's entry, score, confidence,
// lines, quotes and findings.
func summary(r Result) []string {
	out := []string{string(r.Class)}
	for _, m := range r.Matches {
		out = append(out, fmt.Sprintf("%s %.6f %s lines=%v quotes=%v findings=%d", m.Entry.ID, m.Score, m.Confidence, m.MatchedLines, m.Quotes, len(m.Findings)))
	}
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("finding %s %s %v", f.Rule, f.Message, f.Evidence))
	}
	return out
}
