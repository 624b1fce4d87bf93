package evaluate

import (
	"os"
	"testing"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/corpus"
)

func TestScorePairNeedsTheClassAndTheSettingInTheTopFinding(t *testing.T) {
	row := corpus.Expected{Command: "diff", Good: "g", Bad: "b", TopClass: "cargo-config-scope", MustName: "RUSTFLAGS", Also: "-"}
	right := finding.Finding{Class: "cargo-config-scope", Rule: "r", Message: "RUSTFLAGS replaced the config's rustflags"}
	inChanged := finding.Finding{Class: "cargo-config-scope", Rule: "r", Message: "rustflags replaced",
		Changed: []finding.Change{{Setting: "rustflags", Bad: finding.Side{Source: finding.SourceEnv, Key: "RUSTFLAGS", Value: "-C x"}}}}
	wrongClass := finding.Finding{Class: "linker-script-missing", Rule: "r", Message: "RUSTFLAGS"}
	unnamed := finding.Finding{Class: "cargo-config-scope", Rule: "r", Message: "the config's flags are missing"}
	for _, c := range []struct {
		name         string
		fs           []finding.Finding
		cause, named bool
	}{
		{"right", []finding.Finding{right, wrongClass}, true, true},
		{"named in changed", []finding.Finding{inChanged}, true, true},
		{"symptom first", []finding.Finding{wrongClass, right}, false, true},
		{"setting not named", []finding.Finding{unnamed, right}, true, false},
		{"nothing found", nil, false, false},
	} {
		p := ScorePair(row, c.fs)
		if p.CauseFirst != c.cause || p.NamesSetting != c.named {
			t.Errorf("%s: cause first %v, names %v; want %v, %v", c.name, p.CauseFirst, p.NamesSetting, c.cause, c.named)
		}
	}
	rep := SummarisePairs([]Pair{ScorePair(row, []finding.Finding{right}), ScorePair(row, []finding.Finding{wrongClass})})
	if rep.Total != 2 || rep.CauseFirst != 1 || rep.NamesSetting != 2 || rep.CauseFirstRate() != 0.5 {
		t.Errorf("summary: %+v", rep)
	}
}

func TestLoadFindsTheDiffRowsWithTheirLogs(t *testing.T) {
	l, err := Load("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range l.Pairs {
		for _, p := range []string{r.Good, r.Bad} {
			if _, err := os.Stat(p); err != nil {
				t.Errorf("pair %s: %v", r.Bad, err)
			}
		}
		if r.MustName == "" || r.MustName == "-" {
			t.Errorf("pair %s names nothing it must find", r.Bad)
		}
		n++
	}
	if n < 15+2 {
		t.Errorf("%d pairs under corpus/, want the 15+ of corpus/pairs and the seed's", n)
	}
}
