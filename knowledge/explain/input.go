package explain

import (
	"bytes"
	"fmt"
	"io"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/grammar/logread"
)

// MaxInputBytes bounds what explain reads: it keeps the lines in memory.
const MaxInputBytes = 256 << 20

// Input is a log read for explain: its normalised lines and its records.
type Input struct {
	Lines []logread.Line
	Log   *analyze.Log
	text  func() textSearch // the full-text search reading started, with the index it was given
}

// ReadInput reads a path ("-" for stdin) once and gives both the lines and the records.
func ReadInput(path string, stdin io.Reader) (*Input, error) {
	src, err := logread.Open(path, stdin)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(src, MaxInputBytes+1))
	src.Close()
	if err != nil {
		return nil, &logread.InputError{Name: src.Name, Err: err}
	}
	if len(data) > MaxInputBytes {
		return nil, &logread.InputError{Name: src.Name, Err: fmt.Errorf("larger than %d MiB: explain the part with the errors", MaxInputBytes>>20)}
	}
	return ReadBytes(src.Name, data)
}

// ReadBytes reads a log held in memory.
func ReadBytes(name string, data []byte) (*Input, error) {
	in := &Input{}
	src, err := logread.NewSource(name, io.NopCloser(bytes.NewReader(data)))
	if err != nil {
		return nil, err
	}
	lr := logread.NewLines(src)
	for lr.Next() {
		in.Lines = append(in.Lines, lr.Line())
	}
	src, _ = logread.NewSource(name, io.NopCloser(bytes.NewReader(data)))
	in.Log, err = analyze.Read(src, analyze.Options{Workers: 1})
	return in, err
}
