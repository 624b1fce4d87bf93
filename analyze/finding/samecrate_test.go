package finding

import (
	"testing"
)

// The invocation a Distinct log keeps for a crate and the one a diff aligns it with are chosen
// by one definition, analyze.CrateKey: hashes and paths never make two crates, a new target or
// version is the same crate changed, another name or crate type is another crate.
func TestOneDefinitionOfTheSameCrate(t *testing.T) {
	run := func(crate, types, target, hash string) string {
		return "     Running `CARGO_PKG_VERSION=1.0.0 rustc --crate-name " + crate + " --crate-type " + types + " --target " + target +
			" -C metadata=" + hash + " --out-dir /home/" + hash + "/target/" + target + "/release/deps`\n"
	}
	a := run("fw", "bin", "riscv32imc-unknown-none-elf", "0123456789abcdef")
	tests := []struct {
		name     string
		b        string
		distinct int    // invocations a Distinct log keeps of a and b
		aspect   string // what Compare makes of a against b, "" nothing
	}{
		{"another machine", run("fw", "bin", "riscv32imc-unknown-none-elf", "fedcba9876543210"), 1, ""},
		{"another target", run("fw", "bin", "riscv32imac-unknown-none-elf", "0123456789abcdef"), 2, AspectTargetTrip},
		{"another crate", run("app", "bin", "riscv32imc-unknown-none-elf", "0123456789abcdef"), 2, AspectOnlyOne},
		{"another crate type", run("fw", "lib", "riscv32imc-unknown-none-elf", "0123456789abcdef"), 2, AspectOnlyOne},
	}
	for _, test := range tests {
		both := readText(t, a+test.b)
		both.Invocations = nil
		both.Distinct = true
		for _, inv := range readText(t, a+test.b).Invocations {
			both.Add(inv)
		}
		if len(both.Invocations) != test.distinct {
			t.Errorf("%s: a Distinct log keeps %d invocations, want %d", test.name, len(both.Invocations), test.distinct)
		}
		aspect := ""
		for _, d := range Compare(readText(t, a), readText(t, test.b)) {
			if aspect == "" || d.Aspect == AspectOnlyOne {
				aspect = d.Aspect
			}
		}
		if aspect != test.aspect {
			t.Errorf("%s: Compare finds %q, want %q", test.name, aspect, test.aspect)
		}
	}
}
