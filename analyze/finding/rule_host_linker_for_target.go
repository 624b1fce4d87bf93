package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// HostLinkerForTarget: the linker of a cross target (CARGO_TARGET_<TRIPLE>_LINKER, -C linker)
// is a tool built for another architecture.
const HostLinkerForTarget ID = "host-linker-for-target"

const entryHostLinkerEnv = "nix-target-linker-env-is-host-gcc"

func init() {
	register(Rule{
		ID: HostLinkerForTarget, Class: class.HostLinkerForTarget, Severity: High, Score: 85,
		Entries: []string{entryHostLinkerEnv},
		Check:   hostLinkerForTarget,
	})
}

func hostLinkerForTarget(l *analyze.Log) []Finding {
	var out []Finding
	for _, e := range l.Env {
		if t := targetLinkerKey(e.Key); t != "" && hostToolForTarget(e.Value, t) {
			out = append(out, Finding{Message: hostLinkerMessage(e.Original, e.Value, t),
				Evidence: []Evidence{{Side: "bad", File: l.Name, Line: e.Line, Text: e.Original + "=" + e.Value}}})
		}
	}
	for _, inv := range l.Invocations {
		if hostToolForTarget(inv.Linker, inv.Target) {
			out = append(out, Finding{Crate: inv.CrateName, Message: hostLinkerMessage("-C linker", inv.Linker, inv.Target),
				Evidence: []Evidence{evidenceAt("bad", inv.Span, "-C linker="+inv.Linker)}})
		}
	}
	return out
}

func hostLinkerMessage(what, tool, triple string) string {
	return fmt.Sprintf("%s points the %s target at %s, a %s toolchain: the host's compiler and linker are used to link a %s image.",
		what, triple, tool, analyze.ToolArch(tool), analyze.TargetArch(triple))
}
