package loggen

import (
	"os"
	"path/filepath"
	"strconv"
)

// GenerateFile writes a generated log of CXLOG_BENCH_MB megabytes (defaultMB when unset) to
// big.log in dir, for benchmarks, and returns its path and what it holds.
func GenerateFile(dir string, defaultMB int) (string, Stats, error) {
	mb, _ := strconv.Atoi(os.Getenv("CXLOG_BENCH_MB"))
	if mb <= 0 {
		mb = defaultMB
	}
	path := filepath.Join(dir, "big.log")
	f, err := os.Create(path)
	if err != nil {
		return "", Stats{}, err
	}
	st, err := Generate(f, int64(mb)<<20, 1)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return path, st, err
}
