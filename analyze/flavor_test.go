package analyze

import "testing"

func TestFlavorInference(t *testing.T) {
	tests := []struct{ linker, target, want string }{
		{"/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc", "riscv32imc-unknown-none-elf", FlavorLLD},
		{"x86_64-linux-gnu-gcc", "riscv32imc-unknown-none-elf", FlavorCC},
		{"clang-17", "thumbv7em-none-eabihf", FlavorCC},
		{"rust-lld", "x86_64-unknown-linux-gnu", FlavorLLD},
		{"/usr/bin/riscv32-none-elf-ld.lld", "riscv32imc-unknown-none-elf", FlavorLD},
		{"arm-none-eabi-ld", "thumbv7m-none-eabi", FlavorLD},
		{"cc", "x86_64-unknown-linux-gnu", FlavorCC},
		{"link.exe", "x86_64-pc-windows-msvc", FlavorLD},
	}
	for _, tc := range tests {
		if got := EffectiveFlavor(tc.linker, "", tc.target); got != tc.want {
			t.Errorf("EffectiveFlavor(%q, %q) = %q, want %q", tc.linker, tc.target, got, tc.want)
		}
	}
	if got := EffectiveFlavor("x86_64-unknown-linux-gnu-cc", "gcc", "riscv32imc-unknown-none-elf"); got != FlavorCC {
		t.Errorf("-C linker-flavor=gcc must win, got %q", got)
	}
}
