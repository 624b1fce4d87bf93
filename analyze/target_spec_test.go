package analyze

import "testing"

// A custom target is passed as the path of its JSON spec; the target is its name, the same
// on every machine.
func TestCustomTargetSpecPath(t *testing.T) {
	for _, spec := range []string{"/home/u/fw/xtensa-esp32-none-elf.json", `C:\fw\xtensa-esp32-none-elf.json`} {
		inv := invocationOf(t, "rustc --crate-name fw src/main.rs --target "+spec)
		if inv.Target != "xtensa-esp32-none-elf" {
			t.Errorf("--target %s read as %q", spec, inv.Target)
		}
	}
}

func TestCargoCustomTargetSpecPath(t *testing.T) {
	l := readString(t, "$ cargo build --release --target ./riscv32imac-custom-none-elf.json\n")
	if len(l.Cargo) != 1 || l.Cargo[0].Target != "riscv32imac-custom-none-elf" {
		t.Errorf("cargo %+v", l.Cargo)
	}
}
