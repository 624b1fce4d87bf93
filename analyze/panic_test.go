package analyze

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

// A panic on a worker goroutine comes back to the caller as a *PanicError, not a crash.
func TestPipelineWorkerPanicIsReturned(t *testing.T) {
	log := strings.Repeat("     Running `rustc --crate-name a --edition=2021 src/lib.rs --crate-type lib`\n", 5000)
	src, err := logread.NewSource("panics.log", io.NopCloser(strings.NewReader(log)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ScanRendered(src, Options{Workers: 2}, func(dst []byte, r Record) []byte {
		panic("boom in a worker")
	}, func([]byte) {})
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "boom in a worker" || len(pe.Stack) == 0 {
		t.Fatalf("err = %v, want the worker's panic", err)
	}
}
