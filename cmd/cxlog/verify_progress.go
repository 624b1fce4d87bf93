package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/cxlog/cxlog/build"
)

// progress shows the current verify phase as a spinner line on stderr, when both stdout and
// stderr are terminals; elsewhere it does nothing.
type progress struct {
	line  *statusLine
	mu    sync.Mutex
	text  string
	start time.Time
}

var spinnerFrames = []string{"|", "/", "-", "\\"}

func startProgress(io *IO) *progress {
	p := &progress{start: time.Now()}
	p.line = startStatusLine(io.Err, io.TTY && io.ErrTTY, 120*time.Millisecond, p.render)
	return p
}

func (p *progress) phase(ph build.Phase, detail string) {
	if !p.line.shown() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.text = string(ph)
	if detail != "" {
		p.text += ": " + detail
	}
	p.start = time.Now()
}

func (p *progress) render(frame int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return fmt.Sprintf("%s %s (%ds)", spinnerFrames[frame%len(spinnerFrames)], p.text, int(time.Since(p.start).Seconds()))
}

func (p *progress) stop() { p.line.stop() }
