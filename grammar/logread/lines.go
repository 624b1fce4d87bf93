package logread

import (
	"bufio"
	"bytes"
	"io"
)

// MaxLineBytes caps one line; the rest of a longer line is dropped and the line is marked.
const MaxLineBytes = 64 << 20

// Line is one normalised log line.
type Line struct {
	N         int    // 1-based line number in the input
	Text      string // the line without prefixes, colour codes or line ending
	Drv       string // Nix derivation name from a `nix build -L` prefix, if any
	Truncated bool   // the line was longer than MaxLineBytes
}

// Lines reads normalised lines one at a time. It keeps nothing but the current line.
type Lines struct {
	src    *Source
	n      int
	raw    []byte
	err    error // io.EOF at a clean end
	line   Line
	queued *Line
	norm   normaliser
}

// NewLines reads lines from s.
func NewLines(s *Source) *Lines { return &Lines{src: s} }

// Next advances to the next line that carries log text. It returns false at the end of the
// input or on a read error; Err tells which.
func (l *Lines) Next() bool {
	if l.queued != nil {
		l.line, l.queued = *l.queued, nil
		return true
	}
	for l.err == nil {
		raw, truncated, err := l.readRaw()
		if err != nil {
			l.err = err
			if err != io.EOF {
				l.err = &InputError{Name: l.src.Name, Err: err}
			}
			if len(raw) == 0 && !truncated {
				return false
			}
		}
		l.n++
		text, drv, keep := l.norm.normalise(raw)
		next := Line{N: l.n, Text: text, Drv: drv, Truncated: truncated}
		if l.norm.heldDashes {
			l.norm.heldDashes = false
			l.line = Line{N: 1, Text: "---"}
			if keep {
				l.queued = &next
			}
			return true
		}
		if !keep {
			continue
		}
		l.line = next
		return true
	}
	return false
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
// A final line without '\n' comes with io.EOF.
func (l *Lines) readRaw() ([]byte, bool, error) {
	l.raw = l.raw[:0]
	truncated := false
	for {
		chunk, err := l.src.r.ReadSlice('\n')
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
			continue
		default:
			return l.raw, truncated, err
		}
	}
}
