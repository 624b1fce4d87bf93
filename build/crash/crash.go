// Package crash recognises how firmware dies from the lines it prints on its serial port:
// Rust panics, CPU exceptions (ESP-IDF Guru Meditation, RISC-V trap dumps, Cortex-M
// HardFaults), watchdogs, brownouts and boot banners (for boot loops). The line shapes are
// data (detectors.toml, embedded; users add theirs with LoadFile), each with examples that
// TestDetectors runs.
package crash

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Class is a kind of death; each ends a verify run with its own outcome.
type Class string

const (
	ClassPanic     Class = "panic"
	ClassException Class = "exception"
	ClassWatchdog  Class = "watchdog"
	ClassBrownout  Class = "brownout"
	// ClassBoot marks a boot banner, not a crash: seen twice before the run passed, the
	// firmware is in a boot loop.
	ClassBoot Class = "boot"
)

var classes = []Class{ClassPanic, ClassException, ClassWatchdog, ClassBrownout, ClassBoot}

// Detector is one line shape.
type Detector struct {
	ID          string   `toml:"id"`
	Class       Class    `toml:"class"`
	Keywords    []string `toml:"keywords"`
	Pattern     string   `toml:"pattern"`
	Examples    []string `toml:"examples"`
	NotExamples []string `toml:"not_examples"`
	Sources     []string `toml:"sources"`

	re       *regexp.Regexp
	location int // index of the "location" group; -1 if none
}

// Match is a line a detector recognised.
type Match struct {
	Detector *Detector
	Line     string
	Location string // FILE:LINE[:COL] the line names, when the detector captures one
}

// Set is an ordered list of detectors: the first that matches a line wins.
type Set struct {
	detectors []*Detector
}

//go:embed detectors.toml
var builtinData []byte

// Builtin returns the detectors shipped with cxlog.
func Builtin() *Set {
	set, err := Parse(builtinData, "detectors.toml")
	if err != nil {
		panic("crash: built-in detectors: " + err.Error())
	}
	return set
}

// LoadFile reads a detector file.
func LoadFile(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("detectors: %w", err)
	}
	return Parse(data, path)
}

// Parse reads detectors in the detectors.toml format; name is used in errors. Every
// detector is checked against its own examples.
func Parse(data []byte, name string) (*Set, error) {
	var file struct {
		Detector []*Detector `toml:"detector"`
	}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) && len(strict.Errors) > 0 {
			return nil, fmt.Errorf("%s: unknown key %s", name, strings.Join(strict.Errors[0].Key(), "."))
		}
		return nil, fmt.Errorf("%s: %w", name, oneLine(err))
	}
	set := &Set{}
	seen := map[string]bool{}
	var problems []error
	for i, d := range file.Detector {
		if err := d.compile(); err != nil {
			problems = append(problems, fmt.Errorf("%s: detector %d (%q): %w", name, i+1, d.ID, err))
			continue
		}
		if seen[d.ID] {
			problems = append(problems, fmt.Errorf("%s: detector id %q appears twice", name, d.ID))
		}
		seen[d.ID] = true
		set.detectors = append(set.detectors, d)
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return set, nil
}

func (d *Detector) compile() error {
	if d.ID == "" {
		return errors.New("no id")
	}
	if !slices.Contains(classes, d.Class) {
		return fmt.Errorf("class %q is none of %v", d.Class, classes)
	}
	re, err := regexp.Compile(d.Pattern)
	if err != nil {
		return fmt.Errorf("pattern: %w", oneLine(err))
	}
	if d.Pattern == "" || re.MatchString("") {
		return errors.New("pattern matches an empty line")
	}
	d.re, d.location = re, re.SubexpIndex("location")
	if len(d.Keywords) == 0 {
		return errors.New("no keywords (lower-case texts one of which a matching line holds)")
	}
	for _, k := range d.Keywords {
		if k == "" || k != strings.ToLower(k) {
			return fmt.Errorf("keyword %q must be non-empty lower case", k)
		}
	}
	for _, ex := range d.Examples {
		if !re.MatchString(ex) {
			return fmt.Errorf("pattern does not match its example %q", ex)
		}
		if !d.hasKeyword(strings.ToLower(ex)) {
			return fmt.Errorf("example %q holds none of the keywords %q", ex, d.Keywords)
		}
	}
	for _, ex := range d.NotExamples {
		if re.MatchString(ex) {
			return fmt.Errorf("pattern matches its not-example %q", ex)
		}
	}
	if len(d.Examples) == 0 {
		return errors.New("no examples")
	}
	return nil
}

// Then returns a set trying s's detectors, then next's.
func (s *Set) Then(next *Set) *Set {
	if s == nil {
		return next
	}
	if next == nil {
		return s
	}
	return &Set{detectors: slices.Concat(s.detectors, next.detectors)}
}

// Detectors lists the set's detectors in the order they are tried.
func (s *Set) Detectors() []*Detector {
	if s == nil {
		return nil
	}
	return s.detectors
}

// Match returns the first detector recognising line.
func (s *Set) Match(line string) (Match, bool) {
	if s == nil {
		return Match{}, false
	}
	lower := strings.ToLower(line)
	for _, d := range s.detectors {
		if !d.hasKeyword(lower) {
			continue
		}
		m := d.re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		match := Match{Detector: d, Line: line}
		if d.location >= 0 && m[2*d.location] >= 0 {
			match.Location = line[m[2*d.location]:m[2*d.location+1]]
		}
		return match, true
	}
	return Match{}, false
}

func (d *Detector) hasKeyword(lower string) bool {
	for _, k := range d.Keywords {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}

func oneLine(err error) error {
	return errors.New(strings.Join(strings.Fields(err.Error()), " "))
}
