package build

import (
	"context"
	"fmt"
	"io"
	"time"

	"go.bug.st/serial"
)

// readPollInterval is the port's read timeout: how often Watch gets to check
// its deadline and ctx. It adds no latency: a read returns as soon as data arrives.
const readPollInterval = 50 * time.Millisecond

// emulatorExitGrace is how long a read error may precede the emulator's exit
// being noticed. QEMU closing the pty as it exits usually comes milliseconds
// before its exit; on a loaded machine a 1 s grace was too short. Only a port lost
// while the emulator runs waits this long.
const emulatorExitGrace = 5 * time.Second

func (v *verification) openPort(ctx context.Context) (serial.Port, bool) {
	defer v.clock(PhaseOpeningPort)()
	path := v.report.Port
	v.deps.Progress(PhaseOpeningPort, path)
	port, err := v.deps.OpenPort(path, &serial.Mode{BaudRate: v.cfg.Baud})
	if err != nil {
		return nil, v.end(OutcomePortError, PhaseOpeningPort, explainOpenError(path, err))
	}
	if err := port.SetReadTimeout(readPollInterval); err != nil {
		port.Close()
		return nil, v.end(OutcomePortError, PhaseOpeningPort, explainOpenError(path, err))
	}
	// What the port holds was printed before this run (the last firmware, a
	// test echoing into the line): it must not count as seen.
	if err := port.ResetInputBuffer(); err != nil {
		port.Close()
		return nil, v.end(OutcomePortError, PhaseOpeningPort, explainOpenError(path, err))
	}
	if v.cfg.ResetESP {
		if err := pulseESPReset(ctx, port); err != nil {
			port.Close()
			if ctx.Err() != nil {
				return nil, v.endStopped(ctx, PhaseOpeningPort, "the ESP reset was under way")
			}
			return nil, v.end(OutcomePortError, PhaseOpeningPort, explainOpenError(path, err))
		}
	}
	return port, true
}

// watch releases the device (resumes the emulator, runs the after-open
// command) while already reading the port, so nothing printed at boot is missed.
// The watch ends on parent or at the run's deadline; the after-open command
// also ends with ctx, the run's limit.
func (v *verification) watch(parent, ctx context.Context, port serial.Port, transcriptFile io.Writer) {
	defer v.clock(PhaseWaiting)()
	v.events.emit(Event{Event: "opened", Port: v.report.Port})
	if v.emulator != nil || v.cfg.AfterOpen != "" {
		v.deps.Progress(PhaseOpeningPort, "releasing the device: "+v.releaseDescription())
	}
	v.deps.Progress(PhaseWaiting, v.waitDescription())

	sink := newTranscriptSink(transcriptFile)
	watchCtx, stopWatch := context.WithCancel(parent)
	defer stopWatch()
	releaseCtx, stopRelease := context.WithCancel(ctx)
	defer stopRelease()

	releasedAt := time.Now()
	results := make(chan WatchResult, 1)
	opts := WatchOptions{OnMatch: func(text string) { v.events.emit(Event{Event: "matched", Text: text}) }, Expect: v.cfg.Expect, Fail: v.cfg.Fail, Timeout: v.cfg.Timeout, Settle: v.cfg.Settle, Deadline: v.deadline, Detectors: v.detectors}
	go func() {
		if v.scenario != nil {
			results <- RunScenario(watchCtx, port, v.scenario, v.scenarioOptions(ctx, port), sink)
			return
		}
		results <- Watch(watchCtx, port, opts, sink)
	}()
	released := make(chan error, 1)
	go func() { released <- v.release(releaseCtx) }()

	var result WatchResult
	select {
	case err := <-released:
		if err != nil && ctx.Err() != nil && parent.Err() == nil {
			// The run's limit ended the after-open command; the watch ends
			// at the same deadline and says what was seen by then.
			result = <-results
			break
		}
		if err != nil {
			stopWatch()
			v.takeWatchResult(<-results, releasedAt, sink)
			if parent.Err() != nil {
				v.end(OutcomeCanceled, PhaseOpeningPort, parent.Err())
				return
			}
			v.end(OutcomeFlashFailed, PhaseOpeningPort, err)
			return
		}
		result = <-results
	case result = <-results:
		stopRelease()
		<-released
	}
	v.takeWatchResult(result, releasedAt, sink)
	v.endWatch(result)
}

