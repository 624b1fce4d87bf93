package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// Scores: the cause outranks what follows from it.
const (
	scoreConfigFlagsMissing = 100
	scoreLinkerEnvHost      = 95
	scoreFlavorInLinkerNote = 92
	scoreFlavor             = 90
	scoreRustflagsEnvDump   = 88
	scoreRustflagsEnvAdded  = 85
	scoreHostLinker         = 85
	scorePlatformTrace      = 80
	scoreScriptsMissing     = 80
	scoreAtomicsChanged     = 70
	scoreTargetChanged      = 60
	scoreBinWithoutScript   = 50
	scoreRustflagsEnvSet    = 45
	scoreToolchainChanged   = 40
	scorePackageChanged     = 30
)

const precedenceRule = "cargo takes rustflags from the first source present, CARGO_ENCODED_RUSTFLAGS, then RUSTFLAGS, then target.<triple>.rustflags, then build.rustflags, and merges nothing"

// Diff compares two logs and returns ranked findings and every raw difference.
func Diff(good, bad *analyze.Log) ([]Finding, []Difference) {
	diffs := Compare(good, bad)
	var fs []Finding
	fs = append(fs, configFlagsMissing(diffs)...)
	fs = append(fs, envLinkerChanged(diffs)...)
	fs = append(fs, rustflagsEnvAdded(diffs)...)
	fs = append(fs, versionChanges(diffs)...)
	fs = append(fs, targetChanged(diffs)...)
	fs = append(fs, Check(bad)...)
	return Rank(dedupe(fs)), diffs
}

// Check runs the rules that need no baseline.
func Check(l *analyze.Log) []Finding {
	var fs []Finding
	fs = append(fs, flavorRules(l)...)
	fs = append(fs, hostLinkerRules(l)...)
	fs = append(fs, platformTraceRule(l)...)
	fs = append(fs, binWithoutScriptRule(l)...)
	fs = append(fs, rustflagsEnvRule(l)...)
	return Rank(dedupe(fs))
}

// dedupe keeps the best finding per class and crate.
func dedupe(fs []Finding) []Finding {
	best := map[string]int{}
	var out []Finding
	for _, f := range Rank(fs) {
		k := string(f.Class) + "\x00" + f.Crate
		if _, seen := best[k]; seen {
			continue
		}
		best[k] = len(out)
		out = append(out, f)
	}
	return out
}

func isAtomicCfg(s string) bool { return strings.HasPrefix(s, "target_has_atomic") }

