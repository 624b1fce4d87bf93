package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/cxlog/cxlog/build/crash"
	"github.com/cxlog/cxlog/build/scenario"
)

// maxScenarioPending bounds the output a scenario keeps for its next wait: output older
// than this is dropped (texts are matched within lines, far shorter).
const maxScenarioPending = 64 << 10

// StepResult is how one scenario step went.
type StepResult struct {
	Index   int // from 1
	Kind    scenario.Kind
	Name    string
	Passed  bool
	Err     error // why it failed; nil when it passed or did not run
	Ran     bool  // false: an earlier step ended the run
	Elapsed time.Duration
}

// ScenarioOptions say how a scenario runs.
type ScenarioOptions struct {
	Timeout   time.Duration // a wait step's limit when the step sets none
	Deadline  time.Time     // zero: none; ends the scenario whatever the steps say
	Detectors *crash.Set
	// Reset resets the board for a reset step; nil makes a reset step fail.
	Reset func(ctx context.Context) error
	// OnStep, when set, is called as each step ends.
	OnStep func(StepResult)
}

// RunScenario plays sc against the port: reads go on during every step (the transcript
// gets every byte), a wait step matches output not consumed by an earlier wait, so two
// expected lines that arrive in one read satisfy two steps, and a text that arrives split
// across reads is found once its last byte is read. A crash detector firing ends the run
// with the crash's outcome.
func RunScenario(ctx context.Context, port io.ReadWriter, sc *scenario.Scenario, opts ScenarioOptions, transcript io.Writer) WatchResult {
	firstWait := []string{}
	for _, s := range sc.Steps {
		if s.Kind == scenario.Wait && s.Text != "" {
			firstWait = append(firstWait, s.Text)
			break
		}
	}
	r := &scenarioRun{port: port, opts: opts, transcript: transcript, start: time.Now(),
		crashes: newCrashWatch(opts.Detectors, firstWait), buf: make([]byte, watchChunkSize)}
	for i, s := range sc.Steps {
		r.result.Steps = append(r.result.Steps, StepResult{Index: i + 1, Kind: s.Kind, Name: s.Name})
	}
	for i, s := range sc.Steps {
		started := time.Now()
		outcome, err := r.step(ctx, s)
		step := &r.result.Steps[i]
		step.Ran, step.Elapsed = true, time.Since(started)
		if outcome == OutcomePassed {
			step.Passed = true
			if s.Kind == scenario.Wait {
				r.result.Seen = append(r.result.Seen, s.Name)
			}
		} else {
			step.Err = err
		}
		if opts.OnStep != nil {
			opts.OnStep(*step)
		}
		if outcome != OutcomePassed {
			for _, rest := range sc.Steps[i:] {
				if rest.Kind == scenario.Wait {
					r.result.Missing = append(r.result.Missing, rest.Name)
				}
			}
			return r.finish(outcome, fmt.Errorf("step %d (%s): %w", i+1, s.Name, err))
		}
	}
	r.result.Missing = []string{}
	if r.crashes.flush(); r.crashes.crashed() {
		r.collectCrash(ctx)
		outcome, err := r.crashed()
		return r.finish(outcome, fmt.Errorf("after the last step: %w", err))
	}
	return r.finish(OutcomePassed, nil)
}

type scenarioRun struct {
	port       io.ReadWriter
	opts       ScenarioOptions
	transcript io.Writer
	start      time.Time
	escapes    escapeFilter
	pending    []byte // escape-filtered output not consumed by a wait
	crashes    *crashWatch
	buf        []byte
	result     WatchResult
	readErr    error
}

func (r *scenarioRun) crashed() (Outcome, error) {
	return crashEnd(r.crashes.crash)
}

