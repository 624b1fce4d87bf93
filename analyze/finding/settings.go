package finding

import (
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/normal"
)

// What a build was given, read back from its log: the flags that reached rustc after cargo's
// own arguments (rustflags and build-script directives), where each came from, and which crate
// the failing build stopped on.

// failingPackages are the packages the build could not compile, in log order.
func failingPackages(l *analyze.Log) []string {
	var out []string
	for _, d := range l.Diagnostics {
		if d.Kind == analyze.DiagCouldNotComp && d.Crate != "" && !slices.Contains(out, d.Crate) {
			out = append(out, d.Crate)
		}
	}
	for _, inv := range l.Invocations {
		if inv.Failed && inv.Package != "" && !slices.Contains(out, inv.Package) {
			out = append(out, inv.Package)
		}
	}
	return out
}

// focus is the rustc invocation a comparison is about: the first crate the failing build could
// not compile, else its binary. ok is false when the log has no such invocation.
func focus(l *analyze.Log) (*analyze.Invocation, bool) {
	for _, inv := range l.Invocations { // a compile that failed: a build script's too
		if inv.Failed && inv.Kind == analyze.KindRustc {
			return inv, true
		}
	}
	for _, pkg := range failingPackages(l) {
		if inv := rustcOf(l, func(inv *analyze.Invocation) bool {
			return inv.Package == pkg || inv.CrateName == strings.ReplaceAll(pkg, "-", "_")
		}); inv != nil {
			return inv, true
		}
	}
	if inv := rustcOf(l, func(inv *analyze.Invocation) bool { return contains(inv.CrateTypes, "bin") }); inv != nil {
		return inv, true
	}
	return nil, false
}

// rustcOf is the last rustc invocation of a crate for the target (the failing one when cargo
// printed it twice), not a build script's compile.
func rustcOf(l *analyze.Log, match func(*analyze.Invocation) bool) *analyze.Invocation {
	var found *analyze.Invocation
	for _, inv := range l.Invocations {
		if inv.Kind == analyze.KindRustc && !isBuildScriptCompile(inv) && match(inv) {
			found = inv
		}
	}
	return found
}

func isBuildScriptCompile(inv *analyze.Invocation) bool {
	return inv.CrateName == "build_script_build" || strings.HasPrefix(inv.CrateName, "build_script_")
}

// counterpart is the invocation of the same crate in the other log.
func counterpart(l *analyze.Log, inv *analyze.Invocation) *analyze.Invocation {
	k := inv.Key()
	var found *analyze.Invocation
	for _, o := range l.Invocations {
		if o.Kind == analyze.KindRustc && o.Key().SameCrate(k) && (o.Package == inv.Package || o.Package == "" || inv.Package == "") {
			found = o
		}
	}
	return found
}

// tailFlags are the flags after cargo's own arguments (Invocation.TailArgs): the rustflags
// and the build-script directives, spelled "-C link-arg=-Tlink.x", "--cfg fw_atomics".
func tailFlags(inv *analyze.Invocation) []string {
	a := inv.TailArgs()
	var out []string
	for i := 0; i < len(a); i++ {
		if takesValue(a[i]) && i+1 < len(a) {
			out = append(out, a[i]+" "+normal.Value(a[i+1]))
			i++
			continue
		}
		out = append(out, normal.Value(a[i]))
	}
	return out
}

func takesValue(flag string) bool {
	switch flag {
	case "-C", "-Z", "--cfg", "-L", "-l", "--check-cfg", "-A", "-W", "-D", "--cap-lints", "--sysroot":
		return true
	}
	return false
}

