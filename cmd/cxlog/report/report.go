// Package report writes the results of cxlog's commands in one output format each: a Reporter
// per format, registered by name (text, json), one file per format. Text goes through one
// sanitiser, so no control character from a log, a serial port or a --kb entry reaches a
// terminal raw; JSON escapes them. A write error is always returned.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/knowledge"
)

// Result is what a command hands to a reporter: one of the result types in results.go.
// Schema names its JSON schema (cxlog.<command>/v1).
type Result interface{ Schema() string }

// Reporter writes results in one format.
type Reporter interface {
	Write(w io.Writer, r Result) error
}

// Options are what every reporter may use.
type Options struct {
	Color bool // the output is a colour terminal
	// Entry finds a knowledge-base entry by id (nil when none): the CI formats describe a
	// finding's rule by the entry it stands for.
	Entry func(id string) *knowledge.Entry
}

// The built-in formats' names.
const (
	Text = "text"
	JSON = "json"
)

var formats = map[string]func(Options) Reporter{}

// Register makes a format available to --format; each format's file calls it from init.
func Register(name string, newReporter func(Options) Reporter) {
	if _, dup := formats[name]; dup {
		panic("report: format " + name + " registered twice")
	}
	formats[name] = newReporter
}

// Formats lists the registered formats' names, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the reporter of a format.
func New(format string, opts Options) (Reporter, error) {
	newReporter, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown output format %q (formats: %s)", format, strings.Join(Formats(), ", "))
	}
	return newReporter(opts), nil
}

// UnsupportedError is a result a format has no rendering for.
type UnsupportedError struct{ Format, Schema string }

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("format %s cannot show %s output", e.Format, e.Schema)
}

// WriteError is output that could not be written (a closed pipe, a full disk).
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return "writing output: " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }
