package build

import (
	"bytes"
	"strings"

	"github.com/cxlog/cxlog/build/addr2line"
	"github.com/cxlog/cxlog/build/crash"
)

// ClassBootLoop is the class of a firmware that booted again before the run passed.
const ClassBootLoop = "boot-loop"

const (
	// A crash report (register dump, backtrace) is kept up to this many lines after the
	// line that said what happened.
	maxCrashLines = 64
	maxCrashLine  = 512
)

// Crash is how the firmware died, from the lines it printed.
type Crash struct {
	Class    string // panic, exception, watchdog, brownout or boot-loop
	Detector string // the detector's id
	Line     string // the line that said so
	Location string // FILE:LINE the line names (a panic's location), or ""
	Lines    []string
	// Frames are the code addresses in Lines resolved against the ELF, in the order printed.
	Frames []addr2line.Frame
	ELF    string // the ELF the addresses were resolved against
	ELFErr error  // why no addresses were resolved
}

// crashWatch splits serial output into lines (escape sequences removed) and runs the crash
// detectors on each; after a crash it keeps the lines that follow. It also counts boots: a
// boot banner, or the first expected text, seen a second time is a boot loop.
type crashWatch struct {
	escapes     escapeFilter
	detectors   *crash.Set
	firstExpect string
	line        []byte

	boots, firstExpectSeen int
	crash                  *Crash
}

func newCrashWatch(detectors *crash.Set, expect []string) *crashWatch {
	c := &crashWatch{detectors: detectors}
	if len(expect) > 0 {
		c.firstExpect = expect[0]
	}
	return c
}

func (c *crashWatch) feed(chunk []byte) {
	if c.detectors == nil {
		return
	}
	chunk = c.escapes.filter(chunk)
	for len(chunk) > 0 {
		end := bytes.IndexAny(chunk, "\r\n")
		piece := chunk
		if end >= 0 {
			piece = chunk[:end]
		}
		if room := maxPendingLine - len(c.line); room > 0 {
			c.line = append(c.line, piece[:min(len(piece), room)]...)
		}
		chunk = chunk[len(piece):]
		if end >= 0 {
			c.endLine()
			chunk = chunk[1:]
		}
	}
}

// flush judges the line still being received, at the end of the output.
func (c *crashWatch) flush() {
	if c.detectors != nil && len(c.line) > 0 {
		c.endLine()
	}
}

func (c *crashWatch) endLine() {
	line := strings.TrimSpace(strings.ToValidUTF8(string(c.line), "\uFFFD"))
	c.line = c.line[:0]
	if line == "" {
		return
	}
	if c.crash != nil {
		if len(c.crash.Lines) < maxCrashLines && c.crash.Class != ClassBootLoop {
			c.crash.Lines = append(c.crash.Lines, shorten(line, maxCrashLine))
		}
		return
	}
	if m, ok := c.detectors.Match(line); ok {
		if m.Detector.Class != crash.ClassBoot {
			c.crash = &Crash{Class: string(m.Detector.Class), Detector: m.Detector.ID, Line: shorten(line, maxCrashLine),
				Location: m.Location, Lines: []string{shorten(line, maxCrashLine)}}
			return
		}
		c.boots++
		if c.boots > 1 {
			c.bootLoop(m.Detector.ID, line)
		}
		return
	}
	if c.firstExpect != "" && strings.Contains(line, c.firstExpect) {
		c.firstExpectSeen++
		if c.firstExpectSeen > 1 {
			c.bootLoop("first-expected-text", line)
		}
	}
}

func (c *crashWatch) bootLoop(detector, line string) {
	c.crash = &Crash{Class: ClassBootLoop, Detector: detector, Line: shorten(line, maxCrashLine), Lines: []string{shorten(line, maxCrashLine)}}
}

func (c *crashWatch) crashed() bool { return c.crash != nil }

// crashOutcome is the outcome a crash class ends a run with.
func crashOutcome(class string) Outcome {
	switch crash.Class(class) {
	case crash.ClassPanic:
		return OutcomePanic
	case crash.ClassException:
		return OutcomeException
	case crash.ClassWatchdog:
		return OutcomeWatchdog
	case crash.ClassBrownout:
		return OutcomeBrownout
	}
	return OutcomeBootLoop
}

// decodeFrames resolves the code addresses of the crash's lines against an ELF.
func (c *Crash) decodeFrames(r *addr2line.Resolver) {
	seen := map[uint64]bool{}
	for _, line := range c.Lines {
		for _, a := range crash.Addresses(line) {
			lookup := a.Value
			if a.Return && lookup > 0 {
				lookup--
			}
			if seen[lookup] || len(c.Frames) >= maxCrashLines {
				continue
			}
			frame, ok := r.Lookup(lookup)
			if !ok {
				continue
			}
			seen[lookup] = true
			frame.Address = a.Value
			c.Frames = append(c.Frames, frame)
		}
	}
}
