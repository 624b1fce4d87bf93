package build

import "sync"

// MaxTranscriptInMemory bounds the serial transcript kept in a Report.
const MaxTranscriptInMemory = 1 << 20

// tailBuffer keeps the last max bytes written to it and counts the rest.
type tailBuffer struct {
	max     int
	data    []byte
	dropped int64
}

func newTailBuffer(max int) *tailBuffer {
	return &tailBuffer{max: max}
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.data = append(t.data, p...)
	// Shift only when twice over the limit, so each byte is moved at most once on average.
	if len(t.data) > 2*t.max {
		t.trim()
	}
	return len(p), nil
}

func (t *tailBuffer) trim() {
	if excess := len(t.data) - t.max; excess > 0 {
		t.dropped += int64(excess)
		t.data = append(t.data[:0], t.data[excess:]...)
	}
}

// Bytes returns the kept tail and how many bytes came before it.
func (t *tailBuffer) Bytes() ([]byte, int64) {
	t.trim()
	return t.data, t.dropped
}

// lockedTail is a tailBuffer safe for one writer and concurrent readers.
type lockedTail struct {
	mu   sync.Mutex
	tail *tailBuffer
}

func newLockedTail(max int) *lockedTail { return &lockedTail{tail: newTailBuffer(max)} }

func (l *lockedTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.tail.Write(p)
}

func (l *lockedTail) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	data, _ := l.tail.Bytes()
	return append([]byte(nil), data...)
}
