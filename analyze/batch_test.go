package analyze

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

// interleavedLinkFailure is two nix build -L derivations: pkg-a's linking failure is
// interrupted by 20 lines of pkg-b, then continues, after filler lines of pkg-b.
func interleavedLinkFailure(filler int) string {
	var b strings.Builder
	for i := 0; i < filler; i++ {
		fmt.Fprintf(&b, "pkg-b>    Compiling filler%d v0.1.0\n", i)
	}
	b.WriteString("pkg-a> error: linking with `cc` failed: exit status: 1\n")
	b.WriteString("pkg-a>   |\n")
	b.WriteString("pkg-a>   = note: \"cc\" \"-m64\" \"-o\" \"fw\"\n")
	b.WriteString("pkg-a>   = note: /usr/bin/ld: cannot find -lfoo\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "pkg-b>    Compiling other%d v0.1.0\n", i)
	}
	b.WriteString("pkg-a>           collect2: error: ld returned 1 exit status\n")
	b.WriteString("pkg-a>\n")
	b.WriteString("pkg-a> error: could not compile `fw` (bin \"fw\") due to 1 previous error\n")
	return b.String()
}

// A batch boundary inside a diagnostic of one derivation, while another derivation's lines
// are current, does not cut the diagnostic (review-structure.md, "Defects found").
func TestInterleavedDiagnosticAcrossBatchBoundary(t *testing.T) {
	want := []string{"/usr/bin/ld: cannot find -lfoo", "collect2: error: ld returned 1 exit status"}
	for _, filler := range []int{100, 2030, 2040} {
		l := readString(t, interleavedLinkFailure(filler))
		var link *Diagnostic
		for _, d := range l.Diagnostics {
			if d.Kind == DiagLinkFailed {
				link = d
			}
		}
		if link == nil {
			t.Fatalf("filler %d: no linking failure in %d diagnostics", filler, len(l.Diagnostics))
		}
		if !reflect.DeepEqual(link.Notes, want) {
			t.Errorf("filler %d: linker stderr %q, want %q", filler, link.Notes, want)
		}
	}
}

// recordStream reads a log with a batch size and returns every record as JSON, in order.
func recordStream(t *testing.T, name string, data []byte, batch int) []string {
	t.Helper()
	src, err := logread.NewSource(name, io.NopCloser(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	if _, err := Scan(src, Options{Workers: 2, batchLines: batch}, func(r Record) {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%T %s", r, b))
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// normalisedLines returns a log's lines as the reader gives them (prefixes and colour gone).
func normalisedLines(t *testing.T, name string, data []byte) []string {
	t.Helper()
	src, err := logread.NewSource(name, io.NopCloser(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rd := logread.NewLines(src); rd.Next(); {
		out = append(out, rd.Line().Text)
	}
	return out
}

// interleave writes two logs as nix build -L writes two parallel builds: runs of lines of
// each, prefixed with its derivation.
func interleave(a, b []string, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	var out bytes.Buffer
	for len(a) > 0 || len(b) > 0 {
		n := 1 + r.IntN(40)
		if len(b) == 0 || len(a) > 0 && r.IntN(2) == 0 {
			n = min(n, len(a))
			for _, l := range a[:n] {
				fmt.Fprintf(&out, "pkg-a> %s\n", l)
			}
			a = a[n:]
		} else {
			n = min(n, len(b))
			for _, l := range b[:n] {
				fmt.Fprintf(&out, "pkg-b> %s\n", l)
			}
			b = b[n:]
		}
	}
	return out.Bytes()
}

// Records never depend on where batches end: every corpus log, interleavings of two of them
// and the batch-boundary reproduction read the same with batches of 1, 7, 64 and 2048 lines.
func TestRecordsIndependentOfBatchSize(t *testing.T) {
	files, err := corpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		name string
		data []byte
	}
	var logs, inputs []input
	for _, p := range files {
		if base := filepath.Base(p); base == "EXPECTED.md" || base == "expected.tsv" || base == "README.md" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		logs = append(logs, input{filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p), data})
	}
	if len(logs) < 40 {
		t.Fatalf("%d corpus logs", len(logs))
	}
	inputs = append(inputs, logs...)
	for i := range logs {
		a, b := logs[i], logs[(i+7)%len(logs)]
		inputs = append(inputs, input{"interleaved " + a.name + " + " + b.name,
			interleave(normalisedLines(t, a.name, a.data), normalisedLines(t, b.name, b.data), uint64(i))})
	}
	for _, filler := range []int{100, 2030, 2040, 2047, 2048} {
		inputs = append(inputs, input{fmt.Sprintf("reproduction, %d filler lines", filler), []byte(interleavedLinkFailure(filler))})
	}
	for _, in := range inputs {
		want := recordStream(t, in.name, in.data, 2048)
		if len(want) == 0 && !strings.HasPrefix(in.name, "interleaved") {
			t.Errorf("%s: no records", in.name)
		}
		for _, batch := range []int{1, 7, 64} {
			if got := recordStream(t, in.name, in.data, batch); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: batches of %d lines read %d records, batches of 2048 %d; first difference:\n%s", in.name, batch, len(got), len(want), firstDifference(got, want))
			}
		}
	}
}

func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("record %d\n got %.300s\nwant %.300s", i, g, w)
		}
	}
	return ""
}
