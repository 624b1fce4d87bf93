package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
)

// progress shows the current verify phase as a spinner line on stderr, on a
// terminal only; elsewhere it does nothing.
type progress struct {
	io    *IO
	mu    sync.Mutex
	text  string
	start time.Time
	done  chan struct{}
	wg    sync.WaitGroup
}

var spinnerFrames = []string{"|", "/", "-", "\\"}

func startProgress(io *IO) *progress {
	p := &progress{io: io}
	if !io.TTY || !io.ErrTTY {
		return p // not a terminal, or stderr, where the line goes, is redirected
	}
	p.done = make(chan struct{})
	p.start = time.Now()
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *progress) phase(ph build.Phase, detail string) {
	if p.done == nil {
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

func (p *progress) loop() {
	defer p.wg.Done()
	tick := time.NewTicker(120 * time.Millisecond)
	defer tick.Stop()
	for frame := 0; ; frame++ {
		select {
		case <-p.done:
			fmt.Fprint(p.io.Err, "\r\x1b[K")
			return
		case <-tick.C:
			p.mu.Lock()
			line := fmt.Sprintf("%s %s (%ds)", spinnerFrames[frame%len(spinnerFrames)], p.text, int(time.Since(p.start).Seconds()))
			p.mu.Unlock()
			fmt.Fprint(p.io.Err, "\r\x1b[K"+report.Sanitize(report.Truncate(line, 100)))
		}
	}
}

func (p *progress) stop() {
	if p.done == nil {
		return
	}
	close(p.done)
	p.wg.Wait()
}