func (r *scenarioRun) step(ctx context.Context, s scenario.Step) (Outcome, error) {
	switch s.Kind {
	case scenario.Wait:
		limit := s.Timeout
		if limit == 0 {
			limit = r.opts.Timeout
		}
		started := time.Now()
		end := r.capped(started.Add(limit))
		for {
			if at, n := r.find(s); at >= 0 {
				r.consume(at + n)
				return OutcomePassed, nil
			}
			if !time.Now().Before(end) {
				within := fmt.Sprintf("within %s", limit)
				if end.Before(started.Add(limit)) {
					within = "by the run-timeout"
				}
				return OutcomeExpectNotSeen, fmt.Errorf("not seen %s (%d bytes of output so far)", within, r.result.Bytes)
			}
			if o, err := r.read(ctx); err != nil {
				return o, err
			}
		}
	case scenario.ExpectAbsent:
		// Everything after the last wait's match counts, even if it came in the same read.
		end := r.capped(time.Now().Add(s.Window))
		for {
			if at, _ := r.find(s); at >= 0 {
				return OutcomeFailSeen, fmt.Errorf("%q seen within %s", s.Text, s.Window)
			}
			if !time.Now().Before(end) {
				return OutcomePassed, nil
			}
			if o, err := r.read(ctx); err != nil {
				return o, err
			}
		}
	case scenario.Send:
		if _, err := r.port.Write(s.Bytes); err != nil {
			return OutcomePortError, fmt.Errorf("writing to the port: %w", err)
		}
		return OutcomePassed, nil
	case scenario.Reset:
		if r.opts.Reset == nil {
			return OutcomeConfigError, errors.New("nothing to reset the board with: give --esp-reset, --after-open or an emulator")
		}
		if err := r.opts.Reset(ctx); err != nil {
			return OutcomeFlashFailed, fmt.Errorf("reset failed: %w", err)
		}
		// What came before the reset answers no later wait, and the board boots again.
		r.consume(len(r.pending))
		r.crashes.boots, r.crashes.firstExpectSeen = 0, 0
		return OutcomePassed, nil
	case scenario.Delay:
		end := r.capped(time.Now().Add(s.Window))
		for time.Now().Before(end) {
			if o, err := r.read(ctx); err != nil {
				return o, err
			}
		}
		return OutcomePassed, nil
	}
	return OutcomeConfigError, fmt.Errorf("unknown step kind %q", s.Kind)
}

func (r *scenarioRun) capped(end time.Time) time.Time {
	if !r.opts.Deadline.IsZero() && r.opts.Deadline.Before(end) {
		return r.opts.Deadline
	}
	return end
}

// find returns where s's text or regex first matches pending, and its length.
func (r *scenarioRun) find(s scenario.Step) (int, int) {
	if s.Regex != nil {
		if loc := s.Regex.FindIndex(r.pending); loc != nil {
			return loc[0], loc[1] - loc[0]
		}
		return -1, 0
	}
	if at := bytes.Index(r.pending, []byte(s.Text)); at >= 0 {
		return at, len(s.Text)
	}
	return -1, 0
}

// read reads once (a serial port returns after its poll interval without data). It
// returns an error, with the outcome, when the run must end: ctx, the deadline, the port,
// or a crash.
func (r *scenarioRun) read(ctx context.Context) (Outcome, error) {
	if err := ctx.Err(); err != nil {
		return OutcomeCanceled, err
	}
	if !r.opts.Deadline.IsZero() && !time.Now().Before(r.opts.Deadline) {
		return OutcomeExpectNotSeen, errors.New("the run-timeout passed")
	}
	// A crash in the last read ends the run at this read, so the step before could still
	// match what came before the crash in the same read.
	if r.crashes.crashed() {
		r.collectCrash(ctx)
		return r.crashed()
	}
	n, err := r.port.Read(r.buf)
	if n > 0 {
		r.take(r.buf[:n])
	}
	if errors.Is(err, io.EOF) {
		r.crashes.flush()
		if r.crashes.crashed() {
			return r.crashed()
		}
		return OutcomeExpectNotSeen, errors.New("the serial output ended")
	}
	if err != nil {
		r.readErr = err
		return OutcomePortError, err
	}
	return OutcomePassed, nil
}

func (r *scenarioRun) take(chunk []byte) {
	r.result.count(chunk, r.transcript)
	r.crashes.feed(chunk)
	r.pending = append(r.pending, r.escapes.filter(chunk)...)
	if len(r.pending) > maxScenarioPending {
		drop := len(r.pending) - maxScenarioPending/2
		r.pending = append(r.pending[:0], r.pending[drop:]...)
	}
}

func (r *scenarioRun) consume(n int) {
	r.pending = r.pending[n:]
}

// collectCrash keeps the crash report's following lines, as Watch does.
func (r *scenarioRun) collectCrash(ctx context.Context) {
	end := time.Now().Add(crashGrace)
	last := time.Now()
	for ctx.Err() == nil && time.Now().Before(end) && time.Since(last) <= crashQuiet && r.crashes.crash.Class != ClassBootLoop {
		n, err := r.port.Read(r.buf)
		if n > 0 {
			r.take(r.buf[:n])
			last = time.Now()
		}
		if err != nil {
			break
		}
	}
	r.crashes.flush()
}

func (r *scenarioRun) finish(outcome Outcome, err error) WatchResult {
	if outcome == OutcomePortError && r.readErr != nil {
		err = r.readErr
	}
	r.result.Outcome, r.result.Err = outcome, err
	r.result.Crash = r.crashes.crash
	r.result.Elapsed = time.Since(r.start)
	if r.result.Seen == nil {
		r.result.Seen = []string{}
	}
	return r.result
}
