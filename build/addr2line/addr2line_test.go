package addr2line

import (
	"cmp"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/build/buildtest"
)

func TestDemangle(t *testing.T) {
	tests := map[string]string{
		"_ZN4core9panicking9panic_fmt17h0123456789abcdefE":                                             "core::panicking::panic_fmt",
		"_ZN14cxlog_bench_fw4main17h1aee5d3628c3156fE":                                                 "cxlog_bench_fw::main",
		"_ZN57_$LT$cxlog_bench_fw..Uart$u20$as$u20$core..fmt..Write$GT$9write_str17h0123456789abcdefE": "<cxlog_bench_fw::Uart as core::fmt::Write>::write_str",
		"cxlog_main": "cxlog_main",
		"_ZN3fooE":   "foo",
		"_ZN99fooE":  "_ZN99fooE",
	}
	for in, want := range tests {
		if got := Demangle(in); got != want {
			t.Errorf("Demangle(%q) = %q, want %q", in, got, want)
		}
	}
}

// A Go program built with DWARF prints its own PC and source line; the PC resolves to them.
func TestLookupGoProgram(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs ELF binaries")
	}
	dir := t.TempDir()
	src := "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n)\n\nfunc main() {\n\tpc, file, line, _ := runtime.Caller(0)\n\tfmt.Println(pc, file, line)\n}\n"
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module probe\n\ngo 1.21\n"), 0o644)
	exe := filepath.Join(dir, "probe")
	build := exec.Command("go", "build", "-o", exe, ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe).Output()
	if err != nil {
		t.Fatal(err)
	}
	var pc uint64
	var file string
	var line int
	if _, err := fmt.Sscan(string(out), &pc, &file, &line); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	r, err := Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	if !hasLines(r) {
		t.Fatal("no line tables in a Go binary")
	}
	frame, ok := r.Lookup(pc)
	if !ok || frame.Function != "main.main" || frame.File != file || frame.Line != line {
		t.Fatalf("%#x resolved to %+v (ok %v), the program says %s:%d in main.main", pc, frame, ok, file, line)
	}
	if _, ok := r.Lookup(0x10); ok {
		t.Error("address 0x10 resolved")
	}
	if _, err := Open(filepath.Join(dir, "main.go")); err == nil {
		t.Error("no error for a file that is no ELF")
	}
}

// The bench firmware's own function resolves to its `fn` line in src/main.rs when the image is
// built with debug info; without it, the function still comes from the symbol table and no
// line is claimed. Where llvm-addr2line is installed, every code address of the image
// resolves to the file:line it gives.
func TestLookupBenchFirmware(t *testing.T) {
	src, err := os.ReadFile("../testdata/firmware/src/main.rs")
	if err != nil {
		t.Fatal(err)
	}
	fnLine := 0
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "fn demo_panic()") {
			fnLine = i + 1
		}
	}
	if fnLine == 0 {
		t.Fatal("no fn demo_panic in the firmware")
	}
	for _, debug := range []bool{true, false} {
		t.Run(fmt.Sprintf("debug=%v", debug), func(t *testing.T) {
			elfPath := buildtest.BuildBenchFirmware(t, []string{"CARGO_PROFILE_RELEASE_DEBUG=" + strconv.FormatBool(debug)}, "--features", "demo-panic")
			r, err := Open(elfPath)
			if err != nil {
				t.Fatal(err)
			}
			if hasLines(r) != debug {
				t.Errorf("hasLines = %v", hasLines(r))
			}
			addr := symbolAddress(t, elfPath, "demo_panic")
			frame, ok := r.Lookup(addr)
			if !ok || frame.Function != "cxlog_bench_fw::demo_panic" {
				t.Fatalf("%#x resolved to %+v (ok %v)", addr, frame, ok)
			}
			if want := "src/main.rs:" + strconv.Itoa(fnLine); debug != strings.HasSuffix(frame.Location(), "/"+want) || !debug && frame.Location() != "" {
				t.Errorf("%#x is at %q; fn demo_panic is at %s", addr, frame.Location(), want)
			}
			if debug {
				sameAsLLVM(t, r, elfPath)
				withoutLineTable(t, elfPath, addr)
			}
		})
	}
}

