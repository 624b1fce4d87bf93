package build

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	dir := filepath.Join("testdata", "config", "esp32c3")
	got, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Dir:        dir,
		Build:      "cargo build --release",
		Flash:      "espflash flash --port /dev/ttyACM0 target/riscv32imc-unknown-none-elf/release/fw",
		Port:       "/dev/ttyACM0",
		Baud:       115200,
		ResetESP:   true,
		Expect:     []string{"boot: ok", "Hello from firmware"},
		Fail:       []string{"panicked at"},
		Transcript: "serial.log",

		Timeout:      45 * time.Second,
		BuildTimeout: 20 * time.Minute,
		FlashTimeout: 2 * time.Minute,
		RunTimeout:   30 * time.Minute,
		Settle:       2 * time.Second,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadConfigEmulated(t *testing.T) {
	got, err := LoadConfig(filepath.Join("testdata", "config", "emulated"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Emulator != EmulatorQEMURiscv32 || got.Baud != DefaultBaud || got.Timeout != DefaultTimeout ||
		!reflect.DeepEqual(got.EmulatorArgs, []string{"-m", "16M"}) {
		t.Fatalf("got %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if kernel := got.path(got.Kernel); kernel != filepath.Join("testdata", "config", "emulated", got.Kernel) {
		t.Errorf("kernel resolved to %q", kernel)
	}
}

func TestLoadConfigWithoutFileGivesDefaults(t *testing.T) {
	dir := t.TempDir()
	got, err := LoadConfig(dir)
	if err != nil || !reflect.DeepEqual(got, DefaultConfig(dir)) {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestLoadConfigErrorsNameTheFile(t *testing.T) {
	tests := map[string]string{
		"typo":        "[verify] unknown keys: expected, timout",
		"bad-timeout": `write it like "30s"`,
	}
	for name, wantMsg := range tests {
		_, err := LoadConfig(filepath.Join("testdata", "config", name))
		if err == nil || !strings.Contains(err.Error(), wantMsg) || !strings.Contains(err.Error(), filepath.Join(name, ConfigFileName)) {
			t.Errorf("%s: err %v, want it to name the file and say %q", name, err, wantMsg)
		}
	}
}

func TestLoadConfigDurations(t *testing.T) {
	for key, want := range map[string]string{"build_timeout": "[verify] build_timeout", "flash_timeout": "[verify] flash_timeout",
		"run_timeout": "[verify] run_timeout", "settle": "[verify] settle"} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ConfigFileName), []byte("[verify]\n"+key+" = \"soon\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadConfig(dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s = \"soon\": err %v, want it to name %q", key, err, want)
		}
	}
}

func TestValidate(t *testing.T) {
	board := DefaultConfig(".")
	board.Port = "/dev/ttyACM0"
	board.Expect = []string{"Hello"}
	tests := []struct {
		name   string
		change func(c *Config)
		errHas string
	}{
		{"valid board", func(c *Config) {}, ""},
		{"no port", func(c *Config) { c.Port = "" }, "no serial port"},
		{"zero baud", func(c *Config) { c.Baud = 0 }, "baud must be positive"},
		{"zero timeout", func(c *Config) { c.Timeout = 0 }, "timeout must be positive"},
		{"zero build timeout", func(c *Config) { c.BuildTimeout = 0 }, "build_timeout must be positive"},
		{"negative flash timeout", func(c *Config) { c.FlashTimeout = -time.Second }, "flash_timeout must be positive"},
		{"negative settle", func(c *Config) { c.Settle = -time.Second }, "settle must not be negative"},
		{"negative run timeout", func(c *Config) { c.RunTimeout = -time.Second }, "run_timeout must not be negative"},
		{"no settle", func(c *Config) { c.Settle = 0 }, ""},
		// Without an expected text the run would wait out its timeout and pass.
		{"nothing to watch for", func(c *Config) { c.Expect = nil }, "nothing to watch the port for"},
		{"only fail texts", func(c *Config) { c.Expect, c.Fail = nil, []string{"panicked at"} }, ""},
		{"escape in expect", func(c *Config) { c.Expect = []string{"\x1b[32mok"} }, "escape character"},
		{"empty expect", func(c *Config) { c.Expect = []string{""} }, "must not be empty"},
		{"multi-line fail", func(c *Config) { c.Fail = []string{"a\nb"} }, "spans lines"},
		{"unknown emulator", func(c *Config) { c.Port, c.Emulator = "", "renode" }, "unknown emulator"},
		{"emulator without kernel", func(c *Config) { c.Port, c.Emulator = "", EmulatorQEMURiscv32 }, "needs kernel"},
		{"emulator and port", func(c *Config) { c.Emulator, c.Kernel = EmulatorQEMURiscv32, "fw" }, "exclusive"},
		{"emulator and ESP reset", func(c *Config) {
			c.Port, c.Emulator, c.Kernel, c.ResetESP = "", EmulatorQEMURiscv32, "fw", true
		}, "modem lines"},
	}
	for _, tt := range tests {
		c := board
		tt.change(&c)
		err := c.Validate()
		if (err == nil) != (tt.errHas == "") || (err != nil && !strings.Contains(err.Error(), tt.errHas)) {
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.errHas)
		}
	}
}
