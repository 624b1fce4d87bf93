package build

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// chunkReader returns its chunks one per Read, then behaves like a quiet
// serial port after SetReadTimeout: (0, nil) every few milliseconds. A chunk
// of nil with err set makes that Read fail.
type chunkReader struct {
	chunks []string
	err    error // returned after the last chunk, if set
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.chunks) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		time.Sleep(2 * time.Millisecond)
		return 0, nil
	}
	n := copy(p, r.chunks[0])
	if n == len(r.chunks[0]) {
		r.chunks = r.chunks[1:]
	} else {
		r.chunks[0] = r.chunks[0][n:]
	}
	return n, nil
}

// spamReader prints the same byte forever, never a newline.
type spamReader struct{ b byte }

func (r spamReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.b
	}
	return len(p), nil
}

func TestWatch(t *testing.T) {
	readErr := errors.New("read /dev/ttyACM0: input/output error")
	tests := []struct {
		name     string
		chunks   []string
		err      error
		expect   []string
		fail     []string
		want     Outcome
		seen     []string
		failLine string
	}{
		{
			name:   "text split across chunks",
			chunks: []string{"boo", "t ok\r", "\nHel", "lo wor", "ld\r\n"},
			expect: []string{"boot ok", "Hello world"},
			want:   OutcomePassed, seen: []string{"boot ok", "Hello world"},
		},
		{
			name:   "text without a newline yet",
			chunks: []string{"Hello wor", "ld"},
			expect: []string{"Hello world"},
			want:   OutcomePassed, seen: []string{"Hello world"},
		},
		{
			name:   "expects in order across lines",
			chunks: []string{"Hello world\r\nboot ok\r\n"},
			expect: []string{"boot ok", "Hello world"},
			want:   OutcomeExpectNotSeen, seen: []string{"boot ok"},
		},
		{
			name:   "expects in order within a line",
			chunks: []string{"B then A\n"},
			expect: []string{"A", "B"},
			want:   OutcomeExpectNotSeen, seen: []string{"A"},
		},
		{
			name:   "two expects on one line",
			chunks: []string{"A then B\n"},
			expect: []string{"A", "B"},
			want:   OutcomePassed, seen: []string{"A", "B"},
		},
		{
			name:   "a repeated expect needs two occurrences",
			chunks: []string{"ti", "c", "k", "\r\n"},
			expect: []string{"tick", "tick"},
			want:   OutcomeExpectNotSeen, seen: []string{"tick"},
		},
		{
			name:   "a repeated expect seen twice",
			chunks: []string{"ti", "ck\r\nti", "ck\r\n"},
			expect: []string{"tick", "tick"},
			want:   OutcomePassed, seen: []string{"tick", "tick"},
		},
		{
			name:   "fail text ends the watch",
			chunks: []string{"boot ok\r\npanicked at src/main.rs:10:5\r\n", "Hello world\r\n"},
			expect: []string{"boot ok", "Hello world"},
			fail:   []string{"panicked at"},
			want:   OutcomeFailSeen, seen: []string{"boot ok"}, failLine: "panicked at src/main.rs:10:5",
		},
		{
			name:   "fail text split across chunks",
			chunks: []string{"pan", "icked", " at x"},
			expect: []string{"Hello"},
			fail:   []string{"panicked at"},
			want:   OutcomeFailSeen, failLine: "panicked at x",
		},
		{
			name:   "the fail line is completed from later chunks",
			chunks: []string{"boot ok\r\ncxlog-bench: panicked at", " 'boom', src/", "main.rs:3:5\r\nnext line\r\n"},
			expect: []string{"boot ok", "Hello world"},
			fail:   []string{"panicked at"},
			want:   OutcomeFailSeen, seen: []string{"boot ok"}, failLine: "cxlog-bench: panicked at 'boom', src/main.rs:3:5",
		},
		{
			name:   "fail text wins on the line of the last expect",
			chunks: []string{"Hello, panicked at boot\n"},
			expect: []string{"Hello"},
			fail:   []string{"panicked at"},
			want:   OutcomeFailSeen, failLine: "Hello, panicked at boot",
		},
		{
			name:   "CR LF split between chunks",
			chunks: []string{"Hello\r", "\nWorld\r", "\n"},
			expect: []string{"Hello", "World"},
			want:   OutcomePassed, seen: []string{"Hello", "World"},
		},
		{
			name:   "invalid UTF-8 around the text",
			chunks: []string{"\xff\xfe\x80Hel", "lo\xc3\r\n"},
			expect: []string{"Hello"},
			want:   OutcomePassed, seen: []string{"Hello"},
		},
		{
			name:   "invalid UTF-8 in the fail line",
			chunks: []string{"\xffpanicked at \xe2\x82\n"},
			fail:   []string{"panicked at"},
			want:   OutcomeFailSeen, failLine: "\uFFFDpanicked at \uFFFD",
		},
		{
			name:   "coloured fail text",
			chunks: []string{"boot ok\r\n\x1b[31mpanicked\x1b[0m at src/main.rs:3:5\r\n"},
			expect: []string{"Hello"},
			fail:   []string{"panicked at"},
			want:   OutcomeFailSeen, failLine: "panicked at src/main.rs:3:5",
		},
		{
			name:   "coloured expect, the sequences split across chunks",
			chunks: []string{"\x1b[1;3", "2mHel\x1b", "[0mlo wor\x1b[", "Kld\r\n"},
			expect: []string{"Hello world"},
			want:   OutcomePassed, seen: []string{"Hello world"},
		},
		{
			name:   "a window title is not output",
			chunks: []string{"\x1b]0;Hello\x07boot\r\n", "\x1b]2;Hello\x1b\\ok\r\n"},
			expect: []string{"Hello"},
			want:   OutcomeExpectNotSeen,
		},
		{
			name:   "a sequence cut by a line end hides nothing after it",
			chunks: []string{"\x1b[31", "\r\nHello\r\n"},
			expect: []string{"Hello"},
			want:   OutcomePassed, seen: []string{"Hello"},
		},
		{
			name:   "a lone escape at the end of a line",
			chunks: []string{"boot\x1b", "\nHello\x1b\x1b[0m\r\n"},
			expect: []string{"boot", "Hello"},
			want:   OutcomePassed, seen: []string{"boot", "Hello"},
		},
		{
			name:   "silent port times out",
			expect: []string{"Hello"},
			want:   OutcomeExpectNotSeen,
		},
		{
			name:   "no expects: passes at the timeout",
			chunks: []string{"anything\n"},
			fail:   []string{"panicked at"},
			want:   OutcomePassed,
		},
		{
			name:   "output ends first",
			chunks: []string{"boot"},
			err:    io.EOF,
			expect: []string{"Hello"},
			want:   OutcomeExpectNotSeen,
		},
		{
			name:   "read error",
			chunks: []string{"boot\n"},
			err:    readErr,
			expect: []string{"Hello"},
			want:   OutcomePortError,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var transcript bytes.Buffer
			r := &chunkReader{chunks: append([]string(nil), tt.chunks...), err: tt.err}
			got := Watch(context.Background(), r, WatchOptions{Expect: tt.expect, Fail: tt.fail, Timeout: 100 * time.Millisecond}, &transcript)
			if got.Outcome != tt.want {
				t.Fatalf("outcome %v, want %v (err %v)", got.Outcome, tt.want, got.Err)
			}
			if (got.Err == nil) != (tt.want == OutcomePassed) {
				t.Errorf("err %v with outcome %v", got.Err, got.Outcome)
			}
			if strings.Join(got.Seen, "|") != strings.Join(tt.seen, "|") {
				t.Errorf("seen %q, want %q", got.Seen, tt.seen)
			}
			if len(got.Seen)+len(got.Missing) != len(tt.expect) {
				t.Errorf("seen %q + missing %q != expect %q", got.Seen, got.Missing, tt.expect)
			}
			if got.FailLine != tt.failLine {
				t.Errorf("fail line %q, want %q", got.FailLine, tt.failLine)
			}
			if !utf8.ValidString(got.FailLine) || (got.Err != nil && !utf8.ValidString(got.Err.Error())) {
				t.Errorf("invalid UTF-8 in the result: %q / %v", got.FailLine, got.Err)
			}
			if tt.want == OutcomePortError && !errors.Is(got.Err, readErr) {
				t.Errorf("err %v, want the reader's error", got.Err)
			}
			if got.Outcome != OutcomeFailSeen && got.Outcome != OutcomePassed || len(tt.expect) == 0 {
				if want := strings.Join(tt.chunks, ""); transcript.String() != want {
					t.Errorf("transcript %q, want every byte %q", transcript.String(), want)
				}
			}
		})
	}
}

