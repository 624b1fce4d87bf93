package normal

import (
	"reflect"
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/nix/store/2931shdx5hk6x1fm1agzj48g8qyvz4gs-x86_64-unknown-linux-gnu-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc",
			"x86_64-unknown-linux-gnu-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc"},
		{"noprelude:core=/build/source/target/riscv32imc-unknown-none-elf/release/deps/libcore-dd7802342d54d7f6.rmeta",
			"noprelude:core=<root>/target/riscv32imc-unknown-none-elf/release/deps/libcore-*.rmeta"},
		{"dependency=/home/alice/proj/target/release/deps", "dependency=<root>/target/release/deps"},
		{"/build/rustcYrXocb/symbols.o", "/build/rustc*/symbols.o"},
		{"/build/cargo-vendor-dir/atomic-waker-1.1.2/src/lib.rs", "<registry>/atomic-waker-1.1.2/src/lib.rs"},
		{"/home/bob/.cargo/registry/src/index.crates.io-6f17d22bba15001f/log-0.4.20/src/lib.rs", "<registry>/log-0.4.20/src/lib.rs"},
	}
	for _, tc := range tests {
		if got := Value(tc.in); got != tc.want {
			t.Errorf("Value(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStorePackagesAndToolchain(t *testing.T) {
	got := StorePackages("/nix/store/jgqy1fd352i0n88q54jy2dmy6x6rbr3m-x86_64-unknown-linux-gnu-stage-final-gcc-wrapper-12.3.0/bin/cc")
	if !reflect.DeepEqual(got, []Package{{"x86_64-unknown-linux-gnu-stage-final-gcc-wrapper", "12.3.0"}}) {
		t.Errorf("StorePackages = %v", got)
	}
	for in, want := range map[string]string{
		"/nix/store/hca7lla5l3hjc2gzkxj03abzgynyjsha-rust-default-1.77.0-nightly-2024-01-24/lib": "1.77.0-nightly-2024-01-24",
		"/nix/store/8sindl6wnv2s5z1zwvq0rkffacicx80d-rustc-1.69.0/lib/rustlib":                   "1.69.0",
		"/home/u/.rustup/toolchains/1.75.0-x86_64-unknown-linux-gnu/bin/rustc":                   "1.75.0",
		"/usr/bin/cc": "",
	} {
		if got := ToolchainVersion(in); got != want {
			t.Errorf("ToolchainVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValueCrateHashesAndHomes(t *testing.T) {
	for in, want := range map[string]string{
		"-C metadata=9f8e7d6c5b4a3f2e -C extra-filename=-9f8e7d6c5b4a3f2e":    "-C metadata=* -C extra-filename=-*",
		"/root/.cache/cxlog-bench/rust-1.63/root/usr/bin/rustc":               "~/.cache/cxlog-bench/rust-1.63/root/usr/bin/rustc",
		"LD_LIBRARY_PATH=/root/lib:/root/.cargo/bin":                          "LD_LIBRARY_PATH=~/lib:~/.cargo/bin",
		"/private/tmp/nix-build-fw.drv-0/source/src/main.rs":                  "<tmp>/source/src/main.rs",
		"/tmp/rustcAbC123/symbols.o /build/rustcYrXocb/x.o target/.tmpQw3rTy": "<tmp>/symbols.o /build/rustc*/x.o target/.tmp*",
		"0x0123456789abcdef and deadbeefdeadbeef0":                            "0x0123456789abcdef and deadbeefdeadbeef0", // not a 16-digit word
	} {
		if got := Value(in); got != want {
			t.Errorf("Value(%q) = %q, want %q", in, got, want)
		}
	}
}

// Blank removes the same parts as Value and keeps every other byte where it was.
func TestBlankKeepsOffsets(t *testing.T) {
	for _, in := range []string{
		"/nix/store/2931shdx5hk6x1fm1agzj48g8qyvz4gs-gcc-wrapper-13.2.0/bin/cc: error: x at /home/al/fw/target/release/deps/libfw-0123456789abcdef.rlib",
		`C:\Users\alice\proj\target\release\deps\libcore-dd7802342d54d7f6.rmeta`,
	} {
		got := Blank(in)
		if len(got) != len(in) {
			t.Fatalf("Blank(%q) changed the length: %q", in, got)
		}
		for i := range got {
			if got[i] != ' ' && got[i] != in[i] {
				t.Fatalf("Blank(%q) moved byte %d: %q", in, i, got)
			}
		}
		for _, gone := range []string{"2931shdx", "/home/al", "0123456789abcdef", `C:\Users`, "dd7802342d54d7f6"} {
			if strings.Contains(got, gone) {
				t.Errorf("Blank(%q) = %q keeps %q", in, got, gone)
			}
		}
	}
}
