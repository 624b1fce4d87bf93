package build

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

const (
	ConfigFileName      = "cxlog.toml"
	EmulatorQEMURiscv32 = "qemu-riscv32"

	DefaultBaud    = 115200
	DefaultTimeout = 30 * time.Second
	// A cold release build of a firmware with its dependencies takes minutes; a
	// build that has not ended in half an hour is stuck (a lock, a prompt).
	DefaultBuildTimeout = 30 * time.Minute
	DefaultFlashTimeout = 5 * time.Minute
	// A panic usually follows the last expected line within milliseconds.
	DefaultSettle = time.Second
)

// Config says how to build, flash and watch one firmware project.
// LoadConfig fills it from cxlog.toml; the CLI then overrides fields from flags.
type Config struct {
	Dir string // project directory: commands run here, relative paths start here

	Build     string // shell command line, run with sh -c; empty skips the build
	Flash     string // shell command line; empty skips flashing
	AfterOpen string // shell command line run right after the port is open
	// Env is the whole environment (KEY=VALUE entries) of the build, flash and
	// after-open commands; nil means cxlog's own.
	Env []string

	Port     string
	Baud     int
	ResetESP bool // pulse DTR/RTS right after opening, the ESP32 auto-reset way

	// Serial output is matched with its escape sequences (colours, cursor moves)
	// removed; the transcript keeps every byte.
	Expect     []string // texts that must all be seen, in this order
	Fail       []string // texts that end the run as failed as soon as one is seen
	Transcript string   // file receiving every byte read from the port; optional

	Timeout time.Duration // the wait for the expected texts, from the device's release
	// Settle is how long the port is still watched for fail texts after the last
	// expected text; 0 ends the run at once.
	Settle       time.Duration
	BuildTimeout time.Duration // the build command, with its children, is ended after this
	FlashTimeout time.Duration // the flash command likewise
	// RunTimeout caps the whole run (build, flash, wait and settle); 0: no cap.
	// Whatever a command started is ended when it passes.
	RunTimeout time.Duration

	// Emulator, when set, replaces the board: "flashing" boots Kernel in the
	// emulator (paused), the port is the emulator's pty and the after-open step
	// resumes the emulator before AfterOpen runs.
	Emulator     string
	Kernel       string // firmware ELF for the emulator
	EmulatorArgs []string

	// Detectors are files of crash detectors (package crash's format) tried before the
	// built-in ones; NoBuiltinDetectors leaves the built-in ones out.
	Detectors          []string
	NoBuiltinDetectors bool
	// ELF is the image a crash's addresses are resolved against; empty: the kernel, or
	// an ELF file the flash command names.
	ELF string

	// Scenario is a scenario file (package scenario): its steps replace Expect; Fail
	// texts are not used with it (expect-absent steps say what must not appear).
	Scenario string
	// Events is a file receiving the run's events as NDJSON (see Event); optional.
	Events string
}

// DefaultConfig is the configuration used when cxlog.toml sets nothing.
func DefaultConfig(dir string) Config {
	return Config{
		Dir: dir, Baud: DefaultBaud, Timeout: DefaultTimeout, Settle: DefaultSettle,
		BuildTimeout: DefaultBuildTimeout, FlashTimeout: DefaultFlashTimeout,
	}
}

// Validate reports every problem in c, joined, or nil.
func (c Config) Validate() error {
	var problems []error
	add := func(format string, args ...any) {
		problems = append(problems, fmt.Errorf(format, args...))
	}
	if c.Baud <= 0 {
		add("baud must be positive, got %d", c.Baud)
	}
	positive := func(name string, d time.Duration) {
		if d <= 0 {
			add("%s must be positive, got %s", name, d)
		}
	}
	positive("timeout", c.Timeout)
	positive("build_timeout", c.BuildTimeout)
	positive("flash_timeout", c.FlashTimeout)
	if c.RunTimeout < 0 {
		add("run_timeout must not be negative, got %s", c.RunTimeout)
	}
	if c.Settle < 0 {
		add("settle must not be negative, got %s", c.Settle)
	}
	switch {
	case c.Scenario != "" && (len(c.Expect) > 0 || len(c.Fail) > 0):
		add("scenario and expect/fail are exclusive: the scenario's wait and expect-absent steps say what to look for")
	case c.Scenario == "" && len(c.Expect) == 0 && len(c.Fail) == 0:
		add("nothing to watch the port for: set expect (the text that proves the firmware runs), fail to only watch for failure texts, or a scenario")
	}
	checkTexts := func(kind string, texts []string) {
		for _, t := range texts {
			if t == "" {
				add("%s text must not be empty", kind)
			}
			if strings.ContainsAny(t, "\r\n") {
				add("%s text %q spans lines; serial output is matched line by line", kind, t)
			}
			if strings.ContainsRune(t, escape) {
				add("%s text %q holds an escape character; serial output is matched with escape sequences removed", kind, t)
			}
		}
	}
	checkTexts("expect", c.Expect)
	checkTexts("fail", c.Fail)
	switch c.Emulator {
	case "":
		if c.Port == "" {
			add("no serial port: set port (or an emulator)")
		}
	case EmulatorQEMURiscv32:
		if c.Kernel == "" {
			add("emulator %q needs kernel (the firmware ELF)", c.Emulator)
		}
		if c.Port != "" {
			add("port and emulator are exclusive: the emulator provides the port")
		}
		if c.Flash != "" {
			add("flash and emulator are exclusive: the emulator boots the kernel")
		}
		if c.ResetESP {
			add("reset_esp needs a real board; the emulator's pty has no modem lines")
		}
	default:
		add("unknown emulator %q (known: %s)", c.Emulator, EmulatorQEMURiscv32)
	}
	return errors.Join(problems...)
}

// path resolves p against the project directory.
func (c Config) path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}
