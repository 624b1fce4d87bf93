package report

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus/loggen"
	"github.com/cxlog/cxlog/grammar/logread"
)

// The text summary of a log whose every Running line builds another crate holds the crates'
// names, not their lines: its heap stays a small part of the log.
func TestParseSummaryKeepsNamesNotLines(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 16 MiB log")
	}
	path := filepath.Join(t.TempDir(), "distinct.log")
	st, err := loggen.WriteFile(path, 16<<20, 5, loggen.Options{Target: loggen.DefaultTarget, DistinctCrates: true})
	if err != nil {
		t.Fatal(err)
	}
	size := st.Bytes
	before := heapInUse()
	src, err := logread.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	sum := newParseSummary()
	if _, err := analyze.Scan(src, analyze.Options{Workers: 2}, sum.add); err != nil {
		t.Fatal(err)
	}
	held := heapInUse() - before
	if int64(len(sum.crates)) < st.Running/2 {
		t.Fatalf("summary counts %d crates of %d Running lines: the log is not the shape this test needs", len(sum.crates), st.Running)
	}
	if held > size/8 {
		t.Errorf("summary of %d crates holds %d KiB of heap after a %d KiB log (at most %d KiB): it keeps the lines", len(sum.crates), held>>10, size>>10, size>>13)
	}
	runtime.KeepAlive(sum)
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
