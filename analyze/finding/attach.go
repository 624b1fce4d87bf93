package finding

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/normal"
)

// SettingChanges lists the settings that differ between the builds, as far as the logs show
// them, each with both sides' values and sources: the rustflags and build-script directives of
// the crate the failing build is about, its profile options, linker, target and version, the
// cargo command's arguments, the environment and changed dependency versions.
func SettingChanges(good, bad *analyze.Log, diffs []Difference) []Change {
	c := &Comparison{Good: good, Bad: bad, Diffs: diffs}
	var out []Change
	if ch, ok := c.focusFlags(); ok {
		if len(ch.added)+len(ch.removed) > 0 {
			g := Side{Value: strings.Join(ch.good.rustflags, " "), Source: SourceRustc, Key: "rustflags", File: ch.good.inv.File, Line: ch.good.inv.Start}
			b := Side{Value: strings.Join(ch.bad.rustflags, " "), Source: SourceRustc, Key: "rustflags", File: ch.bad.inv.File, Line: ch.bad.inv.Start}
			if src := sourceOfRustflags(c, ch.bad.inv.Target); src.found {
				b.Source, b.Key = src.side.Source, src.side.Key
			}
			out = append(out, Change{Setting: "rustflags", Good: g, Bad: b})
		}
		for _, f := range ch.scriptAdded {
			o := ch.bad.script[f]
			out = append(out, Change{Setting: o.Key + " (build script of " + o.Package + ")", Bad: Side{Value: o.Value, Source: SourceBuildScript, Key: o.Key, File: o.File, Line: o.Start}})
		}
		for _, f := range ch.scriptRemoved {
			o := ch.good.script[f]
			out = append(out, Change{Setting: o.Key + " (build script of " + o.Package + ")", Good: Side{Value: o.Value, Source: SourceBuildScript, Key: o.Key, File: o.File, Line: o.Start}})
		}
		out = append(out, profileChanges(ch)...)
		out = append(out, featureChanges(ch)...)
		if g, b := normal.Value(ch.good.inv.Linker), normal.Value(ch.bad.inv.Linker); g != b {
			key := "target." + ch.bad.inv.Target + ".linker"
			if ch.bad.inv.Target == "" {
				key = "target.<host>.linker" // a build script or proc-macro: built for the host
			}
			out = append(out, Change{Setting: "-C linker",
				Good: Side{Value: ch.good.inv.Linker, Source: SourceConfig, Key: key, File: ch.good.inv.File, Line: ch.good.inv.Start},
				Bad:  Side{Value: ch.bad.inv.Linker, Source: SourceConfig, Key: key, File: ch.bad.inv.File, Line: ch.bad.inv.Start}})
		}
	} else {
		out = append(out, crateFlagChanges(diffs)...)
	}
	out = append(out, cargoArgChanges(good, bad)...)
	for _, d := range diffs {
		switch {
		case d.Aspect == AspectEnv && d.Crate == "":
			out = append(out, Change{Setting: d.Key, Good: envSide(d.Removed, d.Good), Bad: envSide(d.Added, d.Bad)})
		case d.Aspect == AspectCrateVersion:
			out = append(out, Change{Setting: d.Key,
				Good: Side{Value: strings.Join(d.Removed, ""), Source: SourceManifest, Key: "dependencies." + d.Key, File: d.Good.File, Line: d.Good.Start},
				Bad:  Side{Value: strings.Join(d.Added, ""), Source: SourceManifest, Key: "dependencies." + d.Key, File: d.Bad.File, Line: d.Bad.Start}})
		case d.Aspect == AspectToolchain || d.Aspect == AspectPackages:
			out = append(out, Change{Setting: d.Key, Good: sideOf(d.Removed, SourceLog, d.Good), Bad: sideOf(d.Added, SourceLog, d.Bad)})
		}
	}
	return out
}

// crateFlagChanges are the flag differences of the first crate that has any, for builds whose
// failing crate cannot be paired with the working build's (another target, another log shape).
func crateFlagChanges(diffs []Difference) []Change {
	crate := ""
	var out []Change
	for _, d := range diffs {
		switch d.Aspect {
		case AspectLinker, AspectLinkArgs, AspectFeatures, AspectCfgs, AspectCodegen, AspectSysroot, AspectTargetTrip:
		default:
			continue
		}
		if d.Crate == "" || crate != "" && d.Crate != crate || d.Good == nil || d.Bad == nil {
			continue
		}
		crate = d.Crate
		spell := func(vs []string) string {
			var out []string
			for _, v := range vs {
				out = append(out, flagSpelling(d.Aspect, v))
			}
			return strings.Join(out, " ")
		}
		out = append(out, Change{Setting: d.Key,
			Good: Side{Value: spell(d.Removed), Source: SourceRustc, Key: d.Key, File: d.Good.File, Line: d.Good.Start},
			Bad:  Side{Value: spell(d.Added), Source: SourceRustc, Key: d.Key, File: d.Bad.File, Line: d.Bad.Start}})
	}
	return out
}

