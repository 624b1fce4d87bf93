package cargoconf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cxlog/cxlog/analyze/linkerflavor"
)

// Schema is the JSON schema of a Report (cxlog doctor --format json).
const Schema = "cxlog.doctor/v1"

// Report is doctor's prediction: what was read, what each target gets, what will go wrong.
type Report struct {
	Dir       string     `json:"dir"`
	Manifest  string     `json:"manifest,omitempty"`
	Files     []File     `json:"files"`
	Env       []string   `json:"env,omitempty"` // the variables that decide the build, KEY=VALUE
	Toolchain *Toolchain `json:"toolchain,omitempty"`
	Targets   []Plan     `json:"targets"`
	Problems  []Problem  `json:"problems"`
}

// Plan is what cargo will hand rustc for one kind of unit.
type Plan struct {
	Triple string `json:"triple"` // the target's name ([target.<triple>] tables)
	// Kind: "target" (the crates being built for --target / build.target) or "host" (build
	// scripts and proc-macros, and everything when no target is configured).
	Kind string `json:"kind"`
	// TargetArg is rustc's --target value ("" when cargo passes none: a host build).
	TargetArg string `json:"target_arg,omitempty"`
	// Rustflags are the flags cargo appends to every rustc command of this kind.
	Rustflags []string `json:"rustflags"`
	// RustflagsSource names the source that won: CARGO_ENCODED_RUSTFLAGS, RUSTFLAGS,
	// target.<triple>.rustflags, build.rustflags, or "" when none gave any.
	RustflagsSource string    `json:"rustflags_source,omitempty"`
	RustflagsFrom   []string  `json:"rustflags_from,omitempty"` // the files and variables that gave them
	Ignored         []Ignored `json:"ignored,omitempty"`
	// Linker is the program rustc will run; LinkerArg is rustc's -C linker value ("" when
	// cargo passes none and the target's default is used).
	Linker      string `json:"linker,omitempty"`
	LinkerArg   string `json:"linker_arg,omitempty"`
	LinkerFrom  string `json:"linker_from,omitempty"`
	Flavor      string `json:"flavor,omitempty"`
	FlavorWhy   string `json:"flavor_why,omitempty"`
	LinkerPath  string `json:"linker_path,omitempty"` // where it was found; "" when not found
	LinkerFound bool   `json:"linker_found"`
	// LinkerScripts are the -T scripts the rustflags pass to the link.
	LinkerScripts []string `json:"linker_scripts,omitempty"`
}

// Ignored is a rustflags source present but not used.
type Ignored struct {
	Source string   `json:"source"`
	Flags  []string `json:"flags"`
	From   []string `json:"from"`
	Why    string   `json:"why"`
}

