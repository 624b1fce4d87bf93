package finding

import "testing"

// A host build whose errors are ordinary Rust errors, or a cross build whose assembly fails,
// is no sign that the target was lost.
func TestHostBuildTargetErrorsNeedsBoth(t *testing.T) {
	for _, src := range []string{
		"     Running `rustc --crate-name app --edition=2021 src/main.rs --crate-type bin`\nerror[E0425]: cannot find value `x` in this scope\n",
		"     Running `rustc --crate-name fw --edition=2021 src/main.rs --crate-type bin --target riscv32imc-unknown-none-elf`\nerror: invalid instruction mnemonic 'la'\n",
	} {
		for _, f := range Check(readText(t, src)) {
			if f.Rule == HostBuildTargetErrors {
				t.Errorf("%q: %s", src, f.Message)
			}
		}
	}
	fs := Check(readText(t, "     Running `rustc --crate-name fw --edition=2021 src/main.rs --crate-type bin`\nerror: invalid instruction mnemonic 'la'\n"))
	found := false
	for _, f := range fs {
		found = found || f.Rule == HostBuildTargetErrors
	}
	if !found {
		t.Errorf("host build with RISC-V assembly errors: %+v", fs)
	}
}
