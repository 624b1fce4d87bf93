package build

import "bytes"

const escape = '\x1b'

// maxEscapeSequence bounds how much an unterminated sequence can hide: past it,
// the filter gives up on the sequence and lets the following bytes through.
const maxEscapeSequence = 4096

type escapeState uint8

const (
	escText     escapeState = iota
	escStart                // after ESC
	escCSI                  // ESC [ parameters and intermediates, until a final byte
	escString               // OSC, DCS, SOS, PM, APC: until BEL or ESC \
	escStringST             // ESC inside a string: \ ends it
	escOther                // ESC followed by intermediates, until a final byte
)

// escapeFilter removes ECMA-48 escape sequences (colours, cursor moves, window
// titles) from serial output fed in chunks; a sequence may be split across
// chunks. It works on bytes so invalid UTF-8 passes through untouched, and it
// leaves C1 bytes alone: in UTF-8 output 0x9b is a continuation byte, not CSI.
// A line end always ends a sequence, so a cut-off sequence never hides the
// next line.
//
// A terminal-emulation library would decode whole strings; the matcher needs a
// byte-at-a-time filter whose state survives between reads, which is this.
type escapeFilter struct {
	state  escapeState
	seqLen int
	out    []byte
}

// filter returns chunk without its escape sequences. The result is valid until
// the next call.
func (f *escapeFilter) filter(chunk []byte) []byte {
	if f.state == escText && bytes.IndexByte(chunk, escape) < 0 {
		return chunk
	}
	f.out = f.out[:0]
	for _, c := range chunk {
		if f.state != escText {
			if c == '\r' || c == '\n' {
				f.state = escText
			} else {
				f.seqLen++
				if f.seqLen > maxEscapeSequence {
					f.state = escText
				}
			}
		}
		switch f.state {
		case escText:
			if c == escape {
				f.state, f.seqLen = escStart, 1
				continue
			}
			f.out = append(f.out, c)
		case escStart:
			switch {
			case c == '[':
				f.state = escCSI
			case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
				f.state = escString
			case c == escape:
				f.seqLen = 1 // a lone ESC, then another sequence
			case 0x20 <= c && c <= 0x2f:
				f.state = escOther
			case 0x30 <= c && c <= 0x7e:
				f.state = escText // a two-byte sequence such as ESC 7 or ESC c
			default: // a lone ESC before a control or a non-ASCII byte
				f.state = escText
				f.out = append(f.out, c)
			}
		case escCSI, escOther:
			switch {
			case c == escape: // a new sequence cancels this one
				f.state, f.seqLen = escStart, 1
			case f.state == escCSI && 0x40 <= c && c <= 0x7e, f.state == escOther && 0x30 <= c && c <= 0x7e:
				f.state = escText
			}
		case escString:
			switch c {
			case '\a':
				f.state = escText
			case escape:
				f.state = escStringST
			}
		case escStringST:
			if c == '\\' {
				f.state = escText
			} else {
				f.state = escString
			}
		}
	}
	return f.out
}
