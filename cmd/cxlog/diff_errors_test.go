package main

import (
	"encoding/json"
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

// A finding's fix is its knowledge-base entry's: an entry overridden with --kb changes it, and
// the finding names the entry (cxlog fix --kb-id ENTRY).
func TestCheckFixComesFromTheCitedEntry(t *testing.T) {
	code, out, _ := cli(t, "", "check", "--json", seed+"s06-linker-ld.log")
	if code != exitDifferent {
		t.Fatalf("exit %d\n%s", code, out)
	}
	var res struct {
		Findings []struct{ Rule, Entry, Fix string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || res.Findings[0].Entry != "host-ld-cannot-find-lgcc-s" || res.Findings[0].Fix == "" {
		t.Fatalf("findings: %+v", res.Findings)
	}
	entry, err := os.ReadFile("../../knowledge/entries/host-ld-cannot-find-lgcc-s.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const ours = "Our own fix, from a --kb directory."
	overridden := strings.Replace(string(entry), "\nfix: >\n", "\nfix: >\n  "+ours+"\n", 1)
	if overridden == string(entry) {
		t.Fatal("the entry's fix is not a folded block any more; update this test")
	}
	if err := os.WriteFile(filepath.Join(dir, "host-ld-cannot-find-lgcc-s.md"), []byte(overridden), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = cli(t, "", "check", "--kb", dir, seed+"s06-linker-ld.log")
	if !strings.Contains(out, ours) {
		t.Errorf("the overriding entry's fix is not shown:\n%s", out)
	}
}
