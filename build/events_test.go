package build

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func readEvents(t *testing.T, path string) []Event {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var events []Event
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		var e Event
		if err := json.Unmarshal(lines.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", lines.Text(), err)
		}
		events = append(events, e)
	}
	return events
}

func eventNames(events []Event) []string {
	var names []string
	for _, e := range events {
		if e.Event != "phase" {
			names = append(names, e.Event)
		}
	}
	return names
}

func TestEventsFile(t *testing.T) {
	tests := []struct {
		name, output string
		outcome      Outcome
		want         []string
	}{
		{"passed", "boot ok\r\nHello from firmware\r\n", OutcomePassed, []string{"opened", "matched", "matched", "outcome"}},
		{"panic", "boot ok\r\npanicked at src/main.rs:3:5:\r\n", OutcomePanic, []string{"opened", "matched", "crash", "outcome"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBench()
			cfg := b.boardConfig(tt.output)
			cfg.Events = filepath.Join(t.TempDir(), "events.ndjson")
			report := Verify(context.Background(), cfg, b.deps())
			if report.Outcome != tt.outcome || report.EventsErr != nil {
				t.Fatalf("%v: %v (events: %v)", report.Outcome, report.Err, report.EventsErr)
			}
			events := readEvents(t, cfg.Events)
			if got := eventNames(events); !slices.Equal(got, tt.want) {
				t.Fatalf("events %q, want %q", got, tt.want)
			}
			last := events[len(events)-1]
			if last.Outcome != tt.outcome.String() || last.ExitCode == nil || *last.ExitCode != tt.outcome.ExitCode() {
				t.Errorf("outcome event %+v", last)
			}
			for i, e := range events {
				if e.Time.IsZero() || i > 0 && e.Time.Before(events[i-1].Time) || time.Since(e.Time) > time.Minute {
					t.Errorf("event %d time %v", i, e.Time)
				}
			}
			if tt.outcome == OutcomePanic {
				crash := events[len(events)-2]
				if crash.Class != "panic" || crash.Location != "src/main.rs:3:5" || crash.Detector != "rust-panic" {
					t.Errorf("crash event %+v", crash)
				}
			}
		})
	}
}

func TestEventsOfAScenario(t *testing.T) {
	b := newBench()
	cfg := b.boardConfig("boot ok\r\nHello from firmware\r\n")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "s.toml"), []byte("[[step]]\nwait = \"boot ok\"\n[[step]]\nwait = \"nope\"\ntimeout = \"100ms\"\n"), 0o644)
	cfg.Expect, cfg.Fail, cfg.Scenario = nil, nil, filepath.Join(dir, "s.toml")
	cfg.Events = filepath.Join(dir, "events.ndjson")
	report := Verify(context.Background(), cfg, b.deps())
	if report.Outcome != OutcomeExpectNotSeen {
		t.Fatalf("%v: %v", report.Outcome, report.Err)
	}
	events := readEvents(t, cfg.Events)
	if got := eventNames(events); !slices.Equal(got, []string{"opened", "step-passed", "step-failed", "outcome"}) {
		t.Fatalf("events %q", got)
	}
	if e := events[len(events)-2]; e.Step != 2 || e.Name != `wait "nope"` || e.Error == "" {
		t.Errorf("step-failed event %+v", e)
	}
}
