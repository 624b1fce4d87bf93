package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/cxlog/cxlog/cmd/cxlog/report"
)

// clearLine moves to the start of the terminal line and erases it.
const clearLine = "\r\x1b[K"

// statusLine redraws one line on a terminal, every interval, with what render returns for
// the frame number (0, 1, 2, ...); stop erases it. Made with show false, or as a zero
// value, it draws nothing and say just writes its line.
type statusLine struct {
	w       io.Writer
	render  func(frame int) string
	mu      sync.Mutex // held while writing to w
	quit    chan struct{}
	wg      sync.WaitGroup
	stopped bool
}

// oneRow keeps a drawn line on one row; Sanitize leaves newlines and tabs.
var oneRow = strings.NewReplacer("\n", " ", "\t", " ")

// maxStatusWidth keeps the line on one row of a common terminal: a wrapped line cannot be
// erased with clearLine.
const maxStatusWidth = 100

func startStatusLine(w io.Writer, show bool, every time.Duration, render func(frame int) string) *statusLine {
	s := &statusLine{w: w, render: render}
	if !show {
		return s
	}
	s.quit = make(chan struct{})
	s.wg.Add(1)
	go s.loop(every)
	return s
}

// shown says whether the line is drawn (until stop).
func (s *statusLine) shown() bool { return s.quit != nil }

func (s *statusLine) loop(every time.Duration) {
	defer s.wg.Done()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for frame := 0; ; frame++ {
		select {
		case <-s.quit:
			return
		case <-tick.C:
			line := report.Truncate(oneRow.Replace(report.Sanitize(s.render(frame))), maxStatusWidth)
			s.mu.Lock()
			fmt.Fprint(s.w, clearLine+line)
			s.mu.Unlock()
		}
	}
}

// say writes a line of its own, erasing the status line first; the next tick redraws it below.
func (s *statusLine) say(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.quit != nil && !s.stopped {
		fmt.Fprint(s.w, clearLine)
	}
	fmt.Fprintln(s.w, line)
}

// stop ends the drawing and erases the line; later calls do nothing.
func (s *statusLine) stop() {
	s.mu.Lock()
	if s.quit == nil || s.stopped {
		s.mu.Unlock()
		return
	}
	s.stopped = true
	close(s.quit)
	s.mu.Unlock()
	s.wg.Wait()
	fmt.Fprint(s.w, clearLine)
}