func envSide(vals []string, at *analyze.Span) Side {
	if len(vals) == 0 {
		return Side{}
	}
	k, v, _ := strings.Cut(vals[0], "=")
	s := Side{Value: strings.ReplaceAll(v, "\x1f", " "), Source: SourceEnv, Key: k}
	if at != nil {
		s.File, s.Line = at.File, at.Start
	}
	return s
}

func sideOf(vals []string, source string, at *analyze.Span) Side {
	s := Side{Value: strings.Join(vals, " "), Source: source}
	if at != nil {
		s.File, s.Line = at.File, at.Start
	}
	return s
}

// featureChanges are the cargo features of the focus crate that differ: a feature turned on
// by --features, by a dependent's Cargo.toml or by a new default.
func featureChanges(ch flagChanges) []Change {
	feats := func(inv *analyze.Invocation) []string {
		var out []string
		for _, c := range inv.Cfgs {
			if c.Name == "feature" && c.HasValue {
				out = append(out, c.Value)
			}
		}
		return out
	}
	removed, added := setDiff(feats(ch.good.inv), feats(ch.bad.inv))
	if len(removed)+len(added) == 0 {
		return nil
	}
	key := "features of " + packageName(ch.bad.inv)
	return []Change{{Setting: key,
		Good: Side{Value: strings.Join(feats(ch.good.inv), ","), Source: SourceManifest, Key: key, File: ch.good.inv.File, Line: ch.good.inv.Start},
		Bad:  Side{Value: strings.Join(feats(ch.bad.inv), ","), Source: SourceManifest, Key: key, File: ch.bad.inv.File, Line: ch.bad.inv.Start}}}
}

// profileKeys maps rustc's -C options to the Cargo.toml profile keys that set them.
var profileKeys = map[string]string{"opt-level": "opt-level", "debuginfo": "debug", "lto": "lto", "panic": "panic",
	"codegen-units": "codegen-units", "debug-assertions": "debug-assertions", "overflow-checks": "overflow-checks", "strip": "strip"}

// profileChanges are the profile options of the focus crate that differ (not from rustflags).
func profileChanges(ch flagChanges) []Change {
	opts := func(inv *analyze.Invocation, rustflags []string) map[string]string {
		m := map[string]string{}
		for _, o := range inv.Codegen {
			if _, ok := profileKeys[o.Name]; ok && !slices.Contains(rustflags, "-C "+o.Name+"="+normal.Value(o.Value)) {
				m[o.Name] = o.Value
			}
		}
		return m
	}
	g, b := opts(ch.good.inv, ch.good.rustflags), opts(ch.bad.inv, ch.bad.rustflags)
	var out []Change
	for _, name := range sortedKeys(profileKeys) {
		if g[name] == b[name] {
			continue
		}
		key := "profile." + profileOf(ch.bad.inv) + "." + profileKeys[name]
		side := func(v string, inv *analyze.Invocation) Side {
			key := "profile." + profileOf(inv) + "." + profileKeys[name]
			if v == "" {
				return Side{Source: SourceManifest, Key: key, File: inv.File, Line: inv.Start}
			}
			return Side{Value: "-C " + name + "=" + v, Source: SourceManifest, Key: key, File: inv.File, Line: inv.Start}
		}
		out = append(out, Change{Setting: key, Good: side(g[name], ch.good.inv), Bad: side(b[name], ch.bad.inv)})
	}
	return out
}

func profileOf(inv *analyze.Invocation) string {
	if inv.Profile == "" || inv.Profile == "debug" {
		return "dev"
	}
	return inv.Profile
}

// cargoArgChanges are the arguments of the first cargo command that differ, verbosity and
// job counts aside: --release, --features x, --target t, --config k=v, --manifest-path p.
func cargoArgChanges(good, bad *analyze.Log) []Change {
	if len(good.Cargo) == 0 || len(bad.Cargo) == 0 {
		return nil
	}
	g, b := good.Cargo[0], bad.Cargo[0]
	ga, ba := cargoOptions(g.Args), cargoOptions(b.Args)
	removed, added := setDiff(ga, ba)
	var out []Change
	for _, a := range removed {
		out = append(out, Change{Setting: optionName(a), Good: Side{Value: a, Source: SourceCommandLine, Key: optionName(a), File: g.File, Line: g.Start}})
	}
	for _, a := range added {
		out = append(out, Change{Setting: optionName(a), Bad: Side{Value: a, Source: SourceCommandLine, Key: optionName(a), File: b.File, Line: b.Start}})
	}
	return out
}

