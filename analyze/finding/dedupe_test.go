package finding

import (
	"slices"
	"testing"

	"github.com/cxlog/cxlog/analyze/class"
)

func rulesOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Rule)+"/"+f.Crate)
	}
	return out
}

// A rule never hides another silently: findings of two rules on the same evidence, of the
// same class and crate, both stay unless one rule declares that it supersedes the other.
func TestDedupeDropsOnlyWhatIsSuperseded(t *testing.T) {
	tests := []struct {
		name string
		in   []Finding
		want []string
	}{
		{"two rules, same class and crate, no supersession", []Finding{
			{Rule: BinWithoutLinkerScript, Class: class.LinkerScriptMissing, Score: 50, Crate: "fw"},
			{Rule: "a-new-rule", Class: class.LinkerScriptMissing, Score: 60, Crate: "fw"},
		}, []string{"a-new-rule/fw", "bin-without-linker-script/fw"}},
		{"superseded, same crate", []Finding{
			{Rule: BinWithoutLinkerScript, Class: class.LinkerScriptMissing, Score: 50, Crate: "fw"},
			{Rule: LinkWithoutLinkerScript, Class: class.LinkerScriptMissing, Score: 55, Crate: "fw"},
		}, []string{"link-without-linker-script/fw"}},
		{"supersession is per crate", []Finding{
			{Rule: BinWithoutLinkerScript, Class: class.LinkerScriptMissing, Score: 50, Crate: "app"},
			{Rule: LinkWithoutLinkerScript, Class: class.LinkerScriptMissing, Score: 55, Crate: "fw"},
		}, []string{"link-without-linker-script/fw", "bin-without-linker-script/app"}},
		{"a diff rule's crate and a check rule's are the same crate", []Finding{
			{Rule: BinWithoutLinkerScript, Class: class.LinkerScriptMissing, Score: 50, Crate: "fw"},
			{Rule: LinkerScriptsMissing, Class: class.LinkerScriptMissing, Score: 80, Crate: "fw 0.1.0 (bin) [riscv32imc-unknown-none-elf]"},
		}, []string{"linker-scripts-missing/fw 0.1.0 (bin) [riscv32imc-unknown-none-elf]"}},
		{"across classes when declared", []Finding{
			{Rule: AtomicsFlagsChanged, Class: class.AtomicsUnsupported, Score: 70, Crate: "fw"},
			{Rule: ConfigFlagsMissing, Class: class.CargoConfigScope, Score: 100, Crate: "fw"},
		}, []string{"config-flags-missing/fw"}},
		{"a higher-ranked finding supersedes", []Finding{
			{Rule: RustflagsEnvSet, Class: class.CargoConfigScope, Score: 88},
			{Rule: RustflagsEnvAdded, Class: class.CargoConfigScope, Score: 85},
		}, []string{"rustflags-env-set/"}},
		{"a lower-ranked one does not", []Finding{
			{Rule: RustflagsEnvSet, Class: class.CargoConfigScope, Score: 45},
			{Rule: RustflagsEnvAdded, Class: class.CargoConfigScope, Score: 85},
		}, []string{"rustflags-env-added/", "rustflags-env-set/"}},
		{"the same rule twice for a crate is told once", []Finding{
			{Rule: FlavorFromLinkerName, Class: class.LinkerFlavorMismatch, Score: 90, Message: "env"},
			{Rule: FlavorFromLinkerName, Class: class.LinkerFlavorMismatch, Score: 90, Message: "invocation"},
			{Rule: FlavorFromLinkerName, Class: class.LinkerFlavorMismatch, Score: 90, Crate: "fw"},
		}, []string{"flavor-from-linker-name/", "flavor-from-linker-name/fw"}},
		{"a known failure hides nothing and is hidden by nothing", []Finding{
			{Rule: KnownFailure("rustflags-env-overrides-config"), Class: class.CargoConfigScope, Score: 75},
			{Rule: RustflagsEnvSet, Class: class.CargoConfigScope, Score: 88},
			{Rule: NewErrors, Class: class.Unknown, Score: 20},
		}, []string{"rustflags-env-set/", "known-failure:rustflags-env-overrides-config/", "new-errors/"}},
	}
	for _, test := range tests {
		if got := rulesOf(Dedupe(test.in)); !slices.Equal(got, test.want) {
			t.Errorf("%s: kept %v, want %v", test.name, got, test.want)
		}
	}
}

// Every supersession names a registered rule other than itself.
func TestSupersessionsNameRules(t *testing.T) {
	for _, r := range Rules() {
		for _, s := range r.Supersedes {
			if Lookup(s) == nil || s == r.ID {
				t.Errorf("rule %s supersedes %q", r.ID, s)
			}
		}
	}
}
