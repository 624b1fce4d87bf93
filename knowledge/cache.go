package knowledge

import (
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/cespare/xxhash/v2"
)

// compiledSuffix names a compiled base in the cache directory: <first 16 hex digits of the
// base's hash>.kb, beside the index directory of the same base.
const compiledSuffix = ".kb"

// LoadCached is Load with the compiled knowledge base cached in cacheDir ("" caches nothing):
// the entry files are still read, to hash them, but not decoded when the cache holds what
// they compile to. A cache that is missing, stale, truncated or corrupt is rebuilt, never trusted.
func LoadCached(builtin fs.FS, cacheDir string, userDirs ...string) (*Base, error) {
	if cacheDir == "" {
		return Load(builtin, userDirs...)
	}
	files, hash, ok := hashSources(builtin, userDirs)
	return loadHashed(files, hash, ok, builtin, cacheDir, userDirs)
}

// LoadWithIndex is LoadCached and OpenIndex of the base it loads, in one: the cached index is
// opened while the base is decoded.
func LoadWithIndex(builtin fs.FS, cacheDir string, userDirs ...string) (*Base, *Index, error) {
	if cacheDir == "" {
		b, err := Load(builtin, userDirs...)
		if err != nil {
			return nil, nil, err
		}
		ix, err := OpenIndex(b, "")
		return b, ix, err
	}
	files, hash, ok := hashSources(builtin, userDirs)
	type stored struct {
		index bleve.Index
		err   error
	}
	var early chan stored
	if ok {
		early = make(chan stored, 1)
		go func() {
			index, err := openStored(indexDir(cacheDir, hash))
			early <- stored{index, err}
		}()
	}
	b, err := loadHashed(files, hash, ok, builtin, cacheDir, userDirs)
	if early != nil {
		if s := <-early; s.err == nil {
			if err == nil && checkIndexOf(b, s.index) == nil {
				return b, &Index{base: b, bleve: s.index, dir: indexDir(cacheDir, hash), cached: true}, nil
			}
			s.index.Close()
		}
	}
	if err != nil {
		return nil, nil, err
	}
	ix, err := OpenIndex(b, cacheDir)
	return b, ix, err
}

// hashSources lists the files Load would decode and hashes them as Base.Hash does; ok is false
// when that cannot be done as Load would (Load then runs and reports why).
func hashSources(builtin fs.FS, userDirs []string) (files sourceFiles, hash string, ok bool) {
	files, ok = readSources(builtin, userDirs)
	if ok {
		hash, ok = files.hash()
	}
	return files, hash, ok
}

// loadHashed loads the base of files, whose hash is hash, from the compiled cache, or with Load
// (and caches what it compiles).
func loadHashed(files sourceFiles, hash string, ok bool, builtin fs.FS, cacheDir string, userDirs []string) (*Base, error) {
	if ok {
		if base := loadCompiled(files, hash, cacheDir); base != nil {
			return base, nil
		}
	}
	base, err := Load(builtin, userDirs...)
	if err != nil {
		return nil, err
	}
	if ok && base.Hash() == hash {
		writeCompiled(base, cacheDir)
	}
	return base, nil
}

// entryFile is an entry file that would make an entry of the base.
type entryFile struct {
	id, origin, name string
	fsys             fs.FS
	typ              fs.FileMode // as its directory lists it
}

// sourceFiles are the entry files that make a base, sorted by id: later sources' files
// replace earlier ones', as Load's entries do.
type sourceFiles []entryFile

// readSources lists the files Load would decode. It gives up (ok false) on anything Load could
// report as an error, so that a warm start never hides one: Load then runs and reports it.
func readSources(builtin fs.FS, userDirs []string) (files sourceFiles, ok bool) {
	byID := map[string]entryFile{}
	list := func(fsys fs.FS, origin func(name string) string) bool {
		seen := map[string]bool{}
		err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !isEntryFile(d.Name()) {
				return nil
			}
			id := strings.TrimSuffix(path.Base(name), ".md")
			if seen[id] {
				return fs.ErrExist // a duplicate id: Load reports it
			}
			seen[id] = true
			byID[id] = entryFile{id: id, origin: origin(name), name: name, fsys: fsys, typ: d.Type()}
			return nil
		})
		return err == nil
	}
	if builtin != nil && !list(builtin, func(name string) string { return builtinOriginPrefix + name }) {
		return nil, false
	}
	for _, dir := range userDirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return nil, false
		}
		if !list(os.DirFS(dir), func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }) {
			return nil, false
		}
	}
	for _, file := range byID {
		files = append(files, file)
	}
	slices.SortFunc(files, func(a, b entryFile) int { return strings.Compare(a.id, b.id) })
	return files, true
}

// hash is Base.Hash of the base these files make (an entry's id is its file's name); ok is
// false if a file cannot be read as Load reads it.
func (files sourceFiles) hash() (hash string, ok bool) {
	sum := xxhash.New()
	buf := make([]byte, 32<<10)
	for _, file := range files {
		f, _, err := openEntryFile(file.fsys, file.name, file.typ)
		if err != nil {
			return "", false
		}
		n, err := writeEntryHash(sum, file.id, io.LimitReader(f, MaxEntryBytes+1), buf)
		f.Close()
		if err != nil || n > MaxEntryBytes {
			return "", false
		}
	}
	return hexSum(sum), true
}

func compiledPath(cacheDir, hash string) string {
	return filepath.Join(cacheDir, hash[:16]+compiledSuffix)
}

// loadCompiled returns the base of files, whose hash is hash, from its compiled form in
// cacheDir, or nil if there is none fit to use. Its entries keep no file bytes: those only
// hash a base, and this one's hash is known.
func loadCompiled(files sourceFiles, hash, cacheDir string) *Base {
	data, err := os.ReadFile(compiledPath(cacheDir, hash))
	if err != nil {
		return nil
	}
	entries, err := decodeCompiled(data, hash)
	if err != nil || len(entries) != len(files) {
		return nil
	}
	for i, entry := range entries {
		if entry.ID != files[i].id {
			return nil
		}
		entry.Origin = files[i].origin
	}
	return newBaseWith(entries, hash)
}

// writeCompiled stores b's compiled form in cacheDir, through a temporary file renamed into
// place so that no reader sees half of it. A cache that cannot be written is left unwritten.
func writeCompiled(b *Base, cacheDir string) {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(cacheDir, buildingPrefix+"*")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(encodeCompiled(b))
	if closeErr := tmp.Close(); err != nil || closeErr != nil {
		return
	}
	os.Rename(tmp.Name(), compiledPath(cacheDir, b.Hash()))
}
