package build

import (
	"bytes"
	"strings"
)

const (
	// The current line is cut to this length when a device prints without
	// newlines; matching still works across the cut (see trimLongLine).
	maxPendingLine = 8 << 10
	// The fail line reported keeps this much of the line before the fail text.
	failLineContext = 160
	maxFailLine     = 512
)

// lineMatcher looks for expected texts (in order) and fail texts in serial
// output fed to it in arbitrary chunks. It matches within lines, including the
// line still being received, so text that arrives split across chunks is found
// as soon as its last byte arrives. \r, \n and \r\n all end a line. Escape
// sequences are removed before matching, so colours do not split a text.
// Matching is on bytes, so invalid UTF-8 does no harm.
type lineMatcher struct {
	escapes escapeFilter
	expect  [][]byte
	fail    [][]byte

	next int // index of the next expected text

	line       []byte
	scanned    int // len(line) at the last scan: only matches ending after it are new
	expectFrom int // the next expected text must start at or after this offset in line
	maxLine    int
	keep       int // bytes kept when cutting a long line: the longest text minus one

	seenFail     string
	failLine     []byte // the fail text with what precedes and follows it on its line
	failLineDone bool
}

func newLineMatcher(expect, fail []string) *lineMatcher {
	m := &lineMatcher{}
	longest := 0
	for _, e := range expect {
		m.expect = append(m.expect, []byte(e))
		longest = max(longest, len(e))
	}
	for _, f := range fail {
		m.fail = append(m.fail, []byte(f))
		longest = max(longest, len(f))
	}
	m.keep = max(longest-1, 0)
	m.maxLine = max(maxPendingLine, 2*longest)
	return m
}

// feed processes a chunk of output. After the last expected text it still
// looks for fail texts; once a fail text is seen it only completes the fail line.
func (m *lineMatcher) feed(chunk []byte) {
	chunk = m.escapes.filter(chunk)
	for len(chunk) > 0 {
		if m.failed() {
			m.extendFailLine(chunk)
			return
		}
		end := bytes.IndexAny(chunk, "\r\n")
		piece := chunk
		if end >= 0 {
			piece = chunk[:end]
		}
		piece = piece[:min(len(piece), m.maxLine)]
		m.line = append(m.line, piece...)
		m.scan()
		chunk = chunk[len(piece):]
		if len(piece) == end {
			m.failLineDone = m.failed()
			m.endLine()
			chunk = chunk[1:]
		} else {
			m.trimLongLine()
		}
	}
}

// extendFailLine adds what follows the fail text, up to the end of its line.
func (m *lineMatcher) extendFailLine(chunk []byte) {
	if m.failLineDone {
		return
	}
	end := bytes.IndexAny(chunk, "\r\n")
	if end < 0 {
		end = len(chunk)
	} else {
		m.failLineDone = true
	}
	room := maxFailLine - len(m.failLine)
	m.failLine = append(m.failLine, chunk[:min(end, room)]...)
	if len(m.failLine) >= maxFailLine {
		m.failLineDone = true
	}
}

func (m *lineMatcher) scan() {
	for _, f := range m.fail {
		from := max(0, m.scanned-len(f)+1)
		if at := bytes.Index(m.line[from:], f); at >= 0 {
			m.seenFail = string(f)
			lineStart := max(0, from+at-failLineContext)
			m.failLine = append([]byte(nil), m.line[lineStart:min(len(m.line), lineStart+maxFailLine)]...)
			return
		}
	}
	for m.next < len(m.expect) {
		e := m.expect[m.next]
		from := max(m.expectFrom, m.scanned-len(e)+1)
		at := bytes.Index(m.line[from:], e)
		if at < 0 {
			break
		}
		m.expectFrom = from + at + len(e)
		m.next++
	}
	m.scanned = len(m.line)
}

func (m *lineMatcher) endLine() {
	m.line = m.line[:0]
	m.scanned = 0
	m.expectFrom = 0
}

// trimLongLine drops the front of an over-long line. Everything dropped has
// been scanned, and the kept tail is too short to hold a whole text, so no
// match is lost or found twice.
func (m *lineMatcher) trimLongLine() {
	if len(m.line) <= m.maxLine {
		return
	}
	drop := len(m.line) - m.keep
	m.line = append(m.line[:0], m.line[drop:]...)
	m.scanned = len(m.line)
	m.expectFrom = max(0, m.expectFrom-drop)
}

func (m *lineMatcher) failed() bool { return m.seenFail != "" }

// failLineText is the fail line as valid UTF-8, without surrounding blanks.
func (m *lineMatcher) failLineText() string {
	return strings.TrimSpace(strings.ToValidUTF8(string(m.failLine), "\uFFFD"))
}

func (m *lineMatcher) allExpectedSeen() bool { return m.next == len(m.expect) }

func (m *lineMatcher) seen() []string { return toStrings(m.expect[:m.next]) }

func (m *lineMatcher) missing() []string { return toStrings(m.expect[m.next:]) }

func toStrings(texts [][]byte) []string {
	out := make([]string, 0, len(texts))
	for _, t := range texts {
		out = append(out, string(t))
	}
	return out
}
