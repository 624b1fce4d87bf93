package explain

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cxlog/cxlog/corpus/loggen"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
)

// BenchmarkExplainLarge reads a generated cargo -vv log for explain (ReadSourceFor: symptoms
// matched on every line, the kept lines and the records) and ranks it, all CPUs. The log size
// is CXLOG_BENCH_MB (default 32); scripts/bench.sh's explain row is the same at 200 MB.
// /diagnostics is a log of 100,000 rustc diagnostics, where most lines are some symptom's
// candidates.
func BenchmarkExplainLarge(b *testing.B) {
	kb, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	big, st, err := loggen.GenerateFile(dir, 32)
	if err != nil {
		b.Fatal(err)
	}
	diags := filepath.Join(dir, "diagnostics.log")
	f, err := os.Create(diags)
	if err != nil {
		b.Fatal(err)
	}
	diagBytes, err := loggen.GenerateDiagnostics(f, 100_000)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, class string
		bytes             int64
	}{
		{"cargo-vv", big, "linker-flavor-mismatch", st.Bytes},
		{"diagnostics", diags, "unknown", diagBytes},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(tc.bytes)
			b.ReportAllocs()
			cpu0 := processCPU()
			for i := 0; i < b.N; i++ {
				src, err := logread.Open(tc.path, nil)
				if err != nil {
					b.Fatal(err)
				}
				in, err := ReadSourceFor(src, kb, nil, 0)
				src.Close()
				if err != nil {
					b.Fatal(err)
				}
				if res := Explain(in, kb, nil); string(res.Class) != tc.class {
					b.Fatalf("class %s, want %s", res.Class, tc.class)
				}
			}
			// on a shared machine the CPU time says more than the wall-clock time
			b.ReportMetric(float64(tc.bytes)*float64(b.N)/(processCPU()-cpu0).Seconds()/1e6, "MB/cpu-s")
		})
	}
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
