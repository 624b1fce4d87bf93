// Package corpus reads the labelled logs: front matter with the class a correct diagnosis puts
// first (and an optional second accepted class), followed by the log as posted.
package corpus

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// frontMatter reads the "key: value" lines of a front matter block. The posted fixtures are
// not always valid YAML (colons in unquoted values), so each line is split at its first ": ".
func frontMatter(text string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if ok && !strings.HasPrefix(k, " ") {
			m[k] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return m
}

// Case is one labelled log.
type Case struct {
	Path   string
	Class  string
	Accept string
	Title  string
	Source string
}

// Accepts reports whether a class is a right answer for the case.
func (c Case) Accepts(class string) bool {
	return class == c.Class || c.Accept != "" && class == c.Accept
}

// LoadCases finds every file under dir whose front matter names a class.
func LoadCases(dir string) ([]Case, error) {
	var cases []Case
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		c, ok, err := ReadCase(path)
		if err != nil {
			return err
		}
		if ok {
			cases = append(cases, c)
		}
		return nil
	})
	sort.Slice(cases, func(i, j int) bool { return cases[i].Path < cases[j].Path })
	return cases, err
}

// ReadCase reads a file's front matter; ok is false when it has none or names no class.
func ReadCase(path string) (c Case, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return Case{}, false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	if !sc.Scan() || strings.TrimSpace(sc.Text()) != "---" {
		return Case{}, false, nil
	}
	var fm strings.Builder
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "---" {
			meta := frontMatter(fm.String())
			if meta["class"] == "" {
				return Case{}, false, nil
			}
			return Case{Path: path, Class: meta["class"], Accept: meta["accept"], Title: meta["title"], Source: meta["source"]}, true, nil
		}
		fm.WriteString(sc.Text() + "\n")
	}
	return Case{}, false, sc.Err()
}
