package analyze

import (
	"path"
	"strings"

	"github.com/cxlog/cxlog/grammar"
)

// rustcValueFlags take their value as the next word when not written --flag=value.
var rustcValueFlags = map[string]bool{
	"-C": true, "--codegen": true, "-Z": true, "--cfg": true, "--check-cfg": true, "-L": true,
	"-l": true, "--extern": true, "--target": true, "--crate-name": true, "--crate-type": true,
	"--edition": true, "--emit": true, "--out-dir": true, "-o": true, "--error-format": true,
	"--json": true, "--cap-lints": true, "--sysroot": true, "--print": true, "--explain": true,
	"-A": true, "-W": true, "-D": true, "-F": true, "--remap-path-prefix": true, "--env-set": true,
	"--diagnostic-width": true, "--allow": true, "--warn": true, "--deny": true, "--forbid": true,
}

// NewInvocation builds the typed record of a parsed command.
func NewInvocation(cmd *grammar.Command, span Span, drv string) *Invocation {
	inv := &Invocation{Span: span, Drv: drv, Program: cmd.Program, Args: cmd.Args}
	for i, w := range cmd.Env {
		inv.Env = append(inv.Env, envVar(w, span.Start+cmd.EnvLines[i]-1))
	}
	inv.Package, _ = inv.EnvValue("CARGO_PKG_NAME")
	inv.PackageVersion, _ = inv.EnvValue("CARGO_PKG_VERSION")
	if !isRustc(cmd.Program) && len(cmd.Args) > 0 && isRustc(cmd.Args[0]) {
		// RUSTC_WRAPPER (sccache): cargo runs the wrapper with rustc's path first
		inv.Wrapper, inv.Program, inv.Args = cmd.Program, cmd.Args[0], cmd.Args[1:]
	}
	switch {
	case strings.HasPrefix(baseName(inv.Program), "build-script-"):
		inv.Kind = KindBuildScript
		inv.CrateName = strings.ReplaceAll(inv.Package, "-", "_")
		inv.Profile = profileFromPath(inv.Program)
	case isRustc(inv.Program):
		inv.Kind = KindRustc
		inv.readRustcArgs(inv.Args)
	default:
		inv.Kind = KindOther
	}
	return inv
}

func baseName(p string) string { return path.Base(strings.ReplaceAll(p, `\`, "/")) }

func isRustc(program string) bool {
	base := baseName(program)
	return base == "rustc" || base == "rustc.exe" || strings.HasSuffix(base, "-rustc") || base == "clippy-driver" || base == "clippy-driver.exe"
}

func (inv *Invocation) readRustcArgs(args []string) {
	optLevel := ""
	for i := 0; i < len(args); i++ {
		flag, value := args[i], ""
		hasValue := false
		if strings.HasPrefix(flag, "--") {
			if k, v, ok := strings.Cut(flag, "="); ok {
				flag, value, hasValue = k, v, true
			}
		} else if len(flag) > 2 && flag[0] == '-' && rustcValueFlags[flag[:2]] {
			flag, value, hasValue = flag[:2], flag[2:], true // -Clinker=x, -Lfoo
		}
		if !hasValue && rustcValueFlags[flag] && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		if !strings.HasPrefix(flag, "-") {
			if inv.Source == "" && (strings.HasSuffix(flag, ".rs") || flag == "-") {
				inv.Source = flag
			}
			continue
		}
		switch flag {
		case "--crate-name":
			inv.CrateName = value
		case "--crate-type":
			inv.CrateTypes = append(inv.CrateTypes, strings.Split(value, ",")...)
		case "--edition":
			inv.Edition = value
		case "--target":
			inv.Target = targetName(value)
		case "--out-dir":
			inv.OutDir = value
		case "--sysroot":
			inv.Sysroot = value
		case "--cfg":
			inv.Cfgs = append(inv.Cfgs, parseCfg(value))
		case "-L":
			inv.LibPaths = append(inv.LibPaths, value)
		case "--extern":
			inv.Externs = append(inv.Externs, value)
		case "-Z":
			k, v, _ := strings.Cut(value, "=")
			inv.Unstable = append(inv.Unstable, Option{Name: k, Value: v})
		case "-C", "--codegen":
			k, v, _ := strings.Cut(value, "=")
			switch k {
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
	}
	inv.Profile = profileFromPath(inv.OutDir)
	if inv.Profile == "" && optLevel != "" {
		inv.Profile = "debug"
		if optLevel != "0" {
			inv.Profile = "release"
		}
	}
}

// parseCfg splits `name` or `name="value"` (quotes already resolved by the shell lexer, so
// the value keeps its own double quotes).
func parseCfg(s string) Cfg {
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		return Cfg{Name: s}
	}
	return Cfg{Name: name, Value: strings.Trim(value, `"`), HasValue: true}
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
	parts := strings.Split(strings.ReplaceAll(p, `\`, "/"), "/")
	for i := len(parts) - 1; i > 0; i-- {
		switch parts[i] {
		case "deps", "build", "examples", "incremental":
			return parts[i-1]
		}
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
