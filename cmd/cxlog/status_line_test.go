package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a terminal the status line's goroutine writes to while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// On a terminal the line is redrawn at most once an interval, each time over the last, kept
// to one printable row; a message goes on a line of its own; stop erases the line, once.
func TestStatusLineOnATerminal(t *testing.T) {
	var term lockedBuffer
	const every = 20 * time.Millisecond
	var mu sync.Mutex
	renders := 0
	begin := time.Now()
	s := startStatusLine(&term, true, every, func(frame int) string {
		mu.Lock()
		defer mu.Unlock()
		renders++
		return "step \x1b[31m\n" + strings.Repeat("x", 200)
	})
	for deadline := time.Now().Add(5 * time.Second); strings.Count(term.String(), clearLine) < 2; {
		if time.Now().After(deadline) {
			t.Fatalf("the line was not drawn twice in 5 s: %q", term.String())
		}
		time.Sleep(every)
	}
	s.say("cxlog: skipped a.log")
	s.stop()
	elapsed := time.Since(begin)
	s.stop()
	s.say("after")

	mu.Lock()
	if max := int(elapsed/every) + 1; renders > max {
		t.Errorf("%d redraws in %v: more than one every %v", renders, elapsed, every)
	}
	mu.Unlock()
	got := term.String()
	draws := strings.Split(strings.TrimPrefix(got, clearLine), clearLine)
	first := draws[0]
	if !strings.HasPrefix(first, "step ") || strings.ContainsAny(first, "\x1b\n") || len([]rune(first)) > maxStatusWidth+1 {
		t.Errorf("a drawn line is not one printable row: %q", first)
	}
	if !strings.Contains(got, clearLine+"cxlog: skipped a.log\n") {
		t.Errorf("the message does not erase the status line first: %q", got)
	}
	if !strings.HasSuffix(got, clearLine+"after\n") || strings.Contains(got, clearLine+clearLine) {
		t.Errorf("the line is not erased at stop, or erased twice: %q", got)
	}
}

// Off a terminal nothing is drawn or erased; messages are still written.
func TestStatusLineOffATerminal(t *testing.T) {
	var out lockedBuffer
	s := startStatusLine(&out, false, time.Millisecond, func(int) string { return "drawn" })
	time.Sleep(20 * time.Millisecond)
	s.say("cxlog: skipped a.log")
	s.stop()
	if got := out.String(); got != "cxlog: skipped a.log\n" {
		t.Errorf("off a terminal: %q", got)
	}
	if s.shown() {
		t.Error("shown off a terminal")
	}
}
