package evaluate

import (
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// TestDiffNamesTheCauseOnRealPairs runs diff as cxlog diff does over the real pairs of
// corpus/pairs and the seed's diff rows: the top finding must have the labelled class and name
// the setting that changed for at least 95% of them (issue 11), and say what changed, or, where
// cargo of the failing build ran nothing the logs could compare, quote its error.
func TestDiffNamesTheCauseOnRealPairs(t *testing.T) {
	var rows = mustPairs(t, "../../corpus/pairs")
	rows = append(rows, mustPairs(t, "../../corpus/seed")...)
	b, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := knowledge.OpenIndex(b, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rep, err := RunPairs(rows, b, ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		good, _ := analyze.ReadPath(row.Good, nil, analyze.Options{Distinct: true})
		bad, _ := analyze.ReadPath(row.Bad, nil, analyze.Options{Distinct: true})
		fs, _, err := explain.Diff(good, bad, b, ix)
		switch {
		case err != nil || len(fs) == 0:
			t.Errorf("%s: no finding (%v)", row.Bad, err)
		case len(bad.Invocations) == 0 && len(finding.SettingChanges(good, bad, finding.Compare(good, bad))) == 0:
			// cargo stopped before it ran anything (reading a manifest, resolving, probing
			// rustc): the failing log shows no setting, so the top finding quotes its error
			if !quotesSide(fs[0], "bad") {
				t.Errorf("%s: cargo ran nothing and the top finding quotes no line of the failing log: %+v", row.Bad, fs[0])
			}
		case len(fs[0].Changed) == 0:
			t.Errorf("%s: the top finding says nothing changed: %+v", row.Bad, fs)
		}
	}
	for _, p := range rep.Pairs {
		if !p.CauseFirst || !p.NamesSetting {
			t.Logf("%s: want %s naming %q, got %s (%s), names it: %v", p.Bad, p.Class, p.MustName, p.Predicted, p.Rule, p.NamesSetting)
		}
	}
	if rep.Total < 26 || rep.CauseFirstRate() < 0.95 || rep.NamesSettingRate() < 0.95 {
		t.Errorf("%d pairs: cause first %.1f%%, setting named %.1f%%; want >= 95%% each", rep.Total, 100*rep.CauseFirstRate(), 100*rep.NamesSettingRate())
	}
}

func quotesSide(f finding.Finding, side string) bool {
	for _, e := range f.Evidence {
		if e.Side == side && e.Text != "" {
			return true
		}
	}
	return false
}

func mustPairs(t *testing.T, dir string) []corpus.Expected {
	t.Helper()
	l, err := Load(dir)
	if err != nil || len(l.Pairs) == 0 {
		t.Fatalf("%s: %d pairs, %v", dir, len(l.Pairs), err)
	}
	return l.Pairs
}
