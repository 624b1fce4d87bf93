package report

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// textWriter is where text reports are written: everything written to it is sanitised, and
// only its own colour codes (style) reach the terminal as escape sequences. The first write
// error is kept and returned by flush.
type textWriter struct {
	w       io.Writer
	color   bool
	pending []byte // the start of a UTF-8 sequence cut by a Write boundary
	buf     []byte
	err     error
}

func newTextWriter(w io.Writer, color bool) *textWriter { return &textWriter{w: w, color: color} }

func (t *textWriter) Write(p []byte) (int, error) {
	data := p
	if len(t.pending) > 0 {
		data = append(t.pending, p...)
		t.pending = nil
	}
	if cut := incompleteTail(data); cut < len(data) {
		t.pending = append([]byte(nil), data[cut:]...)
		data = data[:cut]
	}
	if clean(data) {
		t.write(data)
	} else {
		t.buf = appendSanitized(t.buf[:0], data)
		t.write(t.buf)
	}
	if t.err != nil {
		return 0, t.err
	}
	return len(p), nil
}

// incompleteTail is where a UTF-8 sequence that the next write may complete starts, or len(p).
func incompleteTail(p []byte) int {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(p[i]) {
			if p[i] >= 0xc0 && !utf8.FullRune(p[i:]) {
				return i
			}
			break
		}
	}
	return len(p)
}

func (t *textWriter) write(p []byte) {
	if t.err == nil && len(p) > 0 {
		_, t.err = t.w.Write(p)
	}
}

// raw writes bytes the report itself chose (colour codes), after any pending ones.
func (t *textWriter) raw(s string) {
	t.flushPending()
	t.write([]byte(s))
}

func (t *textWriter) flushPending() {
	if len(t.pending) > 0 {
		p := t.pending
		t.pending = nil
		t.write(appendSanitized(nil, p))
	}
}

func (t *textWriter) printf(format string, a ...any) { fmt.Fprintf(t, format, a...) }
func (t *textWriter) println(a ...any)               { fmt.Fprintln(t, a...) }

// style writes s in an SGR colour (e.g. "1;31") on a colour terminal, plain elsewhere.
func (t *textWriter) style(sgr, s string) {
	if !t.color || sgr == "" {
		io.WriteString(t, s)
		return
	}
	t.raw("\x1b[" + sgr + "m")
	io.WriteString(t, s)
	t.raw("\x1b[0m")
}

// flush writes what is pending and returns the first write error.
func (t *textWriter) flush() error {
	t.flushPending()
	return t.err
}
