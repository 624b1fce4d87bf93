package finding

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cxlog/cxlog/analyze"
)

var update = flag.Bool("update", false, "rewrite testdata/<rule>/want.json from what the rules find")

// TestRules runs every registered rule on its golden case, testdata/<rule-id>/:
//
//	good.log   a real log the rule must stay quiet on (the working build, for a diff rule)
//	bad.log    a real log it must fire on (compared with good.log, for a diff rule)
//	want.json  its findings on them (go test -run TestRules -update rewrites it)
//
// The logs are copied unchanged from corpus/ or from a real build (testdata/README.md says
// which). A rule without a case fails here, and so does a case without a rule.
func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(string(r.ID), func(t *testing.T) { testRule(t, r) })
	}
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() && Lookup(ID(d.Name())) == nil {
			t.Errorf("testdata/%s is the case of no registered rule", d.Name())
		}
	}
}

func testRule(t *testing.T, r *Rule) {
	dir := filepath.Join("testdata", string(r.ID))
	if _, err := os.Stat(filepath.Join(dir, "bad.log")); err != nil {
		t.Fatalf("rule %s has no golden case: add %s/good.log and bad.log (real logs) and run go test -run TestRules -update", r.ID, dir)
	}
	good, bad := read(t, filepath.Join(dir, "good.log")), read(t, filepath.Join(dir, "bad.log"))
	run := func(g, b *analyze.Log) []Finding {
		if r.Diff == nil {
			return r.CheckRule(b)
		}
		return r.DiffRule(&Comparison{Good: g, Bad: b, Diffs: Compare(g, b)})
	}
	got := run(good, bad)
	if len(got) == 0 {
		t.Fatalf("%s does not fire on its bad log", r.ID)
	}
	if quiet := run(good, good); len(quiet) > 0 {
		t.Errorf("%s fires on its good log: %+v", r.ID, quiet)
	}
	if r.Diff != nil {
		if same := run(bad, bad); len(same) > 0 {
			t.Errorf("%s fires on the bad log compared with itself: %+v", r.ID, same)
		}
	}
	for _, f := range got {
		if f.Entry != "" && !slices.Contains(r.Entries, f.Entry) {
			t.Errorf("%s cites entry %s, which its Entries do not list", r.ID, f.Entry)
		}
	}
	compareGolden(t, filepath.Join(dir, "want.json"), got)

	// What the rule found reaches the user, unless a rule that supersedes it (Rule.Supersedes)
	// says the same better: nothing hides a finding silently.
	var all []Finding
	if r.Diff != nil {
		all, _ = Diff(good, bad)
	} else {
		all = Check(bad)
	}
	for _, f := range got {
		// a repeat of the rule for the same crate is the same finding, told once
		shown := slices.ContainsFunc(all, func(a Finding) bool { return a.Rule == f.Rule && a.Crate == f.Crate })
		if !shown && supersededBy(f, keptOf(all)) == "" {
			t.Errorf("a finding of %s is missing from the output and no rule supersedes it: %s", r.ID, f.Message)
		}
	}
}

func keptOf(fs []Finding) map[ruleCrate]bool {
	m := map[ruleCrate]bool{}
	for _, f := range fs {
		m[ruleCrate{f.Rule, crateName(f.Crate)}] = true
	}
	return m
}

func compareGolden(t *testing.T, path string, got []Finding) {
	t.Helper()
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run TestRules -update writes it)", err)
	}
	if !bytes.Equal(want, data) {
		t.Errorf("findings differ from %s (go test -run TestRules -update, then review the diff):\n%s", path, data)
	}
}
