package knowledge

import (
	"strings"
	"testing"
)

func TestNormalizeBlanksMachineSpecificText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-gcc-wrapper-13.2.0/bin/cc", "gcc-wrapper- /bin/cc"},
		{"libfoo-9f8e7d6c5b4a3f2e.rlib", "libfoo- .rlib"},
		{"-C metadata=9f8e7d6c5b4a3f2e", "-C metadata="},
		{"/tmp/rustcAbC123/symbols.o", "/symbols.o"},
		{"/tmp/nix-build-firmware.drv-0/source/src/main.rs", "source/src/main.rs"},
		{"/home/alice/.cargo/bin/cargo and /Users/bob/x and ~/y", ".cargo/bin/cargo and x and y"},
		{"address 0x4200_0000 is 0xdeadBEEF", "address is"},
		{"overflowed by 1024 bytes, rustc 1.75.0", "overflowed by bytes, rustc"},
		{"linker `cc` not found: 'x' \"y\"", "linker cc not found: x y"},
		{"x86_64-unknown-linux-gnu riscv32imc thumbv7em E0463", "x86_64-unknown-linux-gnu riscv32imc thumbv7em E0463"},
	}
	for _, test := range tests {
		got := normalize([]byte(test.in))
		if len(got) != len(test.in) {
			t.Errorf("normalize(%q) changed the length from %d to %d", test.in, len(test.in), len(got))
		}
		if compact := strings.Join(strings.Fields(string(got)), " "); compact != test.want {
			t.Errorf("normalize(%q) = %q, want %q", test.in, compact, test.want)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	line := []byte(noisyQuery)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		normalize(line)
	}
}

// TestIndexFormatFollowsAnalyzer fails when the analyzer's output changes: cached indexes
// would then disagree with queries. Bump indexFormat, then update want.
func TestIndexFormatFollowsAnalyzer(t *testing.T) {
	const probe = "/nix/store/q8m3v0k2zd1rj5w7yb6c4x9p1n0h2g3f-gcc-13.2.0/bin/gcc: error: unrecognized " +
		"command-line option ‘-flavor’ in /home/erin/fw-0123456789abcdef at 0xFF the /tmp/rustcAbC123/x.o"
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), "")
	got := indexFormat + ": " + strings.Join(index.analyze(probe), " ")
	const want = "1: gcc bin error unrecognized command line option flavor fw x.o"
	if got != want {
		t.Errorf("analyzer output changed:\n got %s\nwant %s\nbump indexFormat and update want", got, want)
	}
}
