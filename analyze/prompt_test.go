package analyze

import "testing"

// Pasted logs keep the shell prompt in front of the command: bash, zsh, fish, PowerShell, cmd.
func TestCargoCommandAfterPrompt(t *testing.T) {
	for _, line := range []string{
		"user@host:~/fw$ cargo build --release --target riscv32imc-unknown-none-elf",
		`PS C:\Users\me\fw> cargo build --release --target riscv32imc-unknown-none-elf`,
		`C:\Users\me\fw>cargo build --release --target riscv32imc-unknown-none-elf`,
		"❯ cargo build -r --target riscv32imc-unknown-none-elf",
		"(.venv) me@box fw % cargo build --release --target riscv32imc-unknown-none-elf",
		"[nix-shell:~/fw]$ cargo build --release --target=riscv32imc-unknown-none-elf",
	} {
		l := readString(t, line+"\n")
		if len(l.Cargo) != 1 || l.Cargo[0].Subcommand != "build" || l.Cargo[0].Target != "riscv32imc-unknown-none-elf" || l.Cargo[0].Profile != "release" {
			t.Errorf("%q: %+v", line, l.Cargo)
		}
	}
	for _, line := range []string{"Try running cargo build again", "note: cargo build --release is faster"} {
		if l := readString(t, line+"\n"); len(l.Cargo) != 0 {
			t.Errorf("%q read as a cargo command", line)
		}
	}
}