func TestWatchTimeoutIsHonoured(t *testing.T) {
	start := time.Now()
	got := Watch(context.Background(), &chunkReader{}, WatchOptions{Expect: []string{"Hello"}, Timeout: 80 * time.Millisecond}, nil)
	elapsed := time.Since(start)
	if got.Outcome != OutcomeExpectNotSeen || elapsed < 80*time.Millisecond || elapsed > time.Second {
		t.Fatalf("outcome %v after %s, want not seen after about 80ms", got.Outcome, elapsed)
	}
	if !strings.Contains(got.Err.Error(), "silent") {
		t.Errorf("err %q should say the port stayed silent", got.Err)
	}
	if !got.FirstByteAt.IsZero() || got.Bytes != 0 {
		t.Errorf("first byte %v, bytes %d for a silent port", got.FirstByteAt, got.Bytes)
	}
}

func TestWatchCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	got := Watch(ctx, &chunkReader{}, WatchOptions{Expect: []string{"Hello"}, Timeout: time.Minute}, nil)
	if got.Outcome != OutcomeCanceled || !errors.Is(got.Err, context.Canceled) {
		t.Fatalf("outcome %v, err %v; want canceled", got.Outcome, got.Err)
	}
}

func TestWatchSpamWithoutNewlinesTimesOut(t *testing.T) {
	start := time.Now()
	got := Watch(context.Background(), spamReader{'A'}, WatchOptions{Expect: []string{"Hello"}, Fail: []string{"panicked at"}, Timeout: 100 * time.Millisecond}, io.Discard)
	if got.Outcome != OutcomeExpectNotSeen || time.Since(start) > time.Second {
		t.Fatalf("outcome %v after %s, want not seen at the timeout", got.Outcome, time.Since(start))
	}
	if got.Bytes < 1<<20 {
		t.Logf("only %d bytes spammed in 100ms", got.Bytes)
	}
}

