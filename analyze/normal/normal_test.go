package normal

import (
	"reflect"
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
