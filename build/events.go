package build

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Event is one line of the --events file (NDJSON): what happened, when.
type Event struct {
	Time      time.Time `json:"time"`
	ElapsedMS float64   `json:"elapsed_ms"` // since the run started
	// Event is phase, opened, matched, step-passed, step-failed, crash or outcome.
	Event string `json:"event"`

	Phase  string `json:"phase,omitempty"`
	Detail string `json:"detail,omitempty"`
	Port   string `json:"port,omitempty"`
	Text   string `json:"text,omitempty"` // matched: the expected text
	Step   int    `json:"step,omitempty"` // step-*: from 1
	Kind   string `json:"kind,omitempty"`
	Name   string `json:"name,omitempty"`
	Error  string `json:"error,omitempty"`

	Class    string       `json:"class,omitempty"` // crash
	Detector string       `json:"detector,omitempty"`
	Line     string       `json:"line,omitempty"`
	Location string       `json:"location,omitempty"`
	Frames   []EventFrame `json:"frames,omitempty"`

	Outcome  string `json:"outcome,omitempty"`
	ExitCode *int   `json:"exit_code,omitempty"`
}

// EventFrame is a resolved crash address.
type EventFrame struct {
	Address  string `json:"address"`
	Function string `json:"function,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
}

// eventSink writes events as NDJSON; safe for the watch and release goroutines at once. The
// first write error is kept and later events are dropped.
type eventSink struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
	err   error
}

func (l *eventSink) emit(e Event) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return
	}
	e.Time = time.Now().UTC()
	e.ElapsedMS = float64(e.Time.Sub(l.start).Microseconds()) / 1000
	data, err := json.Marshal(e)
	if err == nil {
		_, err = l.w.Write(append(data, '\n'))
	}
	l.err = err
}

func (v *verification) createEventLog() (*os.File, error) {
	file, err := v.createOutput(v.cfg.Events, "events")
	if file == nil {
		return nil, err
	}
	v.events = &eventSink{w: file, start: v.start}
	return file, nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

func (v *verification) emitOutcome() {
	code := v.report.Outcome.ExitCode()
	v.events.emit(Event{Event: "outcome", Outcome: v.report.Outcome.String(), ExitCode: &code, Phase: string(v.report.Phase), Error: errText(v.report.Err)})
}

func (v *verification) emitCrash() {
	c := v.report.Crash
	if c == nil {
		return
	}
	e := Event{Event: "crash", Class: c.Class, Detector: c.Detector, Line: c.Line, Location: c.Location}
	for _, f := range c.Frames {
		e.Frames = append(e.Frames, EventFrame{fmt.Sprintf("%#x", f.Address), f.Function, f.File, f.Line})
	}
	v.events.emit(e)
}

func (v *verification) emitStep(s StepResult) {
	kind := "step-passed"
	if !s.Passed {
		kind = "step-failed"
	}
	v.events.emit(Event{Event: kind, Step: s.Index, Kind: string(s.Kind), Name: s.Name, Error: errText(s.Err)})
}