func TestLineMatcherMemoryStaysBounded(t *testing.T) {
	m := newLineMatcher([]string{"Hello"}, []string{"panicked at"})
	rng := rand.New(rand.NewPCG(1, 2))
	spam := bytes.Repeat([]byte("A"), 64<<10)
	for range 200 { // 12.8 MiB in random chunk sizes
		for rest := spam; len(rest) > 0; {
			n := min(len(rest), 1+rng.IntN(9000))
			m.feed(rest[:n])
			rest = rest[n:]
		}
		if cap(m.line) > 3*maxPendingLine {
			t.Fatalf("pending line grew to %d bytes", cap(m.line))
		}
	}
	m.feed([]byte("Hel"))
	m.feed([]byte("lo"))
	if !m.allExpectedSeen() {
		t.Fatal("text after the spam not seen")
	}
}

func TestLineMatcherFindsTextAcrossTheCut(t *testing.T) {
	for offset := -12; offset <= 12; offset++ {
		m := newLineMatcher([]string{"Hello"}, nil)
		m.feed(bytes.Repeat([]byte("A"), maxPendingLine+offset))
		m.feed([]byte("Hel"))
		m.feed(bytes.Repeat([]byte("A"), 0))
		m.feed([]byte("lo"))
		if !m.allExpectedSeen() {
			t.Fatalf("offset %d: text split at the cut not seen", offset)
		}
	}
}

