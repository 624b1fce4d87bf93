package knowledge

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func openTestIndex(t testing.TB, base *Base, cacheDir string) *Index {
	t.Helper()
	index, err := OpenIndex(base, cacheDir)
	if err != nil {
		t.Fatalf("OpenIndex: %v", err)
	}
	t.Cleanup(func() { index.Close() })
	return index
}

func searchIDs(t testing.TB, index *Index, query string, opt SearchOptions) []string {
	t.Helper()
	hits, err := index.Search(query, opt)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	var ids []string
	for _, hit := range hits {
		ids = append(ids, hit.Entry.ID)
	}
	return ids
}

func TestSearchFindsEntryFromNoisyLine(t *testing.T) {
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), "")
	tests := []struct{ query, want string }{
		{"  = note: /nix/store/q8m3v0k2zd1rj5w7yb6c4x9p1n0h2g3f-x86_64-unknown-linux-gnu-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option ‘-flavor’; did you mean ‘-mavx’?",
			"gcc-wrapper-receives-flavor"},
		{"error: linker `rust-lld` not found\n  |\n  = note: No such file or directory (os error 2)", "rust-lld-not-found"},
		{"/home/carol/.rustup/toolchains/stable/bin/../lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld/ld.lld: error: section '.bss' will not fit in region 'RAM': overflowed by 65536 bytes",
			"region-ram-overflowed"},
	}
	for _, test := range tests {
		ids := searchIDs(t, index, test.query, SearchOptions{})
		if len(ids) == 0 || ids[0] != test.want {
			t.Errorf("Search(%q) = %v, want %s first", test.query, ids, test.want)
		}
	}
}

func TestSearchFilters(t *testing.T) {
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), "")
	const query = "linker rust-lld gcc flavor region RAM overflowed"
	tests := []struct {
		name string
		opt  SearchOptions
		want string
	}{
		{"none", SearchOptions{}, "gcc-wrapper-receives-flavor region-ram-overflowed rust-lld-not-found"},
		{"class", SearchOptions{Class: "linker-not-found"}, "rust-lld-not-found"},
		{"riscv target", SearchOptions{Target: "riscv32imc-unknown-none-elf"}, "gcc-wrapper-receives-flavor region-ram-overflowed"},
		{"thumb target", SearchOptions{Target: "thumbv7em-none-eabihf"}, "region-ram-overflowed rust-lld-not-found"},
		{"class and target", SearchOptions{Class: "linker-not-found", Target: "riscv32imc-unknown-none-elf"}, ""},
		{"limit", SearchOptions{Limit: 1, Target: "thumbv7em-none-eabihf"}, "1 hit"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			ids := searchIDs(t, index, query, test.opt)
			got := sortedJoin(ids)
			if test.opt.Limit == 1 && len(ids) == 1 {
				got = "1 hit"
			}
			if got != test.want {
				t.Errorf("ids = %q, want %q", got, test.want)
			}
		})
	}
}

func sortedJoin(ids []string) string {
	return strings.Join(slices.Sorted(slices.Values(ids)), " ")
}

func TestSearchRejectsUnknownClass(t *testing.T) {
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), "")
	if _, err := index.Search("linker", SearchOptions{Class: "linker-trouble"}); err == nil {
		t.Error("no error for an unknown class")
	}
}

func TestSearchHighlights(t *testing.T) {
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), "")
	hits, err := index.Search("unrecognized -flavor", SearchOptions{Highlight: true, Limit: 1})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	fragments := hits[0].Fragments[fieldSymptoms]
	if len(fragments) == 0 || !strings.Contains(fragments[0], HighlightStart+"flavor"+HighlightEnd) {
		t.Errorf("symptoms fragments = %q, want the matched term marked", fragments)
	}
	plain, _ := index.Search("unrecognized -flavor", SearchOptions{Limit: 1})
	if plain[0].Fragments != nil {
		t.Errorf("fragments without Highlight: %v", plain[0].Fragments)
	}
}

