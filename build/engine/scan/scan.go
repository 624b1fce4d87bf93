// Package scan explains many logs: every path (files, directories, globs, a list on standard
// input) is read and ranked by the knowledge base on its own worker, the results come out in
// input order as they are ready, and memory is bounded by the workers, not by the number of logs.
// A log that cannot be read (missing, binary, corrupt) is a result with an error, never the end
// of the run.
package scan

import (
	"context"
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// Options are a scan's settings.
type Options struct {
	Workers int // logs explained at once; 0 means one per CPU
	// Attrs are added to every log's attributes (--attr k=v, the CI's environment).
	Attrs map[string]string
	// TimeFrom names the attribute whose RFC 3339 value is a log's time; "" is the file's
	// modification time.
	TimeFrom string
}

// Log is what the scan concluded about one log.
type Log struct {
	Path string
	Time time.Time // the file's modification time, or the TimeFrom attribute
	Err  error     // the log could not be read: it was skipped

	Class      class.Class // the class explain named, or unknown
	Guess      class.Class // the top match's class, named or not
	Entry      string      // the top match's knowledge-base entry, "" when nothing matched
	Confidence float64
	Body       string // the first line of the cause: the top match's first matched line
	Target     string // the cross target of the log's binary crate
	Crate      string // the crate the failure is in, or the binary crate
	// Fingerprint groups the same failure across machines: a hash of the entry and the body
	// with store hashes, paths, temporary names and addresses removed.
	Fingerprint string
	Attrs       map[string]string
}

// Summary counts a finished scan.
type Summary struct {
	Logs    int // logs explained
	Skipped int // logs that could not be read
}

// Run explains every path paths yields, on opts.Workers goroutines, and calls emit with each
// log's result in the order of paths, from the calling goroutine. It stops early only when ctx
// is canceled, the knowledge base cannot be loaded, or emit returns an error (a closed output).
func Run(ctx context.Context, eng *engine.Engine, paths func(yield func(string) bool), opts Options, emit func(Log) error) (Summary, error) {
	ix, err := eng.Index() // the base loads meanwhile
	if err != nil {
		return Summary{}, err
	}
	b, err := eng.KB()
	if err != nil {
		return Summary{}, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		path string
		done chan Log
	}
	jobs := make(chan job)
	// order holds the jobs being worked on, in input order: its capacity bounds the results
	// waiting for an earlier, slower log
	order := make(chan chan Log, 2*workers)
	go func() {
		defer close(jobs)
		defer close(order)
		for p := range paths {
			j := job{path: p, done: make(chan Log, 1)}
			select {
			case order <- j.done:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				j.done <- explainOne(j.path, b, ix, opts)
			}
		}()
	}
	var sum Summary
	for done := range order {
		var l Log
		select {
		case l = <-done:
		case <-ctx.Done():
			return sum, ctx.Err()
		}
		if l.Err != nil {
			if _, bug := errors.AsType[*analyze.PanicError](l.Err); bug {
				return sum, l.Err
			}
			sum.Skipped++
		} else {
			sum.Logs++
		}
		if err := emit(l); err != nil {
			return sum, err
		}
	}
	return sum, ctx.Err()
}

// explainOne reads and explains one log; a panic is a bug, turned into the result's error.
func explainOne(path string, b *knowledge.Base, ix *knowledge.Index, opts Options) (l Log) {
	l = Log{Path: path, Attrs: map[string]string{}}
	defer func() {
		if err := analyze.Recovered(recover()); err != nil {
			l.Err = err
		}
	}()
	for k, v := range opts.Attrs {
		l.Attrs[k] = v
	}
	fi, err := os.Stat(path)
	if err != nil {
		l.Err = &logread.InputError{Name: path, Err: unwrapPath(err)}
		return l
	}
	l.Time = fi.ModTime().UTC()
	if opts.TimeFrom != "" {
		if t, err := time.Parse(time.RFC3339Nano, l.Attrs[opts.TimeFrom]); err == nil {
			l.Time = t.UTC()
		}
	}
	src, err := logread.Open(path, nil)
	if err != nil {
		l.Err = err
		return l
	}
	defer src.Close()
	in, err := explain.ReadSourceFor(src, b, ix, 1)
	if err != nil {
		if _, ok := errors.AsType[*logread.InputError](err); !ok {
			if _, bug := errors.AsType[*analyze.PanicError](err); !bug {
				err = &logread.InputError{Name: path, Err: err}
			}
		}
		l.Err = err
		return l
	}
	res := explain.Explain(in, b, ix)
	l.Class, l.Guess, l.Confidence = res.Class, class.Unknown, res.Confidence
	l.Target = binaryTarget(in.Log)
	l.Crate = binaryCrate(in.Log)
	if len(res.Matches) > 0 {
		top := res.Matches[0]
		l.Guess, l.Entry = top.Entry.Class, top.Entry.ID
		if len(top.MatchedLines) > 0 {
			l.Body = strings.TrimSpace(top.MatchedLines[0].Text)
		}
		for _, f := range top.Findings {
			if f.Crate != "" {
				l.Crate = f.Crate
				break
			}
		}
	}
	if l.Body == "" {
		l.Body = firstErrorLine(in.Lines)
	}
	l.Fingerprint = Fingerprint(l.Entry, l.Body)
	return l
}

// binaryTarget is the cross target the log's binary crates were built for, or "".
func binaryTarget(l *analyze.Log) string {
	target := ""
	for _, inv := range l.Invocations {
		if inv.Target != "" && slices.Contains(inv.CrateTypes, "bin") {
			target = inv.Target
		}
	}
	if target == "" {
		for _, inv := range l.Invocations {
			if inv.Target != "" {
				target = inv.Target
			}
		}
	}
	return target
}

// binaryCrate is the last binary crate the log built, or "".
func binaryCrate(l *analyze.Log) string {
	crate := ""
	for _, inv := range l.Invocations {
		if slices.Contains(inv.CrateTypes, "bin") && inv.CrateName != "" {
			crate = inv.CrateName
		}
	}
	return crate
}

// firstErrorLine is the first line that reads as an error, for a log no entry matched.
func firstErrorLine(lines []logread.Line) string {
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		if strings.HasPrefix(t, "error") || strings.Contains(t, "error:") {
			return t
		}
	}
	return ""
}

func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*os.PathError](err); ok {
		return pe.Err
	}
	return err
}