// Any chunking of a stream must give the same result as reading it whole.
func TestLineMatcherChunkingDoesNotMatter(t *testing.T) {
	stream := "ESP-ROM:esp32c3\r\nboot: ok\r\nti\xffck tick t\x1b[1mick\r\n\x1b]0;title\x07Hello \x1b[32mfrom\x1b[0m \xe2\x82firmware\n" +
		"running\r\n\x1b[31mpanicked\x1b[0m at main.rs\n"
	expect := []string{"boot: ok", "tick", "tick", "Hello from", "running"}
	fail := []string{"panicked at"}
	whole := newLineMatcher(expect, fail)
	whole.feed([]byte(stream))
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		m := newLineMatcher(expect, fail)
		for rest := stream; len(rest) > 0; {
			n := min(len(rest), 1+rng.IntN(7))
			m.feed([]byte(rest[:n]))
			rest = rest[n:]
		}
		if m.next != whole.next || m.seenFail != whole.seenFail || m.failLineText() != whole.failLineText() {
			t.Fatalf("chunked: %d seen, fail %q in %q; whole: %d seen, fail %q in %q",
				m.next, m.seenFail, m.failLineText(), whole.next, whole.seenFail, whole.failLineText())
		}
	}
	// The panic after the last expected text still counts: the settle window needs it.
	if !whole.allExpectedSeen() || !whole.failed() || whole.failLineText() != "panicked at main.rs" {
		t.Fatalf("whole stream: seen %q, fail %q in %q", whole.seen(), whole.seenFail, whole.failLineText())
	}
}

func TestTailBufferKeepsTheEnd(t *testing.T) {
	tail := newTailBuffer(10)
	for i := range 100 {
		tail.Write([]byte{byte('0' + i%10)})
	}
	data, dropped := tail.Bytes()
	if string(data) != "0123456789" || dropped != 90 {
		t.Fatalf("kept %q, dropped %d", data, dropped)
	}
}

func TestWatchFailLineIsBounded(t *testing.T) {
	r := io.MultiReader(strings.NewReader("panicked at "), spamReader{'A'})
	start := time.Now()
	got := Watch(context.Background(), r, WatchOptions{Expect: []string{"Hello"}, Fail: []string{"panicked at"}, Timeout: time.Minute}, nil)
	if got.Outcome != OutcomeFailSeen || len(got.FailLine) > maxFailLine || time.Since(start) > time.Second {
		t.Fatalf("outcome %v, fail line of %d bytes after %s", got.Outcome, len(got.FailLine), time.Since(start))
	}
}

// timedReader plays a device that prints each text at its time after the
// first Read, and is quiet (a port after SetReadTimeout) in between.
type timedReader struct {
	start time.Time
	steps []timedText
	err   error // returned after the last step, if set
}

type timedText struct {
	at   time.Duration
	text string
}

func (r *timedReader) Read(p []byte) (int, error) {
	if r.start.IsZero() {
		r.start = time.Now()
	}
	if len(r.steps) == 0 && r.err != nil {
		return 0, r.err
	}
	if len(r.steps) > 0 && time.Since(r.start) >= r.steps[0].at {
		n := copy(p, r.steps[0].text)
		r.steps = r.steps[1:]
		return n, nil
	}
	time.Sleep(2 * time.Millisecond)
	return 0, nil
}

