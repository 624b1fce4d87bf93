package knowledge

import (
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/normal"
)

func TestNormalizeBlanksMachineSpecificText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-gcc-wrapper-13.2.0/bin/cc", "gcc-wrapper- /bin/cc"},
		{"libfoo-9f8e7d6c5b4a3f2e.rlib", "libfoo- .rlib"},
		{"-C metadata=9f8e7d6c5b4a3f2e", "-C metadata="},
		{"/tmp/rustcAbC123/symbols.o", "/symbols.o"},
		{"/tmp/nix-build-firmware.drv-0/source/src/main.rs", "/source/src/main.rs"},
		{"/home/erin/fw/target/riscv32imc-unknown-none-elf/release/deps/fw", "riscv32imc-unknown-none-elf/release/deps/fw"},
		{`C:\Users\erin\fw\target\thumbv7em-none-eabihf\release\fw`, `thumbv7em-none-eabihf\release\fw`},
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
	const want = "2: gcc bin error unrecognized command line option flavor fw x.o"
	if got != want {
		t.Errorf("analyzer output changed:\n got %s\nwant %s\nbump indexFormat and update want", got, want)
	}
}

// What diff (analyze/normal.Value) and search (the index's analyzer) ignore is the same: a line
// as two machines print it reads the same to both, and a line that means something else differs
// for both.
func TestDiffAndSearchNormaliseAlike(t *testing.T) {
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), "")
	same := [][2]string{
		{"/nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-gcc-wrapper-13.2.0/bin/cc: error: unrecognized command-line option '-flavor'",
			"/nix/store/q8m3v0k2zd1rj5w7yb6c4x9p1n0h2g3f-gcc-wrapper-13.2.0/bin/cc: error: unrecognized command-line option '-flavor'"},
		{"-C metadata=9f8e7d6c5b4a3f2e -C extra-filename=-9f8e7d6c5b4a3f2e", "-C metadata=0123456789abcdef -C extra-filename=-0123456789abcdef"},
		{"rust-lld: error: cannot open /p/target/release/deps/libfoo-9f8e7d6c5b4a3f2e.rlib", "rust-lld: error: cannot open /p/target/release/deps/libfoo-0123456789abcdef.rlib"},
		{"error: cannot find linker script /home/alice/proj/target/riscv32imc-unknown-none-elf/release/build/fw/out/memory.x",
			"error: cannot find linker script /build/source/target/riscv32imc-unknown-none-elf/release/build/fw/out/memory.x"},
		{"/home/alice/.cargo/bin/cargo build", "/Users/bob/.cargo/bin/cargo build"},
		{"/root/.cargo/bin/cargo build", "/home/ci/.cargo/bin/cargo build"},
		{`error: linking with C:\Users\alice\fw\target\release\deps\fw.exe failed`, `error: linking with D:\a\ci\fw\target\release\deps\fw.exe failed`},
		{`C:\Users\alice\.cargo\registry\src\index.crates.io-6f17d22bba15001f\log-0.4.20\src\lib.rs`, `D:\ci\.cargo\registry\src\index.crates.io-1949cf8c6b5b557f\log-0.4.20\src\lib.rs`},
		{"/home/bob/.cargo/registry/src/index.crates.io-6f17d22bba15001f/log-0.4.20/src/lib.rs", "/build/cargo-vendor-dir/log-0.4.20/src/lib.rs"},
		{"cannot open /tmp/rustcAbC123/symbols.o", "cannot open /tmp/rustcXyZ789/symbols.o"},
		{"/private/tmp/nix-build-fw.drv-0/source/src/main.rs", "/tmp/nix-build-fw.drv-1/source/src/main.rs"},
	}
	for _, pair := range same {
		if a, b := normal.Value(pair[0]), normal.Value(pair[1]); a != b {
			t.Errorf("diff tells apart %q and %q: %q vs %q", pair[0], pair[1], a, b)
		}
		if a, b := strings.Join(index.analyze(pair[0]), " "), strings.Join(index.analyze(pair[1]), " "); a != b {
			t.Errorf("search tells apart %q and %q: %q vs %q", pair[0], pair[1], a, b)
		}
	}
	different := [][2]string{
		{"cannot open /p/target/release/deps/libfoo-9f8e7d6c5b4a3f2e.rlib", "cannot open /p/target/release/deps/libbar-9f8e7d6c5b4a3f2e.rlib"},
		{"/home/alice/fw/target/riscv32imc-unknown-none-elf/release/fw", "/home/alice/fw/target/thumbv7em-none-eabihf/release/fw"},
		{"/nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-gcc-wrapper-13.2.0/bin/cc", "/nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-clang-wrapper-13.2.0/bin/cc"},
	}
	for _, pair := range different {
		if normal.Value(pair[0]) == normal.Value(pair[1]) {
			t.Errorf("diff takes %q and %q for the same", pair[0], pair[1])
		}
		if strings.Join(index.analyze(pair[0]), " ") == strings.Join(index.analyze(pair[1]), " ") {
			t.Errorf("search takes %q and %q for the same", pair[0], pair[1])
		}
	}
}
