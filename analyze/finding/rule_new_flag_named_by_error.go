package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// NewFlagNamedByError: a flag that only the failing build passes to rustc (from a rustflags
// source or a build script) is the one its error names: `unknown argument '-nostartfiles'`
// after a new -C link-arg=-nostartfiles, `cannot find linker script memory.x` after a new
// -Tmemory.x. The flag is the cause; the fix is to remove it where it was added.
const NewFlagNamedByError ID = "new-flag-named-by-error"

func init() {
	register(Rule{
		ID: NewFlagNamedByError, Class: class.CargoConfigScope, Severity: High, Score: 110,
		Fix:  "Remove the added flag where it was added (the source named above); the working build did without it.",
		Diff: newFlagNamedByError,
	})
}

func newFlagNamedByError(c *Comparison) []Finding {
	ch, ok := c.focusFlags()
	if !ok {
		return nil
	}
	for _, added := range [][]string{ch.scriptAdded, ch.added} {
		for _, flag := range added {
			ev, ok := errorNaming(c, flagWord(flag))
			if !ok {
				continue
			}
			f := Finding{Crate: ch.crate, Class: classOfRejection(ev.Text)}
			var bad Side
			var where string
			if o := ch.bad.script[flag]; o != nil {
				bad = Side{Value: o.Value, Source: SourceBuildScript, Key: o.Key, File: o.File, Line: o.Start}
				where = fmt.Sprintf("the build script of %s prints %s", o.Package, o.Text)
				f.Fix = fmt.Sprintf("Remove the line that prints %s from the build script of %s (build.rs), or provide what it points at.", o.Text, o.Package)
			} else {
				var src rustflagsSource
				bad, where, src = addedFlagOrigin(c, ch, flag)
				if !src.found {
					where = unshownRustflagsSource + ": cargo joins the target.<triple>.rustflags arrays of all of them)"
					f.Fix = fmt.Sprintf("Remove %s from the rustflags it was added to; keep the rest (%s).", flag, strings.Join(ch.good.rustflags, " "))
				} else {
					f.Fix = fmt.Sprintf("Remove %s from %s (%s=%s).", flag, src.side.Key, src.side.Key, src.side.Value)
					switch {
					case src.replaces:
						where += ", which replaces the config's rustflags"
					case src.side.Source == SourceEnv:
						where += ", which cargo joins to the config's rustflags"
					}
				}
			}
			f.Message = fmt.Sprintf("%s is new in the failing build for %s: %s; and it is what fails: %s.", flag, ch.crate, where, ev.Text)
			f.Evidence, f.Changed = addedFlagShown(flag, bad, ev)
			return []Finding{f}
		}
	}
	return nil
}

// classOfRejection is the class of an error that names a flag.
func classOfRejection(text string) class.Class {
	switch t := strings.ToLower(text); {
	case strings.Contains(t, "linker script"):
		return class.LinkerScriptMissing
	case strings.Contains(t, "unknown argument"), strings.Contains(t, "unrecognized"), strings.Contains(t, "unknown option"):
		return class.LinkerFlavorMismatch
	}
	return class.CargoConfigScope
}

func describeSource(s Side) string {
	switch s.Source {
	case SourceEnv:
		return fmt.Sprintf("%s in the environment (line %d) added it", s.Key, s.Line)
	case SourceCommandLine:
		return fmt.Sprintf("%s on the cargo command line (line %d) added it", s.Key, s.Line)
	}
	return s.Key + " added it"
}
