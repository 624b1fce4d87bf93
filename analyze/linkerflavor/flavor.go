// Package linkerflavor works out how rustc will run a linker: through a C compiler driver,
// as lld with a -flavor argument, as a bare ld, or as an MSVC-style link.exe. It follows
// rustc's own inference (compiler/rustc_codegen_ssa/src/back/link.rs, linker_and_flavor, and
// compiler/rustc_target/src/spec/mod.rs, LinkerFlavor::with_linker_hints and
// with_cli_hints), as rustc 1.71 and later do it; flavor_test.go names the source of each
// rule and where older rustc differed.
package linkerflavor

import (
	"path"
	"strings"
)

// Flavor is how rustc runs the linker, in the four kinds cxlog tells apart.
type Flavor string

const (
	CC   Flavor = "cc"   // a C compiler driver (gcc, clang) runs the link: linker options go through -Wl,
	LLD  Flavor = "lld"  // lld run directly: rustc passes -flavor gnu (wasm, link, darwin) first
	LD   Flavor = "ld"   // a bare linker run directly, no -flavor argument
	MSVC Flavor = "msvc" // an MSVC-style linker (link.exe)
)

// family is the first part of rustc's LinkerFlavor, fixed by the target: which command-line
// language the linker speaks. A linker's name only changes the Cc and Lld parts.
type family int8

const (
	familyNone   family = iota // rustc has no flavor for it here (bpf, ptx, llbc)
	familyGnu                  // Gnu(Cc, Lld)
	familyDarwin               // Darwin(Cc, Lld)
	familyWasm                 // WasmLld(Cc): always lld
	familyUnix                 // Unix(Cc): never lld
	familyMsvc                 // Msvc(Lld): never a C driver
	familyEmcc                 // EmCc
)

// Spec is one of rustc's internal linker flavors: a family and the Cc and Lld parts.
type Spec struct {
	family  family
	cc, lld bool
}

// Flavor is the kind of run the spec gives.
func (s Spec) Flavor() Flavor {
	switch s.family {
	case familyGnu, familyDarwin:
		switch {
		case s.cc:
			return CC
		case s.lld:
			return LLD
		}
		return LD
	case familyWasm:
		if s.cc {
			return CC
		}
		return LLD
	case familyUnix:
		if s.cc {
			return CC
		}
		return LD
	case familyMsvc:
		if s.lld {
			return LLD
		}
		return MSVC
	case familyEmcc:
		return CC
	}
	return ""
}

// Name is the spec as rustc's -C linker-flavor spells it: the stable names gcc and ld where
// they apply, else the full names (gnu-lld, gnu-lld-cc, wasm-lld, msvc-lld, ...).
func (s Spec) Name() string {
	var name string
	switch s.family {
	case familyGnu:
		if !s.lld && s.cc {
			return "gcc"
		}
		if !s.lld {
			return "ld"
		}
		name = "gnu-lld"
	case familyDarwin:
		name = "darwin"
		if s.lld {
			name += "-lld"
		}
	case familyWasm:
		name = "wasm-lld"
	case familyUnix:
		name = "unix"
	case familyMsvc:
		if s.lld {
			return "msvc-lld"
		}
		return "msvc"
	case familyEmcc:
		return "em-cc"
	default:
		return ""
	}
	if s.cc {
		name += "-cc"
	}
	return name
}

// Program is the linker rustc runs for a spec when neither -C linker nor the target's spec
// names one (linker_and_flavor's infer_from: cc, lld, ld, link.exe or emcc).
func (s Spec) Program() string {
	switch {
	case s.family == familyNone:
		return ""
	case s.family == familyEmcc:
		return "emcc"
	case s.Flavor() == CC:
		return "cc"
	case s.Flavor() == LLD:
		return "lld"
	case s.family == familyMsvc:
		return "link.exe"
	}
	return "ld"
}

// Named is the spec a custom target's JSON linker-flavor names (from_cli_json; the legacy
// gcc and ld read as GNU, as for a target whose linker-is-gnu holds); ok is false for a
// value rustc does not accept or one outside these families (bpf, ptx, llbc).
func Named(value string) (Spec, bool) {
	h, ok := CLIHint(value)
	f := familyNamed(value)
	if !ok || f == familyNone {
		return Spec{}, false
	}
	return Spec{family: f}.With(h), true
}

// familyNamed is the family a linker-flavor name belongs to, familyNone for bpf, ptx, llbc
// and names of no family.
func familyNamed(value string) family {
	switch value {
	case "gcc", "ld", "ld.lld":
		return familyGnu
	case "ld64.lld":
		return familyDarwin
	case "lld-link":
		return familyMsvc
	case "em", "em-cc":
		return familyEmcc
	}
	prefix, _, _ := strings.Cut(value, "-")
	switch prefix {
	case "gnu":
		return familyGnu
	case "darwin":
		return familyDarwin
	case "wasm":
		return familyWasm
	case "unix":
		return familyUnix
	case "msvc":
		return familyMsvc
	}
	return familyNone
}

// Flag is one part of a hint: the name says nothing, yes, or no.
type Flag int8

const (
	Unknown Flag = iota
	Yes
	No
)

// Hint is what a linker's file name or a -C linker-flavor value tells rustc: whether a C
// compiler drives the link (CC) and whether the linker is lld (LLD).
type Hint struct{ CC, LLD Flag }

// None reports whether the hint says nothing, so the target's default flavor stays.
func (h Hint) None() bool { return h.CC == Unknown && h.LLD == Unknown }

