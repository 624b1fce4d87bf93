package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/cxlog/cxlog/build/crash"
)

const (
	watchChunkSize = 4096
	// After a fail text, reading goes on this long at most to complete its line.
	failLineGrace = 250 * time.Millisecond
	// After a crash line, its report is read until the port is quiet this long ...
	crashQuiet = 300 * time.Millisecond
	// ... or this long has passed.
	crashGrace = 2 * time.Second
)

// WatchResult is what Watch saw. Outcome is one of OutcomePassed,
// OutcomeFailSeen, OutcomeExpectNotSeen, OutcomePortError (reading failed; Err
// holds the reader's error) or OutcomeCanceled.
type WatchResult struct {
	Outcome  Outcome
	Err      error
	Seen     []string
	Missing  []string
	FailSeen string
	FailLine string
	Crash    *Crash       // how the firmware died, when a crash detector recognised it
	Steps    []StepResult // a scenario's steps, in order; nil without a scenario

	Bytes         int64
	FirstByteAt   time.Time // zero when nothing was read
	Elapsed       time.Duration
	TranscriptErr error
}

// WatchOptions say what Watch looks for and how long.
type WatchOptions struct {
	Expect []string // texts that must all be seen, in this order
	Fail   []string // texts that end the watch as failed
	// Timeout is the wait for the expected texts; with none, how long the port
	// is watched for fail texts.
	Timeout time.Duration
	// Settle is how long fail texts are still looked for after the last
	// expected text, so a panic right after the greeting is not missed.
	Settle time.Duration
	// Deadline, when set, ends the watch whatever the timeout and the settle
	// window say: the cap on a whole verify run.
	Deadline time.Time
	// Detectors recognise crashes and boot banners; nil: only the fail texts end the watch.
	Detectors *crash.Set
	// OnMatch, when set, is called as each expected text is seen.
	OnMatch func(text string)
}

// Watch reads r until every expected text has been seen in order and the
// settle window has passed, a fail text is seen, the timeout passes, ctx ends
// or reading fails. With no expected texts it passes when the timeout passes
// (or the output ends) without a fail text. Every byte read goes to transcript
// (may be nil).
//
// ctx and the timeout are checked between reads, so r must return now and then
// even when no data comes: a serial.Port after SetReadTimeout returns (0, nil).
func Watch(ctx context.Context, r io.Reader, opts WatchOptions, transcript io.Writer) WatchResult {
	w := watcher{
		matcher:    newLineMatcher(opts.Expect, opts.Fail),
		crashes:    newCrashWatch(opts.Detectors, opts.Expect),
		transcript: transcript,
		start:      time.Now(),
		opts:       opts,
	}
	if opts.Timeout > 0 {
		w.waitEnd = w.start.Add(opts.Timeout)
	}
	if !opts.Deadline.IsZero() && (w.waitEnd.IsZero() || opts.Deadline.Before(w.waitEnd)) {
		w.waitEnd, w.cappedByDeadline = opts.Deadline, true
	}
	return w.run(ctx, r)
}

type watcher struct {
	matcher          *lineMatcher
	crashes          *crashWatch
	reported         int // expected texts passed to OnMatch
	transcript       io.Writer
	start            time.Time
	opts             WatchOptions
	waitEnd          time.Time // the expected texts must be seen by then; zero: no limit
	cappedByDeadline bool      // waitEnd is the deadline, not the timeout
	settleEnd        time.Time // set once the last expected text is seen
	result           WatchResult
}

func (w *watcher) run(ctx context.Context, r io.Reader) WatchResult {
	buf := make([]byte, watchChunkSize)
	for {
		if err := ctx.Err(); err != nil {
			return w.finish(OutcomeCanceled, err)
		}
		if w.settling() {
			if !time.Now().Before(w.settleEnd) {
				return w.finish(OutcomePassed, nil)
			}
		} else if !w.waitEnd.IsZero() && !time.Now().Before(w.waitEnd) {
			return w.finishTimedOut()
		}
		n, err := r.Read(buf)
		if n > 0 {
			w.take(buf[:n])
			if w.matcher.failed() || w.crashes.crashed() {
				return w.finishFailed(ctx, r, buf)
			}
			if !w.settling() && len(w.opts.Expect) > 0 && w.matcher.allExpectedSeen() {
				w.startSettling()
			}
		}
		if errors.Is(err, io.EOF) {
			return w.finishEnded()
		}
		if err != nil {
			return w.finish(OutcomePortError, err)
		}
	}
}

func (w *watcher) settling() bool { return !w.settleEnd.IsZero() }

func (w *watcher) startSettling() {
	w.settleEnd = time.Now().Add(w.opts.Settle)
	if !w.opts.Deadline.IsZero() && w.opts.Deadline.Before(w.settleEnd) {
		w.settleEnd = w.opts.Deadline
	}
}

