package build

import (
	"cmp"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/buildtest"
)

// The real bench: build/testdata/firmware built with Debian's rustc 1.63 for
// riscv32imc-unknown-none-elf (build/bench/build-firmware.sh, toolchain from
// build/bench/prepare.sh) and booted in qemu-system-riscv32 -M virt, its UART
// read through a pty with go.bug.st/serial, all through Verify.

const (
	benchKernel   = "target/riscv32imc-unknown-none-elf/release/cxlog-bench-fw"
	benchGreeting = "cxlog-bench: hello from riscv32imc"
)

func TestVerifyBenchFirmware(t *testing.T) {
	tests := []struct {
		name      string
		buildEnv  string
		cargoArgs string
		timeout   time.Duration
		outcome   Outcome
		check     func(t *testing.T, report Report)
	}{
		{
			name:    "greeting",
			outcome: OutcomePassed,
		},
		{
			// The panic handler prints the panic's location (from rustc) and the return
			// address of the panicking call (from the CPU): the address, resolved against
			// the ELF's DWARF, must land on the same source line in cxlog_main.
			name:      "panic after the greeting",
			cargoArgs: "--features demo-panic",
			outcome:   OutcomePanic,
			check: func(t *testing.T, report Report) {
				if !strings.Contains(report.FailLine, "demo-panic feature enabled") {
					t.Errorf("fail line %q", report.FailLine)
				}
				c := report.Crash
				if c == nil || c.Class != "panic" || !strings.HasPrefix(c.Location, "src/main.rs:") {
					t.Fatalf("crash %+v", c)
				}
				file, line, _ := strings.Cut(c.Location, ":")
				line, _, _ = strings.Cut(line, ":")
				if len(c.Frames) == 0 {
					t.Fatalf("no frame decoded from %q (ELF %s: %v)", c.Lines, c.ELF, c.ELFErr)
				}
				f := c.Frames[0]
				if f.Function != "cxlog_main" || !strings.HasSuffix(f.File, file) || strconv.Itoa(f.Line) != line {
					t.Errorf("return address %#x resolved to %s at %s:%d, the panic is at %s in cxlog_main", f.Address, f.Function, f.File, f.Line, c.Location)
				}
				t.Logf("panic at %s; return address %#x -> %s at %s", c.Location, f.Address, f.Function, f.Location())
			},
		},
		{
			name:      "resets after the greeting: a boot loop",
			cargoArgs: "--features boot-loop",
			outcome:   OutcomeBootLoop,
			check: func(t *testing.T, report Report) {
				if report.Crash == nil || report.Crash.Line != benchGreeting || report.Crash.Detector != "first-expected-text" {
					t.Errorf("crash %+v", report.Crash)
				}
			},
		},
		{
			// Fault (f) of the bench facts: RUSTFLAGS in the environment drops the
			// config's -Tlink.x; with its own stack the image still links, at the
			// wrong address, and never prints.
			name:      "links without the linker script and stays silent",
			buildEnv:  "RUSTFLAGS=",
			cargoArgs: "--features bss-stack",
			timeout:   3 * time.Second,
			outcome:   OutcomeExpectNotSeen,
			check: func(t *testing.T, report Report) {
				if report.SerialBytes != 0 || !strings.Contains(report.Err.Error(), "silent") {
					t.Errorf("%d bytes of output; err %v", report.SerialBytes, report.Err)
				}
			},
		},
		{
			name:      "build error",
			cargoArgs: "--features atomic-counter",
			outcome:   OutcomeBuildFailed,
			check: func(t *testing.T, report Report) {
				if !strings.Contains(string(report.BuildLog), "E0432") {
					t.Errorf("build log lacks the E0432 error:\n%s", report.BuildLog)
				}
			},
		},
	}
	buildScript := buildtest.BenchBuildScript(t)
	needQEMU(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig(buildtest.CopyFirmware(t))
			// With DWARF line tables, as embedded templates build release images.
			cfg.Build = strings.TrimSpace("CARGO_PROFILE_RELEASE_DEBUG=true " + tt.buildEnv + " " + buildScript + " . " + tt.cargoArgs)
			cfg.Emulator = EmulatorQEMURiscv32
			cfg.Kernel = benchKernel
			cfg.Expect = []string{benchGreeting, "cxlog-bench: ok"}
			cfg.Fail = []string{"panicked at"}
			cfg.Timeout = cmp.Or(tt.timeout, 10*time.Second)
			cfg.Transcript = "serial.log"

			report := Verify(context.Background(), cfg, Deps{})

			if report.Outcome != tt.outcome {
				t.Fatalf("outcome %v, want %v: %v\nbuild log:\n%s\ntranscript %q\nQEMU: %s",
					report.Outcome, tt.outcome, report.Err, report.BuildLog, report.Transcript, report.FlashLog)
			}
			if tt.check != nil {
				tt.check(t, report)
			}
			t.Logf("%v (exit %d): build %s, QEMU start %s, waiting %s",
				report.Outcome, report.Outcome.ExitCode(), report.Durations[PhaseBuilding].Round(time.Millisecond),
				report.Durations[PhaseFlashing].Round(time.Millisecond), report.Durations[PhaseWaiting].Round(time.Millisecond))
			if report.SerialBytes > 0 {
				t.Logf("first serial byte %s after resuming QEMU (monitor round trip included)", report.FirstOutputLatency)
			}
		})
	}
}
