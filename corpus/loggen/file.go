package loggen

import (
	"io"
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
	st, err := WriteFile(path, int64(mb)<<20, 1, Options{})
	return path, st, err
}

// WriteFile writes GenerateWith's log of about size bytes to the file at path.
func WriteFile(path string, size int64, seed uint64, opts Options) (Stats, error) {
	var st Stats
	err := writeFile(path, func(w io.Writer) (err error) {
		st, err = GenerateWith(w, size, seed, opts)
		return err
	})
	return st, err
}

// WriteDiagnosticsFile writes GenerateDiagnostics' log of n diagnostics to the file at path
// and returns the bytes written.
func WriteDiagnosticsFile(path string, n int) (int64, error) {
	var size int64
	err := writeFile(path, func(w io.Writer) (err error) {
		size, err = GenerateDiagnostics(w, n)
		return err
	})
	return size, err
}

func writeFile(path string, generate func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = generate(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
