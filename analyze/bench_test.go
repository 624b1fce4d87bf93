package analyze

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cxlog/cxlog/corpus/loggen"
	"github.com/cxlog/cxlog/grammar/logread"
)

// BenchmarkScan measures the whole reader: lines, scanner and grammar, all CPUs. The log size
// is CXLOG_BENCH_MB (default 32); scripts/bench.sh runs it at 200 MB.
func BenchmarkScan(b *testing.B) {
	mb, _ := strconv.Atoi(os.Getenv("CXLOG_BENCH_MB"))
	if mb <= 0 {
		mb = 32
	}
	path := filepath.Join(b.TempDir(), "big.log")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := loggen.Generate(f, int64(mb)<<20, 1)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src, err := logread.Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		var invocations int64
		if _, err := Scan(src, Options{}, func(r Record) {
			if _, ok := r.(*Invocation); ok {
				invocations++
			}
		}); err != nil {
			b.Fatal(err)
		}
		src.Close()
		if invocations != st.Running {
			b.Fatalf("read %d invocations, generated %d", invocations, st.Running)
		}
	}
}
