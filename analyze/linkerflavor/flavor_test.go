package linkerflavor

import "testing"

// Where the rules come from. rustc 1.95.0 (and 1.97 nightly) was run with -C linker=<a
// program that records its arguments> for every row below; its source says the same:
//   - compiler/rustc_codegen_ssa/src/back/link.rs, linker_and_flavor: -C linker and
//     -C linker-flavor first, then the target's; with only a linker, the target's flavor
//     .with_linker_hints(Path::file_stem(linker)).
//   - compiler/rustc_target/src/spec/mod.rs, LinkerFlavor::infer_linker_hints: drop a
//     trailing -<digits> (rsplit_once), then gcc/*-gcc/g++/*-g++/clang/*-clang/clang++/
//     *-clang++/emcc -> (Cc::Yes, Lld::No); wasm-ld/*-wasm-ld/ld.lld/lld/rust-lld/lld-link ->
//     (Cc::No, Lld::Yes); ld/*-ld/link -> (Cc::No, Lld::No); anything else no hint.
//   - the same file, with_hints: Gnu and Darwin take both parts, WasmLld and Unix only Cc,
//     Msvc only Lld.
//   - the same file, infer_cli_hints, for -C linker-flavor.
//
// Versions. with_linker_hints replaced a whole-flavor guess in rustc 1.71 (rust-lang/rust
// PR #110807); PR #114711 (merged August 2023) made a C driver's name also say Lld::No, which changes
// nothing these four kinds tell apart. The version suffix is dropped since 1.68 (PR #106489,
// which also lost *-clang until PR #109156). rustc 1.63 (Debian's, run the same way) differs:
//   - clang-17, gcc-12, g++, clang++: no hint (no version suffix dropped, no g++/clang++),
//     so lld on riscv32imc;
//   - link, link.exe, lld-link: the MSVC flavor on every target;
//   - wasm-ld: lld with -flavor wasm on every target;
//   - ld.lld.exe: a bare ld (1.63 lists "ld.lld" with ld).
// cxlog follows 1.71 and later.

const (
	riscv = "riscv32imc-unknown-none-elf" // gnu-lld, rust-lld
	thumb = "thumbv7em-none-eabihf"       // gnu-lld, rust-lld
	linux = "x86_64-unknown-linux-gnu"    // gnu-cc (gnu-lld-cc from 1.90), cc
	wasm  = "wasm32-unknown-unknown"      // wasm-lld, rust-lld
	msvc  = "x86_64-pc-windows-msvc"      // msvc, link.exe
)

