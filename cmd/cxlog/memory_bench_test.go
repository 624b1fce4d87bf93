package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/corpus/loggen"
)

// BenchmarkPeakMemory runs the cxlog binary on large logs and reports each command's peak
// resident memory (peak-MB, as GNU time reports it): check and explain on 1M diagnostics and
// on a 200 MB generated nix build -L log, diff on two such logs. Issue 9/2's targets: check
// and explain at most 150 MB, diff at most 300 MB. CXLOG_BENCH_MB sets the generated log's
// size (default 200), CXLOG_BENCH_DIAGS the number of diagnostics (default 1,000,000).
func BenchmarkPeakMemory(b *testing.B) {
	gnuTime, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		b.Skip("needs GNU time (apt-get install time) to measure a process's peak memory")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "cxlog")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	mb, diags := envInt("CXLOG_BENCH_MB", 200), envInt("CXLOG_BENCH_DIAGS", 1_000_000)
	write := func(name string, gen func(f *os.File) error) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := gen(f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		return p
	}
	diagLog := write("diagnostics.log", func(f *os.File) error { _, err := loggen.GenerateDiagnostics(f, diags); return err })
	bigA := write("a.log", func(f *os.File) error { _, err := loggen.Generate(f, int64(mb)<<20, 1); return err })
	bigB := write("b.log", func(f *os.File) error { _, err := loggen.Generate(f, int64(mb)<<20, 2); return err })
	cache := filepath.Join(dir, "cache")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{fmt.Sprintf("check/%d-diagnostics", diags), []string{"check", diagLog}},
		{fmt.Sprintf("explain/%d-diagnostics", diags), []string{"explain", diagLog}},
		{fmt.Sprintf("check/%dMB", mb), []string{"check", bigA}},
		{fmt.Sprintf("explain/%dMB", mb), []string{"explain", bigA}},
		{fmt.Sprintf("diff/2x%dMB", mb), []string{"diff", bigA, bigB}},
		{fmt.Sprintf("diff/2x%d-diagnostics", diags), []string{"diff", diagLog, diagLog}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var peak int64
			for i := 0; i < b.N; i++ {
				// GNU time forks (Go's exec shares the benchmark's memory until the exec, and
				// Linux counts that in the child's peak): its %M is cxlog's own peak, in KiB
				report := filepath.Join(dir, "rss")
				cmd := exec.Command(gnuTime, append([]string{"-f", "%M", "-o", report, bin}, tc.args...)...)
				cmd.Env = append(os.Environ(), "CXLOG_CACHE_DIR="+cache)
				err := cmd.Run()
				if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
					b.Fatalf("cxlog %v: %v", tc.args, err)
				}
				text, err := os.ReadFile(report)
				if err != nil {
					b.Fatal(err)
				}
				var kib int64 // the last line; a "Command exited with non-zero status 1" may come first
				fields := strings.Fields(string(text))
				if len(fields) == 0 {
					b.Fatal("time -f %M wrote nothing")
				}
				if _, err := fmt.Sscan(fields[len(fields)-1], &kib); err != nil {
					b.Fatalf("time -f %%M wrote %q", text)
				}
				peak = max(peak, kib)
			}
			b.ReportMetric(float64(peak)/1024, "peak-MB")
		})
	}
}

func envInt(key string, def int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(key), &n); err != nil || n <= 0 {
		return def
	}
	return n
}
