package build

import (
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
		Timeout:    45 * time.Second,
		Transcript: "serial.log",
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

func TestValidate(t *testing.T) {
	board := DefaultConfig(".")
	board.Port = "/dev/ttyACM0"
	tests := []struct {
		name   string
		change func(c *Config)
		errHas string
	}{
		{"valid board", func(c *Config) {}, ""},
		{"no port", func(c *Config) { c.Port = "" }, "no serial port"},
		{"zero baud", func(c *Config) { c.Baud = 0 }, "baud must be positive"},
		{"zero timeout", func(c *Config) { c.Timeout = 0 }, "timeout must be positive"},
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
