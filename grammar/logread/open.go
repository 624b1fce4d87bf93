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
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrBinary is returned for input that is not text.
var ErrBinary = errors.New("binary data, not a text log")

// ErrUTF16WithoutBOM is returned for UTF-16 text without a byte-order mark, whose byte order
// cannot be told for sure. (With the mark, UTF-16 is decoded.)
var ErrUTF16WithoutBOM = errors.New("UTF-16 text without a byte-order mark: convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8)")

// ErrTruncated is returned, as "truncated gzip data" and the like, for compressed input that
// ends before its compressed stream does.
var ErrTruncated = errors.New("truncated compressed data")

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
	if err == nil && fi.Mode().IsRegular() {
		// A log still being written is read as it was at open, not followed forever.
		return NewSource(path, readCloser{io.LimitReader(f, fi.Size()), f})
	}
	return NewSource(path, f)
}

type readCloser struct {
	io.Reader
	io.Closer
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// NewSource wraps r, decompressing gzip, zstd or xz by their magic bytes, decoding UTF-16 that
// starts with a byte-order mark and dropping a UTF-8 one.
func NewSource(name string, r io.ReadCloser) (*Source, error) {
	s := &Source{Name: name, c: []io.Closer{r}}
	br := bufio.NewReaderSize(&stickyEOF{r: r}, 1<<16)
	magic, _ := br.Peek(6)
	var dec io.Reader
	var format string
	var err error
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		var gz *gzip.Reader
		format = "gzip"
		gz, err = gzip.NewReader(br)
		if gz != nil {
			s.c = append(s.c, gz)
		}
		dec = gz
	case bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		var zr *zstd.Decoder
		format = "zstd"
		zr, err = zstd.NewReader(br)
		if zr != nil {
			s.c = append(s.c, zr.IOReadCloser())
		}
		dec = zr
	case bytes.HasPrefix(magic, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		format = "xz"
		dec, err = xz.NewReader(br)
	}
	if err != nil {
		s.Close()
		if err == io.ErrUnexpectedEOF {
			return nil, &InputError{Name: name, Err: truncatedError{format}}
		}
		return nil, &InputError{Name: name, Err: fmt.Errorf("corrupt compressed data: %w", err)}
	}
	if dec != nil {
		br = bufio.NewReaderSize(&truncationReader{r: dec, format: format}, 1<<16)
	}
	head, err := br.Peek(8192)
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		br, head, err = decodeUTF16(br, unicode.LittleEndian)
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		br, head, err = decodeUTF16(br, unicode.BigEndian)
	case bytes.HasPrefix(head, utf8BOM):
		br.Discard(len(utf8BOM))
		head = head[len(utf8BOM):]
	}
	if len(head) == 0 {
		s.Close()
		if err != nil && err != io.EOF {
			return nil, &InputError{Name: name, Err: err}
		}
		return nil, &InputError{Name: name, Err: ErrEmpty}
	}
	if err := checkText(head); err != nil {
		s.Close()
		return nil, &InputError{Name: name, Err: err}
	}
	s.r = br
	return s, nil
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// decodeUTF16 returns a reader of br's UTF-16 text (after its byte-order mark) as UTF-8, and
// the start of that text.
func decodeUTF16(br *bufio.Reader, e unicode.Endianness) (*bufio.Reader, []byte, error) {
	d := bufio.NewReaderSize(transform.NewReader(br, unicode.UTF16(e, unicode.ExpectBOM).NewDecoder()), 1<<16)
	head, err := d.Peek(8192)
	return d, head, err
}

// truncationReader names the end of a compressed stream that was cut short.
type truncationReader struct {
	r      io.Reader
	format string
}

func (t *truncationReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err == io.ErrUnexpectedEOF {
		err = truncatedError{t.format}
	}
	return n, err
}

type truncatedError struct{ format string }

func (e truncatedError) Error() string        { return "truncated " + e.format + " data" }
func (e truncatedError) Is(target error) bool { return target == ErrTruncated }

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
