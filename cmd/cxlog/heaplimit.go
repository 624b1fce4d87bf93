package main

import (
	"os"
	"runtime/debug"
)

// minLimitedInput is the least input limitHeap limits: a smaller comparison holds far less than
// the limit, which would never bind.
const minLimitedInput = 64 << 20

// limitHeap sets a soft limit on the heap for the comparison of logs of that many bytes, unless
// GOMEMLIMIT sets one, and returns the function that restores the previous limit. Left to
// itself the collector lets the heap grow to twice what it holds before it runs; a diff of two
// 200 MB logs whose every crate differs holds about 150 MB. The limit is 256 MiB or 0.6 times
// the input, whichever is more, so that a larger comparison still has room above what it holds
// (at most 0.4 times its input) and the collector never runs without a pause.
func limitHeap(inputBytes int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || inputBytes < minLimitedInput {
		return func() {}
	}
	limit := max(256<<20, inputBytes/5*3)
	previous := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(previous) }
}

// fileBytes is the size of the files at paths, 0 for what is not a regular file (stdin, a
// bundle directory counts as nothing).
func fileBytes(paths ...string) int64 {
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
	}
	return n
}
