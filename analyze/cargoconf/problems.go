package cargoconf

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/linkerflavor"
)

// problems are the settings this build will get wrong, each with its class and a fix.
func (m *model) problems(r *Report, target targetSel, pr *project) []Problem {
	var out []Problem
	add := func(c class.Class, entry, where, msg, fix string) {
		out = append(out, Problem{Class: string(c), Entry: entry, Where: where, Message: msg, Fix: fix})
	}
	built := map[string]bool{}
	for _, p := range r.Targets {
		built[p.Triple] = true
	}
	for _, p := range r.Targets {
		for _, ig := range p.Ignored {
			if p.RustflagsSource != "RUSTFLAGS" && p.RustflagsSource != "CARGO_ENCODED_RUSTFLAGS" {
				continue
			}
			if ig.Source == "RUSTFLAGS" {
				continue
			}
			add(class.CargoConfigScope, "rustflags-env-overrides-config", strings.Join(ig.From, ", "),
				fmt.Sprintf("%s is set (%s), so cargo ignores %s %s from %s for %s", p.RustflagsSource, shellWords(p.Rustflags), ig.Source, shellWords(ig.Flags), strings.Join(ig.From, ", "), p.Triple),
				fmt.Sprintf("unset %s, or add its flags to %s in %s", p.RustflagsSource, ig.Source, ig.From[0]))
		}
		if p.LinkerArg != "" && p.Flavor == "gnu-lld" && linkerflavor.NameHint(p.Linker).None() && linkerFlavorFlag(p.Rustflags) == "" {
			add(class.LinkerFlavorMismatch, "gcc-wrapper-receives-flavor-gnu", p.LinkerFrom,
				fmt.Sprintf("the linker %s of %s (from %s) has a name rustc does not classify: it keeps the target's lld flavor and passes -flavor gnu and raw linker flags to it", p.Linker, p.Triple, p.LinkerFrom),
				fmt.Sprintf("add \"-C\", \"linker-flavor=gcc\" to [target.%s] rustflags, or name a linker rustc recognises (a *-gcc driver or rust-lld)", p.Triple))
		}
		if p.Linker != "" && !p.LinkerFound {
			entry := "linker-program-not-found"
			if p.Linker == "rust-lld" {
				entry = "rust-lld-not-found"
			}
			add(class.LinkerNotFound, entry, p.LinkerFrom,
				fmt.Sprintf("the linker %s of %s (%s) is not on PATH", p.Linker, p.Triple, p.LinkerFrom),
				fmt.Sprintf("install %s or put its directory on PATH, or set [target.%s] linker to a linker that exists", p.Linker, p.Triple))
		}
		if dup := duplicates(p.LinkerScripts); len(dup) > 0 {
			add(class.DuplicateDefinition, "symbol-or-lang-item-defined-twice", strings.Join(p.RustflagsFrom, ", "),
				fmt.Sprintf("the linker script %s reaches the link of %s more than once (rustflags from %s are joined across files)", strings.Join(dup, ", "), p.Triple, strings.Join(p.RustflagsFrom, ", ")),
				"keep the -T flag in one config file only")
		}
	}
	// [target.<triple>] tables for targets not built: cfg() tables and the host are not
	// counted ("target.<triple>": settings apply only when building for that triple).
	for _, t := range m.tableKeys("target") {
		if strings.HasPrefix(t, "cfg(") || built[t] {
			continue
		}
		where := m.definedIn("target", t)
		msg := fmt.Sprintf("[target.%s] in %s is for a target this build does not build", t, where)
		fix := fmt.Sprintf("set build.target = %q, or pass --target %s", t, t)
		if target.name != "" {
			msg = fmt.Sprintf("[target.%s] in %s is for a target this build does not build (it builds %s)", t, where, target.name)
			fix = fmt.Sprintf("rename the table to [target.%s], or build with --target %s", target.name, t)
		}
		add(class.CargoConfigScope, "cargo-settings-reached-wrong-build", where, msg, fix)
	}
	if pr.manifest != "" {
		out = append(out, manifestProblems(pr, target)...)
		for _, mem := range pr.members() {
			cfg, _ := configIn(filepath.Join(mem, ".cargo"))
			if cfg == "" || within(m.dir, mem) {
				continue
			}
			add(class.CargoConfigScope, "cargo-settings-reached-wrong-build", cfg,
				fmt.Sprintf("%s belongs to the workspace member %s, but cargo started in %s does not read it (config is found from the current directory upward)", cfg, filepath.Base(mem), m.dir),
				fmt.Sprintf("move its settings to %s, or run cargo from %s", filepath.Join(filepath.Dir(pr.root), ".cargo", "config.toml"), mem))
		}
	}
	return out
}

