// Package logread turns raw build-log bytes into normalised lines: decompressed, without ANSI
// colour codes, progress-bar remnants, CRLF, Nix and CI prefixes, and always valid UTF-8.
package logread

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// ErrBinary is returned for input that is not text.
var ErrBinary = errors.New("binary data, not a text log")

// ErrEmpty is returned for input without a byte.
var ErrEmpty = errors.New("empty input")

// InputError names the input that could not be read.
type InputError struct {
	Name string
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("%s: %v", e.Name, e.Err) }
func (e *InputError) Unwrap() error { return e.Err }

// Source is an opened log: decompressed if needed, checked to be text.
type Source struct {
	Name string
	r    *bufio.Reader
	c    []io.Closer
}

// Open opens a path, or standard input for "-".
func Open(path string, stdin io.Reader) (*Source, error) {
	if path == "-" {
		return NewSource("<stdin>", io.NopCloser(stdin))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{Name: path, Err: unwrapPathError(err)}
	}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		f.Close()
		return nil, &InputError{Name: path, Err: errors.New("is a directory")}
	}
	return NewSource(path, f)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// NewSource wraps r, decompressing gzip, zstd or xz by their magic bytes.
func NewSource(name string, r io.ReadCloser) (*Source, error) {
	s := &Source{Name: name, c: []io.Closer{r}}
	br := bufio.NewReaderSize(&stickyEOF{r: r}, 1<<16)
	magic, _ := br.Peek(6)
	var dec io.Reader
	var err error
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		var gz *gzip.Reader
		gz, err = gzip.NewReader(br)
		if gz != nil {
			s.c = append(s.c, gz)
		}
		dec = gz
	case bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		var zr *zstd.Decoder
		zr, err = zstd.NewReader(br)
		if zr != nil {
			s.c = append(s.c, zr.IOReadCloser())
		}
		dec = zr
	case bytes.HasPrefix(magic, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		dec, err = xz.NewReader(br)
	}
	if err != nil {
		s.Close()
		return nil, &InputError{Name: name, Err: fmt.Errorf("corrupt compressed data: %w", err)}
	}
	if dec != nil {
		br = bufio.NewReaderSize(dec, 1<<16)
	}
	head, err := br.Peek(8192)
	if len(head) == 0 {
		s.Close()
		if err != nil && err != io.EOF {
			return nil, &InputError{Name: name, Err: err}
		}
		return nil, &InputError{Name: name, Err: ErrEmpty}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		s.Close()
		return nil, &InputError{Name: name, Err: ErrBinary}
	}
	s.r = br
	return s, nil
}

// Close releases the underlying files and decoders.
func (s *Source) Close() error {
	var first error
	for i := len(s.c) - 1; i >= 0; i-- {
		if err := s.c[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	s.c = nil
	return first
}

// Read reads the decompressed text.
func (s *Source) Read(p []byte) (int, error) { return s.r.Read(p) }

// stickyEOF keeps returning io.EOF once its reader did: a terminal reports Ctrl-D once, and a
// second read would wait for another.
type stickyEOF struct {
	r   io.Reader
	eof bool
}

func (s *stickyEOF) Read(p []byte) (int, error) {
	if s.eof {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	if err == io.EOF {
		s.eof = true
	}
	return n, err
}
