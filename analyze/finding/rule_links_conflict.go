package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// LinksConflict: cargo refuses the failing build's dependency graph because two packages
// declare the same `links = "name"` in their manifests (a native library, often a -sys crate
// or a HAL's linker-script crate, that may be linked only once), so no crate is compiled. The
// usual change: a new dependency, or another version of one, that brings a second copy. When
// cargo was choosing versions ("failed to select a version"), the two are versions of one
// package that the project and a dependency require differently: a version mismatch.
const LinksConflict ID = "links-conflict"

func init() {
	register(Rule{
		ID: LinksConflict, Class: class.DuplicateDefinition, Severity: High, Score: 90,
		Fix: "Find the two packages that link the library (`cargo tree -i <package>` on each candidate, or `cargo tree -e normal,build` " +
			"and look for the links name) and keep one: drop the new dependency, or align versions so that both dependents use the same copy.",
		Diff: linksConflict,
	})
}

// linksShapes are the ways cargo words the conflict, with the text after which it names the
// library: resolving with a lock file (cargo 1.65), and without one (older and newer cargo).
var linksShapes = []struct{ marker, end string }{
	{"more than one crate with links=", "."},
	{"links to the native library `", "`"},
	{"multiple packages link to native library `", "`"},
}

func linksConflict(c *Comparison) []Finding {
	errs := c.errorsOnlyInBad()
	for _, d := range errs {
		for i, t := range d.Text {
			lib, ok := linksName(t)
			if !ok {
				continue
			}
			text := strings.TrimSpace(t)
			f := Finding{
				Message: fmt.Sprintf("cargo refuses the failing build's dependency graph: two packages declare links = %q in their Cargo.toml, "+
					"and cargo lets only one package link a native library, so nothing was compiled (%s). "+
					"The working build's graph did not have both: a dependency that is new, or of another version, in the failing build brings one of them.", lib, text),
				Evidence: []Evidence{{Side: "bad", File: d.File, Line: d.TextLine(i), Text: text}},
				Changed:  []Change{{Setting: "links = " + lib, Bad: Side{Value: lib, Source: SourceLog, Key: "package.links", File: d.File, Line: d.TextLine(i)}}},
			}
			if sel, ok := selectingVersion(errs); ok {
				// the resolver was choosing versions: two semver-incompatible copies of one
				// package (or of two that wrap one library) are asked for
				f.Class = class.VersionMismatch
				f.Message = fmt.Sprintf("cargo cannot choose versions for the failing build (%s): the versions its dependencies require would put two packages "+
					"with links = %q in the graph (%s), and only one package may link a native library. Typically two semver-incompatible versions of one "+
					"-sys or runtime crate, required by the project and by a dependency that is new or of another version.", sel.Message, lib, text)
				f.Evidence = append([]Evidence{{Side: "bad", File: sel.File, Line: sel.Start, Text: strings.TrimSpace(sel.Text[0])}}, f.Evidence...)
				f.Fix = "Align the versions: make the project ask for the version of the package its dependencies use, or upgrade the dependency " +
					"(`cargo tree -i <package>` shows who requires which); only one version of a package with `links` can be in the graph."
			}
			return []Finding{f}
		}
	}
	return nil
}

// selectingVersion is cargo's "failed to select a version for `x`." among the new errors.
func selectingVersion(errs []*analyze.Diagnostic) (*analyze.Diagnostic, bool) {
	for _, d := range errs {
		if strings.HasPrefix(d.Message, "failed to select a version for ") && len(d.Text) > 0 {
			return d, true
		}
	}
	return nil, false
}

func linksName(t string) (string, bool) {
	for _, s := range linksShapes {
		_, rest, ok := strings.Cut(t, s.marker)
		if !ok {
			continue
		}
		if name, _, ok := strings.Cut(rest, s.end); ok && name != "" {
			return name, true
		}
		if name := strings.TrimSpace(rest); name != "" {
			return name, true
		}
	}
	return "", false
}
