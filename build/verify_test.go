package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.bug.st/serial"
)

// bench is a fake board: a runner for the commands, a port, and optionally an emulator.
type bench struct {
	log      *eventLog
	port     *fakePort
	runner   *fakeRunner
	openErr  error
	emulator *fakeEmulator
	startErr error
	// startHangs makes the emulator's start wait for its context to end.
	startHangs bool
	startCtx   context.Context
	openedAt   string
	mode       *serial.Mode
}

func newBench() *bench {
	log := &eventLog{}
	port := newFakePort(log)
	return &bench{
		log:    log,
		port:   port,
		runner: &fakeRunner{log: log, runs: map[string]fakeRun{}},
	}
}

func (b *bench) deps() Deps {
	return Deps{
		Runner: b.runner,
		OpenPort: func(path string, mode *serial.Mode) (serial.Port, error) {
			b.log.add("open " + path)
			b.openedAt, b.mode = path, mode
			if b.openErr != nil {
				return nil, b.openErr
			}
			return b.port, nil
		},
		StartEmulator: func(ctx context.Context, cfg Config) (Emulator, error) {
			b.log.add("start emulator " + cfg.Kernel)
			b.startCtx = ctx
			if b.startHangs {
				<-ctx.Done()
				return nil, ctx.Err()
			}
			if b.startErr != nil {
				return nil, b.startErr
			}
			return b.emulator, nil
		},
	}
}

// boardConfig builds with "build", flashes with "flash" and releases the
// board with "reset", which makes it print bootText.
func (b *bench) boardConfig(bootText string) Config {
	b.runner.runs["build"] = fakeRun{output: "   Compiling fw v0.1.0\n    Finished\n"}
	b.runner.runs["flash"] = fakeRun{output: "Flashing has completed!\n"}
	b.runner.runs["reset"] = fakeRun{effect: func() { b.port.print(bootText) }}
	cfg := DefaultConfig("/project")
	cfg.Build, cfg.Flash, cfg.AfterOpen = "build", "flash", "reset"
	cfg.Port = "/dev/ttyACM0"
	cfg.Expect = []string{"boot ok", "Hello from firmware"}
	cfg.Fail = []string{"panicked at"}
	cfg.Timeout = 300 * time.Millisecond
	cfg.Settle = 20 * time.Millisecond
	return cfg
}

const greeting = "ESP-ROM:esp32c3\r\nboot ok\r\nHello from firmware\r\n"

