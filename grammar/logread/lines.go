package logread

import (
	"bufio"
	"bytes"
	"io"
)

// MaxLineBytes caps one line; the rest of a longer line is dropped and the line is marked.
const MaxLineBytes = 64 << 20

// maxKeptLineBuffer is the largest line buffer kept from one line to the next.
const maxKeptLineBuffer = 1 << 20

// Line is one normalised log line.
type Line struct {
	N         int    // 1-based line number in the input
	Text      string // the line without prefixes, colour codes or line ending
	Drv       string // Nix derivation name from a `nix build -L` prefix, if any
	Truncated bool   // the line was longer than MaxLineBytes
}

// Lines reads normalised lines one at a time. It keeps nothing but the current line, and the
// lines of a leading front matter block until its end is seen.
type Lines struct {
	src    *Source
	n      int
	raw    []byte
	err    error // io.EOF at a clean end
	line   Line
	norm   normaliser
	fmDone bool      // the front matter question is settled
	held   []rawLine // lines read ahead while looking for the end of front matter
}

type rawLine struct {
	text      []byte
	truncated bool
}

// NewLines reads lines from s.
func NewLines(s *Source) *Lines { return &Lines{src: s} }

// Next advances to the next line that carries log text. It returns false at the end of the
// input or on a read error; Err tells which.
func (l *Lines) Next() bool {
	if !l.fmDone {
		l.fmDone = true
		l.readFrontMatter()
	}
	for {
		var raw []byte
		var truncated bool
		if len(l.held) > 0 {
			raw, truncated = l.held[0].text, l.held[0].truncated
			l.held = l.held[1:]
		} else {
			if l.err != nil {
				return false
			}
			var ok bool
			if raw, truncated, ok = l.read(); !ok {
				return false
			}
		}
		l.n++
		text, drv, keep := l.norm.normalise(raw)
		if keep {
			l.line = Line{N: l.n, Text: text, Drv: drv, Truncated: truncated}
			return true
		}
	}
}

// read returns the next raw line, or false at the end of the input or on a read error.
func (l *Lines) read() ([]byte, bool, bool) {
	raw, truncated, err := l.readRaw()
	if err != nil {
		l.err = err
		if err != io.EOF {
			l.err = &InputError{Name: l.src.Name, Err: err}
		}
		if len(raw) == 0 && !truncated {
			return nil, false, false
		}
	}
	return raw, truncated, true
}

// readFrontMatter skips a leading front matter block (corpus files). What it read is held
// for Next when the block does not close within its bounds: then it was log text.
func (l *Lines) readFrontMatter() {
	size := 0
	for len(l.held) < maxFrontMatterLines && size < maxFrontMatterBytes && l.err == nil {
		raw, truncated, ok := l.read()
		if !ok {
			break
		}
		l.held = append(l.held, rawLine{bytes.Clone(raw), truncated})
		size += len(raw)
		switch {
		case len(l.held) == 1 && !isDashes(raw):
			return // no "---" first
		case len(l.held) == 2 && !isFrontMatterStart(l.held[0].text, raw):
			return
		case len(l.held) > 2 && isDashes(raw):
			l.n += len(l.held) // skipped, but counted: line numbers stay those of the file
			l.held = nil
			return
		}
	}
}

// Line returns the current line.
func (l *Lines) Line() Line { return l.line }

// Err returns the read error that stopped Next, or nil at a clean end of input.
func (l *Lines) Err() error {
	if l.err == io.EOF {
		return nil
	}
	return l.err
}

// readRaw returns the next raw line without its '\n', however long, capped at MaxLineBytes.
// A final line without '\n' comes with io.EOF. The line is valid until the next read: a line
// that fits the reader's buffer is not copied.
func (l *Lines) readRaw() ([]byte, bool, error) {
	chunk, err := l.src.r.ReadSlice('\n')
	if err == nil {
		return chunk[:len(chunk)-1], false, nil
	}
	if cap(l.raw) > maxKeptLineBuffer {
		l.raw = nil // the last line was huge: its text is in its Line, the buffer need not stay
	}
	l.raw = l.raw[:0]
	truncated := false
	for {
		if room := MaxLineBytes - len(l.raw); len(chunk) > room {
			l.raw = append(l.raw, chunk[:max(room, 0)]...)
			truncated = true
		} else {
			l.raw = append(l.raw, chunk...)
		}
		switch err {
		case nil:
			return bytes.TrimSuffix(l.raw, []byte{'\n'}), truncated, nil
		case bufio.ErrBufferFull:
			chunk, err = l.src.r.ReadSlice('\n')
		default:
			return l.raw, truncated, err
		}
	}
}
