package analyze

import (
	"io"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

func readString(t *testing.T, s string) *Log {
	t.Helper()
	src, err := logread.NewSource("test", io.NopCloser(strings.NewReader(s)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}
