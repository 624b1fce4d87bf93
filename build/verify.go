package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/cxlog/cxlog/build/crash"
	"github.com/cxlog/cxlog/build/scenario"
	"go.bug.st/serial"
)

// Deps are the edges Verify talks to; zero fields get the real implementations.
type Deps struct {
	Runner        Runner                                                    // default ShellRunner
	OpenPort      func(path string, mode *serial.Mode) (serial.Port, error) // default serial.Open
	StartEmulator func(ctx context.Context, cfg Config) (Emulator, error)   // default StartEmulator
	Progress      func(phase Phase, detail string)                          // default: ignore
}

func (d Deps) withDefaults() Deps {
	if d.Runner == nil {
		d.Runner = ShellRunner{}
	}
	if d.OpenPort == nil {
		d.OpenPort = serial.Open
	}
	if d.StartEmulator == nil {
		d.StartEmulator = StartEmulator
	}
	if d.Progress == nil {
		d.Progress = func(Phase, string) {}
	}
	return d
}

// Verify builds, flashes (or boots the emulator), opens the serial port, runs
// the after-open step and watches the port, stopping at the first failure.
// The port is open before the device is released, so boot output is not lost.
func Verify(ctx context.Context, cfg Config, deps Deps) Report {
	v := &verification{
		cfg:  cfg,
		deps: deps.withDefaults(),
		// Until the port is watched, every expected text is missing.
		report: Report{Port: cfg.Port, Seen: []string{}, Missing: slices.Clone(cfg.Expect), Durations: map[Phase]time.Duration{}},
	}
	v.start = time.Now()
	v.run(ctx)
	v.emitOutcome()
	if v.eventsFile != nil {
		if err := v.eventsFile.Close(); err != nil && v.events.err == nil {
			v.events.err = err
		}
		v.report.EventsErr = v.events.err
	}
	return v.report
}

type verification struct {
	cfg       Config
	deps      Deps
	report    Report
	detectors *crash.Set
	scenario  *scenario.Scenario
	events    *eventSink // nil without --events
	start     time.Time
	emulator  Emulator
	// stopEmulator ends the emulator's context once it is closed.
	stopEmulator func()
	eventsFile   *os.File
	deadline     time.Time // when the run-timeout passes; zero: no run-timeout
}

func (v *verification) run(parent context.Context) {
	if err := v.cfg.Validate(); err != nil {
		v.end(OutcomeConfigError, "", fmt.Errorf("invalid verify config: %w", err))
		return
	}
	detectors, err := v.cfg.detectors()
	if err != nil {
		v.end(OutcomeConfigError, "", err)
		return
	}
	v.detectors = detectors
	if v.cfg.Scenario != "" {
		if v.scenario, err = scenario.Load(v.cfg.path(v.cfg.Scenario)); err != nil {
			v.end(OutcomeConfigError, "", err)
			return
		}
	}
	// ctx ends every command (and the emulator) when the run's limit passes; the
	// watch gets the limit as its deadline, so a run that ends there is judged on
	// what the port printed.
	ctx := parent
	if v.cfg.RunTimeout > 0 {
		v.deadline = time.Now().Add(v.cfg.RunTimeout)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadlineCause(parent, v.deadline, &timeLimit{"the run-timeout", v.cfg.RunTimeout})
		defer cancel()
	}
	if v.eventsFile, err = v.createEventLog(); err != nil {
		v.end(OutcomeConfigError, "", err)
		return
	}
	if v.events != nil {
		progress := v.deps.Progress
		v.deps.Progress = func(phase Phase, detail string) {
			v.events.emit(Event{Event: "phase", Phase: string(phase), Detail: detail})
			progress(phase, detail)
		}
	}
	transcript, err := v.createTranscriptFile()
	if err != nil {
		v.end(OutcomeConfigError, "", err)
		return
	}
	if transcript != nil {
		defer func() {
			if err := transcript.Close(); err != nil && v.report.TranscriptErr == nil {
				v.report.TranscriptErr = err
			}
		}()
	}
	if !v.build(ctx) || !v.flash(ctx) {
		return
	}
	if v.emulator != nil {
		defer v.closeEmulator()
	}
	port, ok := v.openPort(ctx)
	if !ok {
		return
	}
	defer port.Close()
	var transcriptFile io.Writer
	if transcript != nil {
		transcriptFile = transcript
	}
	v.watch(parent, ctx, port, transcriptFile)
}

func (v *verification) createTranscriptFile() (*os.File, error) {
	return v.createOutput(v.cfg.Transcript, "transcript")
}

// createOutput creates the configured output file name; nil without a name.
func (v *verification) createOutput(name, what string) (*os.File, error) {
	if name == "" {
		return nil, nil
	}
	file, err := os.Create(v.cfg.path(name))
	if err != nil {
		return nil, fmt.Errorf("cannot create the %s file: %w", what, err)
	}
	return file, nil
}

func (v *verification) closeEmulator() {
	v.emulator.Close()
	v.stopEmulator()
	v.report.FlashLog = v.emulator.Log()
}

// end records how the run ended; it returns false so steps can `return v.end(...)`.
func (v *verification) end(outcome Outcome, phase Phase, err error) bool {
	v.report.Outcome = outcome
	v.report.Phase = phase
	v.report.Err = err
	return false
}

// endCommand ends the run if a command failed, and says whether it succeeded.
func (v *verification) endCommand(ctx context.Context, phase Phase, failure Outcome, what string, exitCode int, err error) bool {
	switch {
	case ctx.Err() != nil:
		return v.endStopped(ctx, phase, what+" was still running")
	case err != nil:
		return v.end(failure, phase, fmt.Errorf("%s could not run: %w", what, err))
	case exitCode != 0:
		return v.end(failure, phase, fmt.Errorf("%s exited with status %d", what, exitCode))
	}
	return true
}

// timeLimit is the cause of a context ended by one of the run's time limits.
type timeLimit struct {
	name  string // "the build-timeout": as the user names it
	limit time.Duration
}

func (l *timeLimit) Error() string { return fmt.Sprintf("%s of %s passed", l.name, l.limit) }

// withLimit returns ctx bounded by a phase's own time limit.
func withLimit(ctx context.Context, name string, limit time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, limit, &timeLimit{name, limit})
}

// endStopped ends a run whose ctx ended: a time limit passed, or the caller canceled.
func (v *verification) endStopped(ctx context.Context, phase Phase, doing string) bool {
	var limit *timeLimit
	if errors.As(context.Cause(ctx), &limit) {
		return v.end(OutcomeTimedOut, phase, fmt.Errorf("%s when %s; it was ended with every process it started", doing, limit))
	}
	return v.end(OutcomeCanceled, phase, ctx.Err())
}

func (v *verification) runCommand(ctx context.Context, line string) ([]byte, int, error) {
	return v.deps.Runner.Run(ctx, Command{Line: line, Dir: v.cfg.Dir, Base: v.cfg.Env})
}

// clock starts timing a phase; call the returned func when it ends.
func (v *verification) clock(phase Phase) func() {
	start := time.Now()
	return func() { v.report.Durations[phase] += time.Since(start) }
}
