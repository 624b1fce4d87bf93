package logread

import (
	"syscall"
	"testing"
	"time"

	"github.com/cxlog/cxlog/corpus/loggen"
)

// BenchmarkLines measures the reader alone: open, decode, split and normalise lines, on one
// goroutine. The log size is CXLOG_BENCH_MB (default 64).
func BenchmarkLines(b *testing.B) {
	path, st, err := loggen.GenerateFile(b.TempDir(), 64)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	cpu0 := cpuTime()
	for b.Loop() {
		src, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		l := NewLines(src)
		var lines int64
		for l.Next() {
			lines++
		}
		src.Close()
		if l.Err() != nil || lines != st.Lines {
			b.Fatalf("read %d lines (%v), generated %d", lines, l.Err(), st.Lines)
		}
	}
	// On a shared machine the CPU time of the process says more than the wall-clock time.
	b.ReportMetric(float64(st.Bytes)*float64(b.N)/(cpuTime()-cpu0).Seconds()/1e6, "MB/cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