func manifestProblems(pr *project, target targetSel) []Problem {
	var out []Problem
	// Keys of .cargo/config.toml written into Cargo.toml: cargo warns "unused manifest key"
	// and ignores them (the manifest format has no [build]; [target.X] there takes only
	// dependency tables).
	for _, k := range []string{"build", "env", "unstable", "alias", "net", "term"} {
		if _, ok := pr.data[k]; ok {
			out = append(out, Problem{Class: string(class.CargoConfigScope), Entry: "cargo-config-key-in-cargo-toml", Where: pr.manifest,
				Message: fmt.Sprintf("[%s] in %s is a .cargo/config.toml table: cargo ignores it in the manifest (unused manifest key)", k, pr.manifest),
				Fix:     fmt.Sprintf("move [%s] to %s", k, filepath.Join(filepath.Dir(pr.manifest), ".cargo", "config.toml"))})
		}
	}
	if ts, ok := pr.data["target"].(map[string]any); ok {
		names := make([]string, 0, len(ts))
		for n := range ts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			t, _ := ts[n].(map[string]any)
			for _, k := range []string{"linker", "rustflags", "runner", "ar"} {
				if _, ok := t[k]; ok {
					out = append(out, Problem{Class: string(class.CargoConfigScope), Entry: "cargo-config-key-in-cargo-toml", Where: pr.manifest,
						Message: fmt.Sprintf("target.%s.%s in %s is a config key: cargo ignores it in the manifest", n, k, pr.manifest),
						Fix:     fmt.Sprintf("move it to [target.%s] in %s", n, filepath.Join(filepath.Dir(pr.manifest), ".cargo", "config.toml"))})
				}
			}
		}
	}
	// "Profiles": profiles of a workspace member are ignored; only the root's apply.
	if pr.root != pr.manifest {
		if _, ok := pr.data["profile"]; ok {
			out = append(out, Problem{Class: string(class.CargoConfigScope), Entry: "cargo-settings-reached-wrong-build", Where: pr.manifest,
				Message: fmt.Sprintf("[profile] in the member %s is ignored: only the workspace root's profiles apply (%s)", pr.manifest, pr.root),
				Fix:     "move the [profile.*] tables to " + pr.root})
		}
	}
	if target.name == "" && len(pr.noStd) > 0 {
		out = append(out, Problem{Class: string(class.CargoConfigScope), Entry: "build-target-missing-builds-for-host", Where: pr.noStd[0],
			Message: fmt.Sprintf("%s is #![no_std] firmware, but no target is configured: cargo builds it for the host", pr.noStd[0]),
			Fix:     "set [build] target = \"<your firmware's triple>\" in " + filepath.Join(filepath.Dir(pr.manifest), ".cargo", "config.toml")})
	}
	return out
}

// definedIn names the layers that define a key.
func (m *model) definedIn(key ...string) string {
	var where []string
	for _, l := range m.layers {
		if _, ok := lookup(l.data, key); ok && !slices.Contains(where, l.origin.String()) {
			where = append(where, l.origin.String())
		}
	}
	return strings.Join(where, ", ")
}

func within(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

func duplicates(ss []string) []string {
	seen := map[string]int{}
	var out []string
	for _, s := range ss {
		seen[s]++
		if seen[s] == 2 {
			out = append(out, s)
		}
	}
	return out
}

// shellWords shows flags as one would type them.
func shellWords(flags []string) string {
	if len(flags) == 0 {
		return `""`
	}
	var b []string
	for _, f := range flags {
		if f == "" || strings.ContainsAny(f, " \t'\"") {
			f = "'" + strings.ReplaceAll(f, "'", `'\''`) + "'"
		}
		b = append(b, f)
	}
	return strings.Join(b, " ")
}
