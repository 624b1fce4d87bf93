// Package addr2line resolves code addresses of a firmware ELF to function and file:line with
// debug/elf and debug/dwarf, the way binutils' addr2line does, without an external tool.
package addr2line

import (
	"cmp"
	"debug/dwarf"
	"debug/elf"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Frame is what an address resolves to. File and Line are empty without DWARF line tables
// (an image built without debug info); Function then comes from the symbol table.
type Frame struct {
	Address  uint64
	Function string
	File     string
	Line     int
}

// Location is "FILE:LINE", or "" when the line is unknown.
func (f Frame) Location() string {
	if f.File == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", f.File, f.Line)
}

// Resolver holds what lookups need of one ELF.
type Resolver struct {
	code    []span // executable sections
	symbols []symbol
	dwarf   *dwarf.Data // nil without DWARF

	unitsOnce sync.Once
	units     []unit // the DWARF's compile units in order, read on the first line lookup
	partial   bool   // units stops before a unit it could not read
}

// unit is a compile unit's entry and the code ranges it covers.
type unit struct {
	entry  *dwarf.Entry
	ranges [][2]uint64
}

type span struct{ low, high uint64 }

type symbol struct {
	span
	name string
}

// Open reads path's sections, symbols and DWARF (when present).
func Open(path string) (*Resolver, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ELF %s: %w", path, err)
	}
	defer f.Close()
	r := &Resolver{}
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_EXECINSTR != 0 && s.Size > 0 {
			r.code = append(r.code, span{s.Addr, s.Addr + s.Size})
		}
	}
	if len(r.code) == 0 {
		return nil, fmt.Errorf("ELF %s has no code section", path)
	}
	syms, err := f.Symbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return nil, fmt.Errorf("ELF %s: symbols: %w", path, err)
	}
	for _, s := range syms {
		if elf.ST_TYPE(s.Info) == elf.STT_FUNC && s.Value != 0 {
			r.symbols = append(r.symbols, symbol{span{s.Value, s.Value + max(s.Size, 1)}, s.Name})
		}
	}
	slices.SortFunc(r.symbols, func(a, b symbol) int { return cmp.Compare(a.low, b.low) })
	if d, err := f.DWARF(); err == nil {
		r.dwarf = d
	}
	return r, nil
}

// Lookup resolves a code address; ok is false for an address outside the ELF's code (a
// register value, a stack address), so any hexadecimal number may be offered.
func (r *Resolver) Lookup(addr uint64) (Frame, bool) {
	if !slices.ContainsFunc(r.code, func(s span) bool { return s.low <= addr && addr < s.high }) {
		return Frame{}, false
	}
	frame := Frame{Address: addr, Function: r.function(addr)}
	frame.File, frame.Line = r.line(addr)
	return frame, true
}

func (r *Resolver) function(addr uint64) string {
	i, found := slices.BinarySearchFunc(r.symbols, addr, func(s symbol, a uint64) int { return cmp.Compare(s.low, a) })
	if !found {
		i--
	}
	for ; i >= 0; i-- {
		if s := r.symbols[i]; s.low <= addr && addr < s.high {
			return Demangle(s.name)
		}
		if addr-r.symbols[i].low > 1<<20 {
			break
		}
	}
	return ""
}

func (r *Resolver) line(addr uint64) (string, int) {
	if r.dwarf == nil {
		return "", 0
	}
	cu := r.unitAt(addr)
	if cu == nil {
		return "", 0
	}
	lr, err := r.dwarf.LineReader(cu)
	if err != nil || lr == nil {
		return "", 0
	}
	var le dwarf.LineEntry
	if err := lr.SeekPC(addr, &le); err != nil {
		return "", 0
	}
	return le.File.Name, le.Line
}

// unitAt is the entry of the first compile unit that covers addr, or nil: the unit a new
// Reader's SeekPC finds, so that where units overlap (code the linker dropped, left at
// address 0) the answer does not depend on earlier lookups. The units' ranges are read once;
// past a unit that could not be read, SeekPC answers as it would.
func (r *Resolver) unitAt(addr uint64) *dwarf.Entry {
	r.unitsOnce.Do(r.readUnits)
	for _, u := range r.units {
		for _, rg := range u.ranges {
			if rg[0] <= addr && addr < rg[1] {
				return u.entry
			}
		}
	}
	if !r.partial {
		return nil
	}
	cu, err := r.dwarf.Reader().SeekPC(addr)
	if err != nil {
		return nil
	}
	return cu
}

// readUnits reads each unit's first entry, as SeekPC does, and its ranges. SkipChildren on
// a compile unit's entry goes to the next unit without reading the children.
func (r *Resolver) readUnits() {
	rd := r.dwarf.Reader()
	for {
		e, err := rd.Next()
		if err == nil && e == nil {
			return
		}
		if err != nil || e.Tag != dwarf.TagCompileUnit && e.Tag != dwarf.TagPartialUnit {
			r.partial = true
			return
		}
		ranges, err := r.dwarf.Ranges(e)
		if err != nil {
			r.partial = true
			return
		}
		r.units = append(r.units, unit{e, ranges})
		rd.SkipChildren()
	}
}

// Demangle turns a Rust legacy-mangled name (_ZN4core9panicking9panic_fmt17h0123456789abcdefE)
// into its path (core::panicking::panic_fmt) without the hash; other names are returned as they are.
func Demangle(name string) string {
	rest, ok := strings.CutPrefix(name, "_ZN")
	if !ok || !strings.HasSuffix(rest, "E") {
		return name
	}
	var parts []string
	for rest != "E" && rest != "" {
		n := 0
		for len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
			n = n*10 + int(rest[0]-'0')
			rest = rest[1:]
		}
		if n == 0 || n > len(rest) {
			return name
		}
		parts = append(parts, rest[:n])
		rest = rest[n:]
	}
	if last := parts[len(parts)-1]; len(last) == 17 && last[0] == 'h' {
		parts = parts[:len(parts)-1]
	}
	out := strings.Join(parts, "::")
	out = strings.ReplaceAll(out, "_$", "$")
	for _, r := range [][2]string{{"$LT$", "<"}, {"$GT$", ">"}, {"$u20$", " "}, {"$RF$", "&"}, {"$C$", ","}, {"..", "::"}} {
		out = strings.ReplaceAll(out, r[0], r[1])
	}
	return out
}
