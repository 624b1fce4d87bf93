package crash

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every built-in detector matches its examples, misses its not-examples, and its examples
// are not taken by an earlier detector of another class (the first match wins).
func TestDetectors(t *testing.T) {
	set := Builtin()
	if len(set.Detectors()) < 10 {
		t.Fatalf("%d built-in detectors", len(set.Detectors()))
	}
	for _, d := range set.Detectors() {
		if len(d.Sources) == 0 {
			t.Errorf("%s cites no source", d.ID)
		}
		for _, ex := range d.Examples {
			m, ok := set.Match(ex)
			if !ok || m.Detector.Class != d.Class {
				got := "nothing"
				if ok {
					got = m.Detector.ID + " (" + string(m.Detector.Class) + ")"
				}
				t.Errorf("example of %s (%s) %q is taken by %s", d.ID, d.Class, ex, got)
			}
		}
	}
}

func TestMatchLocation(t *testing.T) {
	set := Builtin()
	tests := []struct{ line, class, location string }{
		{"cxlog-bench: panicked at 'demo-panic feature enabled', src/main.rs:150:9", "panic", "src/main.rs:150:9"},
		{"panicked at src/main.rs:43:5:", "panic", "src/main.rs:43:5"},
		{"Guru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.", "exception", ""},
		{"rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)", "boot", ""},
		{"E (2193387) task_wdt: Task watchdog got triggered.", "watchdog", ""},
	}
	for _, tt := range tests {
		m, ok := set.Match(tt.line)
		if !ok || string(m.Detector.Class) != tt.class || m.Location != tt.location {
			t.Errorf("%q: %v %+v", tt.line, ok, m)
		}
	}
	for _, line := range []string{"cxlog-bench: hello from riscv32imc", "", "I (31) boot: ESP-IDF v5.1 2nd stage bootloader"} {
		if m, ok := set.Match(line); ok {
			t.Errorf("%q taken by %s", line, m.Detector.ID)
		}
	}
}

// A user's detector file: tried before the built-ins; a bad one is a one-line error naming it.
func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "board.toml")
	os.WriteFile(good, []byte(`[[detector]]
id = "my-board-assert"
class = "panic"
keywords = ["assert failed"]
pattern = 'ASSERT FAILED at (?P<location>\S+:\d+)'
examples = ["ASSERT FAILED at drv.c:12"]
sources = ["our board's assert macro"]
`), 0o644)
	user, err := LoadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	set := user.Then(Builtin())
	m, ok := set.Match("ASSERT FAILED at drv.c:12")
	if !ok || m.Detector.ID != "my-board-assert" || m.Location != "drv.c:12" {
		t.Fatalf("%v %+v", ok, m)
	}
	bad := []struct{ body, want string }{
		{"[[detector]]\nid = \"x\"\nclass = \"oops\"\nkeywords = [\"a\"]\npattern = \"a\"\nexamples = [\"a\"]\n", "class"},
		{"[[detector]]\nid = \"x\"\nclass = \"panic\"\nkeywords = [\"a\"]\npattern = \"(\"\nexamples = [\"a\"]\n", "pattern"},
		{"[[detector]]\nid = \"x\"\nclass = \"panic\"\nkeywords = [\"a\"]\npattern = \"b\"\nexamples = [\"a\"]\n", "example"},
		{"[[detector]]\nid = \"x\"\nclass = \"panic\"\nkeywords = [\"a\"]\npattern = \"a*\"\nexamples = [\"a\"]\n", "empty"},
		{"[[detector]]\nid = \"x\"\nclas = \"panic\"\n", "clas"},
		{"[[detector]]\nid = \"x\"\nclass = \"panic\"\npattern = \"a\"\nexamples = [\"a\"]\n", "no keywords"},
		{"[[detector]]\nid = \"x\"\nclass = \"panic\"\nkeywords = [\"zz\"]\npattern = \"a\"\nexamples = [\"a\"]\n", "none of the keywords"},
	}
	for _, b := range bad {
		path := filepath.Join(dir, "bad.toml")
		os.WriteFile(path, []byte(b.body), 0o644)
		_, err := LoadFile(path)
		if err == nil || !strings.Contains(err.Error(), b.want) || !strings.Contains(err.Error(), "bad.toml") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line naming the file and %q", b.body, err, b.want)
		}
	}
}
