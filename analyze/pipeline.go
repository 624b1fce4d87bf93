package analyze

import (
	"runtime"

	"github.com/cxlog/cxlog/grammar/logread"
)

// batchLines is how many lines the scanner reads before handing their commands to a worker.
const batchLines = 2048

// Options tunes a scan.
type Options struct {
	Workers int // goroutines that parse command lines; 0 means one per CPU
}

// Scan reads a log and calls emit for every record in log order. Only the records of the batch
// being parsed are held in memory, so memory does not grow with the size of the log.
func Scan(src *logread.Source, opt Options, emit func(Record)) (lines int, err error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make(chan chan []item, workers*2)
	sem := make(chan struct{}, workers)
	rd := logread.NewLines(src)
	s := &scanner{file: src.Name}
	go func() {
		defer close(results)
		last := 0
		for more := true; more; {
			n := 0
			for n < batchLines || s.diag != nil && n < 8*batchLines {
				if !rd.Next() {
					more = false
					break
				}
				l := rd.Line()
				last = l.N
				s.feed(l)
				n++
			}
			if !more {
				s.flush(last)
			}
			s.diag = nil // records handed to a worker are not changed any more
			batch := s.take()
			done := make(chan []item, 1)
			results <- done
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				for i := range batch {
					if p := batch[i].cmd; p != nil {
						p.resolved = p.resolve()
					}
				}
				done <- batch
			}()
		}
		lines = last
	}()
	for done := range results {
		for _, it := range <-done {
			if it.cmd == nil {
				emit(it.rec)
				continue
			}
			for _, r := range it.cmd.resolved {
				emit(r)
			}
		}
	}
	return lines, rd.Err()
}
