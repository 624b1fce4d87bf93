package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build"
)

func TestProgressOnlyOnATerminal(t *testing.T) {
	var errOut bytes.Buffer
	p := startProgress(&IO{Err: &errOut, TTY: true, ErrTTY: true})
	p.phase(build.PhaseBuilding, "cargo build --release")
	time.Sleep(300 * time.Millisecond)
	p.phase(build.PhaseWaiting, "")
	time.Sleep(300 * time.Millisecond)
	p.stop()
	got := errOut.String()
	for _, want := range []string{"building: cargo build --release (0s)", "waiting for serial (0s)"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress lacks %q: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the progress line is not cleared at the end: %q", got)
	}

	errOut.Reset()
	p = startProgress(&IO{Err: &errOut, TTY: false})
	p.phase(build.PhaseBuilding, "x")
	time.Sleep(200 * time.Millisecond)
	p.stop()
	if errOut.Len() != 0 {
		t.Errorf("progress without a terminal: %q", errOut.String())
	}
}
