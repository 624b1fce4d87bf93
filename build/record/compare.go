package record

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Change is one way two bundles differ beside their logs.
type Change struct {
	Kind string `json:"kind"` // env, file, tool, lock
	Name string `json:"name"` // the variable, the file's path, the tool, the package
	Good string `json:"good"` // "" when absent
	Bad  string `json:"bad"`
	// Decides is true for what decides a cross build's flags and linker (RUSTFLAGS,
	// CARGO_*, a config file, rustc's version): these come first.
	Decides bool `json:"decides"`
}

// Variables that differ between any two shells and say nothing about the build.
var noise = map[string]bool{"_": true, "OLDPWD": true, "PWD": true, "SHLVL": true, "TERM_SESSION_ID": true, "WINDOWID": true}

// Compare lists how bad differs from good: environment, kept files, tool versions and the
// versions Cargo.lock pins; what decides the build first, then by kind and name.
func Compare(good, bad *Bundle) []Change {
	var out []Change
	ge, be := envMap(good.Env), envMap(bad.Env)
	for _, k := range unionKeys(ge, be) {
		if noise[k] || ge[k] == be[k] {
			continue
		}
		out = append(out, Change{Kind: "env", Name: k, Good: ge[k], Bad: be[k], Decides: decides(k)})
	}
	gf, bf := keptByPath(good), keptByPath(bad)
	for _, p := range unionKeys(gf, bf) {
		g, b := gf[p], bf[p]
		if g.SHA256 == b.SHA256 {
			continue
		}
		if g.Kind == "lockfile" || b.Kind == "lockfile" {
			out = append(out, lockChanges(good, g, bad, b)...)
			continue
		}
		out = append(out, Change{Kind: "file", Name: p, Good: fileState(g), Bad: fileState(b), Decides: g.Kind != "manifest" && b.Kind != "manifest"})
	}
	gt, bt := toolsByName(good), toolsByName(bad)
	for _, n := range unionKeys(gt, bt) {
		if gt[n] != bt[n] {
			out = append(out, Change{Kind: "tool", Name: n, Good: gt[n], Bad: bt[n], Decides: true})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Decides && !out[j].Decides })
	return out
}

// decides is a variable that chooses rustflags, the target, the linker or the toolchain.
func decides(k string) bool {
	switch k {
	case "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "RUSTC", "RUSTC_WRAPPER", "RUSTUP_TOOLCHAIN", "CARGO", "CARGO_HOME", "PATH", "CC", "CXX", "AR", "TARGET_CC", "HOST_CC":
		return true
	}
	return strings.HasPrefix(k, "CARGO_") || strings.HasPrefix(k, "CC_") || strings.HasPrefix(k, "CFLAGS")
}

func fileState(k Kept) string {
	if k.Path == "" {
		return ""
	}
	return "sha256:" + k.SHA256[:12]
}

func envMap(env []string) map[string]string {
	m := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

func keptByPath(b *Bundle) map[string]Kept {
	m := map[string]Kept{}
	for _, k := range b.Manifest.Files {
		m[k.Path] = k
	}
	return m
}

func toolsByName(b *Bundle) map[string]string {
	m := map[string]string{}
	for _, t := range b.Manifest.Tools {
		first, _, _ := strings.Cut(t.Output, "\n")
		if t.Name == "linker" {
			m[t.Name] = strings.Join(t.Command[:1], "") + ": " + first
		} else {
			m[t.Name] = first
		}
	}
	return m
}

func unionKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// lockChanges are the package versions two Cargo.lock copies pin differently.
func lockChanges(good *Bundle, g Kept, bad *Bundle, b Kept) []Change {
	gv, bv := lockVersions(good, g), lockVersions(bad, b)
	var out []Change
	for _, n := range unionKeys(gv, bv) {
		if gv[n] != bv[n] {
			out = append(out, Change{Kind: "lock", Name: n, Good: gv[n], Bad: bv[n]})
		}
	}
	return out
}

func lockVersions(b *Bundle, k Kept) map[string]string {
	m := map[string]string{}
	if k.Copy == "" {
		return m
	}
	data, err := os.ReadFile(filepath.Join(b.Dir, k.Copy))
	if err != nil {
		return m
	}
	var lock struct {
		Package []struct{ Name, Version string }
	}
	if toml.Unmarshal(data, &lock) != nil {
		return m
	}
	for _, p := range lock.Package {
		if m[p.Name] != "" {
			m[p.Name] += ", " + p.Version
		} else {
			m[p.Name] = p.Version
		}
	}
	return m
}