// configFlagsMissing: a group of flags that a .cargo/config.toml typically adds (linker scripts,
// target features, atomics cfgs, frame pointers) is missing together from the bad build.
func configFlagsMissing(diffs []Difference) []Finding {
	type group struct {
		missing, extra []string
		aspects        map[string]bool
		good, bad      *analyze.Span
	}
	byCrate := map[string]*group{}
	var order []string
	for _, d := range diffs {
		if d.Crate == "" || d.Good == nil || d.Bad == nil {
			continue
		}
		g := byCrate[d.Crate]
		if g == nil {
			g = &group{aspects: map[string]bool{}, good: d.Good, bad: d.Bad}
			byCrate[d.Crate] = g
			order = append(order, d.Crate)
		}
		for _, r := range d.Removed {
			switch {
			case d.Aspect == AspectTargetTrip && len(d.Added) == 0,
				d.Aspect == AspectLinkArgs,
				d.Aspect == AspectFeatures && strings.HasPrefix(r, "+"),
				d.Aspect == AspectCfgs && isAtomicCfg(r),
				d.Aspect == AspectCodegen && (r == "force-frame-pointers" || strings.HasPrefix(r, "force-frame-pointers")):
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
		if g.aspects[AspectTargetTrip] {
			msg += ": cargo did not read the project's config at all (the build target is gone too); cargo reads .cargo/config.toml from the directory it was started in and that directory's parents, not from the directory of --manifest-path."
		} else {
			msg += ": those rustflags never reached rustc, because " + precedenceRule + "; a build wrapper (Nix's cargo setup hook, buildRustPackage) or a different working directory made another source win."
		}
		out = append(out, Finding{
			Class: class.CargoConfigScope, Rule: "config-flags-missing", Severity: High, Score: scoreConfigFlagsMissing, Crate: crate,
			Message: msg,
			Evidence: []Evidence{
				evidenceAt("good", *g.good, "rustc has "+strings.Join(g.missing, " ")),
				evidenceAt("bad", *g.bad, "rustc lacks them"+extraSuffix(g.extra)),
			},
			Fix: "Make the project's rustflags reach rustc: remove RUSTFLAGS/CARGO_ENCODED_RUSTFLAGS from the build environment (or add the config's flags to them), make sure no target.<triple>.rustflags from a parent .cargo/config.toml (Nix writes one) shadows [build] rustflags, and run cargo from the project directory.",
		})
	}
	// linker scripts or atomics missing alone
	for _, d := range diffs {
		if d.Crate == "" || d.Good == nil || d.Bad == nil || len(byCrate[d.Crate].aspects) >= 2 {
			continue
		}
		if d.Aspect == AspectLinkArgs && hasScript(d.Removed) {
			out = append(out, Finding{Class: class.LinkerScriptMissing, Rule: "linker-scripts-missing", Severity: High, Score: scoreScriptsMissing, Crate: d.Crate,
				Message:  fmt.Sprintf("The failing build links %s without the linker scripts the working one passes (%s): without them the image lacks its memory layout and entry symbols.", d.Crate, strings.Join(scripts(d.Removed), " ")),
				Evidence: []Evidence{evidenceAt("good", *d.Good, "-C link-arg="+strings.Join(d.Removed, " -C link-arg=")), evidenceAt("bad", *d.Bad, "no -T link args")},
				Fix:      "Pass the scripts again, e.g. rustflags = [\"-C\", \"link-arg=" + scripts(d.Removed)[0] + "\"] under [target.<triple>] in .cargo/config.toml, and check that no RUSTFLAGS in the environment overrides it.",
			})
		}
		if d.Aspect == AspectCfgs && anyAtomic(d.Removed, d.Added) || d.Aspect == AspectFeatures && (contains(d.Removed, "+a") || contains(d.Added, "+a")) {
			out = append(out, Finding{Class: class.AtomicsUnsupported, Rule: "atomics-flags-changed", Severity: Medium, Score: scoreAtomicsChanged, Crate: d.Crate,
				Message:  fmt.Sprintf("The atomics flags of %s changed (%s): code that needs atomic operations the target lacks fails to compile or to link.", d.Crate, d.Describe()),
				Evidence: []Evidence{evidenceAt("good", *d.Good, d.Describe()), evidenceAt("bad", *d.Bad, d.Describe())},
				Fix:      "Keep the atomics emulation flags (+a and the target_has_atomic cfgs) or use portable-atomic/critical-section for a target without the A extension.",
			})
		}
	}
	return out
}

func flagSpelling(aspect, v string) string {
	switch aspect {
	case AspectTargetTrip:
		return "--target " + v
	case AspectLinkArgs:
		return "-C link-arg=" + v
	case AspectFeatures:
		return "-C target-feature=" + v
	case AspectCfgs:
		return "--cfg " + v
	case AspectCodegen:
		return "-C " + v
	}
	return v
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

func hasScript(args []string) bool { return len(scripts(args)) > 0 }

func scripts(args []string) []string {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "-T") || strings.HasSuffix(a, ".x") || strings.HasSuffix(a, ".ld") {
			out = append(out, a)
		}
	}
	return out
}

func anyAtomic(lists ...[]string) bool {
	for _, l := range lists {
		for _, s := range l {
			if isAtomicCfg(s) {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
