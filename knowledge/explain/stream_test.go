package explain

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
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
		kept, err := ReadInputFor(p, nil, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, got := summary(Explain(all, b, ix)), summary(Explain(kept, b, ix))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: on the %d kept of %d lines\n got %q\nwant %q", p, len(kept.Lines), len(all.Lines), got, want)
		}
		// the full-text search started while reading searches what Explain would
		searched, err := ReadInputFor(p, nil, b, ix)
		if err != nil {
			t.Fatal(err)
		}
		if got := summary(Explain(searched, b, ix)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with the search started while reading\n got %q\nwant %q", p, got, want)
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

// The lines ReadSourceFor keeps, and so the answer, do not depend on how many goroutines match
// them: a log whose failures lie in many chunks, each matched by whichever worker is free, keeps
// the same lines in the same order as one worker does, and ranks as on every line.
func TestReadSourceForKeepsTheSameLinesOnAnyWorkers(t *testing.T) {
	b, ix := openKB(t)
	var log strings.Builder
	pad := func(n int) {
		for i := 0; i < n; i++ {
			fmt.Fprintf(&log, "   Compiling crate%d v0.1.0\nwarning: unused variable: `v%d`\n", log.Len(), i)
		}
	}
	for _, seed := range []string{"s05-linker-cc-explicit.log", "s02-toolchain-175-atomics.log", "s06-linker-ld.log"} {
		pad(12000)
		text, err := os.ReadFile(filepath.Join("../../corpus/seed", seed))
		if err != nil {
			t.Fatal(err)
		}
		log.Write(text)
	}
	pad(10000)
	path := filepath.Join(t.TempDir(), "spread.log")
	if err := os.WriteFile(path, []byte(log.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(workers int) *Input {
		src, err := logread.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		in, err := ReadSourceFor(src, b, ix, workers)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	one := read(1)
	if len(one.Lines) == 0 || len(one.Lines) > 400 {
		t.Fatalf("one worker kept %d lines", len(one.Lines))
	}
	all, err := ReadInput(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := summary(Explain(all, b, ix))
	for _, workers := range []int{1, 2, 7} {
		in := read(workers)
		if !reflect.DeepEqual(in.Lines, one.Lines) {
			t.Errorf("%d workers kept %d lines, one worker %d, or not the same", workers, len(in.Lines), len(one.Lines))
		}
		if got := summary(Explain(in, b, ix)); !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers:\n got %q\nwant %q", workers, got, want)
		}
	}
}

// contextShapeIndex looks for a shape only on lines with contextGate: each shape's regex must
// need it.
func TestContextShapesNeedTheGate(t *testing.T) {
	for _, c := range contextShapes {
		re, err := syntax.Parse(c.re().String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		needed := false
		if re = re.Simplify(); re.Op == syntax.OpConcat {
			for _, sub := range re.Sub {
				needed = needed || sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 && strings.Contains(string(sub.Rune), contextGate)
			}
		}
		if !needed {
			t.Errorf("context shape %s: %s does not need %q", c.name, c.re(), contextGate)
		}
	}
}

// An Input read with an index can be explained again, with or without the index.
func TestExplainTwiceOnAnInputReadWithAnIndex(t *testing.T) {
	b, ix := openKB(t)
	in, err := ReadInputFor("../../corpus/seed/s05-linker-cc-explicit.log", nil, b, ix)
	if err != nil {
		t.Fatal(err)
	}
	first, again := summary(Explain(in, b, ix)), summary(Explain(in, b, ix))
	if !reflect.DeepEqual(first, again) {
		t.Fatalf("explained again:\n got %q\nwant %q", again, first)
	}
	plain, err := ReadInputFor("../../corpus/seed/s05-linker-cc-explicit.log", nil, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := summary(Explain(in, b, nil)), summary(Explain(plain, b, nil)); !reflect.DeepEqual(got, want) {
		t.Fatalf("without the index:\n got %q\nwant %q", got, want)
	}
}
