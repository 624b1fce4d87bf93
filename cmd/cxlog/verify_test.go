package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/build/buildtest"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
)

func ptyPair(t *testing.T) (a, b string) { return buildtest.PTYPair(t) }

func needTool(t *testing.T, name, howToGet string) string {
	return buildtest.NeedTool(t, name, howToGet)
}

func TestVerifyThroughPTY(t *testing.T) {
	a, b := ptyPair(t)
	transcript := filepath.Join(t.TempDir(), "serial.log")
	code, out, stderr := cli(t, "", "verify", "--project", t.TempDir(), "--build", "true", "--port", a,
		"--after-open", "printf 'boot ok\\r\\nHello\\r\\n' > "+b, "--expect", "boot ok", "--expect", "Hello",
		"--fail", "panicked at", "--timeout", "5s", "--transcript", transcript)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, stderr, out)
	}
	for _, want := range []string{"verify: passed (exit 0)", `seen                "boot ok", "Hello"`, "port                " + a} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := readFile(t, transcript); got != "boot ok\r\nHello\r\n" {
		t.Errorf("transcript %q", got)
	}
}

func scenarioFile(t *testing.T, body string) string {
	path := filepath.Join(t.TempDir(), "scenario.toml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func userDetectors(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "board.toml")
	body := "[[detector]]\nid = \"board-assert\"\nclass = \"panic\"\nkeywords = [\"assert failed\"]\npattern = 'ASSERT FAILED at (?P<location>\\S+:\\d+)'\nexamples = [\"ASSERT FAILED at drv.c:12\"]\nsources = [\"our board\"]\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestVerifyOutcomesAndExitCodes(t *testing.T) {
	a, b := ptyPair(t)
	buildLog, err := filepath.Abs("../../corpus/bench/b03-rustflags-env-drops-config.log")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // in the one-line message
		out    string // in the report
	}{
		{"missing port", []string{"--build", "true", "--port", "/dev/cxlog-no-such-tty", "--expect", "x"},
			7, "serial port /dev/cxlog-no-such-tty does not exist", "verify: port error (exit 7)"},
		{"not a serial port", []string{"--port", "/dev/null", "--expect", "x"},
			7, "/dev/null is not a serial port", "verify: port error (exit 7)"},
		{"build failure is diagnosed", []string{"--build", "cat '" + buildLog + "'; exit 101", "--port", a, "--expect", "x"},
			3, "build failed: build command exited with status 101", "[linker-script-missing]"},
		{"flash failure", []string{"--flash", "echo no device; false", "--port", a, "--expect", "x"},
			4, "flash failed", "  | no device"},
		{"expected text not seen", []string{"--port", a, "--after-open", "printf 'other\\r\\n' > " + b, "--expect", "Hello", "--timeout", "500ms"},
			5, "expected text not seen", `not seen            "Hello"`},
		{"fail text", []string{"--port", a, "--after-open", "printf 'E (5) sensor: init failed\\r\\n' > " + b, "--expect", "Hello", "--fail", "init failed", "--timeout", "5s"},
			6, "fail text seen", "E (5) sensor: init failed"},
		{"panic", []string{"--port", a, "--after-open", "printf 'panicked at src/main.rs:3\\r\\n' > " + b, "--expect", "Hello", "--fail", "panicked at", "--timeout", "5s"},
			9, "panic: panic detected (rust-panic)", "location            src/main.rs:3"},
		{"coloured panic", []string{"--port", a, "--after-open", "printf '\\033[31mpanicked\\033[0m at src/main.rs:3\\r\\n' > " + b, "--expect", "Hello", "--timeout", "5s"},
			9, "panic detected", "panicked at src/main.rs:3"},
		{"panic within the settle window", []string{"--port", a, "--after-open", "printf 'Hello\\r\\n' > " + b + "; sleep 0.3; printf 'panicked at x\\r\\n' > " + b,
			"--expect", "Hello", "--fail", "panicked at", "--timeout", "5s"}, 9, "panic detected", `seen                "Hello"`},
		{"panic as a fail text with --builtin-detectors=false", []string{"--port", a, "--after-open", "printf 'panicked at x\\r\\n' > " + b,
			"--expect", "Hello", "--fail", "panicked at", "--timeout", "5s", "--builtin-detectors=false"}, 6, "fail text seen", "panicked at x"},
		{"watchdog", []string{"--port", a, "--after-open", "printf 'E (10325) task_wdt: Task watchdog got triggered.\\r\\n' > " + b, "--expect", "Hello", "--timeout", "5s"},
			11, "watchdog detected", "crash               watchdog (esp-idf-task-watchdog)"},
		{"boot loop", []string{"--port", a, "--after-open", "printf 'rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\\r\\nrst:0xc (SW_CPU_RESET),boot:0xc (SPI_FAST_FLASH_BOOT)\\r\\n' > " + b, "--expect", "Hello", "--timeout", "5s"},
			13, "boot loop: the firmware booted again", "verify: boot loop (exit 13)"},
		{"a user's detector file", []string{"--port", a, "--after-open", "printf 'ASSERT FAILED at drv.c:12\\r\\n' > " + b, "--expect", "Hello", "--timeout", "5s", "--detectors", userDetectors(t)},
			9, "panic detected (board-assert)", "location            drv.c:12"},
		{"a bad detector file", []string{"--port", a, "--expect", "Hello", "--detectors", "/nonexistent/detectors.toml"},
			2, "detectors: open /nonexistent/detectors.toml", ""},
		{"panic after --settle", []string{"--port", a, "--after-open", "printf 'Hello\\r\\n' > " + b + "; sleep 0.3; printf 'panicked at x\\r\\n' > " + b,
			"--expect", "Hello", "--fail", "panicked at", "--timeout", "5s", "--settle", "0"}, 0, "", "verify: passed (exit 0)"},
		{"only fail texts", []string{"--port", a, "--fail", "panicked at", "--timeout", "300ms"}, 0, "", "verify: passed (exit 0)"},
		{"nothing to watch for", []string{"--build", "true", "--port", a}, 2, "nothing to watch the port for", ""},
		{"build outlasts --build-timeout", []string{"--build", "echo compiling; sleep 1000", "--build-timeout", "300ms", "--port", a, "--expect", "x"},
			8, "timed out: build command was still running when the build-timeout of 300ms passed", "  | compiling"},
		{"build outlasts --run-timeout", []string{"--build", "sleep 1000", "--port", a, "--expect", "x", "--run-timeout", "500ms"},
			8, "build command was still running when the run-timeout of 500ms passed", "verify: timed out (exit 8)"},
		{"flash outlasts --flash-timeout", []string{"--flash", "sleep 1000", "--flash-timeout", "300ms", "--port", a, "--expect", "x"},
			8, "flash command was still running when the flash-timeout of 300ms passed", "verify: timed out (exit 8)"},
		{"no port", []string{"--build", "true", "--expect", "x"}, 2, "no serial port", ""},
		{"bad emulator", []string{"--emulate", "qemu-arm", "--expect", "x"}, 2, `unknown emulator "qemu-arm"`, ""},
		{"scenario passes without --expect", []string{"--port", a, "--after-open", "printf 'boot ok\\r\\nHello\\r\\n' > " + b, "--scenario",
			scenarioFile(t, "[[step]]\nwait = \"boot ok\"\n[[step]]\nwait = \"Hello\"\n")}, 0, "", `step                2 wait "Hello": passed`},
		{"scenario step not seen", []string{"--port", a, "--after-open", "printf 'boot ok\\r\\n' > " + b, "--scenario",
			scenarioFile(t, "[[step]]\nwait = \"boot ok\"\n[[step]]\nwait = \"Hello\"\ntimeout = \"300ms\"\n")}, 5, `step 2 (wait "Hello"): not seen within 300ms`, `step                2 wait "Hello": failed`},
		{"a bad scenario", []string{"--port", a, "--scenario", scenarioFile(t, "[[step]]\nwiat = 1\n")}, 2, "unknown key step.wiat", ""},
		{"scenario and --expect", []string{"--port", a, "--expect", "x", "--scenario", scenarioFile(t, "[[step]]\nwait = \"x\"\n")}, 2, "scenario and expect/fail are exclusive", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"verify", "--project", t.TempDir()}, tc.args...)
			code, out, stderr := cli(t, "", args...)
			if code != tc.code || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q (want %d, one line with %q)", code, stderr, tc.code, tc.stderr)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("output lacks %q:\n%s", tc.out, out)
			}
		})
	}
}