// scriptFlags are the rustc flags a package's build script asked for with cargo: directives.
func scriptFlags(l *analyze.Log, pkg string) map[string]*analyze.BuildOutput {
	m := map[string]*analyze.BuildOutput{}
	for _, o := range l.BuildOutputs {
		if o.Package != pkg {
			continue
		}
		switch strings.TrimPrefix(o.Key, "cargo:") {
		case "rustc-link-arg", "rustc-link-arg-bins", "rustc-link-arg-tests", "rustc-link-arg-examples", "rustc-link-arg-benches":
			m["-C link-arg="+normal.Value(o.Value)] = o
		case "rustc-cfg":
			m["--cfg "+o.Value] = o
		case "rustc-link-search":
			m["-L "+normal.Value(o.Value)] = o
		case "rustc-link-lib":
			m["-l "+o.Value] = o
		}
	}
	return m
}

// flagSet is what reached one crate's rustc after cargo's own arguments, split by origin.
type flagSet struct {
	inv       *analyze.Invocation
	rustflags []string                        // from a rustflags source
	script    map[string]*analyze.BuildOutput // from the package's build script
}

func flagsOf(l *analyze.Log, inv *analyze.Invocation) flagSet {
	fs := flagSet{inv: inv, script: scriptFlags(l, inv.Package)}
	for _, f := range tailFlags(inv) {
		if fs.script[f] == nil {
			fs.rustflags = append(fs.rustflags, f)
		}
	}
	return fs
}

func (fs flagSet) scriptList() []string {
	var out []string
	for _, f := range tailFlags(fs.inv) {
		if fs.script[f] != nil {
			out = append(out, f)
		}
	}
	return out
}

// flagChanges is how the focus crate's flags differ between the builds.
type flagChanges struct {
	crate                      string
	good, bad                  flagSet
	added, removed             []string // rustflags
	scriptAdded, scriptRemoved []string // build-script directives
}

// compareFocusFlags compares the flags of the crate the failing build is about; ok is false when
// either log lacks it, or when it was built for another target (then the target explains
// every flag, see target-changed).
func compareFocusFlags(c *Comparison) (flagChanges, bool) {
	bi, ok := focus(c.Bad)
	if !ok {
		return flagChanges{}, false
	}
	gi := counterpart(c.Good, bi)
	if gi == nil || gi.Target != bi.Target {
		return flagChanges{}, false
	}
	ch := flagChanges{crate: keyOf(bi).String(), good: flagsOf(c.Good, gi), bad: flagsOf(c.Bad, bi)}
	ch.removed, ch.added = setDiff(ch.good.rustflags, ch.bad.rustflags)
	ch.scriptRemoved, ch.scriptAdded = setDiff(ch.good.scriptList(), ch.bad.scriptList())
	return ch, true
}

// rustflagsSource is where the failing build's rustflags came from, as far as its log shows:
// a variable only its environment has, or --config on its cargo command line. found is false
// when the log does not say (cargo -vv prints neither its environment nor its arguments).
type rustflagsSource struct {
	side  Side
	found bool
	// replaces: the source takes the place of the config's rustflags rather than joining them.
	replaces bool
	// displaced names the config key the working build's flags most likely came from.
	displaced string
}

func sourceOfRustflags(c *Comparison, triple string) rustflagsSource {
	targetVar := analyze.NormaliseEnvKey("CARGO_TARGET_" + triple + "_RUSTFLAGS")
	targetKey := "target." + triple + ".rustflags"
	if triple == "" {
		targetKey = "target.<triple>.rustflags"
	}
	for _, v := range []struct {
		key, displaced string
		replaces       bool
	}{
		{"CARGO_ENCODED_RUSTFLAGS", targetKey + " / build.rustflags", true},
		{"RUSTFLAGS", targetKey + " / build.rustflags", true},
		{targetVar, "build.rustflags", false},
		{"CARGO_BUILD_RUSTFLAGS", "", false},
	} {
		if e, ok := c.Bad.EnvValue(v.key); ok && e.Value != "" {
			if g, ok := c.Good.EnvValue(v.key); ok && normal.Value(g.Value) == normal.Value(e.Value) {
				continue
			}
			return rustflagsSource{found: true, replaces: v.replaces, displaced: v.displaced,
				side: Side{Value: strings.ReplaceAll(e.Value, "\x1f", " "), Source: SourceEnv, Key: e.Original, File: c.Bad.Name, Line: e.Line}}
		}
	}
	for _, cmd := range c.Bad.Cargo {
		for i, a := range cmd.Args {
			v, ok := strings.CutPrefix(a, "--config=")
			if a == "--config" && i+1 < len(cmd.Args) {
				v, ok = cmd.Args[i+1], true
			}
			if ok && strings.Contains(v, "rustflags") {
				return rustflagsSource{found: true, side: Side{Value: v, Source: SourceCommandLine, Key: "--config", File: cmd.File, Line: cmd.Start}}
			}
		}
	}
	return rustflagsSource{}
}

