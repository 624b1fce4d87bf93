package grammar

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cxlog/cxlog/corpus/loggen"
)

// BenchmarkParseCommand measures the grammar alone on the Running commands of a generated
// cargo -vv log; bytes are the commands' text.
func BenchmarkParseCommand(b *testing.B) {
	var log bytes.Buffer
	if _, err := loggen.Generate(&log, 8<<20, 1); err != nil {
		b.Fatal(err)
	}
	var cmds []string
	size := 0
	for _, line := range strings.Split(log.String(), "\n") {
		if _, rest, ok := strings.Cut(line, "Running `"); ok {
			cmd := strings.TrimSuffix(rest, "`")
			cmds = append(cmds, cmd)
			size += len(cmd)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, c := range cmds {
			if _, err := ParseCommand(c); err != nil {
				b.Fatal(err)
			}
		}
	}
	// CPU time, not wall time: the machine the benchmark runs on may be shared
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N*len(cmds)), "cpu-ns/command")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
