package build

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/crash"
	"github.com/cxlog/cxlog/build/scenario"
	"github.com/cxlog/cxlog/fixes"
)

// scriptedPort returns its chunks one read at a time, then (0, nil) like a serial port
// whose read timeout passed; writes are recorded.
type scriptedPort struct {
	chunks  []string
	written strings.Builder
}

func (p *scriptedPort) Read(b []byte) (int, error) {
	if len(p.chunks) == 0 {
		time.Sleep(time.Millisecond)
		return 0, nil
	}
	n := copy(b, p.chunks[0])
	if n == len(p.chunks[0]) {
		p.chunks = p.chunks[1:]
	} else {
		p.chunks[0] = p.chunks[0][n:]
	}
	return n, nil
}

func (p *scriptedPort) Write(b []byte) (int, error) { return p.written.Write(b) }

func mustScenario(t *testing.T, body string) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Parse([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

const twoWaits = `
[[step]]
wait = "boot ok"
[[step]]
wait = 'Hello from (\w+)'
regex = true
[[step]]
send = "ping\r\n"
[[step]]
expect-absent = "panicked"
within = "50ms"
`

// Two expected lines in one read satisfy two steps; a text split at any byte across two
// reads is still found.
func TestScenarioMatchesAcrossAndWithinReads(t *testing.T) {
	out := "boot ok\r\nHello from firmware\r\n"
	splits := [][]string{{out}}
	for i := 1; i < len(out); i++ {
		splits = append(splits, []string{out[:i], out[i:]})
	}
	for _, chunks := range splits {
		port := &scriptedPort{chunks: chunks}
		res := RunScenario(context.Background(), port, mustScenario(t, twoWaits), ScenarioOptions{Timeout: time.Second, Detectors: crash.Builtin()}, nil)
		if res.Outcome != OutcomePassed || port.written.String() != "ping\r\n" || len(res.Steps) != 4 || !res.Steps[3].Passed {
			t.Fatalf("chunks %q: %v %v, wrote %q, steps %+v", chunks, res.Outcome, res.Err, port.written.String(), res.Steps)
		}
	}
}

func TestScenarioFailures(t *testing.T) {
	tests := []struct {
		name, body, output string
		outcome            Outcome
		errHas             string
		failedStep         int
	}{
		{"wait times out", "[[step]]\nwait = \"boot ok\"\n[[step]]\nwait = \"never\"\ntimeout = \"100ms\"\n", "boot ok\r\n", OutcomeExpectNotSeen, `step 2 (wait "never"): not seen within 100ms`, 2},
		{"a consumed text answers no second wait", "[[step]]\nwait = \"ok\"\n[[step]]\nwait = \"ok\"\ntimeout = \"100ms\"\n", "ok\r\n", OutcomeExpectNotSeen, "step 2", 2},
		{"expect-absent sees its text", "[[step]]\nwait = \"boot\"\n[[step]]\nexpect-absent = \"ERROR\"\nwithin = \"200ms\"\n", "boot\r\nE: ERROR 5\r\n", OutcomeFailSeen, `step 2 (expect-absent "ERROR" for 200ms): "ERROR" seen`, 2},
		{"a panic during a wait", "[[step]]\nwait = \"never\"\n", "panicked at src/main.rs:3:5\r\n", OutcomePanic, "panic detected", 1},
		{"a reset without a way to reset", "[[step]]\nreset = true\n", "", OutcomeConfigError, "nothing to reset the board with", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			port := &scriptedPort{chunks: []string{tt.output}}
			res := RunScenario(context.Background(), port, mustScenario(t, tt.body), ScenarioOptions{Timeout: time.Second, Detectors: crash.Builtin()}, nil)
			if res.Outcome != tt.outcome || res.Err == nil || !strings.Contains(res.Err.Error(), tt.errHas) {
				t.Fatalf("%v: %v, want %v with %q", res.Outcome, res.Err, tt.outcome, tt.errHas)
			}
			for _, s := range res.Steps {
				if s.Index < tt.failedStep && !s.Passed || s.Index == tt.failedStep && (s.Passed || s.Err == nil) || s.Index > tt.failedStep && s.Ran {
					t.Errorf("step %+v", s)
				}
			}
		})
	}
}

// Through a real pty pair (socat): the board side writes byte by byte, or everything in one
// write, and answers the scenario's ping with a pong.
func TestVerifyScenarioThroughRealPTY(t *testing.T) {
	for _, mode := range []string{"byte by byte", "one write"} {
		t.Run(mode, func(t *testing.T) {
			a, b := ptyPair(t)
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "scenario.toml"), []byte(twoWaits+"[[step]]\nwait = \"pong\"\ntimeout = \"3s\"\n"), 0o644)
			released := filepath.Join(dir, "released")
			board, err := os.OpenFile(b, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer board.Close()
			write := func(text string) {
				if mode == "one write" {
					board.Write([]byte(text))
					return
				}
				for i := range len(text) {
					board.Write([]byte{text[i]})
					time.Sleep(2 * time.Millisecond)
				}
			}
			boardErr := make(chan error, 1)
			go func() {
				for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
					if _, err := os.Stat(released); err == nil {
						break
					}
					if time.Now().After(deadline) {
						boardErr <- fmt.Errorf("never released")
						return
					}
				}
				write("boot ok\r\nHello from firmware\r\n")
				line, err := bufio.NewReader(board).ReadString('\n')
				if err != nil && err != io.EOF {
					boardErr <- err
					return
				}
				if line != "ping\r\n" {
					boardErr <- fmt.Errorf("the board read %q", line)
					return
				}
				write("pong\r\n")
				boardErr <- nil
			}()
			cfg := DefaultConfig(dir)
			cfg.Port = a
			cfg.AfterOpen = "touch " + fixes.ShellQuote(released)
			cfg.Scenario = "scenario.toml"
			cfg.Timeout = 5 * time.Second
			report := Verify(context.Background(), cfg, Deps{})
			if report.Outcome != OutcomePassed {
				t.Fatalf("%v: %v\nsteps %+v\ntranscript %q", report.Outcome, report.Err, report.Steps, report.Transcript)
			}
			if err := <-boardErr; err != nil {
				t.Fatal(err)
			}
			if len(report.Steps) != 5 || !report.Steps[4].Passed {
				t.Errorf("steps %+v", report.Steps)
			}
		})
	}
}
