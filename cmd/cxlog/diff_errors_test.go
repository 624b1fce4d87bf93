package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A log diffed against itself exits 0; the failing build's new errors are a difference (exit 1)
// even when no rule and no knowledge-base entry knows them.
func TestDiffExitCodes(t *testing.T) {
	logs, _ := filepath.Glob(seed + "*.log")
	for _, l := range logs {
		if code, out, _ := cli(t, "", "diff", l, l); code != exitOK {
			t.Errorf("%s against itself: exit %d\n%s", l, code, out)
		}
	}
	good, err := os.ReadFile("../../corpus/bench/b00-ok.good.log")
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.log")
	added := "error[E0432]: unresolved import `crate::radio`\n" +
		" --> src/main.rs:3:5\n" +
		"error: could not compile `cxlog-bench-fw` due to previous error\n"
	if err := os.WriteFile(bad, append(good, added...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "", "diff", "../../corpus/bench/b00-ok.good.log", bad)
	if code != exitDifferent || !strings.Contains(out, "error[E0432]: unresolved import `crate::radio`") || strings.Contains(out, "No differences") {
		t.Errorf("new errors only: exit %d\n%s", code, out)
	}
}
