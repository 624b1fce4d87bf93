package analyze

import (
	"runtime"

	"github.com/cxlog/cxlog/grammar"
	"github.com/cxlog/cxlog/grammar/logread"
)

// A batch is the lines the scanner reads before handing their commands to a worker:
// batchLines lines, or fewer holding batchBytes of text (a cargo -vv log's Running lines are
// kilobytes each: the batches in flight, which are the live heap, stay a few megabytes). A
// batch goes on while a diagnostic in it is still being read (see scanner.holding).
const (
	batchLines = 2048
	batchBytes = 1 << 20
)

// Options tunes a scan.
type Options struct {
	Workers  int  // goroutines that parse command lines; 0 means one per CPU
	Distinct bool // Read keeps only the first invocation of each crate (see Log.Distinct)
	// KeepDiagnostics is how many distinct diagnostics of each kind and severity Read keeps,
	// counting the rest in Log.Omitted; 0 means DefaultKeepDiagnostics, a negative number all.
	KeepDiagnostics int
	// OnLine, if set, sees every line in order, on the goroutine that reads them, before the
	// scanner does: one pass gives a caller both the lines it wants and the records.
	OnLine func(logread.Line)
	// OnEnd, if set, is called on that goroutine after the last line, before the commands of
	// the last batch are parsed.
	OnEnd func()

	batchLines int // lines per batch; 0 means batchLines (tests vary it: records never depend on it)
}

// Scan reads a log and calls emit for every record in log order. Only the records of the
// batches being parsed are held in memory, so memory does not grow with the size of the log.
func Scan(src *logread.Source, opt Options, emit func(Record)) (lines int, err error) {
	return pipeline(src, opt, nil, func(b *batch) {
		b.each(emit)
	})
}

// ScanRendered is Scan for output: render turns each record into bytes (appending to dst) on
// the worker goroutines, and write receives the bytes of each batch in log order.
func ScanRendered(src *logread.Source, opt Options, render func(dst []byte, r Record) []byte, write func([]byte)) (lines int, err error) {
	return pipeline(src, opt, func(b *batch) {
		b.each(func(r Record) { b.rendered = render(b.rendered, r) })
	}, func(b *batch) {
		write(b.rendered)
	})
}

// batch is the records of a run of lines.
type batch struct {
	items    []item
	rendered []byte
	err      error // a worker's panic
}

func (b *batch) each(f func(Record)) {
	for _, it := range b.items {
		if it.cmd == nil {
			f(it.rec)
			continue
		}
		for _, r := range it.cmd.resolved {
			f(r)
		}
	}
}

// pipeline reads lines on one goroutine, parses each batch's commands (and runs work on it) on
// up to opt.Workers goroutines, and hands the batches to consume in log order.
func pipeline(src *logread.Source, opt Options, work, consume func(*batch)) (lines int, err error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	size := opt.batchLines
	if size <= 0 {
		size = batchLines
	}
	results := make(chan chan *batch, workers*2)
	sem := make(chan struct{}, workers)
	rd := logread.NewLines(src)
	s := newScanner(src.Name)
	var readErr error // the reader's panic
	go func() {
		defer close(results)
		defer func() { readErr = Recovered(recover()) }()
		last := 0
		for more := true; more; {
			n, bytes := 0, 0
			// a batch ends only where no record in it can change any more
			for n < size && bytes < batchBytes || s.holding(last+1) {
				if !rd.Next() {
					more = false
					break
				}
				l := rd.Line()
				last = l.N
				if opt.OnLine != nil {
					opt.OnLine(l)
				}
				s.feed(l)
				n++
				bytes += len(l.Text)
			}
			if !more {
				s.finish(last)
				if opt.OnEnd != nil {
					opt.OnEnd()
				}
			}
			b := &batch{items: s.take()}
			done := make(chan *batch, 1)
			results <- done
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				defer func() {
					// b.err is written only on a panic: on success b is the consumer's already
					if err := Recovered(recover()); err != nil {
						b.err = err
						done <- b
					}
				}()
				var parser grammar.CommandParser
				for i := range b.items {
					if p := b.items[i].cmd; p != nil {
						p.resolved = p.resolve(&parser)
					}
				}
				if work != nil {
					work(b)
				}
				done <- b
			}()
		}
		lines = last
	}()
	var panicked error
	for done := range results {
		b := <-done
		if panicked == nil && b.err != nil {
			panicked = b.err
		}
		if panicked == nil {
			consume(b)
		}
	}
	if panicked == nil {
		panicked = readErr
	}
	if panicked != nil {
		return lines, panicked
	}
	return lines, rd.Err()
}