func TestResolveLinkerName(t *testing.T) {
	targets := []string{riscv, thumb, linux, wasm, msvc}
	rows := []struct {
		linker string
		want   [5]Flavor // riscv, thumb, linux, wasm, msvc
	}{
		// file_stem("ld.lld") is "ld": a bare ld, no -flavor gnu (the "ld.lld" rule in
		// infer_linker_hints only meets "ld.lld.exe").
		{"ld.lld", [5]Flavor{LD, LD, LD, LLD, MSVC}},
		{"/usr/bin/riscv32-none-elf-ld.lld", [5]Flavor{LD, LD, LD, LLD, MSVC}},
		{"ld.lld.exe", [5]Flavor{LLD, LLD, LLD, LLD, LLD}},
		{"lld", [5]Flavor{LLD, LLD, LLD, LLD, LLD}},
		{"rust-lld", [5]Flavor{LLD, LLD, LLD, LLD, LLD}},
		{"wasm-ld", [5]Flavor{LLD, LLD, LLD, LLD, LLD}},
		{"lld-link", [5]Flavor{LLD, LLD, LLD, LLD, LLD}},
		{"ld", [5]Flavor{LD, LD, LD, LLD, MSVC}},
		{"arm-none-eabi-ld", [5]Flavor{LD, LD, LD, LLD, MSVC}},
		{"link", [5]Flavor{LD, LD, LD, LLD, MSVC}},
		{"link.exe", [5]Flavor{LD, LD, LD, LLD, MSVC}},
		{"gcc", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"gcc-12", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"arm-none-eabi-gcc", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"/usr/bin/riscv32-esp-elf-gcc", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"x86_64-linux-gnu-gcc-12", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"g++", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"clang", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"clang-17", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"clang++", [5]Flavor{CC, CC, CC, CC, MSVC}},
		{"emcc", [5]Flavor{CC, CC, CC, CC, MSVC}},
		// cc and wrapper names give no hint: the target's default stays.
		{"cc", [5]Flavor{LLD, LLD, CC, LLD, MSVC}},
		{"x86_64-unknown-linux-gnu-cc", [5]Flavor{LLD, LLD, CC, LLD, MSVC}},
		{"/nix/store/x-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc", [5]Flavor{LLD, LLD, CC, LLD, MSVC}},
		{"linker-wrapper.sh", [5]Flavor{LLD, LLD, CC, LLD, MSVC}},
	}
	for _, r := range rows {
		for i, target := range targets {
			if got := Resolve(r.linker, "", target).Flavor(); got != r.want[i] {
				t.Errorf("Resolve(%q, %s).Flavor() = %q, want %q", r.linker, target, got, r.want[i])
			}
			// rustc passed -flavor gnu on riscv, thumb and linux, wasm on wasm32, link on MSVC.
			arg := map[bool]string{true: [5]string{"gnu", "gnu", "gnu", "wasm", "link"}[i]}[r.want[i] == LLD]
			if got := Resolve(r.linker, "", target).FlavorArg(); got != arg {
				t.Errorf("Resolve(%q, %s).FlavorArg() = %q, want %q", r.linker, target, got, arg)
			}
		}
	}
	// Checked on riscv32imc only: the stem of a script is its name up to the last dot, and a
	// dotted version is not all digits.
	for linker, want := range map[string]Flavor{"riscv32-esp-elf-gcc.sh": CC, "clang-17.0.1": LLD} {
		if got := Resolve(linker, "", riscv).Flavor(); got != want {
			t.Errorf("Resolve(%q, %s).Flavor() = %q, want %q", linker, riscv, got, want)
		}
	}
}

// -C linker-flavor wins over the name (infer_cli_hints, with_cli_hints); run with a wrapper
// named linker-wrapper.sh.
func TestResolveLinkerFlavorOption(t *testing.T) {
	for _, c := range []struct {
		option, target string
		want           Flavor
		name           string
	}{
		{"gcc", riscv, CC, "gnu-lld-cc"}, // rustc 1.95 passes -fuse-ld=lld to the driver
		{"ld", riscv, LD, "ld"},
		{"ld.lld", riscv, LLD, "gnu-lld"},
		{"gcc", wasm, CC, "wasm-lld-cc"},
		{"gcc", linux, CC, "gcc"},
		{"ld.lld", linux, LLD, "gnu-lld"},
	} {
		if got := Resolve("linker-wrapper.sh", c.option, c.target).Flavor(); got != c.want {
			t.Errorf("-C linker-flavor=%s on %s: %q, want %q", c.option, c.target, got, c.want)
		}
		h, ok := CLIHint(c.option)
		d, _ := Target(c.target)
		if got := d.Spec.With(h).Name(); !ok || got != c.name {
			t.Errorf("-C linker-flavor=%s on %s: named %q, want %q", c.option, c.target, got, c.name)
		}
	}
	if _, ok := CLIHint("gnu-ld"); ok {
		t.Error("gnu-ld is no flavor rustc accepts")
	}
}