// Problem is something the build will get wrong, with its taxonomy class, the knowledge-base
// entry that explains it, and a fix.
type Problem struct {
	Class   string `json:"class"`
	Entry   string `json:"entry,omitempty"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
	Where   string `json:"where,omitempty"`
}

// Toolchain is what rust-toolchain(.toml) asks rustup for.
type Toolchain struct {
	Path    string   `json:"path"`
	Channel string   `json:"channel,omitempty"`
	Targets []string `json:"targets,omitempty"`
}

// Doctor reads the inputs and predicts the build. Only unreadable input is an error.
func Doctor(in Inputs) (*Report, error) {
	m, err := load(in)
	if err != nil {
		return nil, err
	}
	r := &Report{Dir: m.dir}
	proj, err := m.project()
	if err != nil {
		return nil, err
	}
	r.Manifest = proj.manifest
	r.Toolchain = proj.toolchain
	for _, kv := range in.Env {
		k, _, _ := strings.Cut(kv, "=")
		if decidesBuild(k) {
			r.Env = append(r.Env, kv)
		}
	}
	target, err := m.target()
	if err != nil {
		return nil, err
	}
	if target.name != "" {
		p, err := m.plan(target, "target", true)
		if err != nil {
			return nil, err
		}
		r.Targets = append(r.Targets, p)
	}
	if in.Host != "" {
		p, err := m.plan(targetSel{name: in.Host}, "host", target.name == "")
		if err != nil {
			return nil, err
		}
		r.Targets = append(r.Targets, p)
	}
	r.Files = m.files
	r.Problems = append(m.notes, m.problems(r, target, proj)...)
	return r, nil
}

func decidesBuild(k string) bool {
	switch k {
	case "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_BUILD_TARGET", "CARGO_HOME", "RUSTC", "RUSTC_WRAPPER", "RUSTUP_TOOLCHAIN":
		return true
	}
	return strings.HasPrefix(k, "CARGO_TARGET_")
}

// targetSel is the configured target: its name for [target.<name>] tables and what rustc's
// --target gets (a custom target's JSON path, made absolute).
type targetSel struct {
	name, arg string
	from      string
	spec      map[string]any // a custom target's JSON, nil for a built-in one
}

// target is the target to build: cargo's --target, else build.target ("build.target":
// string, a path to a target JSON is config-relative), else none (the host).
func (m *model) target() (targetSel, error) {
	var s setting
	if m.in.Target != "" {
		s = setting{str: m.in.Target, from: origin{kind: "cli", path: "--target", root: m.dir}}
	} else if v, ok := m.scalar("build", "target"); ok {
		s = v
	} else {
		return targetSel{}, nil
	}
	t := targetSel{name: s.str, arg: s.str, from: s.from.String()}
	if strings.HasSuffix(s.str, ".json") {
		p := s.str
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.from.root, p)
		}
		t.arg = p
		t.name = strings.TrimSuffix(filepath.Base(p), ".json")
		spec, err := readJSON(p)
		if err != nil {
			return targetSel{}, err
		}
		t.spec = spec
		m.files = append(m.files, File{Path: p, Kind: KindTargetSpec, Read: spec != nil, Note: map[bool]string{true: "", false: "missing"}[spec != nil]})
	}
	return t, nil
}

// plan predicts one kind of unit. cross is false for the host when a target is configured.
func (m *model) plan(t targetSel, kind string, getsFlags bool) (Plan, error) {
	p := Plan{Triple: t.name, Kind: kind}
	if kind == "target" {
		p.TargetArg = t.arg
	}
	if err := m.rustflags(&p, getsFlags); err != nil {
		return p, err
	}
	m.linker(&p, t)
	p.LinkerScripts = linkerScripts(p.Rustflags)
	if p.Rustflags == nil {
		p.Rustflags = []string{}
	}
	return p, nil
}

// rustflags picks the one source cargo uses ("build.rustflags": four mutually exclusive
// sources, the first present wins: CARGO_ENCODED_RUSTFLAGS, RUSTFLAGS, all matching
// target.<triple>.rustflags and target.<cfg>.rustflags joined, build.rustflags). With a
// target configured, build scripts and proc-macros (the host kind) get none of them.
func (m *model) rustflags(p *Plan, getsFlags bool) error {
	type source struct {
		name  string
		flags []string
		from  []string
	}
	var sources []source
	if v, ok := m.env["CARGO_ENCODED_RUSTFLAGS"]; ok {
		flags := []string{}
		if v != "" {
			flags = strings.Split(v, "\x1f")
		}
		sources = append(sources, source{"CARGO_ENCODED_RUSTFLAGS", flags, []string{"environment CARGO_ENCODED_RUSTFLAGS"}})
	}
	if v, ok := m.env["RUSTFLAGS"]; ok {
		sources = append(sources, source{"RUSTFLAGS", strings.Fields(v), []string{"environment RUSTFLAGS"}})
	}
	tparts, err := m.list("target", p.Triple, "rustflags")
	if err != nil {
		return err
	}
	// Matching [target.'cfg(...)'] tables add theirs after the triple's, in key order.
	for _, key := range m.tableKeys("target") {
		if !strings.HasPrefix(key, "cfg(") {
			continue
		}
		cparts, err := m.list("target", key, "rustflags")
		if err != nil {
			return err
		}
		if len(cparts) == 0 {
			continue
		}
		var cfgs []string
		if m.in.Cfg != nil {
			cfgs = m.in.Cfg(targetArg(p))
		}
		match, ok := cfgMatches(key, cfgs)
		if cfgs == nil || !ok {
			m.notes = append(m.notes, Problem{Class: "cargo-config-scope", Where: m.definedIn("target", key),
				Message: fmt.Sprintf("[target.'%s'] rustflags could not be evaluated for %s: the prediction leaves them out", key, p.Triple),
				Fix:     "check with cargo build -vv whether they reach rustc"})
			continue
		}
		if match {
			tparts = append(tparts, cparts...)
		}
	}
	if w, f := joinParts(tparts); len(w) > 0 {
		sources = append(sources, source{"target." + p.Triple + ".rustflags", w, f})
	}
	bparts, err := m.list("build", "rustflags")
	if err != nil {
		return err
	}
	if w, f := joinParts(bparts); len(w) > 0 {
		sources = append(sources, source{"build.rustflags", w, f})
	}
	won := false
	for _, s := range sources {
		switch {
		case !getsFlags:
			p.Ignored = append(p.Ignored, Ignored{s.name, s.flags, s.from, "a target is configured: build scripts and proc-macros get no rustflags"})
		case !won:
			won = true
			p.Rustflags, p.RustflagsSource, p.RustflagsFrom = s.flags, s.name, s.from
		default:
			p.Ignored = append(p.Ignored, Ignored{s.name, s.flags, s.from, s.name + " is ignored because " + p.RustflagsSource + " is set"})
		}
	}
	return nil
}

// linker finds the program rustc will link with: target.<triple>.linker (env
// CARGO_TARGET_<TRIPLE>_LINKER, "target.<triple>.linker": a config-relative program path:
// a value with a slash is relative to the directory holding .cargo, a bare name is looked up
// on PATH), else the target's spec; and the flavor rustc gives it (linkerflavor).
func (m *model) linker(p *Plan, t targetSel) {
	def, known := linkerflavor.Target(p.Triple)
	if t.spec != nil {
		def, known = linkerflavor.Default{}, false
		if f, ok := t.spec["linker-flavor"].(string); ok {
			def.Spec, known = linkerflavor.Named(f)
		}
		if l, ok := t.spec["linker"].(string); ok {
			def.Linker, known = l, true
		} else {
			def.Linker = def.Spec.Program()
		}
	}
	cli := linkerFlavorFlag(p.Rustflags)
	_, explicit := linkerflavor.CLIHint(cli)
	var linkerArg string
	s, configured := m.scalar("target", p.Triple, "linker")
	if configured {
		linkerArg = s.str
		if strings.ContainsRune(linkerArg, '/') && !filepath.IsAbs(linkerArg) {
			linkerArg = filepath.Join(s.from.root, linkerArg)
		}
	}
	spec := def.Spec.Resolve(linkerArg, cli)
	switch {
	case configured:
		p.Linker, p.LinkerArg, p.LinkerFrom = linkerArg, linkerArg, s.from.String()
	case known && explicit:
		// -C linker-flavor without -C linker: rustc runs the flavor's own program, not the
		// target's linker.
		p.Linker, p.LinkerFrom = spec.Program(), "the default program for -C linker-flavor="+cli
	case known:
		p.Linker, p.LinkerFrom = def.Linker, "the target's default"
	}
	if known {
		p.Flavor = spec.Name()
		switch {
		case explicit:
			p.FlavorWhy = "-C linker-flavor=" + cli + " in the rustflags (" + p.RustflagsSource + ")"
		case !configured:
			p.FlavorWhy = "the target's default"
		case !linkerflavor.NameHint(linkerArg).None():
			p.FlavorWhy = "inferred from the file name " + filepath.Base(linkerArg)
		default:
			p.FlavorWhy = "the name " + filepath.Base(linkerArg) + " gives rustc no hint: the target's default flavor stays"
		}
	}
	if p.Linker != "" {
		p.LinkerPath = m.findProgram(p.Linker)
		p.LinkerFound = p.LinkerPath != ""
	}
}

// findProgram looks a linker up as rustc's child would find it: a path as it is, a name on
// PATH, with rustc's own tool directories (where rust-lld lives) first.
func (m *model) findProgram(name string) string {
	if strings.ContainsRune(name, '/') {
		if isExecutable(name) {
			return name
		}
		return ""
	}
	var dirs []string
	if m.in.Sysroot != "" && m.in.Host != "" {
		bin := filepath.Join(m.in.Sysroot, "lib", "rustlib", m.in.Host, "bin")
		dirs = append(dirs, bin, filepath.Join(bin, "gcc-ld"))
	}
	return FindExecutable(name, append(dirs, filepath.SplitList(m.env["PATH"])...))
}

// FindExecutable is the first executable file called name in dirs, searched as a shell
// searches PATH (an empty entry is the current directory), or "".
func FindExecutable(name string, dirs []string) string {
	for _, d := range dirs {
		if d == "" {
			d = "."
		}
		if p := filepath.Join(d, name); isExecutable(p) {
			return p
		}
	}
	return ""
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// targetArg is what rustc --print cfg needs for a plan: its --target, or the host's triple.
func targetArg(p *Plan) string {
	if p.TargetArg != "" {
		return p.TargetArg
	}
	return p.Triple
}
