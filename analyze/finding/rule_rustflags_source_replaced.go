package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// RustflagsSourceReplaced: the failing build's rustflags are another set than the working
// build's: flags of the config vanished and others came instead. cargo takes rustflags from one
// source (CARGO_ENCODED_RUSTFLAGS, RUSTFLAGS, the target.<triple>/<cfg> rustflags, which join,
// build.rustflags) and merges nothing else, so a new source displaced the old one. The finding
// names the source that won when the log shows it, what it brought and what it displaced.
const RustflagsSourceReplaced ID = "rustflags-source-replaced"

func init() {
	register(Rule{
		ID: RustflagsSourceReplaced, Class: class.CargoConfigScope, Severity: High, Score: 102,
		// Its fix is made for the source that won (keeping both sets of flags), so it cites no
		// entry: rustflags-env-set carries the RUSTFLAGS entry for cxlog fix.
		Fix:  "Put the displaced flags into the rustflags source that now wins, or remove that source so the config's rustflags apply again.",
		Diff: rustflagsSourceReplaced,
	})
}

func rustflagsSourceReplaced(c *Comparison) []Finding {
	ch, ok := c.focusFlags()
	if !ok || len(ch.removed) == 0 || len(ch.added) == 0 {
		return nil
	}
	triple := ch.bad.inv.Target
	src := sourceOfRustflags(c, triple)
	good := Side{Value: strings.Join(ch.good.rustflags, " "), Source: SourceConfig, Key: "target." + triple + ".rustflags or build.rustflags",
		File: ch.good.inv.File, Line: ch.good.inv.Start}
	bad := Side{Value: strings.Join(ch.bad.rustflags, " "), Source: SourceRustc, Key: "rustflags", File: ch.bad.inv.File, Line: ch.bad.inv.Start}
	brought, displaced := strings.Join(ch.added, " "), strings.Join(ch.removed, " ")
	var msg, fix string
	if src.found {
		bad.Source, bad.Key = src.side.Source, src.side.Key
		good.Key = src.displaced
		if good.Key == "" {
			good.Key = "target." + triple + ".rustflags or build.rustflags"
		}
		msg = fmt.Sprintf("%s (%s, line %d) won over %s: cargo takes rustflags from one source and merges nothing else, so the failing build's %s got %s and lost %s.",
			src.side.Key, src.side.Source, src.side.Line, good.Key, ch.crate, brought, displaced)
		fix = fmt.Sprintf("Keep both: set %s to %q (its flags and the displaced ones), or unset %s so %s applies again; a flag meant for this target alone belongs in [target.%s] rustflags of .cargo/config.toml, next to the others.",
			src.side.Key, strings.TrimSpace(brought+" "+displaced), src.side.Key, good.Key, triple)
	} else {
		msg = fmt.Sprintf("The failing build's rustflags for %s are another set: %s came and %s went. cargo takes rustflags from one source (CARGO_ENCODED_RUSTFLAGS, then RUSTFLAGS, then the target.<triple> and target.<cfg> rustflags, which join, then build.rustflags) and merges nothing else, so a source the log does not show (most often RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS in the environment) displaced the one that brought %s.",
			ch.crate, brought, displaced, displaced)
		fix = fmt.Sprintf("Find the source that now wins (env | grep RUSTFLAGS; CARGO_TARGET_*_RUSTFLAGS) and either add %s to it or remove it so the config's rustflags apply again.", displaced)
	}
	return []Finding{{Crate: ch.crate, Message: msg, Fix: fix,
		Changed: []Change{{Setting: "rustflags", Good: good, Bad: bad}},
		Evidence: []Evidence{
			{Side: "good", File: good.File, Line: good.Line, Text: "rustc gets " + displaced},
			{Side: "bad", File: bad.File, Line: bad.Line, Text: "rustc gets " + brought + " instead"},
		}}}
}
