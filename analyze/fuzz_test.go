package analyze

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

// FuzzScan runs arbitrary input through the whole reader: lines, scanner, grammar, records.
// It must never panic, and every record must point at lines of the input.
func FuzzScan(f *testing.F) {
	files, _ := corpusFiles()
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := logread.NewSource("fuzz", io.NopCloser(bytes.NewReader(data)))
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		_, err = Scan(src, Options{Workers: 2}, func(r Record) {
			var s Span
			switch r := r.(type) {
			case *Invocation:
				s = r.Span
			case *LinkerCommand:
				s = r.Span
			case *Diagnostic:
				s = r.Span
			case *CargoCommand:
				s = r.Span
			case *NixTrace:
				s = r.Span
			default:
				return
			}
			if s.Start < 1 || s.End < s.Start || s.End > lines {
				t.Fatalf("record span %d-%d outside the input's %d lines", s.Start, s.End, lines)
			}
		})
		if err != nil {
			t.Fatalf("reading from memory failed: %v", err)
		}
	})
}
