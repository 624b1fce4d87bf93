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

// env's own options before the assignments: -i, -u NAME, --unset=NAME, -C DIR.
func TestCargoCommandUnderEnvOptions(t *testing.T) {
	l := readString(t, "+ env -u RUSTFLAGS --unset=CARGO_ENCODED_RUSTFLAGS -i CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER=rust-lld cargo build --release --target riscv32imc-unknown-none-elf\n")
	if len(l.Cargo) != 1 || l.Cargo[0].Subcommand != "build" || len(l.Cargo[0].Env) != 1 || l.Cargo[0].Env[0].Value != "rust-lld" {
		t.Fatalf("%+v", l.Cargo)
	}
}
