package corpus

import (
	"bufio"
	"os"
	"strings"
)

// Expected is one row of an expected.tsv: what a correct analysis of a case says.
type Expected struct {
	Command  string // "explain" or "diff"
	Good     string // the working log of a diff, "-" for explain
	Bad      string
	TopClass string // the class that must come first
	MustName string // a string the explanation must name
	Also     string // a second accepted class, "-" if none
}

// Accepts reports whether class is a right first class for the row.
func (e Expected) Accepts(class string) bool {
	return class == e.TopClass || e.Also != "-" && class == e.Also
}

// ReadExpected reads an expected.tsv (tab-separated, '#' comments).
func ReadExpected(path string) ([]Expected, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []Expected
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 6 {
			continue
		}
		rows = append(rows, Expected{Command: c[0], Good: c[1], Bad: c[2], TopClass: c[3], MustName: c[4], Also: c[5]})
	}
	return rows, sc.Err()
}
