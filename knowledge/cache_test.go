package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// sameBase fails unless got holds what want does, entry by entry: every field, the symptoms'
// literals and regexes, the origins and the hash.
func sameBase(t *testing.T, got, want *Base) {
	t.Helper()
	if got.Hash() != want.Hash() || len(got.Entries) != len(want.Entries) {
		t.Fatalf("hash %s, %d entries; want %s, %d", got.Hash(), len(got.Entries), want.Hash(), len(want.Entries))
	}
	for i, wantEntry := range want.Entries {
		gotCopy, wantCopy := *got.Entries[i], *wantEntry
		gotCopy.Symptoms, wantCopy.Symptoms = nil, nil
		gotCopy.raw, wantCopy.raw = nil, nil
		if !reflect.DeepEqual(gotCopy, wantCopy) {
			t.Fatalf("entry %s:\n got %+v\nwant %+v", wantEntry.ID, gotCopy, wantCopy)
		}
		for j, wantSymptom := range wantEntry.Symptoms {
			gotSymptom := got.Entries[i].Symptoms[j]
			if gotSymptom.String() != wantSymptom.String() || gotSymptom.Weight != wantSymptom.Weight ||
				!reflect.DeepEqual(gotSymptom.required, wantSymptom.required) ||
				regexString(gotSymptom) != regexString(wantSymptom) {
				t.Fatalf("entry %s symptom %d: got %+v, want %+v", wantEntry.ID, j+1, gotSymptom, wantSymptom)
			}
		}
	}
	if !reflect.DeepEqual(got.prefilter, want.prefilter) {
		t.Fatal("the pre-filters differ")
	}
}

func regexString(s Symptom) string {
	if re := s.compiled.get(); re != nil {
		return re.String()
	}
	return ""
}

func compiledFile(t *testing.T, cacheDir string, b *Base) string {
	t.Helper()
	path := compiledPath(cacheDir, b.Hash())
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no compiled base in the cache: %v", err)
	}
	return path
}

// fromCache reports whether LoadCached would read this base from cacheDir rather than decode
// its files.
func fromCache(t *testing.T, builtin fs.FS, cacheDir string, userDirs ...string) bool {
	t.Helper()
	files, ok := readSources(builtin, userDirs)
	if !ok {
		t.Fatal("readSources gave up on good sources")
	}
	hash, ok := files.hash()
	if !ok {
		t.Fatal("hash gave up on good sources")
	}
	return loadCompiled(files, hash, cacheDir) != nil
}

func TestLoadCachedGivesWhatLoadGives(t *testing.T) {
	want, err := Load(Builtin(), "testdata/override")
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	if fromCache(t, Builtin(), cacheDir, "testdata/override") {
		t.Fatal("an empty cache gave a base")
	}
	cold, err := LoadCached(Builtin(), cacheDir, "testdata/override")
	if err != nil {
		t.Fatal(err)
	}
	sameBase(t, cold, want)
	compiledFile(t, cacheDir, want)
	if !fromCache(t, Builtin(), cacheDir, "testdata/override") {
		t.Fatal("the cache written by a cold load is not used")
	}
	warm, err := LoadCached(Builtin(), cacheDir, "testdata/override")
	if err != nil {
		t.Fatal(err)
	}
	sameBase(t, warm, want)
	if origin := warm.ByID("rust-lld-not-found").Origin; origin != filepath.Join("testdata", "override", "rust-lld-not-found.md") {
		t.Errorf("the user's entry comes from %s", origin)
	}
	for _, line := range corpusLines(t)[:3000] {
		for i, entry := range warm.Entries {
			gotSymptom, gotOK := entry.Match(line.Text)
			wantSymptom, wantOK := want.Entries[i].Match(line.Text)
			if gotOK != wantOK || gotSymptom.String() != wantSymptom.String() {
				t.Fatalf("%s on %q: warm %v %s, cold %v %s", entry.ID, line.Text, gotOK, gotSymptom, wantOK, wantSymptom)
			}
		}
	}
}

