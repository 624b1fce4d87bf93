package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// VersionChanged: the Rust toolchain or a Nix package changed version between the builds.
const VersionChanged ID = "version-changed"

func init() {
	register(Rule{
		ID: VersionChanged, Class: class.VersionMismatch, Severity: Low, Score: 40,
		Fix:  "If nothing else explains the failure, pin the working version again and update one thing at a time.",
		Diff: versionChanged,
	})
}

// A Nix package is context; the Rust toolchain (the rule's score) is more often the cause.
const scorePackageChanged = 30

func versionChanged(c *Comparison) []Finding {
	var out []Finding
	for _, d := range c.Diffs {
		if d.Aspect != AspectToolchain && d.Aspect != AspectPackages {
			continue
		}
		score, what := scorePackageChanged, "Nix package"
		if d.Aspect == AspectToolchain {
			score, what = 0, "Rust toolchain"
		}
		ev := []Evidence{}
		if d.Good != nil {
			ev = append(ev, evidenceAt("good", *d.Good, strings.Join(d.Removed, " ")))
		}
		if d.Bad != nil {
			ev = append(ev, evidenceAt("bad", *d.Bad, strings.Join(d.Added, " ")))
		}
		out = append(out, Finding{Score: score, Crate: d.Key,
			Message:  fmt.Sprintf("The %s changed from %s to %s between the builds.", what, strings.Join(d.Removed, " "), strings.Join(d.Added, " ")),
			Evidence: ev})
	}
	return out
}
