package finding

import (
	"slices"
	"testing"
)

// The entry a finding cites follows its target: the ESP32-C3/RISC-V entry for riscv32, the
// Cortex-M one for thumb; each is one the rule lists.
func TestEntryChoicesAreListed(t *testing.T) {
	for _, c := range []struct {
		rule ID
		got  string
		want string
	}{
		{FlavorGnuToCDriver, flavorEntry("/nix/store/x-gcc-wrapper/bin/x86_64-unknown-linux-gnu-cc", "riscv32imc-unknown-none-elf"), entryGccWrapperFlavor},
		{FlavorGnuToCDriver, flavorEntry("armv7m-unknown-none-eabihf-cc", "thumbv7em-none-eabihf"), entryArmGccFlavor},
		{FlavorFromLinkerName, flavorEntry("arm-none-eabi-cc", ""), entryArmGccFlavor},
		{BinWithoutLinkerScript, scriptEntry("riscv32imc-unknown-none-elf"), entryRiscvScriptMissing},
		{BinWithoutLinkerScript, scriptEntry("thumbv6m-none-eabi"), entryArmScriptMissing},
		{LinkWithoutLinkerScript, scriptEntry("thumbv7em-none-eabi"), entryArmScriptMissing},
		{LinkerScriptsMissing, scriptEntry(""), entryRiscvScriptMissing},
	} {
		if c.got != c.want {
			t.Errorf("%s: entry %s, want %s", c.rule, c.got, c.want)
		}
		if !slices.Contains(Lookup(c.rule).Entries, c.got) {
			t.Errorf("%s does not list %s", c.rule, c.got)
		}
	}
	for _, e := range []string{entryNixTargetRustflags, entryRustflagsEnv, entryConfigNotRead} {
		if !slices.Contains(Lookup(ConfigFlagsMissing).Entries, e) {
			t.Errorf("%s does not list %s", ConfigFlagsMissing, e)
		}
	}
}
