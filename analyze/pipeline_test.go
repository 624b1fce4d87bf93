package analyze

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

// failingReader returns its text, then err instead of io.EOF: a disk or a decompressor failing
// in the middle of a log.
type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		err = f.err
	}
	return n, err
}

// A read error in the middle of a log reaches the caller, after every record read before it,
// in log order, across several batches and workers.
func TestScanReadErrorMidStream(t *testing.T) {
	var b strings.Builder
	const n = 3*batchLines + 17
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "     Running `rustc --crate-name c%d --crate-type lib src/lib.rs`\n", i)
	}
	b.WriteString("error: linking with `cc` failed: exit status: 1\n  |\n  = note: \"cc\" \"-m64\"") // cut mid-line
	boom := errors.New("boom")
	src, err := logread.NewSource("x.log", io.NopCloser(&failingReader{strings.NewReader(b.String()), boom}))
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	lines, err := Scan(src, Options{Workers: 3}, func(r Record) {
		if inv, ok := r.(*Invocation); ok {
			if inv.CrateName != fmt.Sprintf("c%d", next) {
				t.Fatalf("invocation %s out of order, want c%d", inv.CrateName, next)
			}
			next++
		}
	})
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "x.log: ") {
		t.Fatalf("err = %v", err)
	}
	if next != n || lines != n+3 {
		t.Errorf("%d invocations, %d lines before the error", next, lines)
	}
}

// OnEnd comes once, after OnLine has seen every line and before the records of the last batch
// are emitted, so that a caller may act on the lines while their commands are parsed.
func TestScanOnEndFollowsTheLastLine(t *testing.T) {
	var b strings.Builder
	const n = batchLines + 5
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "     Running `rustc --crate-name c%d --crate-type lib src/lib.rs`\n", i)
	}
	src, err := logread.NewSource("x.log", io.NopCloser(strings.NewReader(b.String())))
	if err != nil {
		t.Fatal(err)
	}
	var ends atomic.Int32 // OnEnd runs on the reading goroutine, records are emitted on this one
	seen, emitted, emittedAtEnd := 0, 0, -1
	_, err = Scan(src, Options{
		Workers: 2,
		OnLine:  func(logread.Line) { seen++ },
		OnEnd: func() {
			ends.Add(1)
			if seen != n {
				t.Errorf("OnEnd after %d of %d lines", seen, n)
			}
		},
	}, func(Record) {
		if ends.Load() > 0 && emittedAtEnd < 0 {
			emittedAtEnd = emitted
		}
		emitted++
	})
	if err != nil {
		t.Fatal(err)
	}
	if ends.Load() != 1 || emitted != n {
		t.Fatalf("OnEnd called %d times, %d records emitted", ends.Load(), emitted)
	}
	if emittedAtEnd == n {
		t.Errorf("OnEnd came after every record was emitted")
	}
}

// Prepare may run while a log is read, as explain runs it: the records are the same.
func TestPrepareWhileReading(t *testing.T) {
	const log = "error: linking with `cc` failed: exit status: 1\n  |\n  = note: \"cc\" \"-m64\" \"main.o\" \"-o\" \"main\"\n  = note: /usr/bin/ld: cannot find -lgcc_s\n\nerror: could not compile `app` (bin \"app\") due to 1 previous error\n"
	read := func() []string {
		src, err := logread.NewSource("x.log", io.NopCloser(strings.NewReader(log)))
		if err != nil {
			t.Fatal(err)
		}
		var recs []string
		if _, err := Scan(src, Options{Workers: 2}, func(r Record) {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, string(b))
		}); err != nil {
			t.Fatal(err)
		}
		return recs
	}
	done := make(chan struct{})
	go func() { Prepare(); close(done) }()
	during := read()
	<-done
	after := read()
	if len(during) == 0 || strings.Join(during, "\n") != strings.Join(after, "\n") {
		t.Fatalf("records read while preparing:\n%s\nafter:\n%s", strings.Join(during, "\n"), strings.Join(after, "\n"))
	}
}