// finishFailed reads on briefly so the fail line is complete (a panic message usually
// follows "panicked at" on the same line) and a crash report's following lines (register
// dump, backtrace) are kept: until the port is quiet for crashQuiet, crashGrace at most.
func (w *watcher) finishFailed(ctx context.Context, r io.Reader, buf []byte) WatchResult {
	graceEnd := time.Now().Add(crashGrace)
	if w.crashes.detectors == nil || w.crashes.crash != nil && w.crashes.crash.Class == ClassBootLoop {
		graceEnd = time.Now().Add(failLineGrace)
	}
	lastData := time.Now()
	for ctx.Err() == nil && time.Now().Before(graceEnd) {
		lineDone := !w.matcher.failed() || w.matcher.failLineDone
		if lineDone && (w.crashes.detectors == nil || time.Since(lastData) > crashQuiet) {
			break
		}
		n, err := r.Read(buf)
		if n > 0 {
			w.take(buf[:n])
			lastData = time.Now()
		}
		if err != nil {
			break
		}
	}
	w.crashes.flush()
	if c := w.crashes.crash; c != nil {
		return w.finish(crashEnd(c))
	}
	line := w.matcher.failLineText()
	return w.finish(OutcomeFailSeen, fmt.Errorf("fail text %q seen in serial line %q", w.matcher.seenFail, shorten(line, 200)))
}

// crashEnd is how a run the crash c ended is judged, and why.
func crashEnd(c *Crash) (Outcome, error) {
	return crashOutcome(c.Class), crashError(c)
}

func crashError(c *Crash) error {
	if c.Class == ClassBootLoop {
		return fmt.Errorf("the firmware booted again (%q seen a second time) before the run passed", shorten(c.Line, 200))
	}
	return fmt.Errorf("%s detected (%s) in serial line %q", c.Class, c.Detector, shorten(c.Line, 200))
}

// count records a chunk read from the serial port: when the first byte came,
// how many bytes, and the chunk in the transcript until writing it fails.
func (r *WatchResult) count(chunk []byte, transcript io.Writer) {
	if r.FirstByteAt.IsZero() {
		r.FirstByteAt = time.Now()
	}
	r.Bytes += int64(len(chunk))
	if transcript != nil && r.TranscriptErr == nil {
		_, r.TranscriptErr = transcript.Write(chunk)
	}
}

func (w *watcher) take(chunk []byte) {
	w.result.count(chunk, w.transcript)
	w.matcher.feed(chunk)
	w.crashes.feed(chunk)
	for w.opts.OnMatch != nil && w.reported < w.matcher.next {
		w.opts.OnMatch(string(w.matcher.expect[w.reported]))
		w.reported++
	}
}

func (w *watcher) finishTimedOut() WatchResult {
	if w.crashes.flush(); w.crashes.crashed() {
		return w.finish(crashEnd(w.crashes.crash))
	}
	missing := w.matcher.missing()
	if len(missing) == 0 {
		return w.finish(OutcomePassed, nil)
	}
	within := fmt.Sprintf("within %s", w.opts.Timeout)
	if w.cappedByDeadline {
		within = fmt.Sprintf("within %s, when the run-timeout passed", w.waitEnd.Sub(w.start).Round(time.Millisecond))
	}
	return w.finish(OutcomeExpectNotSeen, fmt.Errorf("expected text %q not seen %s (%s)", missing[0], within, w.progress()))
}

func (w *watcher) finishEnded() WatchResult {
	if w.crashes.flush(); w.crashes.crashed() {
		return w.finish(crashEnd(w.crashes.crash))
	}
	missing := w.matcher.missing()
	if len(missing) == 0 {
		return w.finish(OutcomePassed, nil)
	}
	return w.finish(OutcomeExpectNotSeen, fmt.Errorf("serial output ended before expected text %q was seen (%s)", missing[0], w.progress()))
}

func (w *watcher) progress() string {
	seen, total := len(w.matcher.seen()), len(w.matcher.expect)
	if w.result.Bytes == 0 {
		return fmt.Sprintf("%d of %d expected texts seen; the port stayed silent", seen, total)
	}
	return fmt.Sprintf("%d of %d expected texts seen in %d bytes of output", seen, total, w.result.Bytes)
}

func (w *watcher) finish(outcome Outcome, err error) WatchResult {
	w.result.Outcome = outcome
	w.result.Err = err
	w.result.Seen = w.matcher.seen()
	w.result.Missing = w.matcher.missing()
	w.result.FailSeen = w.matcher.seenFail
	w.result.FailLine = w.matcher.failLineText()
	w.result.Crash = w.crashes.crash
	w.result.Elapsed = time.Since(w.start)
	return w.result
}

// shorten cuts s to at most n bytes without splitting a UTF-8 sequence.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
