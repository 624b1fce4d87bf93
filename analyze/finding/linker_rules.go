package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// targetLinkerKey returns the triple of a CARGO_TARGET_<TRIPLE>_LINKER key, lower-cased with
// dashes (the form rustc knows), or "".
func targetLinkerKey(key string) string {
	t, ok := strings.CutPrefix(key, "CARGO_TARGET_")
	if !ok {
		return ""
	}
	t, ok = strings.CutSuffix(t, "_LINKER")
	if !ok {
		return ""
	}
	return tripleFromEnv(t)
}

// tripleFromEnv turns RISCV32IMC_UNKNOWN_NONE_ELF back into riscv32imc-unknown-none-elf.
// x86_64 keeps its underscore.
func tripleFromEnv(t string) string {
	t = strings.ToLower(t)
	t = strings.ReplaceAll(t, "x86_64", "x86#64")
	t = strings.ReplaceAll(t, "_", "-")
	t = strings.ReplaceAll(t, "x86#64", "x86_64")
	// the dots of thumbv8m.main-none-eabi and thumbv8.1m.main-none-eabi
	t = strings.Replace(t, "thumbv8-1m-", "thumbv8.1m-", 1)
	for _, sub := range []string{"-main-", "-base-"} {
		if arch, rest, ok := strings.Cut(t, sub); ok && strings.HasPrefix(arch, "thumbv8") && !strings.Contains(arch, "-") {
			t = arch + "." + sub[1:] + rest
		}
	}
	return t
}

// hostToolForTarget reports whether a linker or compiler path is built for another architecture
// than the target's (an x86_64 GCC for a RISC-V target). lld is multi-target and never counts.
func hostToolForTarget(tool, triple string) bool {
	if tool == "" || triple == "" || analyze.LinkerHint(tool) == analyze.FlavorLLD || strings.Contains(tool, "lld") {
		return false
	}
	ta, arch := analyze.TargetArch(triple), analyze.ToolArch(tool)
	return ta != "" && arch != "" && arch != ta && !strings.HasPrefix(ta, arch)
}

// getsFlavorGnu reports whether rustc, given this linker for this target, calls a C compiler
// driver with lld's -flavor argument.
func getsFlavorGnu(linker, triple string) bool {
	return analyze.LinkerHint(linker) == "" && analyze.LooksLikeCDriver(linker) && analyze.TargetDefaultFlavor(triple) == analyze.FlavorLLD
}

func flavorMessage(linker, triple string) string {
	return fmt.Sprintf("rustc is told to link %s with %s. %s", triple, linker, flavorReason(linker))
}

func flavorReason(linker string) string {
	return fmt.Sprintf("rustc guesses a linker's flavor from its file name, and a name such as %q gives it no hint (only gcc, *-gcc, clang, ld, *-ld, ld.lld, rust-lld do), so it keeps the target's default flavor, lld, and passes -flavor gnu and bare linker options (--as-needed, --gc-sections) to what is really a C compiler driver, which rejects them.",
		baseName(linker))
}

const flavorFix = "Let rustc use rust-lld for this target: drop the CARGO_TARGET_<TRIPLE>_LINKER / target.<triple>.linker that points at the C compiler (in Nix, the linker the Rust setup exports), or set linker = \"rust-lld\" (or -C linker-flavor=gcc if a GCC cross toolchain for the target really is meant)."

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// flavorRules: the linker named for an lld-default target is a C driver rustc cannot recognise.
func flavorRules(l *analyze.Log) []Finding {
	var out []Finding
	rejected := rejectedOptionNotes(l, 3)
	seen := map[string]bool{}
	for _, lc := range l.Linkers {
		if lc.Flavor == "" || !analyze.LooksLikeCDriver(lc.Program) || seen[lc.Program] {
			continue
		}
		seen[lc.Program] = true
		ev := append([]Evidence{evidenceAt("bad", lc.Span, fmt.Sprintf("%q \"-flavor\" %q ...", lc.Program, lc.Flavor))}, rejected...)
		out = append(out, Finding{Class: class.LinkerFlavorMismatch, Rule: "flavor-gnu-to-c-driver", Severity: High, Score: scoreFlavorInLinkerNote,
			Message:  fmt.Sprintf("rustc ran the C compiler driver %s as if it were lld. %s", lc.Program, flavorReason(lc.Program)),
			Evidence: ev, Fix: flavorFix})
	}
	for _, inv := range l.Invocations {
		if inv.Linker != "" && inv.LinkerFlavor == "" && getsFlavorGnu(inv.Linker, inv.Target) {
			out = append(out, Finding{Class: class.LinkerFlavorMismatch, Rule: "flavor-from-linker-name", Severity: High, Score: scoreFlavor, Crate: inv.CrateName,
				Message: flavorMessage(inv.Linker, inv.Target), Evidence: []Evidence{evidenceAt("bad", inv.Span, "-C linker="+inv.Linker)}, Fix: flavorFix})
		}
	}
	for _, e := range l.Env {
		if t := targetLinkerKey(e.Key); t != "" && getsFlavorGnu(e.Value, t) {
			out = append(out, Finding{Class: class.LinkerFlavorMismatch, Rule: "flavor-from-linker-name", Severity: High, Score: scoreFlavor,
				Message: flavorMessage(e.Value, t), Evidence: []Evidence{{Side: "bad", File: l.Name, Line: e.Line, Text: e.Original + "=" + e.Value}}, Fix: flavorFix})
		}
	}
	return out
}

