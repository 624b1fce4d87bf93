package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// ConfigFlagsMissing: a group of flags that a .cargo/config.toml typically adds (linker scripts,
// target features, atomics cfgs, frame pointers) is missing together from the bad build.
const ConfigFlagsMissing ID = "config-flags-missing"

const (
	entryNixTargetRustflags = "nix-cross-target-rustflags-shadow-build-rustflags"
	entryRustflagsEnv       = "rustflags-env-overrides-config"
	entryConfigNotRead      = "build-target-missing-builds-for-host"
)

func init() {
	register(Rule{
		ID: ConfigFlagsMissing, Class: class.CargoConfigScope, Severity: High, Score: 100,
		Entries:    []string{entryNixTargetRustflags, entryRustflagsEnv, entryConfigNotRead},
		Supersedes: []ID{LinkerScriptsMissing, AtomicsFlagsChanged, TargetChanged},
		Diff:       configFlagsMissing,
	})
}

// configGroup is what one crate lost: the flags a config adds, by aspect, and what only the
// environment adds instead.
type configGroup struct {
	missing, extra []string
	aspects        map[string]bool
	good, bad      *analyze.Span
}

// configGroups collects each crate's missing config flags, in the order of the differences.
func configGroups(diffs []Difference) (map[string]*configGroup, []string) {
	byCrate := map[string]*configGroup{}
	var order []string
	for _, d := range diffs {
		if d.Crate == "" || d.Good == nil || d.Bad == nil {
			continue
		}
		g := byCrate[d.Crate]
		if g == nil {
			g = &configGroup{aspects: map[string]bool{}, good: d.Good, bad: d.Bad}
			byCrate[d.Crate] = g
			order = append(order, d.Crate)
		}
		for _, r := range d.Removed {
			switch {
			case d.Aspect == AspectTargetTrip && len(d.Added) == 0,
				d.Aspect == AspectLinkArgs,
				d.Aspect == AspectFeatures && strings.HasPrefix(r, "+"),
				d.Aspect == AspectCfgs && isAtomicCfg(r),
				d.Aspect == AspectCodegen && strings.HasPrefix(r, "force-frame-pointers"):
				g.missing = append(g.missing, flagSpelling(d.Aspect, r))
				g.aspects[d.Aspect] = true
			}
		}
		for _, a := range d.Added {
			if d.Aspect == AspectFeatures && strings.HasPrefix(a, "-") || d.Aspect == AspectEnv {
				g.extra = append(g.extra, flagSpelling(d.Aspect, a))
			}
		}
	}
	return byCrate, order
}

func configFlagsMissing(c *Comparison) []Finding {
	byCrate, order := configGroups(c.Diffs)
	var out []Finding
	for _, crate := range order {
		g := byCrate[crate]
		if len(g.aspects) < 2 {
			continue
		}
		msg := fmt.Sprintf("In the failing build, rustc for %s lacks every flag the project's .cargo/config.toml adds (%s)", crate, summarise(g.missing, 6))
		if len(g.extra) > 0 {
			msg += fmt.Sprintf(" and carries %s, which only the environment or the build recipe adds", strings.Join(g.extra, ", "))
		}
		entry := entryNixTargetRustflags
		if g.aspects[AspectTargetTrip] {
			entry = entryConfigNotRead
			msg += ": cargo did not read the project's config at all (the build target is gone too); cargo reads .cargo/config.toml from the directory it was started in and that directory's parents, not from the directory of --manifest-path."
		} else {
			msg += ": those rustflags never reached rustc, because " + precedenceRule + "; a build wrapper (Nix's cargo setup hook, buildRustPackage) or a different working directory made another source win."
			if rustflagsFromEnv(g.extra) {
				entry = entryRustflagsEnv
			}
		}
		out = append(out, Finding{Crate: crate, Message: msg, Entry: entry,
			Evidence: []Evidence{
				evidenceAt("good", *g.good, "rustc has "+strings.Join(g.missing, " ")),
				evidenceAt("bad", *g.bad, "rustc lacks them"+extraSuffix(g.extra)),
			}})
	}
	return out
}

func rustflagsFromEnv(extra []string) bool {
	for _, e := range extra {
		if strings.HasPrefix(e, "RUSTFLAGS=") || strings.HasPrefix(e, "CARGO_ENCODED_RUSTFLAGS=") {
			return true
		}
	}
	return false
}

func summarise(items []string, n int) string {
	var atomics int
	var out []string
	for _, it := range items {
		if strings.HasPrefix(it, "--cfg target_has_atomic") {
			atomics++
			continue
		}
		out = append(out, it)
	}
	if atomics > 0 {
		out = append(out, fmt.Sprintf("%d --cfg target_has_atomic* flags", atomics))
	}
	if len(out) > n {
		out = append(out[:n], fmt.Sprintf("and %d more", len(out)-n))
	}
	return strings.Join(out, ", ")
}

func extraSuffix(extra []string) string {
	if len(extra) == 0 {
		return ""
	}
	return " and has " + strings.Join(extra, ", ")
}