func TestOpenIndexReusesCache(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	cacheDir := t.TempDir()
	first := openTestIndex(t, base, cacheDir)
	if first.Cached() {
		t.Error("first open claims a cached index")
	}
	if want := filepath.Join(cacheDir, base.Hash()[:16]); first.Dir() != want {
		t.Errorf("dir = %q, want %q", first.Dir(), want)
	}
	first.Close()
	second := openTestIndex(t, base, cacheDir)
	if !second.Cached() {
		t.Error("second open rebuilt the index")
	}
	if ids := searchIDs(t, second, "rust-lld not found", SearchOptions{Limit: 1}); len(ids) != 1 || ids[0] != "rust-lld-not-found" {
		t.Errorf("cached index finds %v", ids)
	}
	leftovers, _ := filepath.Glob(filepath.Join(cacheDir, buildingPrefix+"*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary build directories left: %v", leftovers)
	}
}

func TestOpenIndexRebuildsBrokenCache(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	other := loadTestBase(t, "testdata/override")
	tests := []struct {
		name  string
		spoil func(t *testing.T, dir string)
	}{
		{"garbage in every file", func(t *testing.T, dir string) {
			overwriteFiles(t, dir, []byte("not an index\x00\xff"))
		}},
		{"empty files", func(t *testing.T, dir string) {
			overwriteFiles(t, dir, nil)
		}},
		{"directory without index", func(t *testing.T, dir string) {
			removeAll(t, filepath.Join(dir, bleveDirName))
		}},
		{"index of another base", func(t *testing.T, dir string) {
			removeAll(t, dir)
			otherIndex, err := OpenIndex(other, filepath.Dir(dir))
			if err != nil {
				t.Fatal(err)
			}
			otherIndex.Close()
			if err := os.Rename(otherIndex.Dir(), dir); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			cacheDir := t.TempDir()
			built, err := OpenIndex(base, cacheDir)
			if err != nil {
				t.Fatal(err)
			}
			built.Close()
			test.spoil(t, built.Dir())
			rebuilt := openTestIndex(t, base, cacheDir)
			if rebuilt.Cached() || rebuilt.Dir() != built.Dir() {
				t.Errorf("cached %v, dir %q: want a rebuild in %q", rebuilt.Cached(), rebuilt.Dir(), built.Dir())
			}
			if ids := searchIDs(t, rebuilt, "region RAM overflowed", SearchOptions{Limit: 1}); len(ids) != 1 || ids[0] != "region-ram-overflowed" {
				t.Errorf("rebuilt index finds %v", ids)
			}
		})
	}
}

func overwriteFiles(t *testing.T, dir string, data []byte) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func removeAll(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
}

func TestOpenIndexWithoutWritableCacheBuildsInMemory(t *testing.T) {
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	index := openTestIndex(t, loadTestBase(t, "testdata/good"), notADir)
	if index.Dir() != "" || index.Cached() {
		t.Errorf("dir %q, cached %v: want an index in memory", index.Dir(), index.Cached())
	}
	if ids := searchIDs(t, index, "linker rust-lld", SearchOptions{Limit: 1}); len(ids) != 1 {
		t.Errorf("in-memory index finds %v", ids)
	}
}

func TestOpenIndexConcurrently(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	cacheDir := t.TempDir()
	const openers = 4
	errs := make(chan error, openers)
	for range openers {
		go func() {
			index, err := OpenIndex(base, cacheDir)
			if err == nil {
				if index.Dir() == "" {
					t.Error("an opener fell back to memory")
				}
				_, err = index.Search("flavor", SearchOptions{})
				index.Close()
			}
			errs <- err
		}()
	}
	for range openers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestSearchFindsBuiltinEntriesFromTheirExamples searches each built-in entry's first example
// line, with a store path, a home directory and a crate hash around it, and wants the entry
// among the first three hits (entries about related failures may share words).
func TestSearchFindsBuiltinEntriesFromTheirExamples(t *testing.T) {
	base := builtinBase(t)
	index := openTestIndex(t, base, "")
	const wantRank = 3
	for _, entry := range base.Entries {
		if len(entry.Examples.Match) == 0 {
			continue // TestBuiltinEntries reports it
		}
		line := "/nix/store/q8m3v0k2zd1rj5w7yb6c4x9p1n0h2g3f-rustc-1.80.0/bin/rustc: " +
			entry.Examples.Match[0] + " (/home/erin/fw/target/deps/fw-0123456789abcdef)"
		ids := searchIDs(t, index, line, SearchOptions{Limit: wantRank})
		if !slices.Contains(ids, entry.ID) {
			t.Errorf("%s: not among the first %d hits %v for its example %q", entry.Origin, wantRank, ids, entry.Examples.Match[0])
		}
	}
}
