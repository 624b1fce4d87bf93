package knowledge

import (
	"path/filepath"
	"strconv"
	"testing"
)

// noisyQuery is a pasted log line with a store hash, a home directory and numbers that no
// entry contains.
const noisyQuery = "  = note: /nix/store/q8m3v0k2zd1rj5w7yb6c4x9p1n0h2g3f-x86_64-unknown-linux-gnu-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '-flavor' in /home/dave/fw/target/riscv32imc-unknown-none-elf/release/deps/fw-0123456789abcdef"

func builtinBase(tb testing.TB) *Base {
	tb.Helper()
	base, err := Load(Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	return base
}

func BenchmarkOpenIndexCold(b *testing.B) {
	base := builtinBase(b)
	cacheRoot := b.TempDir()
	b.ReportMetric(float64(len(base.Entries)), "entries")
	i := 0
	for b.Loop() {
		i++
		index, err := OpenIndex(base, filepath.Join(cacheRoot, strconv.Itoa(i)))
		if err != nil || index.Cached() {
			b.Fatalf("err %v, cached %v", err, index.Cached())
		}
		index.Close()
	}
}

func BenchmarkOpenIndexInMemory(b *testing.B) {
	base := builtinBase(b)
	for b.Loop() {
		index, err := OpenIndex(base, "")
		if err != nil {
			b.Fatal(err)
		}
		index.Close()
	}
}

func BenchmarkOpenIndexWarm(b *testing.B) {
	base := builtinBase(b)
	cacheDir := b.TempDir()
	openTestIndex(b, base, cacheDir).Close()
	for b.Loop() {
		index, err := OpenIndex(base, cacheDir)
		if err != nil || !index.Cached() {
			b.Fatalf("err %v, cached %v", err, index.Cached())
		}
		index.Close()
	}
}

func BenchmarkSearch(b *testing.B) {
	index := openTestIndex(b, builtinBase(b), b.TempDir())
	for b.Loop() {
		if _, err := index.Search(noisyQuery, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchHighlight(b *testing.B) {
	index := openTestIndex(b, builtinBase(b), b.TempDir())
	for b.Loop() {
		if _, err := index.Search(noisyQuery, SearchOptions{Highlight: true, Target: "riscv32imc-unknown-none-elf"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is what every explain, check and diff pays before it reads a line: the
// built-in entries decoded, their symptoms compiled and the literal pre-filter built.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(Builtin()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCached is BenchmarkLoad warm: the entry files read and hashed, their compiled
// form read from the cache.
func BenchmarkLoadCached(b *testing.B) {
	cacheDir := b.TempDir()
	if _, err := LoadCached(Builtin(), cacheDir); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := LoadCached(Builtin(), cacheDir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrefilter builds the pre-filter's automaton alone.
func BenchmarkPrefilter(b *testing.B) {
	base := builtinBase(b)
	for b.Loop() {
		newPrefilter(base.Entries)
	}
}
