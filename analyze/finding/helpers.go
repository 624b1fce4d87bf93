package finding

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/linkerflavor"
)

// What the rules share: how cargo spells flags and environment keys, what a host tool is,
// which targets link with lld by default.

const precedenceRule = "cargo takes rustflags from the first source present, CARGO_ENCODED_RUSTFLAGS, then RUSTFLAGS, then target.<triple>.rustflags, then build.rustflags, and merges nothing"

func isAtomicCfg(s string) bool { return strings.HasPrefix(s, "target_has_atomic") }

func flagSpelling(aspect, v string) string {
	switch aspect {
	case AspectTargetTrip:
		return "--target " + v
	case AspectLinkArgs:
		return "-C link-arg=" + v
	case AspectFeatures:
		return "-C target-feature=" + v
	case AspectCfgs:
		return "--cfg " + v
	case AspectCodegen:
		return "-C " + v
	}
	return v
}

func hasScript(args []string) bool { return len(scripts(args)) > 0 }

// scripts are the linker-script arguments of a link: -Tlink.x, memory.x, *.ld.
func scripts(args []string) []string {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "-T") || strings.HasSuffix(a, ".x") || strings.HasSuffix(a, ".ld") {
			out = append(out, a)
		}
	}
	return out
}

// Entries for a link without its scripts: riscv-rt style runtimes fail on undefined symbols,
// cortex-m-rt images link empty.
const (
	entryRiscvScriptMissing = "riscv-rt-symbols-undefined-without-link-script"
	entryArmScriptMissing   = "image-linked-without-linker-script-is-empty"
)

var scriptEntries = []string{entryRiscvScriptMissing, entryArmScriptMissing}

func scriptEntry(target string) string {
	if strings.HasPrefix(target, "thumb") || strings.HasPrefix(target, "arm") {
		return entryArmScriptMissing
	}
	return entryRiscvScriptMissing
}

func anyAtomic(lists ...[]string) bool {
	for _, l := range lists {
		for _, s := range l {
			if isAtomicCfg(s) {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// targetLinkerKey returns the triple of a CARGO_TARGET_<TRIPLE>_LINKER key, lower-cased with
// dashes (the form rustc knows), or "".
func targetLinkerKey(key string) string {
	t, ok := strings.CutPrefix(key, "CARGO_TARGET_")
	if !ok {
		return ""
	}
	t, ok = strings.CutSuffix(t, "_LINKER")
	if !ok {
		return ""
	}
	return tripleFromEnv(t)
}

// tripleFromEnv turns RISCV32IMC_UNKNOWN_NONE_ELF back into riscv32imc-unknown-none-elf.
// x86_64 keeps its underscore.
func tripleFromEnv(t string) string {
	t = strings.ToLower(t)
	t = strings.ReplaceAll(t, "x86_64", "x86#64")
	t = strings.ReplaceAll(t, "_", "-")
	t = strings.ReplaceAll(t, "x86#64", "x86_64")
	// the dots of thumbv8m.main-none-eabi and thumbv8.1m.main-none-eabi
	t = strings.Replace(t, "thumbv8-1m-", "thumbv8.1m-", 1)
	for _, sub := range []string{"-main-", "-base-"} {
		if arch, rest, ok := strings.Cut(t, sub); ok && strings.HasPrefix(arch, "thumbv8") && !strings.Contains(arch, "-") {
			t = arch + "." + sub[1:] + rest
		}
	}
	return t
}

// hostToolForTarget reports whether a linker or compiler path is built for another architecture
// than the target's (an x86_64 GCC for a RISC-V target). lld is multi-target and never counts.
func hostToolForTarget(tool, triple string) bool {
	if tool == "" || triple == "" || linkerflavor.NameHint(tool).LLD == linkerflavor.Yes || strings.Contains(tool, "lld") {
		return false
	}
	ta, arch := analyze.TargetArch(triple), analyze.ToolArch(tool)
	return ta != "" && arch != "" && arch != ta && !strings.HasPrefix(ta, arch)
}

// getsFlavorGnu reports whether rustc, given this linker and -C linker-flavor value ("" when
// none) for this target, calls a C compiler driver with lld's -flavor argument.
func getsFlavorGnu(linker, cliFlavor, triple string) bool {
	return linkerflavor.LooksLikeCDriver(linker) && linkerflavor.Resolve(linker, cliFlavor, triple).FlavorArg() == "gnu"
}

// bareMetalLLD reports whether a target is a bare-metal one (its OS is none) that links with
// lld by default: firmware whose runtime crate supplies the linker script.
func bareMetalLLD(triple string) bool {
	if linkerflavor.TargetDefault(triple) != linkerflavor.LLD || strings.HasPrefix(triple, "wasm") {
		return false
	}
	parts := strings.Split(triple, "-")
	return slices.Contains(parts[1:], "none") && !slices.Contains(parts, "linux")
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// noteLine is the line of a diagnostic's i-th note.
func noteLine(d *analyze.Diagnostic, i int) int {
	if i < len(d.NoteLines) {
		return d.NoteLines[i]
	}
	return d.Start
}

// crossTarget is the bare-metal or wasm target linked with lld by default a log builds for,
// or "" (wasm32-unknown-emscripten links with emcc).
func crossTarget(l *analyze.Log) string {
	for _, inv := range l.Invocations {
		if lldCrossTarget(inv.Target) {
			return inv.Target
		}
	}
	for _, c := range l.Cargo {
		if lldCrossTarget(c.Target) {
			return c.Target
		}
	}
	return ""
}

func lldCrossTarget(triple string) bool {
	return bareMetalLLD(triple) || (strings.HasPrefix(triple, "wasm") && linkerflavor.TargetDefault(triple) == linkerflavor.LLD)
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
