package report

import (
	"bytes"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus/loggen"
)

// BenchmarkParseJSON measures what parse --json adds to parsing: the records of an 8 MiB
// generated log, read once beforehand, are rendered in batches of 512 (as the pipeline's
// workers do, here on one goroutine) and written to io.Discard. Bytes are the log's, so MB/s
// compares with the parse figures.
func BenchmarkParseJSON(b *testing.B) {
	var log bytes.Buffer
	if _, err := loggen.Generate(&log, 8<<20, 1); err != nil {
		b.Fatal(err)
	}
	recs := scanRecords(b, "gen.log", log.Bytes())
	const batch = 512
	res := &Parse{Files: []ParseFile{{
		Name: "gen.log",
		ScanRendered: func(render func([]byte, analyze.Record) []byte, write func([]byte)) (int, error) {
			for i := 0; i < len(recs); i += batch {
				var dst []byte
				for _, r := range recs[i:min(i+batch, len(recs))] {
					dst = render(dst, r)
				}
				write(dst)
			}
			return len(recs), nil
		},
	}}}
	b.SetBytes(int64(log.Len()))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if err := writeParseJSON(io.Discard, res); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time, the collector's included: the machine the benchmark runs on may be shared
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
