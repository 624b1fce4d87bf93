package analyze

import (
	"bufio"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/cxlog/cxlog/corpus/loggen"
	"github.com/cxlog/cxlog/grammar/logread"
)

// BenchmarkScan measures the whole reader: lines, scanner and grammar, all CPUs. The log size
// is CXLOG_BENCH_MB (default 32); scripts/bench.sh runs it at 200 MB.
func BenchmarkScan(b *testing.B) {
	path, st, err := loggen.GenerateFile(b.TempDir(), 32)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	b.ResetTimer()
	cpu0 := processCPU()
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
	// on a shared machine the CPU time the reading took says more than the wall-clock time
	b.ReportMetric(float64(st.Bytes)*float64(b.N)/(processCPU()-cpu0).Seconds()/1e6, "MB/cpu-s")
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkScanLineReader is the reference BenchmarkScan is held against: a bare
// bufio.Scanner counting the lines of the same generated log, the fastest a line reader can
// go. The ratio of the two ns/op is how far the scan is from reading alone.
func BenchmarkScanLineReader(b *testing.B) {
	path, st, err := loggen.GenerateFile(b.TempDir(), 32)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<16), logread.MaxLineBytes)
		var lines int64
		for sc.Scan() {
			lines++
		}
		f.Close()
		if sc.Err() != nil || lines != st.Lines {
			b.Fatalf("read %d lines (%v), generated %d", lines, sc.Err(), st.Lines)
		}
	}
}
