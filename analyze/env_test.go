package analyze

import "testing"

// Both spellings cargo and cc-rs accept read as one key; a key already in the normal form is
// returned as it is.
func TestNormaliseEnvKey(t *testing.T) {
	for in, want := range map[string]string{
		"CC_riscv32imc-unknown-none-elf": "CC_RISCV32IMC_UNKNOWN_NONE_ELF",
		"CC_RISCV32IMC_UNKNOWN_NONE_ELF": "CC_RISCV32IMC_UNKNOWN_NONE_ELF",
		"CARGO_PKG_NAME":                 "CARGO_PKG_NAME",
		"rustflags":                      "RUSTFLAGS",
		"CC_thumbv7em.none":              "CC_THUMBV7EM_NONE",
		"":                               "",
		"KEY_é":                          "KEY_é",
		"bad\xffkey":                     "BAD\uFFFDKEY",
	} {
		if got := NormaliseEnvKey(in); got != want {
			t.Errorf("NormaliseEnvKey(%q) = %q, want %q", in, got, want)
		}
	}
}
