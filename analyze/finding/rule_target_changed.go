package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// TargetChanged: the build target of a crate or of the cargo command differs between the builds.
const TargetChanged ID = "target-changed"

func init() {
	register(Rule{
		ID: TargetChanged, Class: class.CargoConfigScope, Severity: Medium, Score: 60,
		Fix:  "Pass --target explicitly or check which [build] target the build actually read.",
		Diff: targetChanged,
	})
}

func targetChanged(c *Comparison) []Finding {
	var out []Finding
	for _, d := range c.Diffs {
		if !(d.Aspect == AspectTargetTrip || d.Aspect == AspectCargo && d.Key == "--target") || d.Good == nil || d.Bad == nil {
			continue
		}
		out = append(out, Finding{Crate: d.Crate,
			Message:  fmt.Sprintf("The build target differs (%s): the target cargo built for is not the one the project's config names.", d.Describe()),
			Evidence: []Evidence{evidenceAt("good", *d.Good, strings.Join(d.Removed, " ")), evidenceAt("bad", *d.Bad, strings.Join(d.Added, " "))}})
	}
	return out
}