// cargoOptions pairs each option with its value: "--features atomic-counter".
func cargoOptions(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-v" || a == "-vv" || a == "--verbose" || strings.HasPrefix(a, "-j") {
			continue
		}
		if !strings.Contains(a, "=") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && cargoTakesValue(a) {
			a += " " + args[i+1]
			i++
		}
		if a == "--profile release" || a == "--profile=release" {
			a = "--release"
		}
		out = append(out, normal.Value(a))
	}
	return out
}

func cargoTakesValue(opt string) bool {
	switch opt {
	case "--features", "-F", "--target", "--config", "--manifest-path", "--profile", "-p", "--package", "--bin", "--example", "--target-dir", "-Z":
		return true
	}
	return false
}

func optionName(a string) string {
	name, _, _ := strings.Cut(a, " ")
	name, _, _ = strings.Cut(name, "=")
	return name
}

// AttachChanges gives every finding that does not say what changed the setting changes of
// the comparison: those of its crate and the build-wide ones, or all of them for a finding of
// the whole build. A finding the rules did not make (a knowledge-base match, new errors) also
// says them in its message; the top finding says once that the failing build stopped early.
func AttachChanges(fs []Finding, good, bad *analyze.Log, diffs []Difference) {
	changes := SettingChanges(good, bad, diffs)
	stopped := StoppedEarly(good, bad)
	for i := range fs {
		f := &fs[i]
		if len(f.Changed) == 0 {
			f.Changed = changesNamedBy(*f, changes)
		}
		if Lookup(f.Rule) != nil && f.Rule != NewErrors {
			continue
		}
		if len(changes) > 0 {
			f.Message = strings.TrimSpace(f.Message) + " What differs in the failing build: " + describeChanges(changes, 4) + "."
		}
	}
	if stopped != "" && len(fs) > 0 {
		fs[0].Message = strings.TrimSpace(fs[0].Message) + " (" + stopped + ".)"
	}
}

// changesNamedBy are the changes a finding speaks of (its message or evidence names the
// setting); all of them when it names none.
func changesNamedBy(f Finding, changes []Change) []Change {
	var out []Change
	for _, c := range changes {
		for _, name := range []string{c.Setting, c.Bad.Key, c.Good.Key} {
			if name != "" && names(f, name) {
				out = append(out, c)
				break
			}
		}
	}
	if len(out) == 0 {
		return slices.Clone(changes)
	}
	return out
}

// names reports whether a finding names s in its message or evidence.
func names(f Finding, s string) bool {
	if strings.Contains(f.Message, s) {
		return true
	}
	for _, e := range f.Evidence {
		if strings.Contains(e.Text, s) {
			return true
		}
	}
	return false
}

func describeChanges(cs []Change, n int) string {
	var parts []string
	for i, c := range cs {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(cs)-n))
			break
		}
		parts = append(parts, c.describe())
	}
	return strings.Join(parts, "; ")
}

func (c Change) describe() string {
	val := func(s Side) string {
		if s.Value == "" {
			return "(none)"
		}
		return s.Value
	}
	src := c.Bad
	if src.Source == "" {
		src = c.Good
	}
	where := src.Source
	if src.Key != "" && src.Key != c.Setting {
		where += " " + src.Key
	}
	return fmt.Sprintf("%s %s -> %s (%s)", c.Setting, val(c.Good), val(c.Bad), where)
}

// StoppedEarly says "the failing build stopped after N of M crates" when it compiled fewer of
// the working build's crates before it failed, or "".
func StoppedEarly(good, bad *analyze.Log) string {
	if len(failingPackages(bad)) == 0 {
		return ""
	}
	count := func(l *analyze.Log) int {
		seen := map[string]bool{}
		for _, inv := range l.Invocations {
			if inv.Kind != analyze.KindOther {
				seen[keyOf(inv).String()] = true
			}
		}
		return len(seen)
	}
	m, n := count(good), count(bad)
	if n >= m {
		return ""
	}
	return fmt.Sprintf("the failing build stopped after %d of %d crates (the rest were never built, so they are no difference)", n, m)
}
