package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// compiledSuffix names a compiled base in the cache directory: <first 16 hex digits of the
// base's hash>.kb, beside the index directory of the same base.
const compiledSuffix = ".kb"

// LoadCached is Load with the compiled knowledge base cached in cacheDir ("" caches nothing):
// the entry files are still read, and hashed, but not decoded when the cache holds what they
// compile to. A cache that is missing, stale, truncated or corrupt is rebuilt, never trusted.
func LoadCached(builtin fs.FS, cacheDir string, userDirs ...string) (*Base, error) {
	if cacheDir == "" {
		return Load(builtin, userDirs...)
	}
	files, ok := readSources(builtin, userDirs)
	if ok {
		if base := loadCompiled(files, cacheDir); base != nil {
			return base, nil
		}
	}
	base, err := Load(builtin, userDirs...)
	if err != nil {
		return nil, err
	}
	if ok && base.Hash() == files.hash() {
		writeCompiled(base, cacheDir)
	}
	return base, nil
}

// entryFile is an entry file as read, before it is decoded.
type entryFile struct {
	id, origin string
	data       []byte
}

// sourceFiles are the entry files that make a base, sorted by id: later sources' files
// replace earlier ones', as Load's entries do.
type sourceFiles []entryFile

// readSources reads the files Load would decode. It gives up (ok false) on anything Load could
// report as an error, so that a warm start never hides one: Load then runs and reports it.
func readSources(builtin fs.FS, userDirs []string) (files sourceFiles, ok bool) {
	byID := map[string]entryFile{}
	read := func(fsys fs.FS, origin func(name string) string) bool {
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
			data, err := readEntryFile(fsys, name)
			if err != nil {
				return err
			}
			byID[id] = entryFile{id: id, origin: origin(name), data: data}
			return nil
		})
		return err == nil
	}
	if builtin != nil && !read(builtin, func(name string) string { return builtinOriginPrefix + name }) {
		return nil, false
	}
	for _, dir := range userDirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return nil, false
		}
		if !read(os.DirFS(dir), func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }) {
			return nil, false
		}
	}
	for _, file := range byID {
		files = append(files, file)
	}
	slices.SortFunc(files, func(a, b entryFile) int { return strings.Compare(a.id, b.id) })
	return files, true
}

// hash is Base.Hash of the base these files make: an entry's id is its file's name.
func (files sourceFiles) hash() string {
	hash := sha256.New()
	for _, file := range files {
		hash.Write([]byte(file.id))
		hash.Write([]byte{0})
		hash.Write(file.data)
		hash.Write([]byte{0})
	}
	return hex.EncodeToString(hash.Sum(nil))
}

func compiledPath(cacheDir, hash string) string {
	return filepath.Join(cacheDir, hash[:16]+compiledSuffix)
}

// loadCompiled returns the base of files from its compiled form in cacheDir, or nil if there
// is none fit to use.
func loadCompiled(files sourceFiles, cacheDir string) *Base {
	hash := files.hash()
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
		entry.Origin, entry.raw = files[i].origin, files[i].data
	}
	return newBaseHashed(entries, hash)
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
