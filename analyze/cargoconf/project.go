package cargoconf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// project is what the package's files say: its manifest, its workspace, its toolchain file.
type project struct {
	manifest  string         // the package's Cargo.toml ("" when none is found)
	data      map[string]any // its contents
	root      string         // the workspace root's Cargo.toml (the manifest itself when it is the root)
	rootData  map[string]any
	noStd     []string // binaries that say #![no_std]
	toolchain *Toolchain
}

// project finds Cargo.toml as cargo does (--manifest-path, else the first one from the
// current directory upward) and its workspace root (the first Cargo.toml above it with a
// [workspace] table, unless the package's own has one).
func (m *model) project() (*project, error) {
	pr := &project{}
	if m.in.ManifestPath != "" {
		p := m.in.ManifestPath
		if !filepath.IsAbs(p) {
			p = filepath.Join(m.dir, p)
		}
		pr.manifest = p
	} else {
		for d := m.dir; ; d = filepath.Dir(d) {
			if p := filepath.Join(d, "Cargo.toml"); exists(p) {
				pr.manifest = p
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if err := m.toolchainFile(pr); err != nil {
		return nil, err
	}
	if pr.manifest == "" {
		return pr, nil
	}
	data, err := m.readTOML(pr.manifest)
	if err != nil {
		return nil, err
	}
	m.files = append(m.files, File{Path: pr.manifest, Kind: KindManifest, Read: true})
	pr.data, pr.root, pr.rootData = data, pr.manifest, data
	if _, ok := data["workspace"]; !ok {
		for d := filepath.Dir(filepath.Dir(pr.manifest)); ; d = filepath.Dir(d) {
			p := filepath.Join(d, "Cargo.toml")
			if exists(p) {
				rd, err := m.readTOML(p)
				if err != nil {
					return nil, err
				}
				if _, ok := rd["workspace"]; ok {
					pr.root, pr.rootData = p, rd
					m.files = append(m.files, File{Path: p, Kind: KindManifest, Read: true, Note: "workspace root"})
					break
				}
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	pr.noStd = noStdBins(filepath.Dir(pr.manifest), data)
	return pr, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// toolchainFile is rustup's rust-toolchain(.toml), searched from the current directory
// upward like cargo's config (rustup book, "Overrides"; the file without extension first).
func (m *model) toolchainFile(pr *project) error {
	for d := m.dir; ; d = filepath.Dir(d) {
		for _, name := range []string{"rust-toolchain", "rust-toolchain.toml"} {
			p := filepath.Join(d, name)
			b, err := os.ReadFile(p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return &ConfigError{Path: p, Err: pathErr(err)}
			}
			tc := &Toolchain{Path: p}
			if name == "rust-toolchain" && !strings.Contains(string(b), "[") {
				tc.Channel = strings.TrimSpace(string(b))
			} else {
				data, err := parseTOML(p, b)
				if err != nil {
					return err
				}
				if t, ok := data["toolchain"].(map[string]any); ok {
					tc.Channel, _ = t["channel"].(string)
					if ts, err := stringList(t["targets"]); err == nil {
						tc.Targets = ts
					}
				}
			}
			m.files = append(m.files, File{Path: p, Kind: KindToolchain, Read: true, Note: "read by rustup, not cargo"})
			pr.toolchain = tc
			return nil
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}

var noStdAttr = lazyre.New(`(?m)^\s*#!\[\s*no_std\s*\]`)

// noStdBins lists the package's binaries whose source says #![no_std].
func noStdBins(dir string, data map[string]any) []string {
	paths := map[string]bool{filepath.Join(dir, "src", "main.rs"): true}
	if bins, ok := data["bin"].([]any); ok {
		for _, b := range bins {
			if t, ok := b.(map[string]any); ok {
				if p, ok := t["path"].(string); ok {
					paths[filepath.Join(dir, p)] = true
				}
			}
		}
	}
	var out []string
	for p := range paths {
		b, err := os.ReadFile(p)
		if err == nil && noStdAttr().Match(b) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// members are the workspace's member directories (workspace.members globs).
func (pr *project) members() []string {
	ws, _ := pr.rootData["workspace"].(map[string]any)
	globs, _ := stringList(ws["members"])
	root := filepath.Dir(pr.root)
	var out []string
	for _, g := range globs {
		matches, _ := filepath.Glob(filepath.Join(root, g))
		out = append(out, matches...)
	}
	sort.Strings(out)
	return out
}

func readJSON(p string) (map[string]any, error) {
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &ConfigError{Path: p, Err: pathErr(err)}
	}
	var spec map[string]any
	if err := json.Unmarshal(b, &spec); err != nil {
		return nil, &ConfigError{Path: p, Err: fmt.Errorf("not valid JSON: %v", err)}
	}
	return spec, nil
}
