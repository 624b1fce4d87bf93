package scan

import (
	"sort"
	"time"

	"github.com/cxlog/cxlog/analyze/class"
)

// Group is one recurring failure: the logs that share a fingerprint.
type Group struct {
	Fingerprint string
	Class       class.Class // the class named for the group's first log
	Guess       class.Class
	Entry       string
	Body        string // the cause line of the group's first log
	Count       int
	First, Last time.Time
	Example     string // the path of the earliest log
}

// Groups collects scanned logs by fingerprint; the zero value is ready. Memory grows with the
// distinct failures, not with the logs.
type Groups struct{ by map[string]*Group }

// Add counts a log; one that could not be read is not counted.
func (g *Groups) Add(l Log) {
	if l.Err != nil {
		return
	}
	if g.by == nil {
		g.by = map[string]*Group{}
	}
	gr := g.by[l.Fingerprint]
	if gr == nil {
		gr = &Group{Fingerprint: l.Fingerprint, Class: l.Class, Guess: l.Guess, Entry: l.Entry, Body: l.Body, First: l.Time, Last: l.Time, Example: l.Path}
		g.by[l.Fingerprint] = gr
	}
	gr.Count++
	if l.Time.Before(gr.First) {
		gr.First, gr.Example = l.Time, l.Path
	}
	if l.Time.After(gr.Last) {
		gr.Last = l.Time
	}
}

// List is the groups, the most frequent first (then the most recent, then by fingerprint).
func (g *Groups) List() []Group {
	out := make([]Group, 0, len(g.by))
	for _, gr := range g.by {
		out = append(out, *gr)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if !a.Last.Equal(b.Last) {
			return a.Last.After(b.Last)
		}
		return a.Fingerprint < b.Fingerprint
	})
	return out
}
