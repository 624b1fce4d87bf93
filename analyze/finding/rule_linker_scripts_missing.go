package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// LinkerScriptsMissing: the bad build links a crate without the -T scripts the good one passes.
const LinkerScriptsMissing ID = "linker-scripts-missing"

func init() {
	register(Rule{
		ID: LinkerScriptsMissing, Class: class.LinkerScriptMissing, Severity: High, Score: 80,
		Entries: scriptEntries,
		// the same missing script, with what the working build had
		Supersedes: []ID{BinWithoutLinkerScript, LinkWithoutLinkerScript},
		Diff:       linkerScriptsMissing,
	})
}

func linkerScriptsMissing(c *Comparison) []Finding {
	var out []Finding
	for _, d := range c.Diffs {
		if d.Crate == "" || d.Good == nil || d.Bad == nil || d.Aspect != AspectLinkArgs || !hasScript(d.Removed) {
			continue
		}
		out = append(out, Finding{Crate: d.Crate, Entry: scriptEntry(crateTarget(c, d.Crate)),
			Message:  fmt.Sprintf("The failing build links %s without the linker scripts the working one passes (%s): without them the image lacks its memory layout and entry symbols.", d.Crate, strings.Join(scripts(d.Removed), " ")),
			Evidence: []Evidence{evidenceAt("good", *d.Good, "-C link-arg="+strings.Join(d.Removed, " -C link-arg=")), evidenceAt("bad", *d.Bad, "no -T link args")},
		})
	}
	return out
}

// crateTarget is the target the good build compiled a crate of the differences for.
func crateTarget(c *Comparison, crate string) string {
	for _, d := range c.Diffs {
		if d.Crate == crate && d.Aspect == AspectTargetTrip && len(d.Removed) > 0 {
			return d.Removed[0]
		}
	}
	for _, inv := range c.Good.Invocations {
		if keyOf(inv).String() == crate {
			return inv.Target
		}
	}
	return ""
}
