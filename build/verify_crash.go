package build

import (
	"bytes"
	"errors"
	"os"
	"strings"

	"github.com/cxlog/cxlog/build/addr2line"
	"github.com/cxlog/cxlog/build/crash"
)

// detectors loads the run's crash detectors: the user's files first, then the built-in ones.
func (c Config) detectors() (*crash.Set, error) {
	var set *crash.Set
	for _, path := range c.Detectors {
		user, err := crash.LoadFile(c.path(path))
		if err != nil {
			return nil, err
		}
		set = set.Then(user)
	}
	if !c.NoBuiltinDetectors {
		set = set.Then(crash.Builtin())
	}
	if set == nil {
		set = &crash.Set{}
	}
	return set, nil
}

// elfPath is the image crash addresses are resolved against: --elf, the emulator's kernel,
// or the first word of the flash command that is an ELF file.
func (c Config) elfPath() string {
	switch {
	case c.ELF != "":
		return c.path(c.ELF)
	case c.Kernel != "":
		return c.path(c.Kernel)
	}
	for _, word := range strings.Fields(c.Flash) {
		path := c.path(strings.Trim(word, `'"`))
		if isELF(path) {
			return path
		}
	}
	return ""
}

func isELF(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	magic := make([]byte, 4)
	_, err = f.Read(magic)
	return err == nil && bytes.Equal(magic, []byte("\x7fELF"))
}

// decodeCrash resolves the crash's addresses against the ELF.
func (v *verification) decodeCrash() {
	c := v.report.Crash
	if c == nil || c.Class == ClassBootLoop {
		return
	}
	c.ELF = v.cfg.elfPath()
	if c.ELF == "" {
		c.ELFErr = errors.New("no ELF to resolve addresses against: give --elf")
		return
	}
	r, err := addr2line.Open(c.ELF)
	if err != nil {
		c.ELFErr = err
		return
	}
	c.decodeFrames(r)
}
