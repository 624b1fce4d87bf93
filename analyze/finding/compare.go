package finding

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/normal"
)

// Aspects of a difference.
const (
	AspectOnlyOne    = "only-one-side"
	AspectLinker     = "linker"
	AspectLinkArgs   = "link-args"
	AspectFeatures   = "target-features"
	AspectCfgs       = "cfgs"
	AspectCodegen    = "codegen"
	AspectSysroot    = "sysroot"
	AspectToolchain  = "toolchain"
	AspectEnv        = "environment"
	AspectCargo      = "cargo-command"
	AspectPackages   = "store-packages"
	AspectTargetTrip = "target"
	// AspectCrateVersion: a crate of the build is another version (Key: its package).
	AspectCrateVersion = "crate-version"
	// AspectStopped: the failing build stopped before the working build's other crates
	// (Removed lists them, Key says after how many of how many).
	AspectStopped = "build-stopped"
)

// Difference is one change between the good and the bad build, already normalised.
type Difference struct {
	Crate   string        `json:"crate,omitempty"` // "" for log-wide aspects
	Aspect  string        `json:"aspect"`
	Key     string        `json:"key,omitempty"`
	Removed []string      `json:"removed,omitempty"` // only in the good build
	Added   []string      `json:"added,omitempty"`   // only in the bad build
	Good    *analyze.Span `json:"good,omitempty"`
	Bad     *analyze.Span `json:"bad,omitempty"`
}

// crateKey aligns invocations across logs (analyze.CrateKey): order never matters, hashes and
// paths never count.
type crateKey analyze.CrateKey

// String names the crate in findings and differences.
func (k crateKey) String() string {
	s := k.Crate
	if k.Version != "" {
		s += " " + k.Version
	}
	if k.Types != "" && k.Types != "lib" {
		s += " (" + k.Types + ")"
	}
	if k.Kind == analyze.KindBuildScript {
		s += " (build script)"
	}
	if k.Target != "" {
		s += " [" + k.Target + "]"
	}
	return s
}

func keyOf(inv *analyze.Invocation) crateKey {
	k := crateKey(inv.Key())
	if k.Crate == "" && inv.Kind == analyze.KindBuildScript {
		k.Crate = buildScriptPackage(inv.Program)
	}
	return k
}

