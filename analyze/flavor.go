package analyze

import (
	"path"
	"strings"
)

// Linker flavors as cxlog reports them.
const (
	FlavorCC   = "cc"  // a C compiler driver (gcc, clang): linker arguments go through -Wl,
	FlavorLLD  = "lld" // lld called directly: rustc passes -flavor gnu first
	FlavorLD   = "ld"  // a plain linker (GNU ld) called directly
	FlavorMSVC = "msvc"
)

// LinkerHint is what rustc infers from a linker's file name (rustc_target's
// infer_linker_hints): the flavor, or "" when the name says nothing and the target's default
// flavor stays.
func LinkerHint(linker string) string {
	base := path.Base(strings.ReplaceAll(linker, `\`, "/"))
	stem := base
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		stem = base[:i] // Path::file_stem: "ld.lld" -> "ld", "gcc.exe" -> "gcc"
	}
	if lhs, rhs, ok := cutLast(stem, "-"); ok && rhs != "" && allDigits(rhs) {
		stem = lhs // "clang-17" -> "clang"
	}
	switch {
	case stem == "emcc" || stem == "gcc" || strings.HasSuffix(stem, "-gcc") || stem == "g++" ||
		strings.HasSuffix(stem, "-g++") || stem == "clang" || strings.HasSuffix(stem, "-clang") ||
		stem == "clang++" || strings.HasSuffix(stem, "-clang++"):
		return FlavorCC
	case stem == "wasm-ld" || strings.HasSuffix(stem, "-wasm-ld") || stem == "ld.lld" || stem == "lld" ||
		stem == "rust-lld" || stem == "lld-link":
		return FlavorLLD
	case stem == "ld" || strings.HasSuffix(stem, "-ld") || stem == "link":
		return FlavorLD
	}
	return ""
}

// TargetDefaultFlavor is the flavor a target uses when no linker hint applies.
func TargetDefaultFlavor(triple string) string {
	switch {
	case triple == "":
		return ""
	case strings.Contains(triple, "-windows-msvc"):
		return FlavorMSVC
	case strings.HasPrefix(triple, "thumb") && strings.Contains(triple, "-none-eabi"),
		strings.HasPrefix(triple, "riscv") && strings.HasSuffix(triple, "-unknown-none-elf"),
		strings.HasPrefix(triple, "aarch64-unknown-none"),
		strings.HasPrefix(triple, "armv7a-none-eabi"), strings.HasPrefix(triple, "armebv7r-none"),
		strings.HasPrefix(triple, "armv7r-none"), strings.HasPrefix(triple, "wasm32-"):
		return FlavorLLD
	}
	return FlavorCC
}

// EffectiveFlavor is the flavor rustc ends up with for a -C linker value on a target: an
// explicit -C linker-flavor wins, then the file-name hint, then the target's default.
func EffectiveFlavor(linker, explicitFlavor, triple string) string {
	switch explicitFlavor {
	case "gcc", "gnu-cc", "gnu-lld-cc", "em":
		return FlavorCC
	case "ld.lld", "gnu-lld", "wasm-ld", "lld-link":
		return FlavorLLD
	case "ld", "gnu":
		return FlavorLD
	case "msvc":
		return FlavorMSVC
	}
	if h := LinkerHint(linker); h != "" {
		return h
	}
	return TargetDefaultFlavor(triple)
}

// LooksLikeCDriver reports whether a program name suggests a C compiler driver even though
// rustc cannot tell from it (cc, x86_64-unknown-linux-gnu-cc, gcc wrappers).
func LooksLikeCDriver(linker string) bool {
	base := path.Base(strings.ReplaceAll(linker, `\`, "/"))
	base = strings.TrimSuffix(base, ".exe")
	return base == "cc" || strings.HasSuffix(base, "-cc") || base == "c++" || strings.HasSuffix(base, "-c++") ||
		LinkerHint(linker) == FlavorCC || strings.Contains(linker, "gcc-wrapper") || strings.Contains(linker, "clang-wrapper")
}

// ToolArch returns the architecture family a linker or compiler path names in its file name
// or Nix store name (x86_64, aarch64, arm, ...), in the terms of TargetArch, or "".
func ToolArch(p string) string {
	for _, a := range []struct{ name, family string }{
		{"x86_64", "x86_64"}, {"aarch64", "aarch64"}, {"i686", "i686"}, {"armv7", "arm"}, {"riscv32", "riscv32"},
		{"riscv64", "riscv64"}, {"xtensa", "xtensa"}, {"arm-none-eabi", "arm"}, {"arm", "arm"},
	} {
		if strings.HasPrefix(path.Base(p), a.name+"-") || strings.Contains(path.Base(p), "-"+a.name+"-") || strings.Contains(p, "-"+a.name+"-") {
			return a.family
		}
	}
	return ""
}

// TargetArch returns the architecture family of a target triple.
func TargetArch(triple string) string {
	switch {
	case strings.HasPrefix(triple, "x86_64"):
		return "x86_64"
	case strings.HasPrefix(triple, "aarch64"):
		return "aarch64"
	case strings.HasPrefix(triple, "i686"), strings.HasPrefix(triple, "i586"):
		return "i686"
	case strings.HasPrefix(triple, "riscv32"):
		return "riscv32"
	case strings.HasPrefix(triple, "riscv64"):
		return "riscv64"
	case strings.HasPrefix(triple, "thumb"), strings.HasPrefix(triple, "arm"):
		return "arm"
	case strings.HasPrefix(triple, "xtensa"):
		return "xtensa"
	}
	return ""
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