// unshownRustflagsSource opens the phrase a finding gives for who added a flag when the log
// names no source; it lists the sources cargo reads, and each rule closes the parenthesis.
const unshownRustflagsSource = "a rustflags source the log does not show added it (the project's .cargo/config.toml, " +
	"a parent directory's, $CARGO_HOME/config.toml, --config or CARGO_TARGET_<TRIPLE>_RUSTFLAGS"

// addedFlagOrigin is where a rustflag only the failing build passes came from, as far as its
// log shows: the side a finding names as changed (the rustc invocation when the log shows no
// source), the phrase saying who added it ("" when the log does not say), and the source.
func addedFlagOrigin(c *Comparison, ch flagChanges, flag string) (Side, string, rustflagsSource) {
	src := sourceOfRustflags(c, ch.bad.inv.Target)
	if !src.found {
		return Side{Value: flag, Source: SourceRustc, Key: "rustflags", File: ch.bad.inv.File, Line: ch.bad.inv.Start}, "", src
	}
	bad := src.side
	bad.Value = flag
	return bad, describeSource(src.side), src
}

// addedFlagShown is what a finding about a flag only the failing build passes shows: the flag
// where it was added (bad, from addedFlagOrigin) and the error ev it caused; the flag is the
// setting that changed.
func addedFlagShown(flag string, bad Side, ev Evidence) ([]Evidence, []Change) {
	return []Evidence{{Side: "bad", File: bad.File, Line: bad.Line, Text: flag}, ev}, []Change{{Setting: flag, Bad: bad}}
}

// errorNaming is the first error line of the bad log that only it shows and that names s.
func errorNaming(c *Comparison, s string) (Evidence, bool) {
	if s == "" {
		return Evidence{}, false
	}
	// an error line that names it, not the linker command a note quotes
	for _, d := range c.errorsOnlyInBad() {
		for i, t := range d.Text {
			if strings.Contains(t, s) && !quotesCommand(t) {
				return Evidence{Side: "bad", File: d.File, Line: d.TextLine(i), Text: strings.TrimSpace(t)}, true
			}
		}
	}
	return Evidence{}, false
}

// quotesCommand reports a line that quotes a command's arguments ("rust-lld" "-flavor" ...).
func quotesCommand(t string) bool {
	return strings.Count(t, `" "`) >= 2
}

// flagWord is the part of a flag an error message would quote: -nostartfiles of
// "-C link-arg=-nostartfiles", memory.x of "-C link-arg=-Tmemory.x", fw_atomics of "--cfg fw_atomics".
func flagWord(flag string) string {
	v := flag
	if _, after, ok := strings.Cut(flag, " "); ok {
		v = after
	}
	v = strings.TrimPrefix(v, "link-arg=")
	v = strings.TrimPrefix(v, "link-args=")
	if strings.HasPrefix(v, "-T") && len(v) > 2 {
		return v[2:]
	}
	if k, val, ok := strings.Cut(v, "="); ok && !strings.HasPrefix(v, "-") {
		if val == "" {
			return k
		}
		return v
	}
	return v
}
