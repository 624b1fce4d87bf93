package annotate

import (
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/knowledge"
)

func builtin(t *testing.T) *knowledge.Base {
	t.Helper()
	b, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every entry a rule cites exists, is of the rule's class and says how to fix it: the
// finding's fix is that text, and cxlog fix --kb-id can act on the entry.
func TestRulesCiteEntriesOfTheirClass(t *testing.T) {
	b := builtin(t)
	for _, r := range finding.Rules() {
		for _, id := range r.Entries {
			e := b.ByID(id)
			switch {
			case e == nil:
				t.Errorf("rule %s cites entry %q, which does not exist", r.ID, id)
			case e.Class != r.Class:
				t.Errorf("rule %s (class %s) cites entry %s of class %s", r.ID, r.Class, id, e.Class)
			case strings.TrimSpace(e.Fix) == "":
				t.Errorf("rule %s cites entry %s, which has no fix", r.ID, id)
			}
		}
	}
}

func TestFindingsTakeTheFixOfTheirEntry(t *testing.T) {
	b := builtin(t)
	fs := []finding.Finding{
		{Rule: finding.RustflagsEnvSet, Entry: "rustflags-env-overrides-config"},
		{Rule: finding.VersionChanged, Fix: "the rule's own advice"},
	}
	if err := Findings(fs, b); err != nil {
		t.Fatal(err)
	}
	e := b.ByID("rustflags-env-overrides-config")
	if want := strings.TrimSpace(e.Fix); fs[0].Fix != want || want == "" {
		t.Errorf("fix %q, want the entry's %q", fs[0].Fix, want)
	}
	if want := strings.TrimSpace(e.Cause); fs[0].Cause != want || want == "" {
		t.Errorf("cause %q, want the entry's %q", fs[0].Cause, want)
	}
	if fs[1].Fix != "the rule's own advice" || fs[1].Cause != "" {
		t.Errorf("a finding without an entry: fix %q, cause %q", fs[1].Fix, fs[1].Cause)
	}
	err := Findings([]finding.Finding{{Rule: "some-rule", Entry: "no-such-entry"}}, b)
	if err == nil || !strings.Contains(err.Error(), "no-such-entry") {
		t.Errorf("an unknown entry: %v", err)
	}
}