func TestVerifyOutcomes(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(b *bench, cfg *Config)
		outcome  Outcome
		exitCode int
		phase    Phase
		events   []string
		errHas   string
	}{
		{
			name:     "passed",
			setup:    func(b *bench, cfg *Config) {},
			outcome:  OutcomePassed,
			exitCode: 0,
			phase:    PhaseWaiting,
			events:   []string{"run build", "run flash", "open /dev/ttyACM0", "flush input", "run reset", "close port"},
		},
		{
			name:     "config error",
			setup:    func(b *bench, cfg *Config) { cfg.Port = "" },
			outcome:  OutcomeConfigError,
			exitCode: 2,
			errHas:   "no serial port",
		},
		{
			name: "build failed",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["build"] = fakeRun{output: "error[E0463]: can't find crate for `core`\n", exitCode: 101}
			},
			outcome:  OutcomeBuildFailed,
			exitCode: 3,
			phase:    PhaseBuilding,
			events:   []string{"run build"},
			errHas:   "exited with status 101",
		},
		{
			name: "build command could not run",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["build"] = fakeRun{exitCode: -1, err: fs.ErrNotExist}
			},
			outcome:  OutcomeBuildFailed,
			exitCode: 3,
			phase:    PhaseBuilding,
			events:   []string{"run build"},
			errHas:   "could not run",
		},
		{
			name: "flash failed",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["flash"] = fakeRun{output: "Error: espflash::connection_failed\n", exitCode: 1}
			},
			outcome:  OutcomeFlashFailed,
			exitCode: 4,
			phase:    PhaseFlashing,
			events:   []string{"run build", "run flash"},
			errHas:   "flash command exited with status 1",
		},
		{
			name: "after-open command failed",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{exitCode: 2}
			},
			outcome:  OutcomeFlashFailed,
			exitCode: 4,
			phase:    PhaseOpeningPort,
			events:   []string{"run build", "run flash", "open /dev/ttyACM0", "flush input", "run reset", "close port"},
			errHas:   "after-open command exited with status 2",
		},
		{
			name: "expected text not seen",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() { b.port.print("ESP-ROM:esp32c3\r\nboot ok\r\n") }}
			},
			outcome:  OutcomeExpectNotSeen,
			exitCode: 5,
			phase:    PhaseWaiting,
			errHas:   `expected text "Hello from firmware" not seen within 300ms`,
		},
		{
			name: "silent firmware",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{}
			},
			outcome:  OutcomeExpectNotSeen,
			exitCode: 5,
			phase:    PhaseWaiting,
			errHas:   "stayed silent",
		},
		{
			name: "fail text seen",
			setup: func(b *bench, cfg *Config) {
				cfg.Fail = []string{"sensor: init failed"}
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\nE (312) sensor: init failed (0x105)\r\n")
				}}
			},
			outcome:  OutcomeFailSeen,
			exitCode: 6,
			phase:    PhaseWaiting,
			errHas:   `fail text "sensor: init failed" seen in serial line "E (312) sensor: init failed (0x105)"`,
		},
		{
			name: "panic: the fail text's line is a known crash",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\npanicked at src/main.rs:12:5:\r\nattempt to add with overflow\r\n")
				}}
			},
			outcome:  OutcomePanic,
			exitCode: 9,
			phase:    PhaseWaiting,
			errHas:   `panic detected (rust-panic) in serial line "panicked at src/main.rs:12:5:"`,
		},
		{
			name: "panic without a fail text",
			setup: func(b *bench, cfg *Config) {
				cfg.Fail = nil
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\npanicked at src/main.rs:12:5:\r\n")
				}}
			},
			outcome:  OutcomePanic,
			exitCode: 9,
			phase:    PhaseWaiting,
			errHas:   `panic detected`,
		},
		{
			name: "ESP32 Guru Meditation",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\nGuru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.\r\n\r\nCore  0 register dump:\r\nMEPC    : 0x42005e3a  RA      : 0x42005e30\r\n")
				}}
			},
			outcome:  OutcomeException,
			exitCode: 10,
			phase:    PhaseWaiting,
			errHas:   `exception detected (esp-idf-guru-meditation)`,
		},
		{
			name: "task watchdog",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\nE (5325) task_wdt: Task watchdog got triggered. The following tasks did not reset the watchdog in time:\r\n")
				}}
			},
			outcome:  OutcomeWatchdog,
			exitCode: 11,
			phase:    PhaseWaiting,
			errHas:   `watchdog detected`,
		},
		{
			name: "brownout",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\n\r\nBrownout detector was triggered\r\n\r\n")
				}}
			},
			outcome:  OutcomeBrownout,
			exitCode: 12,
			phase:    PhaseWaiting,
			errHas:   `brownout detected`,
		},
		{
			name: "ESP32 ROM banner twice: boot loop",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\nload:0x3fcd5820,len:0x1714\r\nrst:0xc (SW_CPU_RESET),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n")
				}}
			},
			outcome:  OutcomeBootLoop,
			exitCode: 13,
			phase:    PhaseWaiting,
			errHas:   `booted again ("rst:0xc (SW_CPU_RESET)`,
		},
		{
			name: "first expected text twice: boot loop",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\nboot ok\r\n")
				}}
			},
			outcome:  OutcomeBootLoop,
			exitCode: 13,
			phase:    PhaseWaiting,
			errHas:   `booted again ("boot ok" seen a second time)`,
		},
		{
			name: "built-in detectors off: a panic is a fail text again",
			setup: func(b *bench, cfg *Config) {
				cfg.NoBuiltinDetectors = true
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\npanicked at src/main.rs:12:5:\r\n")
				}}
			},
			outcome:  OutcomeFailSeen,
			exitCode: 6,
			phase:    PhaseWaiting,
			errHas:   `fail text "panicked at" seen`,
		},
		{
			name: "coloured fail text",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\n\x1b[1;31mpanicked\x1b[0m at src/main.rs:12:5:\r\n")
				}}
			},
			outcome:  OutcomePanic,
			exitCode: 9,
			phase:    PhaseWaiting,
			errHas:   `in serial line "panicked at src/main.rs:12:5:"`,
		},
		{
			name: "text the port held before the run",
			setup: func(b *bench, cfg *Config) {
				b.port.print(greeting)
				b.runner.runs["reset"] = fakeRun{}
			},
			outcome:  OutcomeExpectNotSeen,
			exitCode: 5,
			phase:    PhaseWaiting,
			errHas:   "stayed silent",
		},
		{
			name:     "nothing to watch for",
			setup:    func(b *bench, cfg *Config) { cfg.Expect, cfg.Fail = nil, nil },
			outcome:  OutcomeConfigError,
			exitCode: 2,
			errHas:   "nothing to watch the port for",
		},
		{
			name:     "only fail texts, none seen",
			setup:    func(b *bench, cfg *Config) { cfg.Expect = nil },
			outcome:  OutcomePassed,
			exitCode: 0,
			phase:    PhaseWaiting,
		},
		{
			name:     "port missing",
			setup:    func(b *bench, cfg *Config) { b.openErr = syscall.ENOENT },
			outcome:  OutcomePortError,
			exitCode: 7,
			phase:    PhaseOpeningPort,
			events:   []string{"run build", "run flash", "open /dev/ttyACM0"},
			errHas:   "does not exist",
		},
		{
			name:     "port permission denied",
			setup:    func(b *bench, cfg *Config) { b.openErr = syscall.EACCES },
			outcome:  OutcomePortError,
			exitCode: 7,
			phase:    PhaseOpeningPort,
			errHas:   "dialout",
		},
		{
			name:     "port busy",
			setup:    func(b *bench, cfg *Config) { b.openErr = syscall.EBUSY },
			outcome:  OutcomePortError,
			exitCode: 7,
			phase:    PhaseOpeningPort,
			errHas:   "another program has it open",
		},
		{
			name: "port lost while reading",
			setup: func(b *bench, cfg *Config) {
				b.runner.runs["reset"] = fakeRun{effect: func() {
					b.port.print("boot ok\r\n")
					b.port.failReads(syscall.EIO)
				}}
			},
			outcome:  OutcomePortError,
			exitCode: 7,
			phase:    PhaseWaiting,
			errHas:   "lost serial port /dev/ttyACM0",
		},
		{
			name: "ESP reset on a port without modem lines",
			setup: func(b *bench, cfg *Config) {
				cfg.ResetESP = true
				b.port.modemErr = syscall.ENOTTY
			},
			outcome:  OutcomePortError,
			exitCode: 7,
			phase:    PhaseOpeningPort,
			errHas:   "is not a serial port",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBench()
			cfg := b.boardConfig(greeting)
			tt.setup(b, &cfg)
			report := Verify(context.Background(), cfg, b.deps())
			if report.Outcome != tt.outcome || report.Outcome.ExitCode() != tt.exitCode {
				t.Fatalf("outcome %v (exit %d), want %v (exit %d); err: %v",
					report.Outcome, report.Outcome.ExitCode(), tt.outcome, tt.exitCode, report.Err)
			}
			if report.Phase != tt.phase {
				t.Errorf("ended in phase %q, want %q", report.Phase, tt.phase)
			}
			if tt.events != nil && !slices.Equal(b.log.list(), tt.events) {
				t.Errorf("events %q, want %q", b.log.list(), tt.events)
			}
			if (report.Err == nil) != (tt.outcome == OutcomePassed) {
				t.Errorf("err %v with outcome %v", report.Err, report.Outcome)
			}
			if report.Err != nil && !strings.Contains(report.Err.Error(), tt.errHas) {
				t.Errorf("err %q, want it to say %q", report.Err, tt.errHas)
			}
			// Every expected text is either seen or missing, however the run ended.
			if got := append(slices.Clone(report.Seen), report.Missing...); !slices.Equal(got, cfg.Expect) {
				t.Errorf("seen %q + missing %q, want %q", report.Seen, report.Missing, cfg.Expect)
			}
		})
	}
}

