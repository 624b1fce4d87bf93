package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// BinWithoutLinkerScript: a bare-metal binary is compiled without any -T linker script.
const BinWithoutLinkerScript ID = "bin-without-linker-script"

func init() {
	register(Rule{
		ID: BinWithoutLinkerScript, Class: class.LinkerScriptMissing, Severity: Medium, Score: 50,
		Entries: scriptEntries,
		Check:   binWithoutLinkerScript,
	})
}

func binWithoutLinkerScript(l *analyze.Log) []Finding {
	var out []Finding
	for _, inv := range l.Invocations {
		if inv.Kind != analyze.KindRustc || !contains(inv.CrateTypes, "bin") || !bareMetalLLD(inv.Target) {
			continue
		}
		if hasScript(inv.LinkArgs) {
			continue
		}
		out = append(out, Finding{Crate: inv.CrateName, Entry: scriptEntry(inv.Target),
			Message:  fmt.Sprintf("The firmware binary %s for %s is linked without any -T linker script: it may link at a wrong address and never boot.", inv.CrateName, inv.Target),
			Evidence: []Evidence{evidenceAt("bad", inv.Span, "rustc --crate-type bin --target "+inv.Target+" (no -C link-arg=-T...)")}})
	}
	return out
}
