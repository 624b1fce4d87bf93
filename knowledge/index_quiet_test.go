package knowledge

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const quietHelperEnv = "CXLOG_TEST_OPEN_INDEX_IN"

// TestOpenIndexHelper is the process TestCorruptCacheIsRebuiltSilently watches: it opens the
// index cached in $CXLOG_TEST_OPEN_INDEX_IN and prints the top hit of a search.
func TestOpenIndexHelper(t *testing.T) {
	cacheDir := os.Getenv(quietHelperEnv)
	if cacheDir == "" {
		t.Skip("run by TestCorruptCacheIsRebuiltSilently")
	}
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), cacheDir)
	os.Stdout.WriteString("top hit: " + strings.Join(searchIDs(t, index, "region RAM overflowed", SearchOptions{Limit: 1}), ",") + "\n")
}

// A cache whose segment file is cut or spoiled is rebuilt without a word on stderr (bleve's
// storage reports such files through the standard library's logger).
func TestCorruptCacheIsRebuiltSilently(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	for name, spoil := range map[string]func(path string) error{
		"segment cut":     func(path string) error { return os.Truncate(path, 1000) },
		"segment removed": os.Remove,
	} {
		t.Run(name, func(t *testing.T) {
			cacheDir := t.TempDir()
			built, err := OpenIndex(base, cacheDir)
			if err != nil {
				t.Fatal(err)
			}
			built.Close()
			segments, _ := filepath.Glob(filepath.Join(built.Dir(), bleveDirName, "store", "*.zap"))
			if len(segments) == 0 {
				t.Fatal("no segment file in the cache")
			}
			for _, s := range segments {
				if err := spoil(s); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestOpenIndexHelper$", "-test.count=1")
			cmd.Env = append(os.Environ(), quietHelperEnv+"="+cacheDir)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("helper: %v\n%s%s", err, stdout.String(), stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr: %q", stderr.String())
			}
			if !strings.Contains(stdout.String(), "top hit: region-ram-overflowed\n") {
				t.Errorf("rebuilt index: %q", stdout.String())
			}
		})
	}
}