// rejectedOptionNotes quotes up to n linker stderr lines that reject an option.
func rejectedOptionNotes(l *analyze.Log, n int) []Evidence {
	var out []Evidence
	for _, d := range l.Diagnostics {
		for i, note := range d.Notes {
			if len(out) == n {
				return out
			}
			if strings.Contains(note, "unrecognized command-line option") || strings.Contains(note, "unrecognized option") {
				out = append(out, Evidence{Side: "bad", File: d.File, Line: noteLine(d, i), Text: note})
			}
		}
	}
	return out
}

// noteLine is the line of a diagnostic's i-th note.
func noteLine(d *analyze.Diagnostic, i int) int {
	if i < len(d.NoteLines) {
		return d.NoteLines[i]
	}
	return d.Start
}

// hostLinkerRules: the linker of a cross target is a tool built for another architecture.
func hostLinkerRules(l *analyze.Log) []Finding {
	var out []Finding
	for _, e := range l.Env {
		if t := targetLinkerKey(e.Key); t != "" && hostToolForTarget(e.Value, t) {
			out = append(out, hostLinkerFinding(e.Original, e.Value, t, Evidence{Side: "bad", File: l.Name, Line: e.Line, Text: e.Original + "=" + e.Value}, scoreHostLinker))
		}
	}
	for _, inv := range l.Invocations {
		if hostToolForTarget(inv.Linker, inv.Target) {
			f := hostLinkerFinding("-C linker", inv.Linker, inv.Target, evidenceAt("bad", inv.Span, "-C linker="+inv.Linker), scoreHostLinker)
			f.Crate = inv.CrateName
			out = append(out, f)
		}
	}
	for _, d := range l.Diagnostics {
		if strings.Contains(d.Message, "cannot find -lgcc_s") && !hostOnly(l) {
			out = append(out, Finding{Class: class.HostLinkerForTarget, Rule: "host-libraries-for-target", Severity: High, Score: scoreHostLinker - 5,
				Message:  "The link step looks for the host's libgcc_s, which does not exist for a bare-metal target: a host linker or host link settings are used for the cross target.",
				Evidence: []Evidence{evidenceAt("bad", d.Span, d.Message)},
				Fix:      "Link the cross target with rust-lld (or the target's own GCC toolchain), not the host's ld."})
		}
	}
	return out
}

// hostOnly reports a log whose builds all are for the host or a hosted OS target: rustc
// without --target, or targets such as x86_64-unknown-linux-gnu. A log that names no target
// at all (a pasted linker error) is not host-only.
func hostOnly(l *analyze.Log) bool {
	seen := false
	for _, inv := range l.Invocations {
		if inv.Kind != analyze.KindRustc {
			continue
		}
		seen = true
		if inv.Target != "" && !hostedTarget(inv.Target) {
			return false
		}
	}
	for _, c := range l.Cargo {
		if c.Target != "" {
			seen = true
			if !hostedTarget(c.Target) {
				return false
			}
		}
	}
	return seen
}

// hostedTarget reports a target with an operating system whose C toolchain ships libgcc_s.
func hostedTarget(triple string) bool {
	for _, os := range []string{"-linux-", "-linux", "-darwin", "-windows-", "-freebsd", "-netbsd", "-openbsd", "-android", "-ios"} {
		if strings.Contains(triple, os) {
			return !strings.Contains(triple, "-none")
		}
	}
	return false
}

func hostLinkerFinding(what, tool, triple string, ev Evidence, score int) Finding {
	return Finding{Class: class.HostLinkerForTarget, Rule: "host-linker-for-target", Severity: High, Score: score,
		Message: fmt.Sprintf("%s points the %s target at %s, a %s toolchain: the host's compiler and linker are used to link a %s image.",
			what, triple, tool, analyze.ToolArch(tool), analyze.TargetArch(triple)),
		Evidence: []Evidence{ev},
		Fix:      fmt.Sprintf("Remove %s (in Nix: the CARGO_TARGET_<TRIPLE>_LINKER the Rust setup exports) so rustc uses rust-lld, or point it at a linker for %s.", what, triple)}
}

