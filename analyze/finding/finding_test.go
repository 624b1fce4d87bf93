package finding

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/grammar/logread"
)

func read(t *testing.T, path string) *analyze.Log {
	t.Helper()
	l, err := analyze.ReadPath(path, nil, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestExpectedDiffs pins the diff rows of corpus/seed/expected.tsv and corpus/bench/expected.tsv.
func TestExpectedDiffs(t *testing.T) {
	for _, dir := range []string{"seed", "bench"} {
		t.Run(dir, func(t *testing.T) { testExpectedDiffs(t, filepath.Join("../../corpus", dir)) })
	}
}

func testExpectedDiffs(t *testing.T, dir string) {
	rows, err := corpus.ReadExpected(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows {
		if row.Command != "diff" {
			continue
		}
		n++
		t.Run(row.Bad, func(t *testing.T) {
			fs, _ := Diff(read(t, filepath.Join(dir, row.Good)), read(t, filepath.Join(dir, row.Bad)))
			if len(fs) == 0 {
				t.Fatal("no finding")
			}
			first := fs[0]
			if !row.Accepts(string(first.Class)) {
				t.Errorf("first class %s, want %s (or %s); findings: %+v", first.Class, row.TopClass, row.Also, fs)
			}
			if !names(first, row.MustName) {
				t.Errorf("first finding does not name %q: %s", row.MustName, first.Message)
			}
			for _, e := range first.Evidence {
				if e.Line == 0 || e.File == "" {
					t.Errorf("evidence without a place: %+v", e)
				}
			}
		})
	}
	if n < 2 {
		t.Fatalf("%d diff rows in %s/expected.tsv", n, dir)
	}
}

func TestRustflagsInPrintedEnvironment(t *testing.T) {
	src := "RUSTFLAGS=-C target-feature=-crt-static\n" +
		"     Running `rustc --crate-name fw --crate-type bin --target riscv32imc-unknown-none-elf -C target-feature=-crt-static`\n" +
		"  = note: rust-lld: error: undefined symbol: _stack_top\n"
	fs := Check(readText(t, src))
	if len(fs) == 0 || fs[0].Class != "cargo-config-scope" || fs[0].Evidence[0].Line != 1 {
		t.Fatalf("findings: %+v", fs)
	}
	host := Check(readText(t, "RUSTFLAGS=-Ctarget-cpu=native\n     Running `rustc --crate-name app --crate-type bin --target x86_64-unknown-linux-gnu`\n"))
	for _, f := range host {
		if f.Rule == RustflagsEnvSet {
			t.Errorf("RUSTFLAGS for a host build is no finding: %+v", f)
		}
	}
}

func readText(t *testing.T, s string) *analyze.Log {
	t.Helper()
	src, err := logread.NewSource("test.log", io.NopCloser(strings.NewReader(s)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := analyze.Read(src, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestCompareAlignsEachChangedVersionOnce(t *testing.T) {
	run := func(crate, version string) string {
		return "     Running `CARGO_PKG_NAME=" + crate + " CARGO_PKG_VERSION=" + version + " rustc --crate-name " + crate +
			" --crate-type lib --target thumbv7em-none-eabihf -C opt-level=3`\n"
	}
	good := readText(t, run("heapless", "0.7.17")+run("heapless", "0.8.0")+"$ cargo b --release\n")
	bad := readText(t, run("heapless", "0.7.16")+run("heapless", "0.8.1")+"$ cargo build --release\n")
	_, diffs := Diff(good, bad)
	only := 0
	for _, d := range diffs {
		if d.Aspect == AspectOnlyOne {
			only++
		}
		if d.Aspect == AspectCargo {
			t.Errorf("cargo b and cargo build differ? %+v", d)
		}
	}
	if only != 0 {
		t.Errorf("%d crates reported on one side only; each changed version should align with one on the other side: %+v", only, diffs)
	}
}
