package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// verifyTable is the [verify] table of cxlog.toml. Pointers tell "absent" from
// "set to the zero value".
type verifyTable struct {
	Build        *string  `toml:"build"`
	Flash        *string  `toml:"flash"`
	AfterOpen    *string  `toml:"after_open"`
	Port         *string  `toml:"port"`
	Baud         *int     `toml:"baud"`
	ResetESP     *bool    `toml:"reset_esp"`
	Expect       []string `toml:"expect"`
	Fail         []string `toml:"fail"`
	Timeout      *string  `toml:"timeout"`
	BuildTimeout *string  `toml:"build_timeout"`
	FlashTimeout *string  `toml:"flash_timeout"`
	RunTimeout   *string  `toml:"run_timeout"`
	Settle       *string  `toml:"settle"`
	Transcript   *string  `toml:"transcript"`
	Emulator     *string  `toml:"emulator"`
	Kernel       *string  `toml:"kernel"`
	EmulatorArgs []string `toml:"emulator_args"`
	Detectors    []string `toml:"detectors"`
	BuiltinCrash *bool    `toml:"builtin_detectors"`
	ELF          *string  `toml:"elf"`
	Scenario     *string  `toml:"scenario"`
	Events       *string  `toml:"events"`
}

type configFile struct {
	Verify verifyTable `toml:"verify"`
}

// LoadConfig returns DefaultConfig(dir) overlaid with the [verify] table of
// dir/cxlog.toml. A missing file is not an error. Other tables are left to
// other commands; unknown keys inside [verify] are errors.
func LoadConfig(dir string) (Config, error) {
	cfg := DefaultConfig(dir)
	path := filepath.Join(dir, ConfigFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	if err := checkVerifyKeys(data); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	var file configFile
	if err := toml.Unmarshal(data, &file); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	if err := file.Verify.applyTo(&cfg); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

func (t verifyTable) applyTo(cfg *Config) error {
	setString := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setString(&cfg.Build, t.Build)
	setString(&cfg.Flash, t.Flash)
	setString(&cfg.AfterOpen, t.AfterOpen)
	setString(&cfg.Port, t.Port)
	setString(&cfg.Transcript, t.Transcript)
	setString(&cfg.Emulator, t.Emulator)
	setString(&cfg.Kernel, t.Kernel)
	if t.Baud != nil {
		cfg.Baud = *t.Baud
	}
	if t.ResetESP != nil {
		cfg.ResetESP = *t.ResetESP
	}
	if t.Expect != nil {
		cfg.Expect = t.Expect
	}
	if t.Fail != nil {
		cfg.Fail = t.Fail
	}
	if t.EmulatorArgs != nil {
		cfg.EmulatorArgs = t.EmulatorArgs
	}
	if t.Detectors != nil {
		cfg.Detectors = t.Detectors
	}
	if t.BuiltinCrash != nil {
		cfg.NoBuiltinDetectors = !*t.BuiltinCrash
	}
	setString(&cfg.ELF, t.ELF)
	setString(&cfg.Scenario, t.Scenario)
	setString(&cfg.Events, t.Events)
	durations := []struct {
		key string
		src *string
		set func(time.Duration)
	}{
		{"timeout", t.Timeout, func(d time.Duration) { cfg.Timeout = d }},
		{"build_timeout", t.BuildTimeout, func(d time.Duration) { cfg.BuildTimeout = d }},
		{"flash_timeout", t.FlashTimeout, func(d time.Duration) { cfg.FlashTimeout = d }},
		{"run_timeout", t.RunTimeout, func(d time.Duration) { cfg.RunTimeout = d }},
		{"settle", t.Settle, func(d time.Duration) { cfg.Settle = d }},
	}
	for _, field := range durations {
		if field.src == nil {
			continue
		}
		d, err := time.ParseDuration(*field.src)
		if err != nil {
			return fmt.Errorf("[verify] %s: %w (write it like \"30s\" or \"2m\")", field.key, err)
		}
		field.set(d)
	}
	return nil
}

func checkVerifyKeys(data []byte) error {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return err
	}
	raw, present := doc["verify"]
	if !present {
		return nil
	}
	table, ok := raw.(map[string]any)
	if !ok {
		return errors.New("verify must be a table ([verify])")
	}
	known := verifyKeys()
	var unknown []string
	for key := range table {
		if !known[key] {
			unknown = append(unknown, key)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return fmt.Errorf("[verify] unknown keys: %s", strings.Join(unknown, ", "))
}

func verifyKeys() map[string]bool {
	keys := map[string]bool{}
	typ := reflect.TypeFor[verifyTable]()
	for i := range typ.NumField() {
		keys[typ.Field(i).Tag.Get("toml")] = true
	}
	return keys
}