// envLinkerChanged: CARGO_TARGET_<TRIPLE>_LINKER appeared or changed in the bad build.
func envLinkerChanged(diffs []Difference) []Finding {
	var out []Finding
	for _, d := range diffs {
		t := targetLinkerKey(d.Key)
		if d.Aspect != AspectEnv || t == "" || len(d.Added) == 0 || d.Bad == nil {
			continue
		}
		_, value, _ := strings.Cut(d.Added[0], "=")
		ev := Evidence{Side: "bad", File: d.Bad.File, Line: d.Bad.Start, Text: d.Added[0]}
		state := "is new in the failing build"
		if len(d.Removed) > 0 {
			state = "changed (working build: " + d.Removed[0] + ")"
		}
		if hostToolForTarget(value, t) {
			f := hostLinkerFinding(d.Key, value, t, ev, scoreLinkerEnvHost)
			f.Rule = "linker-env-host-toolchain"
			f.Message = fmt.Sprintf("%s %s and points the %s target at %s, an %s toolchain.", d.Key, state, t, value, analyze.ToolArch(value))
			if getsFlavorGnu(value, t) {
				f.Message += " rustc cannot tell from the name that it is a C compiler, so it also passes it lld's -flavor gnu."
			}
			out = append(out, f)
		} else if getsFlavorGnu(value, t) {
			out = append(out, Finding{Class: class.LinkerFlavorMismatch, Rule: "flavor-from-linker-name", Severity: High, Score: scoreFlavor,
				Message: d.Key + " " + state + ". " + flavorMessage(value, t), Evidence: []Evidence{ev}, Fix: flavorFix})
		}
	}
	return out
}

// rustflagsEnvAdded: RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS set only in the bad build.
func rustflagsEnvAdded(diffs []Difference) []Finding {
	var out []Finding
	for _, d := range diffs {
		if d.Aspect != AspectEnv || (d.Key != "RUSTFLAGS" && d.Key != "CARGO_ENCODED_RUSTFLAGS") || len(d.Added) == 0 || len(d.Removed) > 0 || d.Bad == nil {
			continue
		}
		out = append(out, Finding{Class: class.CargoConfigScope, Rule: "rustflags-env-added", Severity: High, Score: scoreRustflagsEnvAdded, Crate: d.Crate,
			Message:  fmt.Sprintf("%s is set in the failing build only: %s, so the rustflags of .cargo/config.toml are silently ignored.", d.Key, precedenceRule),
			Evidence: []Evidence{evidenceAt("bad", *d.Bad, d.Added[0])},
			Fix:      "Unset " + d.Key + " for this build, or repeat the config's flags in it."})
	}
	return out
}

// rustflagsEnvRule: RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS is set for a cross build, in a printed
// environment or in an invocation's environment, so the config's rustflags are ignored.
func rustflagsEnvRule(l *analyze.Log) []Finding {
	target := crossTarget(l)
	if target == "" {
		return nil
	}
	for _, key := range []string{"CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS"} {
		if e, ok := l.EnvValue(key); ok && e.Value != "" {
			return []Finding{rustflagsEnvFinding(key, e.Value, target, Evidence{Side: "bad", File: l.Name, Line: e.Line, Text: e.Original + "=" + e.Value}, scoreRustflagsEnvDump)}
		}
		for _, inv := range l.Invocations {
			if v, ok := inv.EnvValue(key); ok && v != "" {
				return []Finding{rustflagsEnvFinding(key, v, target, evidenceAt("bad", inv.Span, key+"="+v), scoreRustflagsEnvSet)}
			}
		}
	}
	return nil
}

func rustflagsEnvFinding(key, value, target string, ev Evidence, score int) Finding {
	return Finding{Class: class.CargoConfigScope, Rule: "rustflags-env-set", Severity: High, Score: score,
		Message:  fmt.Sprintf("%s=%s is set for a build of %s: %s, so the rustflags of .cargo/config.toml (linker scripts, target features, cfgs) are ignored.", key, value, target, precedenceRule),
		Evidence: []Evidence{ev},
		Fix:      "Unset " + key + " for this build, or put every flag the config adds into it."}
}

// crossTarget is the bare-metal (lld-default) target a log builds for, or "".
func crossTarget(l *analyze.Log) string {
	for _, inv := range l.Invocations {
		if analyze.TargetDefaultFlavor(inv.Target) == analyze.FlavorLLD {
			return inv.Target
		}
	}
	for _, c := range l.Cargo {
		if analyze.TargetDefaultFlavor(c.Target) == analyze.FlavorLLD {
			return c.Target
		}
	}
	return ""
}