// symbolAddress is the address of the function whose demangled name ends in ::name.
func symbolAddress(t *testing.T, path, name string) uint64 {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range syms {
		if elf.ST_TYPE(s.Info) == elf.STT_FUNC && strings.HasSuffix(Demangle(s.Name), "::"+name) {
			return s.Value
		}
	}
	t.Fatalf("no function %s in %s", name, path)
	return 0
}

// withoutLineTable: an image whose compile units cover its code but whose line table was
// removed has no lines to give, and hasLines says so.
func withoutLineTable(t *testing.T, elfPath string, addr uint64) {
	objcopy, err := exec.LookPath("llvm-objcopy")
	if err != nil {
		t.Log("llvm-objcopy is not installed: no image without a line table")
		return
	}
	stripped := filepath.Join(t.TempDir(), "no-debug-line.elf")
	if out, err := exec.Command(objcopy, "--remove-section=.debug_line", elfPath, stripped).CombinedOutput(); err != nil {
		t.Fatalf("llvm-objcopy: %v\n%s", err, out)
	}
	r, err := Open(stripped)
	if err != nil {
		t.Fatal(err)
	}
	if hasLines(r) {
		t.Error("hasLines without .debug_line")
	}
	if frame, ok := r.Lookup(addr); !ok || frame.Function != "cxlog_bench_fw::demo_panic" || frame.Location() != "" {
		t.Errorf("without .debug_line %#x resolved to %+v (ok %v)", addr, frame, ok)
	}
}

func sameAsLLVM(t *testing.T, r *Resolver, path string) {
	tool, err := exec.LookPath("llvm-addr2line")
	if err != nil {
		t.Log("llvm-addr2line is not installed: not compared")
		return
	}
	var in strings.Builder
	var addrs []uint64
	for _, s := range r.code {
		for a := s.low; a < s.high; a += 2 { // RV32IMC instructions are 2 or 4 bytes
			addrs = append(addrs, a)
			fmt.Fprintf(&in, "%#x\n", a)
		}
	}
	cmd := exec.Command(tool, "-e", path)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llvm-addr2line: %v", err)
	}
	want := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(want) != len(addrs) {
		t.Fatalf("llvm-addr2line gave %d lines for %d addresses", len(want), len(addrs))
	}
	differ, withLine := 0, 0
	for i, a := range addrs {
		frame, _ := r.Lookup(a)
		got := cmp.Or(frame.Location(), "??:0")
		if got != "??:0" {
			withLine++
		}
		if got != want[i] {
			if differ++; differ <= 5 {
				t.Errorf("%#x: %s, llvm-addr2line says %s", a, got, want[i])
			}
		}
	}
	if withLine == 0 {
		t.Error("no address has a line")
	}
	t.Logf("%d addresses, %d with a line, %d differ from llvm-addr2line", len(addrs), withLine, differ)
}

// hasLines says whether Lookup can give file:line for some address: a compile unit of the
// DWARF covers code addresses and has a line table. A release image built without debug
// info has none, even when it keeps its symbols.
func hasLines(r *Resolver) bool {
	if r.dwarf == nil {
		return false
	}
	rd := r.dwarf.Reader()
	for {
		e, err := rd.Next()
		if err != nil || e == nil {
			return false
		}
		if e.Tag == dwarf.TagCompileUnit {
			ranges, err := r.dwarf.Ranges(e)
			if lr, lerr := r.dwarf.LineReader(e); err == nil && len(ranges) > 0 && lerr == nil && lr != nil {
				return true
			}
		}
		rd.SkipChildren()
	}
}
