package addr2line

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
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
	if !r.HasLines() {
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
