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
	DefaultBaud         = 115200
	DefaultTimeout      = 30 * time.Second
	EmulatorQEMURiscv32 = "qemu-riscv32"
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

	Expect     []string // texts that must all be seen, in this order
	Fail       []string // texts that end the run as failed as soon as one is seen
	Timeout    time.Duration
	Transcript string // file receiving every byte read from the port; optional

	// Emulator, when set, replaces the board: "flashing" boots Kernel in the
	// emulator (paused), the port is the emulator's pty and the after-open step
	// resumes the emulator before AfterOpen runs.
	Emulator     string
	Kernel       string // firmware ELF for the emulator
	EmulatorArgs []string
}

// DefaultConfig is the configuration used when cxlog.toml sets nothing.
func DefaultConfig(dir string) Config {
	return Config{Dir: dir, Baud: DefaultBaud, Timeout: DefaultTimeout}
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
	if c.Timeout <= 0 {
		add("timeout must be positive, got %s", c.Timeout)
	}
	checkTexts := func(kind string, texts []string) {
		for _, t := range texts {
			if t == "" {
				add("%s text must not be empty", kind)
			}
			if strings.ContainsAny(t, "\r\n") {
				add("%s text %q spans lines; serial output is matched line by line", kind, t)
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
