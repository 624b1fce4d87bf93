package main

import (
	"path/filepath"
	"time"

	"github.com/cxlog/cxlog/build"
	"github.com/spf13/cobra"
)

// verifyFlags are the flags of `cxlog verify`, shared by `cxlog fix --verify`. A flag
// overrides cxlog.toml's [verify] table only when it was given.
type verifyFlags struct {
	Build, Flash, AfterOpen string
	Port                    string
	Baud                    int
	ESPReset                bool
	Expect, Fail            []string
	Timeout                 time.Duration
	BuildTimeout            time.Duration
	FlashTimeout            time.Duration
	RunTimeout              time.Duration
	Settle                  time.Duration
	Transcript              string
	BuildLog                string
	Emulate, Kernel         string
	EmulatorArgs            []string
	Detectors               []string
	BuiltinDetectors        bool
	ELF                     string
	Scenario                string
	Events                  string

	// given says whether a flag was on the command line; nil: none was.
	given func(name string) bool
}

func (f *verifyFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.Build, "build", "", "build command, run with sh -c in the project directory (\"\" skips the build)")
	fl.StringVar(&f.Flash, "flash", "", "flash command, run with sh -c in the project directory after the build")
	fl.StringVar(&f.AfterOpen, "after-open", "", "command run right after the serial port is open (to start or reset the device)")
	fl.StringVar(&f.Port, "port", "", "serial port of the board, e.g. /dev/ttyACM0")
	fl.IntVar(&f.Baud, "baud", build.DefaultBaud, "baud rate of the serial port")
	fl.BoolVar(&f.ESPReset, "esp-reset", false, "reset an ESP32 board through the port's DTR/RTS lines right after opening it")
	fl.StringArrayVar(&f.Expect, "expect", nil, "text the firmware must print (repeatable: all must appear, in order)")
	fl.StringArrayVar(&f.Fail, "fail", nil, "text that fails the run as soon as it appears, e.g. 'panicked at' (repeatable)")
	fl.DurationVar(&f.Timeout, "timeout", build.DefaultTimeout, "how long to wait for the expected text after the device is released")
	fl.DurationVar(&f.BuildTimeout, "build-timeout", build.DefaultBuildTimeout, "the build command and every process it started are ended after this")
	fl.DurationVar(&f.FlashTimeout, "flash-timeout", build.DefaultFlashTimeout, "the flash command and every process it started are ended after this")
	fl.DurationVar(&f.RunTimeout, "run-timeout", 0, "limit on the whole run: build, flash, the wait and --settle; every command still running is ended (0: none)")
	fl.DurationVar(&f.Settle, "settle", build.DefaultSettle, "after the last --expect text, keep watching this long for --fail texts (0: stop at once)")
	fl.StringVar(&f.Transcript, "transcript", "", "file receiving everything read from the port (relative to the current directory)")
	fl.StringVar(&f.BuildLog, "build-log", "", "file receiving the build's environment (the variables that decide linker and rustflags) and output, for 'cxlog explain' or 'cxlog fix LOG'")
	fl.StringVar(&f.Emulate, "emulate", "", "run the firmware in an emulator instead of a board: "+build.EmulatorQEMURiscv32)
	fl.StringVar(&f.Kernel, "kernel", "", "firmware ELF for --emulate (relative to the project directory)")
	fl.StringArrayVar(&f.EmulatorArgs, "emulator-arg", nil, "extra argument for the emulator (repeatable)")
	fl.StringArrayVar(&f.Detectors, "detectors", nil, "file of crash detectors (the format of build/crash/detectors.toml), tried before the built-in ones (repeatable)")
	fl.BoolVar(&f.BuiltinDetectors, "builtin-detectors", true, "recognise panics, CPU exceptions, watchdogs, brownouts and boot loops (false: only --fail texts)")
	fl.StringVar(&f.ELF, "elf", "", "firmware ELF a crash's addresses are resolved against (default: --kernel, or an ELF the --flash command names)")
	fl.StringVar(&f.Scenario, "scenario", "", "scenario file (TOML [[step]]s: wait, send, expect-absent, reset, delay) played instead of --expect/--fail")
	fl.StringVar(&f.Events, "events", "", "file receiving the run's events as NDJSON: phase, opened, matched, step-passed, step-failed, crash, outcome, each with a time (relative to the current directory)")
	f.given = fl.Changed
}

// config loads cxlog.toml from dir and lays the given flags over it.
func (f *verifyFlags) config(dir string) (build.Config, error) {
	cfg, err := build.LoadConfig(dir)
	if err != nil {
		return cfg, usageErrorf("%v", err)
	}
	given := func(name string) bool { return f.given != nil && f.given(name) }
	set := func(name string, apply func()) {
		if given(name) {
			apply()
		}
	}
	set("build", func() { cfg.Build = f.Build })
	set("flash", func() { cfg.Flash = f.Flash })
	set("after-open", func() { cfg.AfterOpen = f.AfterOpen })
	set("port", func() { cfg.Port = f.Port })
	set("baud", func() { cfg.Baud = f.Baud })
	set("esp-reset", func() { cfg.ResetESP = f.ESPReset })
	set("expect", func() { cfg.Expect = f.Expect })
	set("fail", func() { cfg.Fail = f.Fail })
	set("timeout", func() { cfg.Timeout = f.Timeout })
	set("build-timeout", func() { cfg.BuildTimeout = f.BuildTimeout })
	set("flash-timeout", func() { cfg.FlashTimeout = f.FlashTimeout })
	set("run-timeout", func() { cfg.RunTimeout = f.RunTimeout })
	set("settle", func() { cfg.Settle = f.Settle })
	set("emulate", func() { cfg.Emulator = f.Emulate })
	set("kernel", func() { cfg.Kernel = f.Kernel })
	set("emulator-arg", func() { cfg.EmulatorArgs = f.EmulatorArgs })
	set("builtin-detectors", func() { cfg.NoBuiltinDetectors = !f.BuiltinDetectors })
	if given("detectors") {
		cfg.Detectors = nil
		for _, path := range f.Detectors {
			abs, err := filepath.Abs(path)
			if err != nil {
				return cfg, usageErrorf("--detectors: %v", err)
			}
			cfg.Detectors = append(cfg.Detectors, abs)
		}
	}
	for _, p := range []struct {
		name string
		src  string
		dst  *string
	}{{"events", f.Events, &cfg.Events}, {"scenario", f.Scenario, &cfg.Scenario}, {"elf", f.ELF, &cfg.ELF}, {"transcript", f.Transcript, &cfg.Transcript}} {
		if given(p.name) {
			abs, err := filepath.Abs(p.src)
			if err != nil {
				return cfg, usageErrorf("--%s: %v", p.name, err)
			}
			*p.dst = abs
		}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, usageErrorf("%v", oneLine(err))
	}
	return cfg, nil
}

// verifyFlagNames are the flags register adds.
var verifyFlagNames = []string{"build", "flash", "after-open", "port", "baud", "esp-reset", "expect", "fail",
	"timeout", "build-timeout", "flash-timeout", "run-timeout", "settle", "transcript", "emulate", "kernel", "emulator-arg",
	"detectors", "builtin-detectors", "elf", "scenario", "events"}

// anyGiven returns the first verify flag given on the command line, or "".
func (f *verifyFlags) anyGiven() string {
	for _, name := range verifyFlagNames {
		if f.given != nil && f.given(name) {
			return name
		}
	}
	return ""
}
