package finding

import "testing"

// The targets the flavor and linker-script rules speak of, as rustc 1.95 links them
// (analyze/linkerflavor/flavor_test.go has the sources).
func TestFlavorRuleTargets(t *testing.T) {
	for triple, want := range map[string]bool{
		"riscv32imc-unknown-none-elf": true, "thumbv7em-none-eabihf": true, "aarch64-unknown-none": true, "x86_64-unknown-none": true,
		"x86_64-unknown-linux-none": false, // Linux without libc: no runtime linker script
		"wasm32v1-none":             false, "x86_64-unknown-uefi": false, "x86_64-unknown-fuchsia": false,
		"xtensa-esp32-none-elf": false, "avr-none": false, "riscv32imc-esp-espidf": false, "x86_64-unknown-linux-gnu": false,
	} {
		if got := bareMetalLLD(triple); got != want {
			t.Errorf("bareMetalLLD(%s) = %v, want %v", triple, got, want)
		}
	}
	for _, c := range []struct {
		linker, triple string
		want           bool
	}{
		{"/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc", "riscv32imc-unknown-none-elf", true},
		{"cc", "thumbv7em-none-eabihf", true},
		{"x86_64-unknown-linux-gnu-cc", "wasm32-unknown-unknown", false}, // rustc passes -flavor wasm
		{"cc", "x86_64-unknown-uefi", false},                             // -flavor link
		{"clang-17", "riscv32imc-unknown-none-elf", false},               // a C driver's name: no -flavor
		{"cc", "x86_64-unknown-linux-gnu", false},
	} {
		if got := getsFlavorGnu(c.linker, c.triple); got != c.want {
			t.Errorf("getsFlavorGnu(%s, %s) = %v, want %v", c.linker, c.triple, got, c.want)
		}
	}
}
