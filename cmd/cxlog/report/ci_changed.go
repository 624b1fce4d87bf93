package report

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/analyze/lazyre"
	"github.com/cxlog/cxlog/fixes"
)

// findingChanges are the settings a finding stands on, sanitised.
func findingChanges(f finding.Finding) []change {
	var out []change
	for _, c := range f.Changed {
		out = append(out, change{Setting: Sanitize(c.Setting), Good: Sanitize(c.Good.Value), Bad: Sanitize(c.Bad.Value),
			GoodSource: Sanitize(c.Good.Source), Source: Sanitize(c.Bad.Source)})
	}
	return out
}

// configLocation is where the repository sets what a finding stands on: a side's value that
// came from a Cargo config file of the checkout, at the key's line. A change names the file
// when the log shows it; otherwise the project's .cargo/config.toml is read for the key.
func configLocation(f finding.Finding) (location, bool) {
	for _, c := range f.Changed {
		for _, s := range []finding.Side{c.Bad, c.Good} {
			if s.Source != finding.SourceConfig && s.Source != finding.SourceManifest {
				continue
			}
			if isConfigFile(s.File) && s.Line > 0 {
				return location{logPath(s.File), s.Line}, true
			}
			files := []string{".cargo/config.toml", ".cargo/config"}
			if s.Source == finding.SourceManifest {
				files = []string{"Cargo.toml"}
			}
			// a key may name alternatives: "target.<triple>.rustflags / build.rustflags"
			for _, key := range keyAlternatives().Split(s.Key, -1) {
				if loc, ok := findKey(files, strings.TrimSpace(key)); ok {
					return loc, true
				}
			}
		}
	}
	return location{}, false
}

func isConfigFile(p string) bool {
	base := filepath.Base(p)
	return base == "config.toml" || base == "config" && filepath.Base(filepath.Dir(p)) == ".cargo" || base == "Cargo.toml"
}

// projectRoot is the checkout a CI job runs in.
func projectRoot() string {
	for _, dir := range []string{os.Getenv("GITHUB_WORKSPACE"), os.Getenv("CI_PROJECT_DIR")} {
		if dir != "" {
			return dir
		}
	}
	return workingDir()
}

// findKey finds the line of a dotted key (build.rustflags, target.<triple>.linker,
// dependencies.<crate>) in the first of files, relative to the checkout, that sets it.
func findKey(files []string, key string) (location, bool) {
	root := projectRoot()
	for _, name := range files {
		if n := keyLine(filepath.Join(root, name), key); n > 0 {
			return location{name, n}, true
		}
	}
	return location{}, false
}

var keyAlternatives = lazyre.New(` / | or `)

// keyLine is the 1-based line that sets key in a TOML file, or 0: also when the file cannot
// be read or is not TOML, or key is not a TOML key (target.<host>.linker), since the
// annotation then points at the log instead.
func keyLine(path, key string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	n, err := fixes.TOMLKeyLine(data, key)
	if err != nil {
		return 0
	}
	return n
}