// buildScriptPackage names the package of a build script run from its path,
// target/<profile>/build/<package>-<hash>/build-script-build, for a Running line that shows no
// environment (cargo 1.65 prints none for build script runs).
func buildScriptPackage(program string) string {
	dir := program
	if i := strings.LastIndexAny(dir, `/\`); i >= 0 {
		dir = dir[:i]
	}
	if i := strings.LastIndexAny(dir, `/\`); i >= 0 {
		dir = dir[i+1:]
	}
	if i := strings.LastIndex(dir, "-"); i > 0 {
		return dir[:i]
	}
	if dir == "" {
		return "unnamed"
	}
	return dir
}

// packageName is the package of an invocation as Cargo.toml names it.
func packageName(inv *analyze.Invocation) string {
	if inv.Package != "" {
		return inv.Package
	}
	return inv.CrateName
}

// Compare lists the differences between a good and a bad log.
func Compare(good, bad *analyze.Log) []Difference {
	var diffs []Difference
	goodInv, badInv := index(good), index(bad)
	sorted := byName(goodInv, badInv)
	// A crate seen under a different target on each side (the whole build went to another
	// triple) is aligned by name alone, so its flags are still compared.
	var onlyGood, onlyBad []namedKey
	c := newComparer()
	for _, k := range sorted {
		g, b := goodInv[k.key], badInv[k.key]
		switch {
		case g != nil && b != nil:
			diffs = append(diffs, c.compare(k.name, g, b)...)
		case g != nil:
			onlyGood = append(onlyGood, k)
		default:
			onlyBad = append(onlyBad, k)
		}
	}
	var notReached []namedKey
	unmatched := newSameCrate(onlyBad)
	for _, gk := range onlyGood {
		if bk, ok := unmatched.take(gk.key); ok {
			g, b := goodInv[gk.key], badInv[bk.key]
			diffs = append(diffs, c.compare(gk.name, g, b)...)
			// a side without a version (cargo -v prints no CARGO_PKG_VERSION) changed nothing
			if gk.key.Version != bk.key.Version && gk.key.Version != "" && bk.key.Version != "" && gk.key.Kind == analyze.KindRustc {
				gs, bs := g.Span, b.Span
				diffs = append(diffs, Difference{Crate: gk.name, Aspect: AspectCrateVersion, Key: packageName(g),
					Removed: one(gk.key.Version), Added: one(bk.key.Version), Good: &gs, Bad: &bs})
			}
			continue
		}
		notReached = append(notReached, gk)
	}
	// The crates a failing build never reached are not differences: one line says it stopped.
	if len(notReached) > 0 && len(failingPackages(bad)) > 0 {
		var names []string
		for _, k := range notReached {
			names = append(names, k.name)
		}
		s := goodInv[notReached[0].key].Span
		diffs = append(diffs, Difference{Aspect: AspectStopped, Key: fmt.Sprintf("after %d of %d crates", len(badInv), len(goodInv)), Removed: names, Good: &s})
		notReached = nil
	}
	for _, gk := range notReached {
		s := goodInv[gk.key].Span
		diffs = append(diffs, Difference{Crate: gk.name, Aspect: AspectOnlyOne, Removed: []string{gk.name}, Good: &s})
	}
	for _, bk := range unmatched.left() {
		s := badInv[bk.key].Span
		diffs = append(diffs, Difference{Crate: bk.name, Aspect: AspectOnlyOne, Added: []string{bk.name}, Bad: &s})
	}
	diffs = append(diffs, compareEnv(good, bad)...)
	diffs = append(diffs, compareCargo(good, bad)...)
	diffs = append(diffs, compareToolchains(good, bad)...)
	sort.SliceStable(diffs, func(i, j int) bool { return diffs[i].Crate < diffs[j].Crate })
	return diffs
}

// namedKey is a key and the name a finding gives it.
type namedKey struct {
	key  crateKey
	name string
}

// byName sorts the keys of both logs by the name a finding gives them, each name computed once.
func byName(good, bad map[crateKey]*analyze.Invocation) []namedKey {
	all := make([]namedKey, 0, len(good)+len(bad))
	for k := range good {
		all = append(all, namedKey{k, k.String()})
	}
	for k := range bad {
		if good[k] == nil {
			all = append(all, namedKey{k, k.String()})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	return all
}

// sameCrate hands out keys in their order, the first not yet taken of the same crate
// (analyze.CrateKey.SameCrate) first, in constant time a key: a build moved to another triple
// has no key in common with the working one, and every crate is matched this way.
type sameCrate struct {
	keys   []namedKey
	taken  []bool
	queues map[analyze.CrateKey][]int // by the fields SameCrate compares: indices into keys
}

func newSameCrate(keys []namedKey) *sameCrate {
	m := &sameCrate{keys: keys, taken: make([]bool, len(keys)), queues: map[analyze.CrateKey][]int{}}
	for i, k := range keys {
		m.queues[sameCrateKey(k.key)] = append(m.queues[sameCrateKey(k.key)], i)
	}
	return m
}

func sameCrateKey(k crateKey) analyze.CrateKey { return analyze.CrateKey(k).SameCrateKey() }

// take removes and returns the first key left that names the same crate as k.
func (m *sameCrate) take(k crateKey) (namedKey, bool) {
	q := m.queues[sameCrateKey(k)]
	if len(q) == 0 {
		return namedKey{}, false
	}
	m.queues[sameCrateKey(k)] = q[1:]
	m.taken[q[0]] = true
	return m.keys[q[0]], true
}

// left is the keys never taken, in their order.
func (m *sameCrate) left() []namedKey {
	var out []namedKey
	for i, k := range m.keys {
		if !m.taken[i] {
			out = append(out, k)
		}
	}
	return out
}

func index(l *analyze.Log) map[crateKey]*analyze.Invocation {
	m := map[crateKey]*analyze.Invocation{}
	for _, inv := range l.Invocations {
		if inv.Kind == analyze.KindOther {
			continue
		}
		if k := keyOf(inv); m[k] == nil {
			m[k] = inv
		}
	}
	return m
}

// comparer compares the invocations of two logs, each value normalised once: a build's crates
// share most of their flags.
type comparer struct{ normal map[string]string }

func newComparer() *comparer { return &comparer{normal: map[string]string{}} }

func (c *comparer) value(s string) string {
	if v, ok := c.normal[s]; ok {
		return v
	}
	v := normal.Value(s)
	c.normal[s] = v
	return v
}

func (c *comparer) values(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = c.value(s)
	}
	return out
}

// compare lists how two invocations of a crate differ. What is spelled the same on both sides
// is no difference, so it is not normalised either.
func (c *comparer) compare(crate string, g, b *analyze.Invocation) []Difference {
	var out []Difference
	add := func(aspect, key string, gv, bv []string) {
		removed, added := setDiff(gv, bv)
		if len(removed)+len(added) == 0 {
			return
		}
		gs, bs := g.Span, b.Span
		out = append(out, Difference{Crate: crate, Aspect: aspect, Key: key, Removed: removed, Added: added, Good: &gs, Bad: &bs})
	}
	if g.Target != b.Target {
		add(AspectTargetTrip, "--target", one(g.Target), one(b.Target))
	}
	if g.Linker != b.Linker {
		add(AspectLinker, "-C linker", one(c.value(g.Linker)), one(c.value(b.Linker)))
	}
	if g.LinkerFlavor != b.LinkerFlavor {
		add(AspectLinker, "-C linker-flavor", one(g.LinkerFlavor), one(b.LinkerFlavor))
	}
	if !slices.Equal(g.LinkArgs, b.LinkArgs) {
		add(AspectLinkArgs, "-C link-arg", c.values(g.LinkArgs), c.values(b.LinkArgs))
	}
	if !slices.Equal(g.TargetFeatures, b.TargetFeatures) {
		add(AspectFeatures, "-C target-feature", featureStrings(g.TargetFeatures), featureStrings(b.TargetFeatures))
	}
	if g.TargetCPU != b.TargetCPU {
		add(AspectFeatures, "-C target-cpu", one(g.TargetCPU), one(b.TargetCPU))
	}
	if !slices.Equal(g.Cfgs, b.Cfgs) {
		add(AspectCfgs, "--cfg", cfgStrings(g.Cfgs), cfgStrings(b.Cfgs))
	}
	if !slices.Equal(g.Codegen, b.Codegen) {
		add(AspectCodegen, "-C", c.codegenStrings(g.Codegen), c.codegenStrings(b.Codegen))
	}
	if !slices.Equal(g.Unstable, b.Unstable) {
		add(AspectCodegen, "-Z", c.codegenStrings(g.Unstable), c.codegenStrings(b.Unstable))
	}
	if g.Sysroot != b.Sysroot {
		add(AspectSysroot, "--sysroot", one(c.value(g.Sysroot)), one(c.value(b.Sysroot)))
	}
	add(AspectEnv, "RUSTFLAGS", envOf(g, "RUSTFLAGS"), envOf(b, "RUSTFLAGS"))
	add(AspectEnv, "CARGO_ENCODED_RUSTFLAGS", envOf(g, "CARGO_ENCODED_RUSTFLAGS"), envOf(b, "CARGO_ENCODED_RUSTFLAGS"))
	return out
}

func envOf(inv *analyze.Invocation, key string) []string {
	if v, ok := inv.EnvValue(key); ok {
		return []string{key + "=" + v}
	}
	return nil
}

// compareEnv compares environment dumps by normalised key.
func compareEnv(good, bad *analyze.Log) []Difference {
	gm, bm := envMap(good.Env), envMap(bad.Env)
	var out []Difference
	keys := map[string]bool{}
	for k := range gm {
		keys[k] = true
	}
	for k := range bm {
		keys[k] = true
	}
	for _, k := range sortedSet(keys) {
		g, gok := gm[k]
		b, bok := bm[k]
		if gok && bok && normal.Value(g.Value) == normal.Value(b.Value) {
			continue
		}
		d := Difference{Aspect: AspectEnv, Key: k}
		if gok {
			d.Removed = []string{g.Original + "=" + g.Value}
			d.Good = &analyze.Span{File: good.Name, Start: g.Line, End: g.Line}
		}
		if bok {
			d.Added = []string{b.Original + "=" + b.Value}
			d.Bad = &analyze.Span{File: bad.Name, Start: b.Line, End: b.Line}
		}
		out = append(out, d)
	}
	return out
}

func envMap(env []analyze.EnvVar) map[string]analyze.EnvVar {
	m := map[string]analyze.EnvVar{}
	for _, e := range env {
		m[e.Key] = e
	}
	return m
}

// compareCargo compares the first cargo command of each log by meaning: --release and
// --profile release are the same; -j and hashes do not count.
func compareCargo(good, bad *analyze.Log) []Difference {
	if len(good.Cargo) == 0 || len(bad.Cargo) == 0 {
		return nil
	}
	g, b := good.Cargo[0], bad.Cargo[0]
	var out []Difference
	for _, c := range []struct{ key, gv, bv string }{
		{"subcommand", g.Subcommand, b.Subcommand}, {"--target", g.Target, b.Target}, {"profile", normProfile(g.Profile), normProfile(b.Profile)},
	} {
		if c.gv != c.bv {
			gs, bs := g.Span, b.Span
			out = append(out, Difference{Aspect: AspectCargo, Key: c.key, Removed: one(c.gv), Added: one(c.bv), Good: &gs, Bad: &bs})
		}
	}
	return out
}

func normProfile(p string) string {
	if p == "dev" {
		return "debug"
	}
	return p
}

// compareToolchains reports Rust toolchain and Nix package version changes named anywhere in
// the logs' invocations, environment and linker commands.
func compareToolchains(good, bad *analyze.Log) []Difference {
	var out []Difference
	gt, gs := toolchainOf(good)
	bt, bs := toolchainOf(bad)
	if gt != "" && bt != "" && gt != bt {
		out = append(out, Difference{Aspect: AspectToolchain, Key: "rust", Removed: one(gt), Added: one(bt), Good: gs, Bad: bs})
	} else if gt == "" || bt == "" {
		// no version on a side: the compiler program itself says the toolchain changed
		if g, b := compilerOf(good), compilerOf(bad); g != nil && b != nil && normal.Value(g.Program) != normal.Value(b.Program) {
			gsp, bsp := g.Span, b.Span
			out = append(out, Difference{Aspect: AspectToolchain, Key: "rustc", Removed: one(g.Program), Added: one(b.Program), Good: &gsp, Bad: &bsp})
		}
	}
	gp, bp := packagesOf(good), packagesOf(bad)
	for _, name := range sortedKeys(gp) {
		gv, bv := gp[name], bp[name]
		if bv.version != "" && gv.version != "" && gv.version != bv.version {
			gsp, bsp := gv.span, bv.span
			out = append(out, Difference{Aspect: AspectPackages, Key: name, Removed: one(name + " " + gv.version), Added: one(name + " " + bv.version), Good: &gsp, Bad: &bsp})
		}
	}
	return out
}

func toolchainOf(l *analyze.Log) (string, *analyze.Span) {
	for _, inv := range l.Invocations {
		for _, e := range inv.Env {
			if v := normal.ToolchainVersion(e.Value); v != "" {
				s := inv.Span
				return v, &s
			}
		}
	}
	for _, lc := range l.Linkers {
		for _, e := range lc.Env {
			if v := normal.ToolchainVersion(e.Value); v != "" {
				s := lc.Span
				return v, &s
			}
		}
	}
	return "", nil
}

// compilerOf is the first rustc invocation of a log, or nil.
func compilerOf(l *analyze.Log) *analyze.Invocation {
	for _, inv := range l.Invocations {
		if inv.Kind == analyze.KindRustc && inv.Program != "" {
			return inv
		}
	}
	return nil
}

type versionAt struct {
	version string
	span    analyze.Span
}

func packagesOf(l *analyze.Log) map[string]versionAt {
	m := map[string]versionAt{}
	noted := map[string]bool{} // a value seen again names the packages it named first
	note := func(s string, span analyze.Span) {
		if noted[s] {
			return
		}
		noted[s] = true
		for _, p := range normal.StorePackages(s) {
			name := strings.TrimPrefix(p.Name, "x86_64-unknown-linux-gnu-")
			name = strings.Replace(name, "stage-final-", "", 1)
			if _, seen := m[name]; !seen && p.Version != "" {
				m[name] = versionAt{p.Version, span}
			}
		}
	}
	for _, e := range l.Env {
		note(e.Value, analyze.Span{File: l.Name, Start: e.Line, End: e.Line})
	}
	for _, inv := range l.Invocations {
		note(inv.Linker, inv.Span)
	}
	for _, lc := range l.Linkers {
		note(lc.Program, lc.Span)
	}
	return m
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func featureStrings(fs []analyze.Feature) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.String())
	}
	return out
}

func cfgStrings(cs []analyze.Cfg) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

func (c *comparer) codegenStrings(os []analyze.Option) []string {
	var out []string
	for _, o := range os {
		switch o.Name {
		case "metadata", "extra-filename", "incremental":
			continue // hashes and temp dirs: differ on every machine
		}
		if o.Value == "" {
			out = append(out, o.Name)
		} else {
			out = append(out, o.Name+"="+c.value(o.Value))
		}
	}
	return out
}

// setDiff returns what is only in a and only in b, keeping their order.
func setDiff(a, b []string) (onlyA, onlyB []string) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, s := range a {
		inA[s] = true
	}
	for _, s := range b {
		inB[s] = true
	}
	for _, s := range a {
		if !inB[s] {
			onlyA = append(onlyA, s)
		}
	}
	for _, s := range b {
		if !inA[s] {
			onlyB = append(onlyB, s)
		}
	}
	return onlyA, onlyB
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Describe renders a difference in one line.
func (d Difference) Describe() string {
	var parts []string
	if len(d.Removed) > 0 {
		parts = append(parts, "good: "+strings.Join(d.Removed, " "))
	}
	if len(d.Added) > 0 {
		parts = append(parts, "bad: "+strings.Join(d.Added, " "))
	}
	key := d.Key
	if key == "" {
		key = d.Aspect
	}
	return fmt.Sprintf("%s: %s", key, strings.Join(parts, "; "))
}