// --events and --format junit on a scenario run through a pty: the CI artefacts.
func TestVerifyEventsAndJUnit(t *testing.T) {
	a, b := ptyPair(t)
	events := filepath.Join(t.TempDir(), "events.ndjson")
	code, out, stderr := cli(t, "", "verify", "--project", t.TempDir(), "--port", a, "--after-open", "printf 'boot ok\\r\\npanicked at src/main.rs:3:5\\r\\n' > "+b,
		"--scenario", scenarioFile(t, "[[step]]\nwait = \"boot ok\"\n[[step]]\nwait = \"Hello\"\n[[step]]\nsend = \"x\"\n"), "--events", events, "--format", "junit")
	if code != 9 || !strings.Contains(stderr, "panic detected") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{`<testsuite name="cxlog verify" tests="3" failures="1" skipped="1"`, `<testcase classname="cxlog.verify" name="1 wait &#34;boot ok&#34;"`,
		`<failure message="step 2 (wait &#34;Hello&#34;): panic detected (rust-panic)`, `panic (rust-panic) at src/main.rs:3:5`, `<skipped message="an earlier step ended the run">`} {
		if !strings.Contains(out, want) {
			t.Errorf("junit lacks %q:\n%s", want, out)
		}
	}
	var kinds []string
	for _, line := range strings.Split(strings.TrimSpace(readFile(t, events)), "\n") {
		var e struct {
			Event string `json:"event"`
			Time  string `json:"time"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil || e.Time == "" {
			t.Fatalf("event line %q: %v", line, err)
		}
		if e.Event != "phase" {
			kinds = append(kinds, e.Event)
		}
	}
	if strings.Join(kinds, " ") != "opened step-passed step-failed crash outcome" {
		t.Errorf("events %q", kinds)
	}
}

func TestVerifyReadsCxlogToml(t *testing.T) {
	a, b := ptyPair(t)
	dir := t.TempDir()
	toml := "[verify]\nbuild = \"echo built > built.txt\"\nport = \"/dev/cxlog-no-such-tty\"\nexpect = [\"never\"]\ntimeout = \"5s\"\n"
	if err := os.WriteFile(filepath.Join(dir, "cxlog.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	// the file alone: its port is missing
	if code, _, stderr := cli(t, "", "verify", "--project", dir); code != 7 {
		t.Errorf("exit %d (%s), want 7", code, stderr)
	}
	// flags override the port and the expected text; the build comes from the file
	code, out, stderr := cli(t, "", "verify", "--project", dir, "--port", a,
		"--after-open", "printf 'Hello\\r\\n' > "+b, "--expect", "Hello")
	if code != 0 {
		t.Fatalf("exit %d (%s)\n%s", code, stderr, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "built.txt")); err != nil {
		t.Error("the build command of cxlog.toml did not run in the project directory")
	}
	if err := os.WriteFile(filepath.Join(dir, "cxlog.toml"), []byte("[verify]\nprot = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, "", "verify", "--project", dir); code != 2 || !strings.Contains(stderr, "unknown keys: prot") {
		t.Errorf("typo in cxlog.toml: exit %d, %q", code, stderr)
	}
}

func TestVerifyHelpDocumentsExitCodes(t *testing.T) {
	_, out, _ := cli(t, "", "verify", "--help")
	for _, want := range []string{"5    expected text not seen", "7    serial port error", "8    timed out", "--esp-reset", "--emulate",
		"--build-timeout", "--flash-timeout", "--run-timeout", "--settle"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestVerifyJSON(t *testing.T) {
	a, b := ptyPair(t)
	code, out, stderr := cli(t, "", "verify", "--json", "--project", t.TempDir(), "--port", a,
		"--after-open", "printf 'Hello\\r\\n' > "+b, "--expect", "Hello", "--expect", "Bye", "--timeout", "500ms")
	if code != 5 || !strings.Contains(stderr, "expected text not seen") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got report.VerifyJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if got.Schema != report.VerifySchema || got.Outcome != "expected text not seen" || got.ExitCode != 5 ||
		len(got.Seen) != 1 || got.Missing[0] != "Bye" || got.Transcript != "Hello\r\n" || got.SerialBytes != 7 {
		t.Errorf("report %+v", got)
	}
}
