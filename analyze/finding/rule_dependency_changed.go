package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// DependencyChanged: a crate of the build is another version in the failing build. It is the
// likely cause when the failing build stops on that crate or on one that depends on it.
const DependencyChanged ID = "dependency-changed"

func init() {
	register(Rule{
		ID: DependencyChanged, Class: class.VersionMismatch, Severity: Low, Score: 35,
		Fix:  "Pin the working version again (Cargo.toml: the dependency's version, Cargo.lock), or adapt the code to the new version's API.",
		Diff: dependencyChanged,
	})
}

// scoreDependencyOfFailure ranks a changed dependency of the crate that fails above a known
// failure the bad log's errors match (75): the errors are what the new version did.
const scoreDependencyOfFailure = 95

func dependencyChanged(c *Comparison) []Finding {
	var out []Finding
	failing := failingPackages(c.Bad)
	for _, d := range c.Diffs {
		if d.Aspect != AspectCrateVersion || d.Good == nil || d.Bad == nil {
			continue
		}
		pkg := d.Key
		good := Side{Value: strings.Join(d.Removed, ""), Source: SourceManifest, Key: "dependencies." + pkg, File: d.Good.File, Line: d.Good.Start}
		bad := Side{Value: strings.Join(d.Added, ""), Source: SourceManifest, Key: "dependencies." + pkg, File: d.Bad.File, Line: d.Bad.Start}
		f := Finding{Crate: pkg, Changed: []Change{{Setting: pkg, Good: good, Bad: bad}},
			Message:  fmt.Sprintf("%s changed from %s to %s between the builds.", pkg, good.Value, bad.Value),
			Evidence: []Evidence{evidenceAt("good", *d.Good, pkg+" "+good.Value), evidenceAt("bad", *d.Bad, pkg+" "+bad.Value)}}
		if on := failingOn(c.Bad, failing, pkg); on != "" {
			f.Score, f.Severity = scoreDependencyOfFailure, High
			if on == pkg {
				f.Message = fmt.Sprintf("%s changed from %s to %s, and the failing build stops compiling %s %s.", pkg, good.Value, bad.Value, pkg, bad.Value)
			} else {
				f.Message = fmt.Sprintf("%s changed from %s to %s, and the failing build stops on %s, which depends on it: the new version's API is not the one %s was written for.", pkg, good.Value, bad.Value, on, on)
			}
			if errs := c.errorsOnlyInBad(); len(errs) > 0 {
				f.Message += " First error: " + strings.TrimSpace(errs[0].Text[0])
				f.Evidence = append(f.Evidence, evidenceAt("bad", errs[0].Span, strings.TrimSpace(errs[0].Text[0])))
			}
		}
		out = append(out, f)
	}
	return out
}

// failingOn is the failing package that is pkg or links it (--extern), or "".
func failingOn(l *analyze.Log, failing []string, pkg string) string {
	crate := strings.ReplaceAll(pkg, "-", "_")
	for _, f := range failing {
		if f == pkg {
			return f
		}
		inv := rustcOf(l, func(inv *analyze.Invocation) bool { return inv.Package == f })
		if inv == nil {
			continue
		}
		for _, e := range inv.Externs {
			if name, _, _ := strings.Cut(e, "="); name == crate {
				return f
			}
		}
	}
	return ""
}
