package analyze

import (
	"errors"
	"fmt"
	"io"
	"strings"
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
