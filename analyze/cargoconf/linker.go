package cargoconf

import (
	"path/filepath"
	"regexp"
	"strings"
)

// Linker flavors, as rustc names them.
const (
	FlavorGcc  = "gcc"     // a C compiler driver (gcc, clang) runs the link
	FlavorLd   = "ld"      // a plain ld-style linker
	FlavorLld  = "gnu-lld" // lld without a driver: rustc passes -flavor gnu first
	FlavorMsvc = "msvc"
)

// targetDefault is what a built-in target's spec says when nothing is configured.
type targetDefault struct {
	linker, flavor string
}

// defaultFor knows the built-in targets firmware builds use; ok is false for a target
// doctor has no spec for. Sources: rustc's compiler/rustc_target/src/spec/targets/*.rs.
func defaultFor(triple string) (targetDefault, bool) {
	switch {
	case strings.HasPrefix(triple, "riscv32") && strings.HasSuffix(triple, "-unknown-none-elf"),
		strings.HasPrefix(triple, "riscv64") && strings.HasSuffix(triple, "-unknown-none-elf"),
		strings.HasPrefix(triple, "thumbv") && strings.Contains(triple, "-none-eabi"),
		strings.HasPrefix(triple, "aarch64-unknown-none"):
		return targetDefault{"rust-lld", FlavorLld}, true
	case strings.HasPrefix(triple, "xtensa-"):
		return targetDefault{strings.TrimSuffix(strings.TrimPrefix(triple, "xtensa-"), "-none-elf") + "-elf-gcc", FlavorGcc}, true
	case strings.Contains(triple, "-linux-"), strings.HasSuffix(triple, "-freebsd"), strings.HasSuffix(triple, "-netbsd"):
		return targetDefault{"cc", FlavorGcc}, true
	case strings.Contains(triple, "-apple-"):
		return targetDefault{"cc", FlavorGcc}, true
	case strings.HasSuffix(triple, "-windows-msvc"):
		return targetDefault{"link.exe", FlavorMsvc}, true
	}
	return targetDefault{}, false
}

var trailingVersion = regexp.MustCompile(`-[0-9]+(\.[0-9]+)*$`)

// flavorHint is the flavor rustc infers from a linker's file name, "" when the name gives
// no hint (then the target's default flavor stays). rustc looks at the file stem with a
// trailing -<number> dropped (rustc_target spec/mod.rs, infer_linker_hints; PR #113631).
func flavorHint(linker string) string {
	stem := strings.TrimSuffix(filepath.Base(linker), ".exe")
	stem = trailingVersion.ReplaceAllString(stem, "")
	switch {
	case stem == "gcc", strings.HasSuffix(stem, "-gcc"), stem == "g++", strings.HasSuffix(stem, "-g++"),
		stem == "clang", strings.HasSuffix(stem, "-clang"), stem == "clang++", strings.HasSuffix(stem, "-clang++"),
		stem == "emcc":
		return FlavorGcc
	case stem == "ld.lld", stem == "lld", stem == "rust-lld", stem == "wasm-ld", strings.HasSuffix(stem, "-wasm-ld"), stem == "lld-link":
		return FlavorLld
	case stem == "ld", strings.HasSuffix(stem, "-ld"), stem == "link":
		return FlavorLd
	}
	return ""
}

// linkerScripts are the -T scripts rustflags pass to the linker, in order.
func linkerScripts(flags []string) []string {
	var out []string
	add := func(arg string) {
		if s, ok := strings.CutPrefix(arg, "-T"); ok && s != "" {
			out = append(out, s)
		}
	}
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		var opt string
		switch {
		case f == "-C" && i+1 < len(flags):
			opt = flags[i+1]
			i++
		case strings.HasPrefix(f, "-C"):
			opt = f[2:]
		case strings.HasPrefix(f, "--codegen="):
			opt = f[len("--codegen="):]
		default:
			continue
		}
		if v, ok := strings.CutPrefix(opt, "link-arg="); ok {
			add(v)
		} else if v, ok := strings.CutPrefix(opt, "link-args="); ok {
			for _, w := range strings.Fields(v) {
				add(w)
			}
		}
	}
	return out
}
