// Package class holds the root-cause classes of shared/taxonomy.md. The names are a public
// interface (--json output, users' scripts): new classes may be added, none is ever renamed.
package class

// Class is one root-cause class.
type Class string

const (
	LinkerFlavorMismatch   Class = "linker-flavor-mismatch"
	HostLinkerForTarget    Class = "host-linker-for-target"
	LinkerScriptMissing    Class = "linker-script-missing"
	CargoConfigScope       Class = "cargo-config-scope"
	AtomicsUnsupported     Class = "atomics-unsupported"
	TargetStdMissing       Class = "target-std-missing"
	MemoryLayoutOverflow   Class = "memory-layout-overflow"
	DuplicateDefinition    Class = "duplicate-definition"
	VersionMismatch        Class = "version-mismatch"
	LinkerNotFound         Class = "linker-not-found"
	NativeToolMissing      Class = "native-tool-missing"
	BuildPlatformConfusion Class = "build-platform-confusion"
	FlashOrSerialFailure   Class = "flash-or-serial-failure"
	Unknown                Class = "unknown"
)

// All lists every class in the taxonomy's order.
var All = []Class{
	LinkerFlavorMismatch, HostLinkerForTarget, LinkerScriptMissing, CargoConfigScope,
	AtomicsUnsupported, TargetStdMissing, MemoryLayoutOverflow, DuplicateDefinition,
	VersionMismatch, LinkerNotFound, NativeToolMissing, BuildPlatformConfusion,
	FlashOrSerialFailure, Unknown,
}

// Valid reports whether s names a class of the taxonomy.
func Valid(s string) bool {
	for _, c := range All {
		if string(c) == s {
			return true
		}
	}
	return false
}