// The defaults of targets as rustc 1.95 prints them (rustc -Z unstable-options --print
// target-spec-json --target T: linker-flavor and linker).
func TestTarget(t *testing.T) {
	for _, c := range []struct {
		triple, linker string
		want           Flavor
	}{
		{riscv, "rust-lld", LLD},
		{"riscv32imac-unknown-none-elf", "rust-lld", LLD},
		{"riscv64gc-unknown-none-elf", "rust-lld", LLD},
		{"thumbv6m-none-eabi", "rust-lld", LLD},
		{thumb, "rust-lld", LLD},
		{"thumbv8m.main-none-eabihf", "rust-lld", LLD},
		{"armv7a-none-eabi", "rust-lld", LLD},
		{"armv4t-none-eabi", "rust-lld", LLD},
		{"aarch64-unknown-none", "rust-lld", LLD},
		{"x86_64-unknown-none", "rust-lld", LLD},
		{"thumbv7em-nuttx-eabihf", "rust-lld", LLD},
		{"riscv32imc-esp-espidf", "riscv32-esp-elf-gcc", CC},
		{"xtensa-esp32-none-elf", "xtensa-esp32-elf-gcc", CC},
		{"xtensa-esp32s3-espidf", "xtensa-esp32s3-elf-gcc", CC},
		{"avr-none", "avr-gcc", CC},
		{"msp430-none-elf", "msp430-elf-gcc", CC},
		{linux, "cc", CC},
		{"aarch64-unknown-linux-gnu", "cc", CC},
		{"aarch64-apple-darwin", "cc", CC},
		{wasm, "rust-lld", LLD},
		{"wasm32-wasip1", "rust-lld", LLD},
		{"wasm32-unknown-emscripten", "emcc", CC},
		{msvc, "link.exe", MSVC},
		{"x86_64-unknown-uefi", "rust-lld", LLD},
		{"powerpc64-ibm-aix", "ld", LD},
	} {
		d, ok := Target(c.triple)
		if !ok || d.Linker != c.linker || d.Spec.Flavor() != c.want || TargetDefault(c.triple) != c.want {
			t.Errorf("Target(%s) = %+v (ok %v, %q), want %s, %q", c.triple, d, ok, d.Spec.Flavor(), c.linker, c.want)
		}
	}
	// Names as rustc 1.95's target-spec-json prints them, but the stable gcc for gnu-cc.
	for triple, want := range map[string]string{riscv: "gnu-lld", linux: "gcc", wasm: "wasm-lld", msvc: "msvc", "x86_64-unknown-uefi": "msvc-lld",
		"wasm32-unknown-emscripten": "em-cc", "aarch64-apple-darwin": "darwin-cc", "powerpc64-ibm-aix": "unix", "msp430-none-elf": "unix-cc"} {
		if d, _ := Target(triple); d.Spec.Name() != want {
			t.Errorf("Target(%s).Spec.Name() = %q, want %q", triple, d.Spec.Name(), want)
		}
	}
	if TargetDefault("") != "" || Resolve("gcc", "", "").Flavor() != "" {
		t.Error("no target, no flavor")
	}
}

// A custom target's JSON linker-flavor, and the program rustc runs when the JSON names no
// linker (rustc 1.95 ran lld for gnu-lld and cc for gcc; link.rs infer_from).
func TestNamed(t *testing.T) {
	for value, want := range map[string]struct {
		flavor  Flavor
		program string
	}{
		"gnu-lld": {LLD, "lld"}, "ld.lld": {LLD, "lld"}, "gcc": {CC, "cc"}, "gnu-cc": {CC, "cc"}, "ld": {LD, "ld"},
		"gnu-lld-cc": {CC, "cc"}, "wasm-lld": {LLD, "lld"}, "msvc": {MSVC, "link.exe"}, "lld-link": {LLD, "lld"},
	} {
		s, ok := Named(value)
		if !ok || s.Flavor() != want.flavor || s.Program() != want.program {
			t.Errorf("Named(%q) = %q, %q (ok %v), want %q, %q", value, s.Flavor(), s.Program(), ok, want.flavor, want.program)
		}
	}
	for _, bad := range []string{"gnu-gcc", "lld", "", "gnu-", "darwin-", "bpf"} { // rustc rejects gnu- and darwin-
		if _, ok := Named(bad); ok {
			t.Errorf("Named(%q) must fail", bad)
		}
	}
}

func TestLooksLikeCDriver(t *testing.T) {
	for linker, want := range map[string]bool{"cc": true, "x86_64-unknown-linux-gnu-cc": true, "c++": true, "clang-17": true,
		"/nix/store/x-gcc-wrapper-13.2.0/bin/ld": true, "rust-lld": false, "ld.lld": false, "arm-none-eabi-ld": false} {
		if got := LooksLikeCDriver(linker); got != want {
			t.Errorf("LooksLikeCDriver(%q) = %v, want %v", linker, got, want)
		}
	}
}