// release starts the firmware once the port is open.
func (v *verification) release(ctx context.Context) error {
	if v.emulator != nil {
		if err := v.emulator.Continue(); err != nil {
			return fmt.Errorf("cannot resume the emulator: %w", err)
		}
	}
	if v.cfg.AfterOpen == "" {
		return nil
	}
	output, exitCode, err := v.runCommand(ctx, v.cfg.AfterOpen)
	v.report.AfterOpenLog = output
	switch {
	case err != nil:
		return fmt.Errorf("after-open command could not run: %w", err)
	case exitCode != 0:
		return fmt.Errorf("after-open command exited with status %d", exitCode)
	}
	return nil
}

func (v *verification) releaseDescription() string {
	switch {
	case v.emulator != nil && v.cfg.AfterOpen != "":
		return "resume the emulator, then " + v.cfg.AfterOpen
	case v.emulator != nil:
		return "resume the emulator"
	}
	return v.cfg.AfterOpen
}

func (v *verification) waitDescription() string {
	if v.scenario != nil {
		return fmt.Sprintf("playing %s (%d steps) on %s", v.cfg.Scenario, len(v.scenario.Steps), v.report.Port)
	}
	if len(v.cfg.Expect) == 0 {
		return fmt.Sprintf("watching %s for %s", v.report.Port, v.cfg.Timeout)
	}
	return fmt.Sprintf("waiting up to %s on %s for %q", v.cfg.Timeout, v.report.Port, v.cfg.Expect)
}

func (v *verification) takeWatchResult(result WatchResult, releasedAt time.Time, sink *transcriptSink) {
	v.report.Seen = result.Seen
	v.report.Missing = result.Missing
	v.report.FailSeen = result.FailSeen
	v.report.FailLine = result.FailLine
	v.report.Crash = result.Crash
	v.report.Steps = result.Steps
	v.decodeCrash()
	v.emitCrash()
	v.report.SerialBytes = result.Bytes
	if !result.FirstByteAt.IsZero() {
		v.report.FirstOutputLatency = result.FirstByteAt.Sub(releasedAt)
	}
	v.report.Transcript, v.report.TranscriptDropped = sink.memory.Bytes()
	v.report.TranscriptErr = sink.fileErr
}

func (v *verification) endWatch(result WatchResult) {
	if result.Outcome != OutcomePortError {
		v.end(result.Outcome, PhaseWaiting, result.Err)
		return
	}
	if !v.emulatorExited() {
		v.end(OutcomePortError, PhaseWaiting, explainReadError(v.report.Port, result.Err))
		return
	}
	if len(result.Missing) == 0 {
		v.end(OutcomePassed, PhaseWaiting, nil)
		return
	}
	v.end(OutcomeExpectNotSeen, PhaseWaiting, fmt.Errorf("the emulator exited before expected text %q was seen (%d bytes of output)", result.Missing[0], result.Bytes))
}

func (v *verification) emulatorExited() bool {
	if v.emulator == nil {
		return false
	}
	timer := time.NewTimer(emulatorExitGrace)
	defer timer.Stop()
	select {
	case <-v.emulator.Done():
		return true
	case <-timer.C:
		return false
	}
}

// transcriptSink keeps the transcript's tail in memory and every byte in the
// transcript file; a failing file does not stop the in-memory copy.
type transcriptSink struct {
	memory  *tailBuffer
	file    io.Writer
	fileErr error
}

func newTranscriptSink(file io.Writer) *transcriptSink {
	return &transcriptSink{memory: newTailBuffer(MaxTranscriptInMemory), file: file}
}

func (s *transcriptSink) Write(p []byte) (int, error) {
	s.memory.Write(p)
	if s.file != nil && s.fileErr == nil {
		_, s.fileErr = s.file.Write(p)
	}
	return len(p), nil
}

func (v *verification) scenarioOptions(ctx context.Context, port serial.Port) ScenarioOptions {
	opts := ScenarioOptions{Timeout: v.cfg.Timeout, Deadline: v.deadline, Detectors: v.detectors, OnStep: v.emitStep}
	switch {
	case v.cfg.ResetESP:
		opts.Reset = func(ctx context.Context) error { return pulseESPReset(ctx, port) }
	case v.cfg.AfterOpen != "":
		opts.Reset = func(stepCtx context.Context) error {
			output, exitCode, err := v.runCommand(ctx, v.cfg.AfterOpen)
			v.report.AfterOpenLog = output
			if err == nil && exitCode != 0 {
				err = fmt.Errorf("after-open command exited with status %d", exitCode)
			}
			return err
		}
	case v.emulator != nil:
		if r, ok := v.emulator.(interface{ Reset() error }); ok {
			opts.Reset = func(context.Context) error { return r.Reset() }
		}
	}
	return opts
}
