package main

import (
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// While a command streams, the heap may grow to the floor before a collection; once the live
// heap passes half the floor the process's own settings are back, as they are on return.
// The collector's settings and live heap are the process's: the test runs in a process of its
// own, where no earlier test's heap or goroutines are left.
func TestHeapFloorGivesWayToALargeLiveHeap(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: heapFloorGC leaves the collector alone")
	}
	if os.Getenv(heapFloorChild) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHeapFloorGivesWayToALargeLiveHeap$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), heapFloorChild+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestHeapFloorGivesWayToALargeLiveHeap") {
			t.Fatalf("in a process of its own: %v\n%s", err, out)
		}
		return
	}
	const floor = 64 << 20
	runtime.GC()
	if live := liveHeap(); 4*live > floor {
		t.Skipf("the test process already holds %d MiB", live>>20)
	}
	limitBefore, percentBefore := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
	debug.SetGCPercent(percentBefore)
	settings := func() (int64, int) {
		percent := debug.SetGCPercent(-1)
		debug.SetGCPercent(percent)
		return debug.SetMemoryLimit(-1), percent
	}

	restore := heapFloorGC(floor)
	if limit, percent := settings(); limit != floor || percent != 400 {
		t.Fatalf("limit %d MiB, GOGC %d at the start, want %d MiB and 400", limit>>20, percent, floor>>20)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if limit, _ := settings(); limit != floor {
		t.Errorf("limit %d MiB after a collection of a small heap, want the floor", limit>>20)
	}
	var live [][]byte
	for range 48 {
		live = append(live, make([]byte, 1<<20))
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if limit, _ := settings(); limit == limitBefore {
			break
		}
		runtime.GC()
	}
	runtime.KeepAlive(live)
	if limit, percent := settings(); limit != limitBefore || percent != percentBefore {
		t.Errorf("limit %d, GOGC %d with 48 MiB live, want the process's %d and %d", limit, percent, limitBefore, percentBefore)
	}
	restore()
	if limit, percent := settings(); limit != limitBefore || percent != percentBefore {
		t.Errorf("limit %d, GOGC %d after restore, want %d and %d", limit, percent, limitBefore, percentBefore)
	}
}

// restore alone brings the process's settings back.
func TestHeapFloorRestores(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: heapFloorGC leaves the collector alone")
	}
	limitBefore, percentBefore := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
	debug.SetGCPercent(percentBefore)
	heapFloorGC(1 << 30)()
	if limit, percent := debug.SetMemoryLimit(-1), debug.SetGCPercent(percentBefore); limit != limitBefore || percent != percentBefore {
		t.Errorf("limit %d, GOGC %d after restore, want %d and %d", limit, percent, limitBefore, percentBefore)
	}
}

const heapFloorChild = "CXLOG_TEST_HEAPFLOOR_CHILD"

func liveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return int64(sample[0].Value.Uint64())
}
