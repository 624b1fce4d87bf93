package finding

import (
	"strings"
	"testing"
)

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
	for triple, want := range map[string]bool{
		"riscv32imc-unknown-none-elf": true, "wasm32-unknown-unknown": true, "wasm32-wasip2": true,
		"wasm32-unknown-emscripten": false, // emcc links it
		"x86_64-unknown-linux-gnu":  false,
	} {
		if got := lldCrossTarget(triple); got != want {
			t.Errorf("lldCrossTarget(%s) = %v, want %v", triple, got, want)
		}
	}
	for _, c := range []struct {
		linker, cliFlavor, triple string
		want                      bool
	}{
		{"/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc", "", "riscv32imc-unknown-none-elf", true},
		{"cc", "", "thumbv7em-none-eabihf", true},
		{"x86_64-unknown-linux-gnu-cc", "", "wasm32-unknown-unknown", false}, // rustc passes -flavor wasm
		{"cc", "", "x86_64-unknown-uefi", false},                             // -flavor link
		{"clang-17", "", "riscv32imc-unknown-none-elf", false},               // a C driver's name: no -flavor
		{"cc", "", "x86_64-unknown-linux-gnu", false},
		// -C linker-flavor wins over the name, both ways
		{"cc", "gcc", "riscv32imc-unknown-none-elf", false},
		{"cc", "gnu-lld-cc", "riscv32imc-unknown-none-elf", false},
		{"cc", "gnu-lld", "x86_64-unknown-linux-gnu", true},
		{"riscv32-esp-elf-gcc", "gnu-lld", "riscv32imc-unknown-none-elf", true},
	} {
		if got := getsFlavorGnu(c.linker, c.cliFlavor, c.triple); got != c.want {
			t.Errorf("getsFlavorGnu(%s, %s) = %v, want %v", c.linker, c.triple, got, c.want)
		}
	}
}

// A C driver with -C linker-flavor: gnu-lld tells rustc it is lld, so rustc passes it
// -flavor gnu whatever its name; gcc keeps it a C driver.
func TestFlavorFromLinkerNameReadsLinkerFlavor(t *testing.T) {
	running := func(flags string) string {
		return "     Running `rustc --crate-name fw --crate-type bin --target riscv32imc-unknown-none-elf -C linker=riscv32-esp-elf-gcc " + flags + "`\n"
	}
	var told []Finding
	for _, f := range Check(readText(t, running("-C linker-flavor=gnu-lld"))) {
		if f.Rule == FlavorFromLinkerName {
			told = append(told, f)
		}
	}
	if len(told) != 1 || !strings.Contains(told[0].Message, "-C linker-flavor=gnu-lld tells rustc") {
		t.Errorf("-C linker=riscv32-esp-elf-gcc -C linker-flavor=gnu-lld: %+v", told)
	}
	for _, flags := range []string{"-C linker-flavor=gcc", ""} {
		for _, f := range Check(readText(t, running(flags))) {
			if f.Rule == FlavorFromLinkerName {
				t.Errorf("-C linker=riscv32-esp-elf-gcc %s: %+v", flags, f)
			}
		}
	}
}
