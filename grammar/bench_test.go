package grammar

import (
	"syscall"
	"testing"
	"time"
)

// BenchmarkParseCommand measures the grammar alone on the Running commands of a generated
// cargo -vv log; bytes are the commands' text.
func BenchmarkParseCommand(b *testing.B) { benchmarkCommands(b, ParseCommand) }

// BenchmarkCommandParser is BenchmarkParseCommand with one CommandParser for every command,
// as each of the scan's workers parses.
func BenchmarkCommandParser(b *testing.B) {
	var p CommandParser
	benchmarkCommands(b, p.Parse)
}

func benchmarkCommands(b *testing.B, parse func(string) (*Command, error)) {
	cmds := generatedCommands(b, 8<<20)
	size := 0
	for _, c := range cmds {
		size += len(c)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, c := range cmds {
			if _, err := parse(c); err != nil {
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
