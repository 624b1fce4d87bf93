package analyze

import (
	"path"
	"strings"

	"github.com/cxlog/cxlog/grammar"
)

// NewInvocation builds the typed record of a parsed command from the grammar's nodes.
func NewInvocation(cmd *grammar.Command, span Span, drv string) *Invocation {
	inv := &Invocation{Span: span, Drv: drv, Program: cmd.Program, Args: cmd.Args}
	if len(cmd.Env) > 0 {
		inv.Env = make([]EnvVar, len(cmd.Env))
		for i, w := range cmd.Env {
			inv.Env[i] = envVar(w, span.Start+cmd.EnvLines[i]-1)
		}
	}
	inv.Package, _ = inv.EnvValue("CARGO_PKG_NAME")
	inv.PackageVersion, _ = inv.EnvValue("CARGO_PKG_VERSION")
	switch {
	case cmd.BuildScript != nil:
		inv.Kind = KindBuildScript
		inv.CrateName = strings.ReplaceAll(inv.Package, "-", "_")
		inv.Profile = profileFromPath(inv.Program)
	case cmd.Rustc != nil:
		inv.Kind = KindRustc
		if cmd.Rustc.Wrapper != "" {
			// RUSTC_WRAPPER (sccache): cargo runs the wrapper with rustc's path first
			inv.Wrapper, inv.Program, inv.Args = cmd.Rustc.Wrapper, cmd.Rustc.Path, cmd.Args[1:]
		}
		inv.readRustc(cmd.Rustc)
	default:
		inv.Kind = KindOther
	}
	return inv
}

// newLinkerCommand builds the record of a linker command from the grammar's nodes.
func newLinkerCommand(cmd *grammar.LinkerCommand, span Span, drv string) *LinkerCommand {
	lc := &LinkerCommand{Span: span, Drv: drv, Program: cmd.Program, Args: cmd.Words, Flavor: cmd.Flavor(), Elided: cmd.Elisions()}
	if len(cmd.Env) > 0 {
		lc.Env = make([]EnvVar, len(cmd.Env))
		for i, w := range cmd.Env {
			lc.Env[i] = envVar(w, span.Start+cmd.EnvLines[i]-1)
		}
	}
	return lc
}

func baseName(p string) string { return path.Base(strings.ReplaceAll(p, `\`, "/")) }

func (inv *Invocation) readRustc(r *grammar.Rustc) {
	inv.CrateName = r.CrateName()
	inv.CrateTypes = r.CrateTypes()
	inv.Edition = r.Edition()
	inv.Source = r.Source()
	inv.Target = targetName(r.Target())
	inv.OutDir = r.OutDir()
	inv.Sysroot = r.Sysroot()
	if len(r.CfgTokens) > 0 {
		inv.Cfgs = make([]Cfg, 0, len(r.CfgTokens))
		for c := range r.EachCfg() {
			inv.Cfgs = append(inv.Cfgs, Cfg(c))
		}
	}
	inv.LibPaths = r.LibPathTokens.Values() // as written: kind=path
	inv.Externs = r.ExternTokens.Values()   // as written: name=path
	if len(r.UnstableTokens) > 0 {
		inv.Unstable = make([]Option, 0, len(r.UnstableTokens))
		for o := range r.Unstable() {
			inv.Unstable = append(inv.Unstable, Option{Name: o.Key, Value: o.Value})
		}
	}
	optLevel := ""
	inv.Codegen = make([]Option, 0, len(r.CodegenTokens))
	for o := range r.Codegen() {
		switch k, v := o.Key, o.Value; k {
		case "linker":
			inv.Linker = v
		case "linker-flavor":
			inv.LinkerFlavor = v
		case "link-arg":
			inv.LinkArgs = append(inv.LinkArgs, v)
		case "link-args":
			inv.LinkArgs = append(inv.LinkArgs, strings.Fields(v)...)
		case "target-feature":
			inv.TargetFeatures = append(inv.TargetFeatures, parseFeatures(v)...)
		case "target-cpu":
			inv.TargetCPU = v
		default:
			if k == "opt-level" {
				optLevel = v
			}
			inv.Codegen = append(inv.Codegen, Option{Name: k, Value: v})
		}
	}
	inv.Profile = profileFromPath(inv.OutDir)
	if inv.Profile == "" && optLevel != "" {
		inv.Profile = "debug"
		if optLevel != "0" {
			inv.Profile = "release"
		}
	}
}

func parseFeatures(s string) []Feature {
	var out []Feature
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
		case f[0] == '+':
			out = append(out, Feature{Name: f[1:], Enabled: true})
		case f[0] == '-':
			out = append(out, Feature{Name: f[1:], Enabled: false})
		default:
			out = append(out, Feature{Name: f, Enabled: true})
		}
	}
	return out
}

// profileFromPath reads the profile from a cargo output path: target/<triple>/<profile>/deps or
// target/<profile>/build/...
func profileFromPath(p string) string {
	isSep := func(c byte) bool { return c == '/' || c == '\\' }
	end := len(p)
	var later string // the part after the current one
	for end > 0 {
		start := end - 1
		for start >= 0 && !isSep(p[start]) {
			start--
		}
		part := p[start+1 : end]
		switch later {
		case "deps", "build", "examples", "incremental":
			return part
		}
		later, end = part, start
	}
	return ""
}

// targetName is the target a --target value names: a triple, or the name of a custom target
// given as the path of its JSON spec (/home/u/fw/xtensa-esp32-none-elf.json), which cargo and
// rustc name after the file.
func targetName(v string) string {
	if !strings.HasSuffix(v, ".json") {
		return v
	}
	return strings.TrimSuffix(baseName(v), ".json")
}
