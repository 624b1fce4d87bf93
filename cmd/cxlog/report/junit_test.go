package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/build/addr2line"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/build/scenario"
)

func junitOf(t *testing.T, r build.Report) junitSuite {
	t.Helper()
	rep, err := New(JUnit, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rep.Write(&out, &Verify{VerifyResult: &engine.VerifyResult{Report: r}}); err != nil {
		t.Fatal(err)
	}
	var suites junitSuites
	if err := xml.Unmarshal(out.Bytes(), &suites); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out.String())
	}
	if len(suites.Suites) != 1 {
		t.Fatalf("%d suites", len(suites.Suites))
	}
	return suites.Suites[0]
}

// One test case per scenario step: passed, failed (with the crash and its decoded frame),
// not run (skipped).
func TestJUnitScenarioSteps(t *testing.T) {
	r := build.Report{
		Outcome: build.OutcomePanic, Phase: build.PhaseWaiting, Err: errors.New("step 2 (wait \"ok\"): panic detected"),
		Steps: []build.StepResult{
			{Index: 1, Kind: scenario.Wait, Name: `wait "boot"`, Ran: true, Passed: true, Elapsed: 20 * time.Millisecond},
			{Index: 2, Kind: scenario.Wait, Name: `wait "ok"`, Ran: true, Err: errors.New("panic")},
			{Index: 3, Kind: scenario.Send, Name: `send "x\r\n"`},
		},
		Crash: &build.Crash{Class: "panic", Detector: "rust-panic", Location: "src/main.rs:140:9", Lines: []string{"panicked at \x01 src/main.rs:140:9"},
			Frames: []addr2line.Frame{{Address: 0x800001ee, Function: "cxlog_main", File: "/fw/src/main.rs", Line: 140}}},
		Durations: map[build.Phase]time.Duration{build.PhaseWaiting: time.Second},
	}
	s := junitOf(t, r)
	if s.Tests != 3 || s.Failures != 1 || s.Skipped != 1 || len(s.Cases) != 3 {
		t.Fatalf("%+v", s)
	}
	if c := s.Cases[0]; c.Name != `1 wait "boot"` || c.Failure != nil || c.Time != "0.020" {
		t.Errorf("case 1 %+v", c)
	}
	f := s.Cases[1].Failure
	if f == nil || f.Type != "panic" || !strings.Contains(f.Body, "0x800001ee cxlog_main at /fw/src/main.rs:140") || !strings.Contains(f.Body, `\x01`) {
		t.Errorf("case 2 failure %+v", f)
	}
	if s.Cases[2].Skipped == nil {
		t.Errorf("case 3 %+v", s.Cases[2])
	}
}

func TestJUnitExpectTextsAndPhases(t *testing.T) {
	s := junitOf(t, build.Report{Outcome: build.OutcomeExpectNotSeen, Phase: build.PhaseWaiting, Err: errors.New("not seen"),
		Seen: []string{"boot"}, Missing: []string{"ok", "done"}})
	if s.Tests != 3 || s.Failures != 1 || s.Skipped != 1 || s.Cases[1].Failure == nil {
		t.Errorf("%+v", s)
	}
	s = junitOf(t, build.Report{Outcome: build.OutcomeBuildFailed, Phase: build.PhaseBuilding, Err: errors.New("build command exited with status 101"), Missing: []string{"ok"}})
	if s.Tests != 1 || s.Failures != 1 || s.Cases[0].Name != "building" || s.Cases[0].Failure.Message != "build command exited with status 101" {
		t.Errorf("%+v", s)
	}
	if _, err := New(JUnit, Options{}); err != nil {
		t.Fatal(err)
	}
	rep, _ := New(JUnit, Options{})
	var out bytes.Buffer
	var unsupported *UnsupportedError
	if err := rep.Write(&out, &Check{}); !errors.As(err, &unsupported) {
		t.Errorf("check as junit: %v", err)
	}
}