func TestExitCodesAreDistinct(t *testing.T) {
	codes := map[int]Outcome{}
	for o := OutcomePassed; o <= OutcomeCanceled; o++ {
		if other, taken := codes[o.ExitCode()]; taken {
			t.Errorf("%v and %v share exit code %d", o, other, o.ExitCode())
		}
		codes[o.ExitCode()] = o
	}
}

func TestVerifyPassedReport(t *testing.T) {
	b := newBench()
	cfg := b.boardConfig(greeting)
	cfg.Transcript = filepath.Join(t.TempDir(), "serial.log")
	cfg.Baud = 921600
	var phases []Phase
	deps := b.deps()
	deps.Progress = func(p Phase, _ string) { phases = append(phases, p) }

	report := Verify(context.Background(), cfg, deps)

	if report.Outcome != OutcomePassed {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
	if b.mode.BaudRate != 921600 || b.port.readTimeout != readPollInterval {
		t.Errorf("port opened at %d baud with read timeout %s", b.mode.BaudRate, b.port.readTimeout)
	}
	if !slices.Equal(report.Seen, cfg.Expect) || len(report.Missing) != 0 {
		t.Errorf("seen %q, missing %q", report.Seen, report.Missing)
	}
	if !strings.Contains(string(report.BuildLog), "Compiling fw") || !strings.Contains(string(report.FlashLog), "Flashing has completed") {
		t.Errorf("build log %q, flash log %q", report.BuildLog, report.FlashLog)
	}
	if string(report.Transcript) != greeting || report.SerialBytes != int64(len(greeting)) {
		t.Errorf("transcript %q (%d bytes)", report.Transcript, report.SerialBytes)
	}
	if file, err := os.ReadFile(cfg.Transcript); err != nil || string(file) != greeting {
		t.Errorf("transcript file %q, %v", file, err)
	}
	if report.FirstOutputLatency <= 0 || report.FirstOutputLatency > time.Second {
		t.Errorf("first output latency %s", report.FirstOutputLatency)
	}
	for _, p := range []Phase{PhaseBuilding, PhaseFlashing, PhaseOpeningPort, PhaseWaiting} {
		if _, ok := report.Durations[p]; !ok {
			t.Errorf("no duration for %q", p)
		}
	}
	want := []Phase{PhaseBuilding, PhaseFlashing, PhaseOpeningPort, PhaseOpeningPort, PhaseWaiting}
	if !slices.Equal(phases, want) {
		t.Errorf("progress phases %q, want %q", phases, want)
	}
}

func TestVerifyResetsESPBeforeAfterOpen(t *testing.T) {
	b := newBench()
	cfg := b.boardConfig(greeting)
	cfg.ResetESP = true
	report := Verify(context.Background(), cfg, b.deps())
	if report.Outcome != OutcomePassed {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
	want := []string{"run build", "run flash", "open /dev/ttyACM0", "flush input", "DTR off", "RTS on", "flush input", "RTS off", "run reset", "close port"}
	if !slices.Equal(b.log.list(), want) {
		t.Errorf("events %q, want %q", b.log.list(), want)
	}
	if pulse := b.port.modemTimes[2].Sub(b.port.modemTimes[1]); pulse < espResetPulse {
		t.Errorf("RTS held for %s, want at least %s", pulse, espResetPulse)
	}
}

func TestVerifyEmulated(t *testing.T) {
	tests := []struct {
		name     string
		bootText string
		exits    bool
		outcome  Outcome
		errHas   string
	}{
		{name: "greeting", bootText: greeting, outcome: OutcomePassed},
		{name: "greeting, then the firmware exits", bootText: greeting, exits: true, outcome: OutcomePassed},
		{name: "exits silently", exits: true, outcome: OutcomeExpectNotSeen, errHas: "emulator exited before"},
		{name: "stays silent", outcome: OutcomeExpectNotSeen, errHas: "stayed silent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBench()
			b.emulator = &fakeEmulator{log: b.log, port: b.port, bootText: tt.bootText, exit: tt.exits, done: make(chan struct{})}
			b.runner.runs["build"] = fakeRun{}
			cfg := DefaultConfig("/project")
			cfg.Build = "build"
			cfg.Emulator = EmulatorQEMURiscv32
			cfg.Kernel = "target/fw"
			cfg.Expect = []string{"Hello from firmware"}
			cfg.Timeout = 200 * time.Millisecond

			report := Verify(context.Background(), cfg, b.deps())

			if report.Outcome != tt.outcome {
				t.Fatalf("outcome %v, want %v: %v", report.Outcome, tt.outcome, report.Err)
			}
			if report.Err != nil && !strings.Contains(report.Err.Error(), tt.errHas) {
				t.Errorf("err %q, want it to say %q", report.Err, tt.errHas)
			}
			want := []string{"run build", "start emulator target/fw", "open /dev/pts/fake", "flush input", "continue", "close port", "close emulator"}
			if !slices.Equal(b.log.list(), want) {
				t.Errorf("events %q, want %q", b.log.list(), want)
			}
			if report.Port != "/dev/pts/fake" || !strings.Contains(string(report.FlashLog), "char device redirected") {
				t.Errorf("port %q, flash log %q", report.Port, report.FlashLog)
			}
		})
	}
}

func TestVerifyEmulatorDoesNotStart(t *testing.T) {
	b := newBench()
	b.startErr = errors.New("qemu-system-riscv32: executable file not found in $PATH")
	cfg := DefaultConfig("/project")
	cfg.Emulator, cfg.Kernel = EmulatorQEMURiscv32, "fw.elf"
	cfg.Expect = []string{"Hello"}
	report := Verify(context.Background(), cfg, b.deps())
	if report.Outcome != OutcomeFlashFailed || report.Phase != PhaseFlashing {
		t.Fatalf("outcome %v in %q: %v", report.Outcome, report.Phase, report.Err)
	}
}

// An emulator that does not start within the flash-timeout ends the run; one
// that starts lives until the run ends, however short the limit.
func TestVerifyEmulatorStartHasTheFlashTimeout(t *testing.T) {
	b := newBench()
	b.startHangs = true
	cfg := DefaultConfig("/project")
	cfg.Emulator, cfg.Kernel = EmulatorQEMURiscv32, "fw.elf"
	cfg.Expect = []string{"Hello"}
	cfg.FlashTimeout = 100 * time.Millisecond
	report := Verify(context.Background(), cfg, b.deps())
	if report.Outcome != OutcomeTimedOut || report.Phase != PhaseFlashing || !strings.Contains(report.Err.Error(), "flash-timeout of 100ms") {
		t.Fatalf("outcome %v in %q: %v", report.Outcome, report.Phase, report.Err)
	}

	b = newBench()
	var errAtClose error
	b.emulator = &fakeEmulator{log: b.log, port: b.port, bootText: greeting, done: make(chan struct{}),
		onClose: func() { errAtClose = context.Cause(b.startCtx) }}
	cfg.FlashTimeout = 50 * time.Millisecond
	cfg.Timeout, cfg.Settle = time.Second, 200*time.Millisecond // the run outlasts the flash-timeout
	report = Verify(context.Background(), cfg, b.deps())
	if report.Outcome != OutcomePassed {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
	if errAtClose != nil {
		t.Errorf("the emulator's context ended before the run did: %v", errAtClose)
	}
	if b.startCtx.Err() == nil {
		t.Error("the emulator's context did not end with the run")
	}
}

func TestVerifyCanceled(t *testing.T) {
	b := newBench()
	cfg := b.boardConfig("")
	cfg.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	report := Verify(ctx, cfg, b.deps())
	if report.Outcome != OutcomeCanceled || report.Outcome.ExitCode() != 130 {
		t.Fatalf("outcome %v: %v", report.Outcome, report.Err)
	}
}

func TestVerifyTranscriptFileCannotBeCreated(t *testing.T) {
	b := newBench()
	cfg := b.boardConfig(greeting)
	cfg.Transcript = filepath.Join(t.TempDir(), "no-such-dir", "serial.log")
	report := Verify(context.Background(), cfg, b.deps())
	if report.Outcome != OutcomeConfigError || len(b.log.list()) != 0 {
		t.Fatalf("outcome %v after %q: %v", report.Outcome, b.log.list(), report.Err)
	}
}
