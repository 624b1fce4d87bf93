package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/linkerflavor"
)

// FlavorGnuToCDriver: a linker-failure note shows rustc running a C compiler driver with
// lld's -flavor argument.
const FlavorGnuToCDriver ID = "flavor-gnu-to-c-driver"

// Entries of a C driver handed lld's arguments: Nix's host GCC wrapper, or an ARM cross GCC.
const (
	entryGccWrapperFlavor = "gcc-wrapper-receives-flavor-gnu"
	entryArmGccFlavor     = "cross-gcc-linker-for-thumb-gets-lld-args"
)

var flavorEntries = []string{entryGccWrapperFlavor, entryArmGccFlavor}

func flavorEntry(linker, target string) string {
	if strings.HasPrefix(target, "thumb") || strings.HasPrefix(analyze.ToolArch(linker), "arm") {
		return entryArmGccFlavor
	}
	return entryGccWrapperFlavor
}

func init() {
	register(Rule{
		ID: FlavorGnuToCDriver, Class: class.LinkerFlavorMismatch, Severity: High, Score: 92,
		Entries:    flavorEntries,
		Supersedes: []ID{FlavorFromLinkerName},
		Check:      flavorGnuToCDriver,
	})
}

func flavorGnuToCDriver(l *analyze.Log) []Finding {
	var out []Finding
	rejected := rejectedOptionNotes(l, 3)
	seen := map[string]bool{}
	for _, lc := range l.Linkers {
		if lc.Flavor == "" || !linkerflavor.LooksLikeCDriver(lc.Program) || seen[lc.Program] {
			continue
		}
		seen[lc.Program] = true
		ev := append([]Evidence{evidenceAt("bad", lc.Span, fmt.Sprintf("%q \"-flavor\" %q ...", lc.Program, lc.Flavor))}, rejected...)
		out = append(out, Finding{Entry: flavorEntry(lc.Program, crossTarget(l)),
			Message:  fmt.Sprintf("rustc ran the C compiler driver %s as if it were lld. %s", lc.Program, flavorReason(lc.Program)),
			Evidence: ev})
	}
	return out
}

func flavorReason(linker string) string {
	return fmt.Sprintf("rustc guesses a linker's flavor from its file name, and a name such as %q gives it no hint (only gcc, *-gcc, clang, ld, *-ld, ld.lld, rust-lld do), so it keeps the target's default flavor, lld, and passes -flavor gnu and bare linker options (--as-needed, --gc-sections) to what is really a C compiler driver, which rejects them.",
		baseName(linker))
}

// rejectedOptionNotes quotes up to n linker stderr lines that reject an option.
func rejectedOptionNotes(l *analyze.Log, n int) []Evidence {
	var out []Evidence
	for _, d := range l.Diagnostics {
		for i, note := range d.Notes {
			if len(out) == n {
				return out
			}
			if strings.Contains(note, "unrecognized command-line option") || strings.Contains(note, "unrecognized option") {
				out = append(out, Evidence{Side: "bad", File: d.File, Line: noteLine(d, i), Text: note})
			}
		}
	}
	return out
}
