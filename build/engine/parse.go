package engine

import (
	"path/filepath"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/build/record"
	"github.com/cxlog/cxlog/grammar/logread"
)

// Parse streams the records of the log at path ("-": Options.Stdin) to emit, in log order,
// and returns how many lines it read. Memory does not grow with the log.
func (e *Engine) Parse(path string, opt analyze.Options, emit func(analyze.Record)) (lines int, err error) {
	src, err := logread.Open(path, e.opts.Stdin)
	if err != nil {
		return 0, inputError(path, err)
	}
	defer src.Close()
	lines, err = analyze.Scan(src, opt, emit)
	return lines, inputError(path, err)
}

// ParseRendered is Parse for output: render turns each record into bytes on the worker
// goroutines (each batch from a nil dst), write receives each batch's bytes in log order and
// may reuse them once it returns.
func (e *Engine) ParseRendered(path string, opt analyze.Options, render func(dst []byte, r analyze.Record) []byte, write func([]byte)) (lines int, err error) {
	src, err := logread.Open(path, e.opts.Stdin)
	if err != nil {
		return 0, inputError(path, err)
	}
	defer src.Close()
	lines, err = analyze.ScanRendered(src, opt, render, write)
	return lines, inputError(path, err)
}

// readLog reads every record of a log.
func (e *Engine) readLog(path string, opt analyze.Options) (*analyze.Log, error) {
	if testHookRead != nil {
		testHookRead(path)
	}
	l, err := analyze.ReadPath(bundleLog(path), e.opts.Stdin, opt)
	return l, inputError(path, err)
}

// testHookRead, when set by a test, runs before each log is read (on the reading goroutine).
var testHookRead func(path string)

// bundleLog is the log a path names: a record bundle's build.log, or the path itself.
func bundleLog(path string) string {
	if path != "-" && record.IsBundle(path) {
		return filepath.Join(path, record.LogFile)
	}
	return path
}
