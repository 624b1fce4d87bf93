package loggen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The file holds the same log GenerateWith writes to memory, and Stats counts its bytes.
func TestWriteFileHoldsGeneratedLog(t *testing.T) {
	opts := Options{Target: "thumbv7em-none-eabihf", DistinctCrates: true}
	var want bytes.Buffer
	if _, err := GenerateWith(&want, 64<<10, 3, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.log")
	st, err := WriteFile(path, 64<<10, 3, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) || st.Bytes != int64(len(got)) {
		t.Errorf("file holds %d bytes (Stats says %d), GenerateWith wrote %d", len(got), st.Bytes, want.Len())
	}
}

func TestWriteDiagnosticsFileCountsBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.log")
	size, err := WriteDiagnosticsFile(path, 50)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != size || size == 0 {
		t.Errorf("wrote %d bytes, file: %v %v", size, fi, err)
	}
}

func TestWriteFileIntoMissingDirectoryFails(t *testing.T) {
	if _, err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "g.log"), 1<<10, 1, Options{}); err == nil {
		t.Error("no error for a path whose directory does not exist")
	}
}