func platformTraceRule(l *analyze.Log) []Finding {
	var out []Finding
	for _, t := range l.Traces {
		config, _ := t.Attr("config")
		target, _ := t.Attr("rust.rustcTarget")
		if target == "" {
			target, _ = t.Attr("rustc.config")
		}
		targetArch := analyze.TargetArch(target)
		if config == "" || target == "" || analyze.TargetArch(config) == targetArch {
			continue
		}
		var flags []string
		for _, a := range t.Attrs {
			if strings.HasPrefix(a.Key, "is") && a.Value == "false" && strings.EqualFold(strings.TrimPrefix(a.Key, "is"), archFlag(targetArch)) {
				flags = append(flags, a.Key+" = false")
			}
		}
		out = append(out, Finding{Class: class.BuildPlatformConfusion, Rule: "platform-record-is-build-machine", Severity: High, Score: scorePlatformTrace,
			Message: fmt.Sprintf("The traced platform record is the build machine's (config = %q%s) while the Rust target is %s: the recipe tests the wrong platform (stdenv.hostPlatform instead of the Rust target), so target-specific choices such as using lld for RISC-V never apply.",
				config, prefixed(", ", strings.Join(flags, ", ")), target),
			Evidence: []Evidence{evidenceAt("bad", t.Span, fmt.Sprintf("trace: config = %q; rust.rustcTarget = %q", config, target))},
			Fix:      "Test the Rust target (e.g. stdenv.targetPlatform or the rustc target string) instead of stdenv.hostPlatform, or force the linker choice for the target."})
	}
	return out
}

func archFlag(arch string) string {
	switch arch {
	case "riscv32", "riscv64":
		return "RiscV"
	case "arm":
		return "Arm"
	case "aarch64":
		return "Aarch64"
	}
	return arch
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// binWithoutScriptRule: a bare-metal binary linked without any -T linker script.
func binWithoutScriptRule(l *analyze.Log) []Finding {
	var out []Finding
	for _, inv := range l.Invocations {
		if inv.Kind != analyze.KindRustc || !contains(inv.CrateTypes, "bin") || analyze.TargetDefaultFlavor(inv.Target) != analyze.FlavorLLD || strings.HasPrefix(inv.Target, "wasm") {
			continue
		}
		if hasScript(inv.LinkArgs) {
			continue
		}
		out = append(out, Finding{Class: class.LinkerScriptMissing, Rule: "bin-without-linker-script", Severity: Medium, Score: scoreBinWithoutScript, Crate: inv.CrateName,
			Message:  fmt.Sprintf("The firmware binary %s for %s is linked without any -T linker script: it may link at a wrong address and never boot.", inv.CrateName, inv.Target),
			Evidence: []Evidence{evidenceAt("bad", inv.Span, "rustc --crate-type bin --target "+inv.Target+" (no -C link-arg=-T...)")},
			Fix:      "Add the runtime's linker script to [target.<triple>] rustflags in .cargo/config.toml (e.g. -C link-arg=-Tlink.x) and make sure RUSTFLAGS does not override it."})
	}
	return out
}

// versionChanges: toolchain and Nix package versions.
func versionChanges(diffs []Difference) []Finding {
	var out []Finding
	for _, d := range diffs {
		if d.Aspect != AspectToolchain && d.Aspect != AspectPackages {
			continue
		}
		score, what := scorePackageChanged, "Nix package"
		if d.Aspect == AspectToolchain {
			score, what = scoreToolchainChanged, "Rust toolchain"
		}
		ev := []Evidence{}
		if d.Good != nil {
			ev = append(ev, evidenceAt("good", *d.Good, strings.Join(d.Removed, " ")))
		}
		if d.Bad != nil {
			ev = append(ev, evidenceAt("bad", *d.Bad, strings.Join(d.Added, " ")))
		}
		out = append(out, Finding{Class: class.VersionMismatch, Rule: "version-changed", Severity: Low, Score: score, Crate: d.Key,
			Message:  fmt.Sprintf("The %s changed from %s to %s between the builds.", what, strings.Join(d.Removed, " "), strings.Join(d.Added, " ")),
			Evidence: ev, Fix: "If nothing else explains the failure, pin the working version again and update one thing at a time."})
	}
	return out
}

func targetChanged(diffs []Difference) []Finding {
	var out []Finding
	for _, d := range diffs {
		if !(d.Aspect == AspectTargetTrip || d.Aspect == AspectCargo && d.Key == "--target") || d.Good == nil || d.Bad == nil {
			continue
		}
		out = append(out, Finding{Class: class.CargoConfigScope, Rule: "target-changed", Severity: Medium, Score: scoreTargetChanged, Crate: d.Crate,
			Message:  fmt.Sprintf("The build target differs (%s): the target cargo built for is not the one the project's config names.", d.Describe()),
			Evidence: []Evidence{evidenceAt("good", *d.Good, strings.Join(d.Removed, " ")), evidenceAt("bad", *d.Bad, strings.Join(d.Added, " "))},
			Fix:      "Pass --target explicitly or check which [build] target the build actually read."})
	}
	return out
}