// A panic shortly after the last expected text fails the run: the settle
// window keeps watching for fail texts.
func TestWatchSettleWindow(t *testing.T) {
	greetingThenPanic := []timedText{{0, "boot\r\nHello\r\n"}, {500 * time.Millisecond, "\x1b[31mpanicked\x1b[0m at src/main.rs:9:5\r\n"}}
	tests := []struct {
		name    string
		steps   []timedText
		err     error
		settle  time.Duration
		want    Outcome
		minTime time.Duration // the watch lasts at least this long
		maxTime time.Duration
	}{
		// Upper bounds leave room for a loaded machine; the outcomes are what the
		// windows decide.
		{"panic within the window", greetingThenPanic, nil, time.Second, OutcomeFailSeen, 500 * time.Millisecond, 2 * time.Second},
		{"panic after the window", greetingThenPanic, nil, 200 * time.Millisecond, OutcomePassed, 200 * time.Millisecond, 2 * time.Second},
		{"no window", greetingThenPanic, nil, 0, OutcomePassed, 0, 2 * time.Second},
		{"quiet window", greetingThenPanic[:1], nil, 300 * time.Millisecond, OutcomePassed, 300 * time.Millisecond, 2 * time.Second},
		{"output ends in the window", greetingThenPanic[:1], io.EOF, 5 * time.Second, OutcomePassed, 0, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &timedReader{steps: tt.steps, err: tt.err}
			opts := WatchOptions{Expect: []string{"boot", "Hello"}, Fail: []string{"panicked at"}, Timeout: 5 * time.Second, Settle: tt.settle}
			got := Watch(context.Background(), r, opts, nil)
			if got.Outcome != tt.want {
				t.Fatalf("outcome %v, want %v (%v)", got.Outcome, tt.want, got.Err)
			}
			if got.Elapsed < tt.minTime || got.Elapsed > tt.maxTime {
				t.Errorf("watched for %s, want between %s and %s", got.Elapsed, tt.minTime, tt.maxTime)
			}
			if len(got.Seen) != 2 || len(got.Missing) != 0 {
				t.Errorf("seen %q, missing %q", got.Seen, got.Missing)
			}
			if tt.want == OutcomeFailSeen && got.FailLine != "panicked at src/main.rs:9:5" {
				t.Errorf("fail line %q", got.FailLine)
			}
		})
	}
}

// The deadline (the run's cap) ends the wait before the timeout, and the
// settle window with it.
func TestWatchDeadline(t *testing.T) {
	start := time.Now()
	got := Watch(context.Background(), &chunkReader{}, WatchOptions{Expect: []string{"Hello"}, Timeout: time.Minute, Deadline: start.Add(150 * time.Millisecond)}, nil)
	if got.Outcome != OutcomeExpectNotSeen || time.Since(start) > time.Second || !strings.Contains(got.Err.Error(), "when the run-timeout passed") {
		t.Fatalf("outcome %v after %s: %v", got.Outcome, time.Since(start), got.Err)
	}
	start = time.Now()
	r := &chunkReader{chunks: []string{"Hello\r\n"}}
	got = Watch(context.Background(), r, WatchOptions{Expect: []string{"Hello"}, Timeout: time.Minute, Settle: time.Minute, Deadline: start.Add(150 * time.Millisecond)}, nil)
	if got.Outcome != OutcomePassed || time.Since(start) > time.Second {
		t.Fatalf("settle window past the deadline: outcome %v after %s: %v", got.Outcome, time.Since(start), got.Err)
	}
}

// With only fail texts, the port is watched for the whole timeout.
func TestWatchOnlyFailTexts(t *testing.T) {
	r := &timedReader{steps: []timedText{{0, "boot\r\n"}, {150 * time.Millisecond, "panicked at x\r\n"}}}
	got := Watch(context.Background(), r, WatchOptions{Fail: []string{"panicked at"}, Timeout: time.Second}, nil)
	if got.Outcome != OutcomeFailSeen {
		t.Fatalf("outcome %v: %v", got.Outcome, got.Err)
	}
}
