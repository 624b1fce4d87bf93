package analyze

import "testing"

// Error lines of other tools pasted without rustc's frame are kept; MSVC's link.exe writes
// "error LNK2019:" with a code instead of "error:".
func TestToolErrorLines(t *testing.T) {
	for _, line := range []string{
		"LINK : fatal error LNK1181: cannot open input file 'esp_idf.lib'",
		"libfoo.rlib(foo.o) : error LNK2019: unresolved external symbol __imp_bar referenced in function baz",
		"riscv32-esp-elf-gcc: fatal error: cannot read spec file 'nosys.specs'",
		"/usr/bin/ld: cannot find -lgcc_s: No such file or directory",
		"  × Error while connecting to device", // miette (espflash): the error under "Error: espflash::connection_failed"
		"LLVM ERROR: Global variable '__EXTERNAL_INTERRUPTS' has an invalid section specifier '.rwtext': mach-o section specifier requires a segment and section separated by a comma.",
	} {
		l := readString(t, line+"\n")
		if len(l.Diagnostics) != 1 || l.Diagnostics[0].Kind != DiagTool {
			t.Errorf("%q: %+v", line, l.Diagnostics)
		}
	}
	for _, line := range []string{"test result: ok. 3 passed; 0 failed", "   Compiling error-chain v0.12.4", "Finished `release` profile [optimized] target(s) in 0.25s"} {
		if l := readString(t, line+"\n"); len(l.Diagnostics) != 0 {
			t.Errorf("%q read as an error", line)
		}
	}
}

// cargo -vv prints a build script's output live behind "[package version] ".
func TestBuildScriptOutputErrors(t *testing.T) {
	l := readString(t, "[cortex-m-rt 0.7.3] error: could not find `memory.x`\n[esp-hal 0.16.1] cargo:rustc-link-arg=-Tlinkall.x\n[foo 0.1.0] just output\n")
	if len(l.Diagnostics) != 1 || l.Diagnostics[0].Kind != DiagTool || l.Diagnostics[0].Start != 1 {
		t.Errorf("%+v", l.Diagnostics)
	}
}
