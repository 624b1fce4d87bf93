package logread

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func FuzzLines(f *testing.F) {
	files, _ := filepath.Glob("../../corpus/*/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\x1b[31m\x1b]8;;x\x07a\r\n@nix {\"action\":\"msg\"}\n---\nk: v\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := NewSource("fuzz", io.NopCloser(bytes.NewReader(data)))
		if err != nil {
			return
		}
		l := NewLines(src)
		last := 0
		for l.Next() {
			line := l.Line()
			if !utf8.ValidString(line.Text) {
				t.Fatalf("line %d is not valid UTF-8", line.N)
			}
			if line.N <= last {
				t.Fatalf("line numbers not increasing: %d after %d", line.N, last)
			}
			last = line.N
		}
	})
}
