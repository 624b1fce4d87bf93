package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// ManifestKeyUnused: cargo warns that the failing build's Cargo.toml has a key it does not
// read (`unused manifest key: build`): configuration such as [build] rustflags was put in the
// manifest, where cargo ignores it, instead of .cargo/config.toml.
const ManifestKeyUnused ID = "manifest-key-unused"

func init() {
	register(Rule{
		ID: ManifestKeyUnused, Class: class.CargoConfigScope, Severity: High, Score: 106,
		Fix:  "Move the table cargo ignores out of Cargo.toml into .cargo/config.toml (for rustflags: [target.<triple>] rustflags or [build] rustflags there).",
		Diff: manifestKeyUnused,
	})
}

func manifestKeyUnused(c *Comparison) []Finding {
	good := map[string]bool{}
	for _, d := range unusedKeys(c.Good) {
		good[unusedKey(d)] = true
	}
	for _, d := range unusedKeys(c.Bad) {
		key := unusedKey(d)
		if good[key] {
			continue
		}
		f := Finding{
			Message:  fmt.Sprintf("cargo ignores %s of Cargo.toml in the failing build (%s): that is configuration, read only from .cargo/config.toml, so it never reached rustc", key, strings.TrimSpace(d.Text[0])),
			Evidence: []Evidence{evidenceAt("bad", d.Span, strings.TrimSpace(d.Text[0]))},
			Changed:  []Change{{Setting: key, Bad: Side{Value: key, Source: SourceManifest, Key: key, File: d.File, Line: d.Start}}},
		}
		if ch, ok := c.focusFlags(); ok && len(ch.removed) > 0 {
			f.Message += fmt.Sprintf("; %s lost %s, which the working build's config gave it", ch.crate, strings.Join(ch.removed, " "))
			f.Changed = append(f.Changed, Change{Setting: "rustflags",
				Good: Side{Value: strings.Join(ch.good.rustflags, " "), Source: SourceConfig, Key: "rustflags", File: ch.good.inv.File, Line: ch.good.inv.Start},
				Bad:  Side{Value: strings.Join(ch.bad.rustflags, " "), Source: SourceRustc, Key: "rustflags", File: ch.bad.inv.File, Line: ch.bad.inv.Start}})
		}
		f.Message += "."
		return []Finding{f}
	}
	return nil
}

func unusedKeys(l *analyze.Log) []*analyze.Diagnostic {
	var out []*analyze.Diagnostic
	for _, d := range l.Diagnostics {
		if len(d.Text) > 0 && strings.Contains(d.Message, "unused manifest key: ") {
			out = append(out, d)
		}
	}
	return out
}

func unusedKey(d *analyze.Diagnostic) string {
	_, k, _ := strings.Cut(d.Message, "unused manifest key: ")
	return "unused manifest key: " + strings.TrimSpace(k)
}
