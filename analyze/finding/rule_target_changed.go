package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// TargetChanged: the build target of a crate or of the cargo command differs between the builds.
// A build for another triple explains every flag that vanished with it (the [target.<triple>]
// tables of the config stop applying), so it ranks above them.
const TargetChanged ID = "target-changed"

func init() {
	register(Rule{
		ID: TargetChanged, Class: class.CargoConfigScope, Severity: Medium, Score: 60,
		Fix:  "Pass --target explicitly or check which [build] target the build actually read.",
		Diff: targetChanged,
	})
}

// scoreTripleChanged ranks a build for another explicit triple above the flags it dropped.
const scoreTripleChanged = 105

func targetChanged(c *Comparison) []Finding {
	var out []Finding
	lost := lostFlags(c)
	for _, d := range c.Diffs {
		if !(d.Aspect == AspectTargetTrip || d.Aspect == AspectCargo && d.Key == "--target") || d.Good == nil || d.Bad == nil {
			continue
		}
		f := Finding{Crate: d.Crate,
			Message:  fmt.Sprintf("The build target differs (%s): the target cargo built for is not the one the project's config names.", d.Describe()),
			Evidence: []Evidence{evidenceAt("good", *d.Good, strings.Join(d.Removed, " ")), evidenceAt("bad", *d.Bad, strings.Join(d.Added, " "))}}
		if len(d.Removed) == 1 && len(d.Added) == 1 {
			good, bad := targetSide(c.Good, d.Removed[0], *d.Good), targetSide(c.Bad, d.Added[0], *d.Bad)
			f.Score, f.Severity = scoreTripleChanged, High
			f.Changed = []Change{{Setting: "--target", Good: good, Bad: bad}}
			f.Message = fmt.Sprintf("The failing build is for %s (%s), the working one for %s (%s): everything of [target.%s] in the config (its rustflags, such as linker scripts, and its linker) stops applying, which explains the flags that vanished%s.",
				d.Added[0], sourceWords(bad), d.Removed[0], sourceWords(good), d.Removed[0], lost[d.Crate])
			f.Fix = fmt.Sprintf("Build for %s again (drop the --target %s / CARGO_BUILD_TARGET that changed it), or give [target.%s] the settings the new target needs.", d.Removed[0], d.Added[0], d.Added[0])
		}
		out = append(out, f)
	}
	return out
}

// targetSide says where a build's target came from: --target on its cargo command line, or
// CARGO_BUILD_TARGET, or else a config's build.target.
func targetSide(l *analyze.Log, triple string, at analyze.Span) Side {
	for _, cmd := range l.Cargo {
		if cmd.Target == triple {
			return Side{Value: triple, Source: SourceCommandLine, Key: "--target", File: cmd.File, Line: cmd.Start}
		}
	}
	if e, ok := l.EnvValue("CARGO_BUILD_TARGET"); ok && e.Value == triple {
		return Side{Value: triple, Source: SourceEnv, Key: e.Original, File: l.Name, Line: e.Line}
	}
	return Side{Value: triple, Source: SourceConfig, Key: "build.target", File: at.File, Line: at.Start}
}

func sourceWords(s Side) string {
	switch s.Source {
	case SourceCommandLine:
		return fmt.Sprintf("--target on the cargo command line, line %d", s.Line)
	case SourceEnv:
		return fmt.Sprintf("%s in the environment, line %d", s.Key, s.Line)
	}
	return "build.target of the config"
}

// lostFlags lists the link arguments each crate lost with the target, as ": -C link-arg=-Tlink.x"
// (in one pass: a build moved to another triple has a target difference for every crate).
func lostFlags(c *Comparison) map[string]string {
	lost := map[string]string{}
	for _, d := range c.Diffs {
		if d.Aspect != AspectLinkArgs {
			continue
		}
		for _, r := range d.Removed {
			if lost[d.Crate] == "" {
				lost[d.Crate] = ":"
			}
			lost[d.Crate] += " " + flagSpelling(d.Aspect, r)
		}
	}
	return lost
}
