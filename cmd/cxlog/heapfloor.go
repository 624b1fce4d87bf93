package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// explainHeapFloor is the heap explain grows to before the collector runs (parse has its own,
// parse.go).
const explainHeapFloor = 100 << 20

// heapFloorGC lets the collector run less often while a command streams a log whose live heap
// is small: the heap grows to floor before a collection, as under a soft memory limit. Once the
// live heap passes half of floor (a log of thousands of distinct crates, every one kept), the
// collector is left to its defaults, which then collect less often than the limit would. GOGC
// or GOMEMLIMIT in the environment win. It returns the restore.
func heapFloorGC(floor int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	f := &heapFloor{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	f.percent, f.limit = debug.SetGCPercent(400), debug.SetMemoryLimit(floor)
	f.arm()
	return f.restore
}

type heapFloor struct {
	floor int64
	// the settings to restore
	percent int
	limit   int64
	sample  []metrics.Sample
	mu      sync.Mutex
	done    bool // restored
}

// gcSentinel is garbage from its allocation on: its cleanup runs after the next collection.
type gcSentinel struct{ _ [64]byte }

func (f *heapFloor) arm() {
	runtime.AddCleanup(new(gcSentinel), func(f *heapFloor) { f.collected() }, f)
}

// collected looks at the live heap after a collection.
func (f *heapFloor) collected() {
	metrics.Read(f.sample)
	if f.sample[0].Value.Kind() == metrics.KindUint64 && 2*int64(f.sample[0].Value.Uint64()) > f.floor {
		f.restore()
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.done {
		f.arm()
	}
}

func (f *heapFloor) restore() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.done {
		f.done = true
		debug.SetGCPercent(f.percent)
		debug.SetMemoryLimit(f.limit)
	}
}
