package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/buildtest"
	"github.com/cxlog/cxlog/fixes"
)

// faultCase is one row of the fault matrix of build/bench/FAULTS.md.
type faultCase struct {
	name      string
	env       map[string]string              // the fault, in the environment the build inherits
	command   func(build string) string      // the fault, in the build command
	breakFW   func(t *testing.T, dir string) // the fault, in the project
	cargoArgs string
	faultExit int      // verify's exit code with the fault
	classes   []string // what explain may put first
	// manualFix is the change a person makes when no KB action can (source code): the
	// test applies it and verify must then see the greeting. nil: `cxlog fix LOG --verify`.
	manualFix func(cargoArgs string) string
}

// TestFaultMatrix injects each fault into a copy of the bench firmware, builds it for real
// (cxlog verify, saving the build log), checks what `cxlog explain` makes of that log, and
// runs `cxlog fix LOG --verify`: the fix chosen from the diagnosis must make the rebuilt
// firmware print its greeting through the serial port of the emulated board.
func TestFaultMatrix(t *testing.T) {
	script := benchBuildScript(t)
	cache := benchCache(t)
	needTool(t, "qemu-system-riscv32", "apt-get install -y qemu-system-misc")
	wrapper := filepath.Join(t.TempDir(), "x86_64-unknown-linux-gnu-cc")
	if err := os.Symlink("/usr/bin/gcc", wrapper); err != nil {
		t.Fatal(err)
	}
	cases := []faultCase{
		{name: "a GCC wrapper named *-cc as the linker", env: map[string]string{benchLinkVar: wrapper},
			faultExit: 3, classes: []string{"linker-flavor-mismatch", "host-linker-for-target"}},
		{name: "b host GCC as the linker", env: map[string]string{benchLinkVar: "x86_64-linux-gnu-gcc"},
			faultExit: 3, classes: []string{"host-linker-for-target"}},
		{name: "c RUSTFLAGS drops the config's rustflags", env: map[string]string{"RUSTFLAGS": "-C target-feature=-crt-static"},
			faultExit: 3, classes: []string{"cargo-config-scope"}},
		{name: "d AtomicUsize on riscv32imc", cargoArgs: " --features atomic-counter",
			faultExit: 3, classes: []string{"atomics-unsupported"},
			manualFix: func(args string) string { return strings.Replace(args, " --features atomic-counter", "", 1) }},
		{name: "e rust-lld not on PATH",
			command: func(build string) string {
				return ". " + fixes.ShellQuote(filepath.Join(cache, "env.sh")) +
					` && PATH=$(printf %s "$PATH" | sed "s|$CXLOG_BENCH_BIN:||") && ` + build
			},
			faultExit: 3, classes: []string{"linker-not-found"}},
		{name: "f no linker script: links, never prints", cargoArgs: " --features bss-stack",
			breakFW: func(t *testing.T, dir string) {
				config := filepath.Join(dir, ".cargo", "config.toml")
				text := readFile(t, config)
				without := strings.Replace(text, "rustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n", "", 1)
				if without == text {
					t.Fatal("the firmware's config has no rustflags line to remove")
				}
				if err := os.WriteFile(config, []byte(without), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			faultExit: 5, classes: []string{"linker-script-missing"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", benchLinkVar,
				"CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_RUSTFLAGS", "CARGO_BUILD_TARGET"} {
				t.Setenv(name, "")
				os.Unsetenv(name)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			dir := buildtest.CopyFirmware(t)
			if tc.breakFW != nil {
				tc.breakFW(t, dir)
			}
			buildCmd := script + " ." + tc.cargoArgs
			if tc.command != nil {
				buildCmd = tc.command(buildCmd)
			}
			verifyArgs := func(build string) []string {
				return []string{"--project", dir, "--build", build, "--emulate", "qemu-riscv32", "--kernel", benchKernel,
					"--expect", benchGreeting, "--fail", "panicked at", "--timeout", "4s"}
			}

			badLog := filepath.Join(t.TempDir(), "bad.log")
			code, out, stderr := cli(t, "", append([]string{"verify", "--build-log", badLog}, verifyArgs(buildCmd)...)...)
			if code != tc.faultExit {
				t.Fatalf("with the fault: exit %d, want %d; stderr %s\n%s", code, tc.faultExit, stderr, out)
			}

			code, out, _ = cli(t, "", "explain", "--json", badLog)
			var ex struct {
				Class   string
				Matches []struct{ ID string }
			}
			if err := json.Unmarshal([]byte(out), &ex); err != nil || code != 0 {
				t.Fatalf("explain: exit %d, %v\n%s", code, err, out)
			}
			if !contains(tc.classes, ex.Class) {
				t.Fatalf("explain put %s first (%v), want one of %v", ex.Class, ex.Matches, tc.classes)
			}

			start := time.Now()
			if tc.manualFix != nil {
				// no KB action can change the firmware's code: cxlog fix says so, the person fixes it
				_, out, _ = cli(t, "", "fix", badLog, "--project", dir)
				if strings.Contains(out, "+++ ") {
					t.Fatalf("fix planned a file change for a fault that needs a code change:\n%s", out)
				}
				code, out, stderr = cli(t, "", append([]string{"verify"}, verifyArgs(script+" ."+tc.manualFix(tc.cargoArgs))...)...)
				if code != 0 || !strings.Contains(out, benchGreeting) {
					t.Fatalf("after the manual fix: exit %d, stderr %s\n%s", code, stderr, out)
				}
				t.Logf("manual fix verified in %v", time.Since(start).Round(time.Millisecond))
				return
			}
			code, out, stderr = cli(t, "", append([]string{"fix", badLog, "--verify"}, verifyArgs(buildCmd)...)...)
			if code != 0 || !strings.Contains(out, "PROVEN: with the fix, the firmware printed \""+benchGreeting+"\"") {
				t.Fatalf("fix %s --verify (explain's top match %v): exit %d, stderr %s\n%s", badLog, ex.Matches[0], code, stderr, out)
			}
			t.Logf("explain: %s (%s); fix proven in %v", ex.Class, ex.Matches[0].ID, time.Since(start).Round(time.Millisecond))
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
