package finding

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus/loggen"
)

// Issue 16/2: diff is linear in every input shape. The shape that was not is two builds whose
// crate keys all differ: every crate another, and built for another triple (a build moved from
// riscv32imc-unknown-none-elf to thumbv7em-none-eabihf), so no key of one log is a key of the
// other and every crate is aligned by name. The benchmarks read both logs as cxlog diff reads
// them and compare them at two sizes; ns/MB (per MB of both logs) stays flat when diff is
// linear, and retained-MB is the heap the two logs hold for the comparison.

const benchOtherTarget = "thumbv7em-none-eabihf"

// keysDifferPair writes the all-keys-differ pair of about mb MiB a log.
func keysDifferPair(b *testing.B, mb int) (good, bad string, bytes int64) {
	b.Helper()
	dir := b.TempDir()
	write := func(name string, seed uint64, target string) string {
		p := filepath.Join(dir, name)
		st, err := loggen.WriteFile(p, int64(mb)<<20, seed, loggen.Options{Target: target, DistinctCrates: true})
		if err != nil {
			b.Fatal(err)
		}
		bytes += st.Bytes
		return p
	}
	return write("k1.log", 1, ""), write("k2.log", 2, benchOtherTarget), bytes
}

// diagnosticPair writes two logs of n rustc diagnostics each (one in fifty an error).
func diagnosticPair(b *testing.B, n int) (good, bad string, bytes int64) {
	b.Helper()
	dir := b.TempDir()
	write := func(name string) string {
		p := filepath.Join(dir, name)
		size, err := loggen.WriteDiagnosticsFile(p, n)
		if err != nil {
			b.Fatal(err)
		}
		bytes += size
		return p
	}
	return write("good.log"), write("bad.log"), bytes
}

func readDistinct(b *testing.B, path string) *analyze.Log {
	b.Helper()
	l, err := analyze.ReadPath(path, nil, analyze.Options{Distinct: true})
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// diffAll is the comparison cxlog diff makes of two read logs, short of the knowledge base.
func diffAll(good, bad *analyze.Log) int {
	fs, diffs := Diff(good, bad)
	AttachChanges(fs, good, bad, diffs)
	return len(fs) + len(diffs)
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// retainedMB is the heap two logs read for a diff hold.
func retainedMB(b *testing.B, good, bad string) float64 {
	before := heapInUse()
	g, bd := readDistinct(b, good), readDistinct(b, bad)
	after := heapInUse()
	runtime.KeepAlive(g)
	runtime.KeepAlive(bd)
	return float64(after-before) / (1 << 20)
}

// BenchmarkDiffKeysDiffer reads and compares the all-keys-differ pair, 2×10 and 2×20 MiB.
func BenchmarkDiffKeysDiffer(b *testing.B) {
	for _, mb := range []int{10, 20} {
		good, bad, size := keysDifferPair(b, mb)
		b.Run(fmt.Sprintf("2x%dMB", mb), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			for i := 0; i < b.N; i++ {
				diffAll(readDistinct(b, good), readDistinct(b, bad))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(float64(size)/(1<<20)), "ns/MB")
			b.ReportMetric(retainedMB(b, good, bad), "retained-MB")
		})
	}
}

// BenchmarkCompareKeysDiffer is the comparison alone on the read all-keys-differ pair: what
// grew quadratically with the crates (each unmatched key looked up by a scan of the others).
func BenchmarkCompareKeysDiffer(b *testing.B) {
	for _, mb := range []int{10, 20} {
		goodPath, badPath, size := keysDifferPair(b, mb)
		good, bad := readDistinct(b, goodPath), readDistinct(b, badPath)
		b.Run(fmt.Sprintf("2x%dMB", mb), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			for i := 0; i < b.N; i++ {
				diffAll(good, bad)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(float64(size)/(1<<20)), "ns/MB")
		})
	}
}

// BenchmarkDiffDiagnostics reads and compares two logs of 20,000 diagnostics each (issue 16/5:
// on diagnostic-heavy logs the regexes of the shapes and of the normaliser dominate).
func BenchmarkDiffDiagnostics(b *testing.B) {
	good, bad, size := diagnosticPair(b, 20_000)
	b.ReportAllocs()
	b.SetBytes(size)
	for i := 0; i < b.N; i++ {
		diffAll(readDistinct(b, good), readDistinct(b, bad))
	}
}
