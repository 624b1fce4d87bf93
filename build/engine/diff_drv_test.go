package engine

import "testing"

// Two builds of one real nix build -L log, compared by derivation, get the answer the same
// builds get as two logs (corpus/pairs p18): the new -T flag comes from the bad build's build
// script, and the fix is in build.rs. Without the derivation on build-script output records
// neither side kept them, and diff blamed a rustflags source the log does not show.
func TestDiffOfTwoDerivationsNamesTheBuildScriptAsTwoLogsDo(t *testing.T) {
	const nixLog = "../../analyze/testdata/nixbuild/p18-two-drvs.log"
	const pair = "../../corpus/pairs/p18-build-script-link-arg/"
	e := New(Options{})
	byDrv, err := e.Diff(DiffRequest{Good: nixLog, Bad: nixLog, GoodDrv: "cxlog-fw-good", BadDrv: "cxlog-fw-bad"})
	if err != nil {
		t.Fatal(err)
	}
	byLogs, err := e.Diff(DiffRequest{Good: pair + "good.log", Bad: pair + "bad.log"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byDrv.Findings) == 0 || len(byLogs.Findings) == 0 {
		t.Fatalf("findings: by derivation %d, by logs %d", len(byDrv.Findings), len(byLogs.Findings))
	}
	d, l := byDrv.Findings[0], byLogs.Findings[0]
	if d.Rule != l.Rule || d.Message != l.Message || d.Fix != l.Fix {
		t.Errorf("top finding by derivation:\n  %s: %s\n  fix: %s\nas two logs:\n  %s: %s\n  fix: %s", d.Rule, d.Message, d.Fix, l.Rule, l.Message, l.Fix)
	}
	if len(d.Changed) == 0 || d.Changed[0].Bad.Source != "build-script" {
		t.Errorf("the changed setting's source: %+v, want the build script", d.Changed)
	}
}
