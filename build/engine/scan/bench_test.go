package scan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/corpus/loggen"
)

// BenchmarkScanFleet scans 1 MiB failed logs (a generated build ending in a seed failure) on
// all cores; scripts/bench-scan.sh measures the 10,000-log run as a user runs it.
func BenchmarkScanFleet(b *testing.B) {
	eng := engine4Bench(b)
	dir := b.TempDir()
	failure, err := os.ReadFile(corpusDir + "seed/s05-linker-cc-explicit.log")
	if err != nil {
		b.Fatal(err)
	}
	const logs = 16
	var paths []string
	for i := range logs {
		var buf bytes.Buffer
		loggen.Failed(&buf, 1<<20, uint64(i+1), failure)
		p := filepath.Join(dir, fmt.Sprintf("job-%d.log", i))
		os.WriteFile(p, buf.Bytes(), 0o644)
		paths = append(paths, p)
	}
	b.SetBytes(logs << 20)
	b.ResetTimer()
	for range b.N {
		sum, err := Run(context.Background(), eng, Paths(paths, nil), Options{}, func(Log) error { return nil })
		if err != nil || sum.Logs != logs {
			b.Fatal(sum, err)
		}
	}
	b.ReportMetric(float64(b.N*logs)/b.Elapsed().Seconds(), "logs/s")
}

func engine4Bench(b *testing.B) *engine.Engine {
	eng := engine.New(engine.Options{CacheDir: b.TempDir()})
	b.Cleanup(func() { eng.Close() })
	if _, err := eng.Index(); err != nil {
		b.Fatal(err)
	}
	return eng
}
