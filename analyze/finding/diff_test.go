package finding

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func corpusLogs(t *testing.T) []string {
	t.Helper()
	var all []string
	for _, pattern := range []string{"seed/*.log", "seed/*.txt", "bench/*.log", "public/*.md"} {
		m, err := filepath.Glob(filepath.Join("../../corpus", pattern))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, m...)
	}
	if len(all) < 40 {
		t.Fatalf("only %d corpus logs", len(all))
	}
	return all
}

// A log compared with itself differs in nothing: no finding, no difference (cxlog diff exits
// 0). Problems both builds have are no difference either.
func TestEveryCorpusLogEqualsItself(t *testing.T) {
	for _, path := range corpusLogs(t) {
		fs, diffs := Diff(read(t, path), read(t, path))
		if len(fs)+len(diffs) > 0 {
			t.Errorf("%s against itself: %d findings %v, %d differences %+v", path, len(fs), rulesOf(fs), len(diffs), diffs)
		}
	}
}

// New errors in the failing build are a difference even when no rule knows them: the bad log
// here is the working bench log plus an unresolved import and cargo's "could not compile".
func TestNewErrorsAreADifference(t *testing.T) {
	goodText, err := os.ReadFile("../../corpus/bench/b00-ok.good.log")
	if err != nil {
		t.Fatal(err)
	}
	added := "error[E0432]: unresolved import `crate::radio`\n" +
		" --> src/main.rs:3:5\n" +
		"  |\n" +
		"3 | use crate::radio;\n" +
		"  |     ^^^^^^^^^^^^ no `radio` in the root\n" +
		"\n" +
		"For more information about this error, try `rustc --explain E0432`.\n" +
		"error: could not compile `cxlog-bench-fw` due to previous error\n"
	good := readText(t, string(goodText))
	bad := readText(t, string(goodText)+added)
	fs, _ := Diff(good, bad)
	var nf *Finding
	for i := range fs {
		if fs[i].Rule == NewErrors {
			nf = &fs[i]
		}
	}
	if nf == nil {
		t.Fatalf("no %s finding: %+v", NewErrors, fs)
	}
	if !strings.Contains(nf.Message, "error[E0432]: unresolved import `crate::radio`") || !strings.Contains(nf.Message, "could not compile") {
		t.Errorf("the finding does not name the errors: %s", nf.Message)
	}
	if len(nf.Evidence) != 2 || nf.Evidence[0].Side != "bad" || !strings.HasPrefix(nf.Evidence[0].Text, "error[E0432]") {
		t.Errorf("evidence: %+v", nf.Evidence)
	}
	if fs, diffs := Diff(bad, bad); len(fs)+len(diffs) > 0 {
		t.Errorf("the same errors on both sides are no difference: %v", rulesOf(fs))
	}
}

// A huge error line is quoted in part in the message (the evidence keeps it whole).
func TestNewErrorsClipLongLines(t *testing.T) {
	long := "error: " + strings.Repeat("é", 5000) + "\n"
	fs, _ := Diff(readText(t, "   Compiling fw v0.1.0\n"), readText(t, "   Compiling fw v0.1.0\n"+long))
	if len(fs) != 1 || fs[0].Rule != NewErrors {
		t.Fatalf("findings: %+v", fs)
	}
	if m := fs[0].Message; len(m) > 400 || !strings.Contains(m, "…") {
		t.Errorf("a message of %d bytes: %.100s", len(m), m)
	}
}

// The same two logs give the same answer every time: nothing depends on map order.
func TestDiffIsDeterministic(t *testing.T) {
	pairs := [][2]string{
		{"../../corpus/seed/s11-cross-x86_64.good.log", "../../corpus/seed/s10-cross-riscv32-none-elf.bad.log"},
		{"../../corpus/seed/s04-env-working.txt", "../../corpus/seed/s04-env-failing.txt"},
		{"../../corpus/bench/b00-ok.good.log", "../../corpus/bench/b07-manifest-path-other-dir.log"},
	}
	for _, p := range pairs {
		var first string
		for i := 0; i < 5; i++ {
			fs, diffs := Diff(read(t, p[0]), read(t, p[1]))
			got, err := json.Marshal(struct {
				F []Finding
				D []Difference
			}{fs, diffs})
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = string(got)
			} else if string(got) != first {
				t.Fatalf("%s vs %s: run %d differs from the first", p[0], p[1], i)
			}
		}
	}
}