// NameHint is rustc's hint from a -C linker value's file name (infer_linker_hints). rustc
// looks at Path::file_stem, so "ld.lld" counts as "ld" and "gcc.sh" as "gcc", then drops a
// trailing -<digits> ("clang-17" is "clang"). Any other name, cc and wrapper scripts among
// them, gives no hint.
func NameHint(linker string) Hint {
	stem := fileStem(linker)
	if i := strings.LastIndexByte(stem, '-'); i >= 0 && allDigits(stem[i+1:]) {
		stem = stem[:i]
	}
	switch {
	case stem == "emcc", stem == "gcc", strings.HasSuffix(stem, "-gcc"), stem == "g++", strings.HasSuffix(stem, "-g++"),
		stem == "clang", strings.HasSuffix(stem, "-clang"), stem == "clang++", strings.HasSuffix(stem, "-clang++"):
		return Hint{Yes, No}
	case stem == "wasm-ld", strings.HasSuffix(stem, "-wasm-ld"), stem == "ld.lld", stem == "lld", stem == "rust-lld", stem == "lld-link":
		return Hint{No, Yes}
	case stem == "ld", strings.HasSuffix(stem, "-ld"), stem == "link":
		return Hint{No, No}
	}
	return Hint{}
}

// CLIHint is rustc's hint from a -C linker-flavor value (infer_cli_hints), ok false for a
// value rustc does not accept.
func CLIHint(value string) (Hint, bool) {
	switch value {
	case "gcc":
		return Hint{Yes, Unknown}, true
	case "ld":
		return Hint{No, No}, true
	case "ld.lld", "ld64.lld", "lld-link", "wasm-ld":
		return Hint{No, Yes}, true
	case "em", "em-cc":
		return Hint{Yes, Yes}, true
	case "gnu", "darwin":
		return Hint{No, No}, true
	case "gnu-lld", "darwin-lld", "wasm-lld":
		return Hint{No, Yes}, true
	case "gnu-cc", "darwin-cc":
		return Hint{Yes, No}, true
	case "gnu-lld-cc", "darwin-lld-cc", "wasm-lld-cc":
		return Hint{Yes, Yes}, true
	case "unix":
		return Hint{No, Unknown}, true
	case "unix-cc":
		return Hint{Yes, Unknown}, true
	case "msvc":
		return Hint{No, No}, true
	case "msvc-lld":
		return Hint{No, Yes}, true
	case "bpf", "ptx", "llbc":
		return Hint{}, true
	}
	return Hint{}, false
}

// With is the spec a hint turns this one into (with_hints): each family keeps the parts it
// has, so a C driver's name changes nothing for an MSVC target and lld's nothing for wasm.
func (s Spec) With(h Hint) Spec {
	setCC, setLLD := false, false
	switch s.family {
	case familyGnu, familyDarwin:
		setCC, setLLD = true, true
	case familyWasm, familyUnix:
		setCC = true
	case familyMsvc:
		setLLD = true
	}
	if setCC && h.CC != Unknown {
		s.cc = h.CC == Yes
	}
	if setLLD && h.LLD != Unknown {
		s.lld = h.LLD == Yes
	}
	return s
}

// Resolve is the spec rustc uses on a target given its -C linker and -C linker-flavor values
// (either may be ""): an accepted -C linker-flavor wins, then the linker's name, then the
// target's default. Its Flavor is "" for a target cxlog has no default for ("").
func Resolve(linker, cliFlavor, triple string) Spec {
	d, _ := Target(triple)
	return d.Spec.Resolve(linker, cliFlavor)
}

// Resolve is the spec rustc uses on a target whose own flavor is s, given its -C linker and
// -C linker-flavor values (either may be ""): an accepted -C linker-flavor wins, then the
// linker's name. The target's own linker gives no hint: rustc pairs it with s as it is.
func (s Spec) Resolve(linker, cliFlavor string) Spec {
	if h, ok := CLIHint(cliFlavor); ok {
		return s.With(h)
	}
	if linker != "" {
		return s.With(NameHint(linker))
	}
	return s
}

// FlavorArg is the -flavor value rustc passes first when it runs lld directly (gnu, darwin,
// wasm, link), "" when it does not.
func (s Spec) FlavorArg() string {
	if s.Flavor() != LLD {
		return ""
	}
	switch s.family {
	case familyGnu:
		return "gnu"
	case familyDarwin:
		return "darwin"
	case familyWasm:
		return "wasm"
	case familyMsvc:
		return "link"
	}
	return ""
}

// TargetDefault is the flavor of a target when nothing is configured, "" when unknown.
func TargetDefault(triple string) Flavor {
	d, _ := Target(triple)
	return d.Spec.Flavor()
}

// LooksLikeCDriver reports whether a program name suggests a C compiler driver, whether or
// not rustc can tell from it (cc, x86_64-unknown-linux-gnu-cc, gcc wrappers, gcc, clang).
func LooksLikeCDriver(linker string) bool {
	base := strings.TrimSuffix(baseName(linker), ".exe")
	return base == "cc" || strings.HasSuffix(base, "-cc") || base == "c++" || strings.HasSuffix(base, "-c++") ||
		NameHint(linker).CC == Yes || strings.Contains(linker, "gcc-wrapper") || strings.Contains(linker, "clang-wrapper")
}

// baseName is the last element of a path written with / or \.
func baseName(p string) string {
	return path.Base(strings.ReplaceAll(p, `\`, "/"))
}

// fileStem is Rust's Path::file_stem: the file name up to its last dot, unless the dot
// starts the name.
func fileStem(p string) string {
	base := baseName(p)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return base[:i]
	}
	return base
}

// allDigits is rustc's chars().all(char::is_numeric) on ASCII: true for "".
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
