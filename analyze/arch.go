package analyze

import (
	"path"
	"strings"
)

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

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
