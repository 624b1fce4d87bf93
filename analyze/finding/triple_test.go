package finding

import "testing"

// cargo's environment keys turn every '.' and '-' of a triple into '_'; the triple named in
// messages is rustc's.
func TestTripleFromEnvKey(t *testing.T) {
	for key, want := range map[string]string{
		"CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER":    "riscv32imc-unknown-none-elf",
		"CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER":       "x86_64-unknown-linux-gnu",
		"CARGO_TARGET_THUMBV8M_MAIN_NONE_EABIHF_LINKER":      "thumbv8m.main-none-eabihf",
		"CARGO_TARGET_THUMBV8M_BASE_NONE_EABI_LINKER":        "thumbv8m.base-none-eabi",
		"CARGO_TARGET_THUMBV8_1M_MAIN_NONE_EABI_LINKER":      "thumbv8.1m.main-none-eabi",
		"CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_LINKER":  "armv7-unknown-linux-gnueabihf",
		"CARGO_TARGET_AARCH64_UNKNOWN_NONE_SOFTFLOAT_LINKER": "aarch64-unknown-none-softfloat",
	} {
		if got := targetLinkerKey(key); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
}
