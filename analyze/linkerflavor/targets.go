package linkerflavor

import "strings"

// Default is what a built-in target's spec says when nothing is configured: the program
// rustc runs ("" when cxlog does not know it) and the flavor.
type Default struct {
	Linker string
	Spec   Spec
}

var (
	gnuCC   = Spec{family: familyGnu, cc: true}
	gnuLLD  = Spec{family: familyGnu, lld: true}
	unixCC  = Spec{family: familyUnix, cc: true}
	unixLD  = Spec{family: familyUnix}
	wasmLLD = Spec{family: familyWasm}
)

// lldOS are target components whose targets link with rust-lld as lld (Gnu(Cc::No, Lld::Yes)).
var lldOS = map[string]bool{"none": true, "nuttx": true, "hermit": true, "fuchsia": true, "xous": true, "psp": true, "psx": true,
	"sgx": true, "amdhsa": true, "zkvm": true, "freestanding": true, "v5": true}

// namedLinker are targets whose spec names a program other than the rule below would give:
// bare-metal ones with a GCC instead of rust-lld, Linux ones with their own driver.
var namedLinker = map[string]Default{
	"hexagon-unknown-linux-musl": {"hexagon-unknown-linux-musl-clang", gnuCC},
	"x86_64-unikraft-linux-musl": {"kraftld", gnuCC},
	"avr-none":                   {"avr-gcc", gnuCC},
	"msp430-none-elf":            {"msp430-elf-gcc", unixCC},
	"m68k-unknown-none-elf":      {"m68k-linux-gnu-ld", gnuCC},
	"sparc-unknown-none-elf":     {"sparc-elf-gcc", gnuCC},
}

// Target is the default linker and flavor of a built-in target; ok is false when cxlog does
// not know which program the target's spec names (the flavor may still be known). The rules
// are those of rustc 1.95's built-in targets (rustc --print target-spec-json, and
// compiler/rustc_target/src/spec/targets/*.rs); flavor_test.go checks the firmware ones.
func Target(triple string) (d Default, ok bool) {
	parts := strings.Split(triple, "-")
	switch {
	case triple == "":
		return Default{}, false
	case strings.HasPrefix(triple, "bpf"), strings.HasPrefix(triple, "nvptx"):
		return Default{}, false
	case strings.Contains(triple, "-windows-msvc"):
		return Default{"link.exe", Spec{family: familyMsvc}}, true
	case strings.HasSuffix(triple, "-uefi"):
		return Default{"rust-lld", Spec{family: familyMsvc, lld: true}}, true
	case triple == "wasm32-unknown-emscripten":
		return Default{"emcc", Spec{family: familyEmcc}}, true
	case strings.HasPrefix(triple, "wasm32") || strings.HasPrefix(triple, "wasm64"):
		if strings.HasSuffix(triple, "-wasip2") || strings.HasSuffix(triple, "-wasip3") {
			return Default{"wasm-component-ld", wasmLLD}, true
		}
		return Default{"rust-lld", wasmLLD}, true
	case strings.HasPrefix(triple, "xtensa-"):
		chip := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(triple, "xtensa-"), "-none-elf"), "-espidf")
		return Default{"xtensa-" + chip + "-elf-gcc", gnuCC}, true
	case strings.HasSuffix(triple, "-esp-espidf"):
		return Default{"riscv32-esp-elf-gcc", gnuCC}, true
	}
	if d, ok := namedLinker[triple]; ok {
		return d, true
	}
	for _, p := range parts[1:] {
		if lldOS[p] {
			return Default{"rust-lld", gnuLLD}, true
		}
	}
	switch {
	case strings.HasSuffix(triple, "-ibm-aix"):
		return Default{"ld", unixLD}, true
	case strings.HasSuffix(triple, "-l4re-uclibc"):
		return Default{"l4-bender", unixLD}, true
	case strings.Contains(triple, "-solaris"), strings.Contains(triple, "-illumos"):
		return Default{"cc", unixCC}, true
	case strings.Contains(triple, "-apple-"):
		return Default{"cc", Spec{family: familyDarwin, cc: true}}, true
	case strings.Contains(triple, "-linux-"), strings.HasSuffix(triple, "-freebsd"), strings.HasSuffix(triple, "-netbsd"),
		strings.HasSuffix(triple, "-openbsd"), strings.HasSuffix(triple, "-dragonfly"):
		return Default{"cc", gnuCC}, true
	}
	// Other targets (windows-gnu, vxworks, qnx, ...) link through a C driver whose name
	// cxlog does not track.
	return Default{Spec: gnuCC}, false
}
