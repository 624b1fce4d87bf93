package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/linkerflavor"
)

// FlavorFromLinkerName: the linker named for an lld-default target is a C driver whose name
// gives rustc no hint, so rustc will hand it lld's arguments.
const FlavorFromLinkerName ID = "flavor-from-linker-name"

func init() {
	register(Rule{
		ID: FlavorFromLinkerName, Class: class.LinkerFlavorMismatch, Severity: High, Score: 90,
		Entries: flavorEntries,
		Check:   flavorFromLinkerName,
		Diff:    flavorLinkerEnvChanged,
	})
}

func flavorMessage(linker, cliFlavor, triple string) string {
	reason := flavorReason(linker)
	if _, ok := linkerflavor.CLIHint(cliFlavor); ok && cliFlavor != "" {
		reason = fmt.Sprintf("-C linker-flavor=%s tells rustc that %q is lld run directly, so it passes -flavor gnu and bare linker options (--as-needed, --gc-sections) to what is really a C compiler driver, which rejects them.",
			cliFlavor, baseName(linker))
	}
	return fmt.Sprintf("rustc is told to link %s with %s. %s", triple, linker, reason)
}

func flavorFromLinkerName(l *analyze.Log) []Finding {
	var out []Finding
	for _, inv := range l.Invocations {
		if inv.Linker != "" && getsFlavorGnu(inv.Linker, inv.LinkerFlavor, inv.Target) {
			out = append(out, Finding{Crate: inv.CrateName, Entry: flavorEntry(inv.Linker, inv.Target),
				Message: flavorMessage(inv.Linker, inv.LinkerFlavor, inv.Target), Evidence: []Evidence{evidenceAt("bad", inv.Span, "-C linker="+inv.Linker)}})
		}
	}
	for _, e := range l.Env {
		if t := targetLinkerKey(e.Key); t != "" && getsFlavorGnu(e.Value, "", t) {
			out = append(out, Finding{Entry: flavorEntry(e.Value, t),
				Message: flavorMessage(e.Value, "", t), Evidence: []Evidence{{Side: "bad", File: l.Name, Line: e.Line, Text: e.Original + "=" + e.Value}}})
		}
	}
	return out
}

// flavorLinkerEnvChanged: CARGO_TARGET_<TRIPLE>_LINKER appeared or changed in the bad build and
// names such a C driver (one for the target: a host one is linker-env-host-toolchain).
func flavorLinkerEnvChanged(c *Comparison) []Finding {
	var out []Finding
	for _, ch := range linkerEnvChanges(c.Diffs) {
		if !hostToolForTarget(ch.value, ch.target) && getsFlavorGnu(ch.value, "", ch.target) {
			out = append(out, Finding{Entry: flavorEntry(ch.value, ch.target),
				Message: ch.key + " " + ch.state + ". " + flavorMessage(ch.value, "", ch.target), Evidence: []Evidence{ch.evidence}})
		}
	}
	return out
}

// linkerEnvChange is a CARGO_TARGET_<TRIPLE>_LINKER that is new or changed in the bad build.
type linkerEnvChange struct {
	key, target, value, state string
	evidence                  Evidence
}

func linkerEnvChanges(diffs []Difference) []linkerEnvChange {
	var out []linkerEnvChange
	for _, d := range diffs {
		t := targetLinkerKey(d.Key)
		if d.Aspect != AspectEnv || t == "" || len(d.Added) == 0 || d.Bad == nil {
			continue
		}
		ch := linkerEnvChange{key: d.Key, target: t, state: "is new in the failing build",
			evidence: Evidence{Side: "bad", File: d.Bad.File, Line: d.Bad.Start, Text: d.Added[0]}}
		_, ch.value, _ = strings.Cut(d.Added[0], "=")
		if len(d.Removed) > 0 {
			ch.state = "changed (working build: " + d.Removed[0] + ")"
		}
		out = append(out, ch)
	}
	return out
}
