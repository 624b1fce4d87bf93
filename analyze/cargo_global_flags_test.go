package analyze

import "testing"

// cargo's global options that take a value come before the subcommand: -Z, --config, -C,
// --color. Their value is not the subcommand (public/032: cargo -Z unstable-options build).
func TestCargoGlobalOptionValues(t *testing.T) {
	for _, line := range []string{
		`cargo -Z unstable-options build $cargo_release -j "$NIX_BUILD_CORES" --out-dir out`,
		`cargo --config 'target.riscv32imc-unknown-none-elf.linker="rust-lld"' build --release`,
		`cargo -C firmware build --release`,
		`cargo --color always -Zbuild-std=core build`,
		`cargo --config=net.offline=true build`,
	} {
		l := readString(t, line+"\n")
		if len(l.Cargo) != 1 || l.Cargo[0].Subcommand != "build" {
			t.Errorf("%q: %+v", line, l.Cargo)
		}
	}
}