// A cache cut short, with any byte changed, from another format or of another base is never
// used, never a panic, and a load rebuilds it.
func TestLoadCachedRebuildsBadCache(t *testing.T) {
	good := os.DirFS("testdata/good")
	want, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	if _, err := LoadCached(good, cacheDir); err != nil {
		t.Fatal(err)
	}
	path := compiledFile(t, cacheDir, want)
	compiled, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var bad [][]byte
	for n := 0; n < len(compiled); n += 1 + n/4 {
		bad = append(bad, compiled[:n])
	}
	for i := 0; i < len(compiled); i += 1 + i/3 {
		flipped := append([]byte(nil), compiled...)
		flipped[i] ^= 0x20
		bad = append(bad, flipped)
	}
	bad = append(bad, append(append([]byte(nil), compiled...), 0))
	otherFormat := encoder{buf: []byte(compiledMagic)}
	otherFormat.uvarint(compiledFormat + 1)
	bad = append(bad, append(otherFormat.buf, compiled[len(otherFormat.buf):]...))
	other, err := Load(os.DirFS("testdata/override"))
	if err != nil {
		t.Fatal(err)
	}
	bad = append(bad, encodeCompiled(other))
	for i, data := range bad {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if fromCache(t, good, cacheDir) {
			t.Fatalf("bad cache %d (%d of %d bytes) was used", i, len(data), len(compiled))
		}
		got, err := LoadCached(good, cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		sameBase(t, got, want)
		if !fromCache(t, good, cacheDir) {
			t.Fatalf("bad cache %d was not rebuilt", i)
		}
	}
}

// userEntryDir is a user's entry directory holding testdata/override's rust-lld-not-found entry:
// the directory, the entry's path and its bytes.
func userEntryDir(t *testing.T) (dir, entryPath string, data []byte) {
	t.Helper()
	dir = t.TempDir()
	data, err := os.ReadFile("testdata/override/rust-lld-not-found.md")
	if err != nil {
		t.Fatal(err)
	}
	entryPath = filepath.Join(dir, "rust-lld-not-found.md")
	if err := os.WriteFile(entryPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, entryPath, data
}

// A changed entry file is a new base: its cache is another file, and the old one is not used.
func TestLoadCachedSeesChangedEntry(t *testing.T) {
	dir, entryPath, data := userEntryDir(t)
	cacheDir := t.TempDir()
	before, err := LoadCached(Builtin(), cacheDir, dir)
	if err != nil {
		t.Fatal(err)
	}
	changed := append(data[:len(data):len(data)], "\nA line more in the body.\n"...)
	if err := os.WriteFile(entryPath, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if fromCache(t, Builtin(), cacheDir, dir) {
		t.Fatal("the cache of the entry before its change was used")
	}
	after, err := LoadCached(Builtin(), cacheDir, dir)
	if err != nil {
		t.Fatal(err)
	}
	if after.Hash() == before.Hash() || after.ByID("rust-lld-not-found").Body == before.ByID("rust-lld-not-found").Body {
		t.Fatal("the changed entry was not read")
	}
	// A broken entry is reported as Load reports it, whatever the cache holds.
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte("no front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, wantErr := Load(Builtin(), dir)
	if _, err := LoadCached(Builtin(), cacheDir, dir); err == nil || wantErr == nil || err.Error() != wantErr.Error() {
		t.Fatalf("LoadCached error %v, Load error %v", err, wantErr)
	}
}

// compiledPins is the SHA-256 of the compiled form of testdata/good and of the literals found
// in pinnedRegexes, for each compiledFormat. If this test fails, what a compiled base holds has
// changed: bump compiledFormat, so that caches written before are rebuilt, and pin the new hash.
var compiledPins = map[int]string{
	3: "ce89a95aa49489c41c825252215ce09b8d4c0c07465f7bf217431767728b85da",
	4: "886c1144639d19ddde4c408b1a00f536307f8d24622d31fd6021c002efac5879",
	5: "ec99aa1a495c7350fb362092960a1c253ce02e2ed7cc29ea5ff10f20add642ef",
	6: "85446a723caf4f9096a8fa47e5af5b4bca96d917e475a630c80062f8abbb4778",
	7: "8c88214c3ef687e010e28c06077f71b6774808018498193716fd8f4f3b70aad8",
}

// pinnedRegexes are shapes of the built-in entries' regexes.
var pinnedRegexes = []string{
	"linker `rust-lld` not found",
	"error: linking with `[^`]*-cc` failed",
	"(?i)(?:failed to|could not|unable to|couldn't) open (?:the )?(?:serial )?port",
	"(?:^|[\\s:])(?P<program>[\\w.+-]+): (?:command )?not found\\s*$",
	"CARGO_TARGET_[A-Z0-9_]+_NONE_(ELF|EABI|EABIHF)_LINKER=\\S*(x86_64|aarch64)-unknown-linux-gnu-(cc|gcc)\\b",
	"(Error|(?i)warning): x",
	"(abcdef){2}z",
	"(?i)größe is too large",
}

func TestCompiledFormatPinned(t *testing.T) {
	pinned := encoder{buf: encodeCompiled(loadTestBase(t, "testdata/good"))}
	for _, expr := range pinnedRegexes {
		required, also := regexLiterals(symptomExpr("", expr))
		pinned.literalSet(required)
		for _, set := range also {
			pinned.literalSet(set)
		}
	}
	sum := sha256.Sum256(pinned.buf)
	if got := hex.EncodeToString(sum[:]); got != compiledPins[compiledFormat] {
		t.Fatalf("what format %d holds hashes to %s, pinned: %q", compiledFormat, got, compiledPins[compiledFormat])
	}
}

func FuzzDecodeCompiled(f *testing.F) {
	base, err := Load(nil, "testdata/good")
	if err != nil {
		f.Fatal(err)
	}
	good := encodeCompiled(base)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(compiledMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := decodeCompiled(data, base.Hash())
		if err == nil && len(entries) == 0 && len(base.Entries) > 0 {
			t.Fatal("decoded nothing without an error")
		}
	})
}

// After an index build, compiled bases of other knowledge bases unused for a month and
// temporary files left by a crash are removed; the base just used and recent ones stay.
func TestPruneCacheRemovesOldCompiledBases(t *testing.T) {
	cacheDir := t.TempDir()
	old := time.Now().Add(-2 * unusedIndexAge)
	files := map[string]bool{ // name: kept
		"0123456789abcdef.kb":  false,
		"fedcba9876543210.kb":  true, // recent
		"aaaaaaaaaaaaaaaa.kb":  true, // the one in use, however old
		buildingPrefix + "123": false,
		"notes.txt":            true,
	}
	for name := range files {
		path := filepath.Join(cacheDir, name)
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if name != "fedcba9876543210.kb" {
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	pruneCache(cacheDir, filepath.Join(cacheDir, "aaaaaaaaaaaaaaaa"))
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(cacheDir, name))
		if exists := err == nil; exists != kept {
			t.Errorf("%s: exists %v, want %v", name, exists, kept)
		}
	}
}

func TestLoadWithIndexOpensTheIndexOfTheBaseItLoads(t *testing.T) {
	dir, entryPath, data := userEntryDir(t)
	cacheDir := t.TempDir()
	load := func() (*Base, *Index) {
		t.Helper()
		b, ix, err := LoadWithIndex(Builtin(), cacheDir, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		return b, ix
	}
	_, first := load()
	if first.Cached() {
		t.Fatal("the first load claims a cached index")
	}
	first.Close()
	b, warm := load()
	if !warm.Cached() || warm.base != b {
		t.Fatalf("warm start: cached %v, index of the loaded base %v", warm.Cached(), warm.base == b)
	}
	warm.Close()
	changed := append(data[:len(data):len(data)], "\nzyxwvutsrqp appears in no other entry.\n"...)
	if err := os.WriteFile(entryPath, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	b, after := load()
	if after.Cached() || after.base != b {
		t.Fatalf("after a change: cached %v, index of the loaded base %v", after.Cached(), after.base == b)
	}
	if ids := searchIDs(t, after, "zyxwvutsrqp", SearchOptions{Limit: 1}); len(ids) != 1 || ids[0] != "rust-lld-not-found" {
		t.Fatalf("the index of the changed base finds %v", ids)
	}
}
