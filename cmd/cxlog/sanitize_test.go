package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile is what a log, a serial port or a --kb entry may hold to take over a terminal: an
// OSC 52 clipboard write, a screen clear, title changes (ESC and C1 forms), BEL, backspace and
// a lone ESC at the end of a line.
const hostile = "\x1b]52;c;dG91Y2ggUFdORUQ=\x07\x1b[2J\x1b[H\x1b]0;pwned\x07\u009d2;pwned\u009c\u009b2J\a\bX\x1b"

// firstControl is the first control character in s that a terminal would obey.
func firstControl(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			return r, true
		}
	}
	return 0, false
}

// Issue 9.5: no raw escape from a log, a serial port, a build log or a --kb entry reaches any
// output, text or JSON; the transcript file keeps the raw bytes.
func TestNoRawEscapeReachesTheOutput(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "hostile.log")
	lines := []string{
		"error: linking with `cc` failed: exit status: 1 " + hostile,
		"  = note: x86_64-linux-gnu-gcc: error: unrecognized command-line option '-flavor' " + hostile,
		"error[E0432]: unresolved import `core::sync::atomic::AtomicUsize` " + hostile,
		"warning: " + hostile,
		hostile,
		"error: could not compile `fw` due to previous error " + hostile,
	}
	if err := os.WriteFile(logPath, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	kb := t.TempDir()
	yamlHostile := `\e]52;c;dG91Y2g=\a\e[2J\e]0;pwned\a\u009d0;pwned\u009c\u009b2J\b\e`
	entry := "---\nid: hostile-entry\ntitle: \"A hostile title " + yamlHostile + "\"\nclass: linker-not-found\n" +
		"symptoms:\n  - text: \"linking with `cc` failed\"\ncause: \"cause " + yamlHostile + "\"\nfix: \"fix " + yamlHostile + "\"\n" +
		"actions:\n  - kind: set-env\n    name: CXLOG_HOSTILE\n    value: \"" + yamlHostile + "\"\n" +
		"sources: [https://example.com/hostile]\nexamples:\n  match: [\"error: linking with `cc` failed: exit status: 1\"]\n---\nBody " + yamlHostile + "\n"
	if err := os.WriteFile(filepath.Join(kb, "hostile-entry.md"), []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	project := fixProject(t, cargoConfigWithGCC)
	a, b := ptyPair(t)
	transcript := filepath.Join(dir, "serial.log")
	serial := `printf '\033]52;c;dG91Y2g=\007\033[2J\033]0;pwned\007\302\233' > ` + b
	runs := [][]string{
		{"parse", logPath},
		{"parse", "--json", logPath},
		{"check", logPath},
		{"check", "--json", logPath},
		{"diff", seed + "s11-cross-x86_64.good.log", logPath},
		{"diff", "--json", "--all", seed + "s11-cross-x86_64.good.log", logPath},
		{"explain", "--kb", kb, logPath},
		{"explain", "--kb", kb, "--json", logPath},
		{"search", "--kb", kb, "hostile linking"},
		{"search", "--kb", kb, "--json", "hostile linking"},
		{"kb", "list", "--kb", kb},
		{"kb", "list", "--kb", kb, "--json"},
		{"kb", "show", "--kb", kb, "hostile-entry"},
		{"kb", "show", "--kb", kb, "--json", "hostile-entry"},
		{"fix", "--kb", kb, "--kb-id", "hostile-entry", "--project", project},
		{"fix", "--kb", kb, "--json", "--kb-id", "hostile-entry", "--project", project},
		{"verify", "--project", dir, "--build", "cat " + logPath + "; exit 1", "--port", a, "--expect", "x"},
		{"verify", "--project", dir, "--json", "--build", "cat " + logPath + "; exit 1", "--port", a, "--expect", "x"},
		{"verify", "--project", dir, "--port", a, "--after-open", serial, "--expect", "never", "--timeout", "700ms", "--transcript", transcript},
		{"verify", "--project", dir, "--json", "--port", a, "--after-open", serial, "--expect", "never", "--timeout", "700ms"},
		{"parse", filepath.Join(dir, "no-such-\x1b]0;pwned\a.log")},
	}
	for _, args := range runs {
		code, out, stderr := cli(t, "", args...)
		for what, s := range map[string]string{"stdout": out, "stderr": stderr} {
			if r, bad := firstControl(s); bad {
				t.Errorf("%v (exit %d): raw U+%04X in %s:\n%q", args, code, r, what, s)
			}
		}
		if code == exitInternalBug {
			t.Errorf("%v: exit 70: %s", args, stderr)
		}
	}
	raw, err := os.ReadFile(transcript)
	if err != nil || !strings.Contains(string(raw), "\x1b]52;c;dG91Y2g=\a") {
		t.Errorf("the transcript lost the raw bytes: %q (%v)", raw, err)
	}
}
