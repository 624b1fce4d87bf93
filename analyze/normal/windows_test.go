package normal

import "testing"

// Windows paths differ between machines in the same places as POSIX ones: the user's
// directory, the project's target directory, the registry checkout, the rustup toolchain.
func TestValueWindowsPaths(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\alice\proj\target\riscv32imc-unknown-none-elf\release\deps\libcore-dd7802342d54d7f6.rmeta`: `<root>\target\riscv32imc-unknown-none-elf\release\deps\libcore-*.rmeta`,
		`dependency=D:\work\fw\target\release\deps`:                                                          `dependency=<root>\target\release\deps`,
		`C:\Users\bob\.cargo\registry\src\index.crates.io-6f17d22bba15001f\log-0.4.20\src\lib.rs`:            `<registry>\log-0.4.20\src\lib.rs`,
		`C:\Users\bob\.espressif\tools\riscv32-esp-elf\bin\riscv32-esp-elf-gcc.exe`:                          `~\.espressif\tools\riscv32-esp-elf\bin\riscv32-esp-elf-gcc.exe`,
	} {
		if got := Value(in); got != want {
			t.Errorf("Value(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ToolchainVersion(`C:\Users\u\.rustup\toolchains\1.75.0-x86_64-pc-windows-msvc\bin\rustc.exe`); got != "1.75.0" {
		t.Errorf("toolchain %q", got)
	}
}
