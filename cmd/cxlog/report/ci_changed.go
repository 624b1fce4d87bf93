package report

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
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
			for _, key := range keyAlternatives.Split(s.Key, -1) {
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
	if key == "" || strings.ContainsAny(key, " \t") {
		return location{}, false
	}
	root := projectRoot()
	for _, name := range files {
		if n := keyLine(filepath.Join(root, name), key); n > 0 {
			return location{name, n}, true
		}
	}
	return location{}, false
}

var (
	keyAlternatives = regexp.MustCompile(` / | or `)
	tomlTable       = regexp.MustCompile(`^\s*\[([^\[\]]+)\]\s*(#.*)?$`)
	tomlKey         = regexp.MustCompile(`^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=`)
)

// keyLine is the 1-based line that sets key in a TOML file, or 0.
func keyLine(path, key string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	want := dottedKey(key)
	table := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := tomlTable.FindStringSubmatch(line); m != nil {
			if table = dottedKey(m[1]); table == want {
				return n // a table of its own: [dependencies.<crate>]
			}
			continue
		}
		if m := tomlKey.FindStringSubmatch(line); m != nil {
			full := dottedKey(m[1])
			if table != "" {
				full = table + "." + full
			}
			if full == want {
				return n
			}
		}
	}
	return 0
}

// dottedKey writes a TOML key without quotes or spaces around the dots.
func dottedKey(k string) string {
	parts := strings.Split(k, ".")
	var out []string
	for i := 0; i < len(parts); i++ {
		p := strings.TrimSpace(parts[i])
		// a quoted part may hold dots (target."cfg(target_os = \"none\")" does not, triples do not)
		if q := p[:min(1, len(p))]; q == `"` || q == "'" {
			for !strings.HasSuffix(p, q) || len(p) == 1 {
				if i+1 >= len(parts) {
					break
				}
				i++
				p += "." + parts[i]
			}
			p = strings.Trim(p, q)
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}
