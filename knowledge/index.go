package knowledge

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// indexFormat changes whenever the mapping, the analyzer or the documents do, so that a cache
// written by another cxlog version is rebuilt rather than misread.
const indexFormat = "2"

const (
	internalFormatKey = "cxlog-index-format"
	internalBaseKey   = "cxlog-base-hash"
	bleveDirName      = "bleve"
)

var errStaleIndex = errors.New("index cache is stale")

// bleve's scorch storage reports a cache file it cannot read ("unable to load snapshot ...,
// continuing") through the standard library's logger, and goes on; checkIndexOf then finds the
// cache stale and it is rebuilt. Packages below cmd never print, so that logger writes nowhere
// unless the program has given it a destination of its own.
func init() {
	if log.Writer() == os.Stderr {
		log.SetOutput(io.Discard)
	}
}

// Index is a full-text index of a Base's entries.
type Index struct {
	base   *Base
	bleve  bleve.Index
	dir    string
	cached bool
	closed bool
}

// OpenIndex returns an index of b. With a cacheDir it reuses the index stored under
// cacheDir/<first 16 hex digits of b.Hash()> or builds and stores one there; a corrupt or stale
// cache is rebuilt. Without a cacheDir, or when the cache cannot be written, it builds the
// index in memory.
func OpenIndex(b *Base, cacheDir string) (*Index, error) {
	if cacheDir == "" {
		return buildInMemory(b)
	}
	dir := indexDir(cacheDir, b.Hash())
	index, err := openCached(b, dir)
	if err == nil {
		return &Index{base: b, bleve: index, dir: dir, cached: true}, nil
	}
	if os.RemoveAll(dir) != nil {
		return buildInMemory(b)
	}
	if err := buildOnDisk(b, cacheDir, dir); err != nil {
		return buildInMemory(b)
	}
	index, err = openCached(b, dir)
	if err != nil {
		return buildInMemory(b)
	}
	pruneCache(cacheDir, dir)
	return &Index{base: b, bleve: index, dir: dir}, nil
}

// Cached reports whether the index was read from the cache rather than built by this call.
func (ix *Index) Cached() bool { return ix.cached }

// Dir is the index's cache directory, or "" for an index in memory.
func (ix *Index) Dir() string { return ix.dir }

// Close releases the index's files. Closing twice is harmless.
func (ix *Index) Close() error {
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.bleve.Close()
}

func indexDir(cacheDir, hash string) string { return filepath.Join(cacheDir, hash[:16]) }

// openCached opens dir's index read-only and checks that it is complete and of b.
func openCached(b *Base, dir string) (bleve.Index, error) {
	index, err := openStored(dir)
	if err != nil {
		return nil, err
	}
	if err := checkIndexOf(b, index); err != nil {
		index.Close()
		return nil, err
	}
	return index, nil
}

// openStored opens dir's index read-only.
func openStored(dir string) (index bleve.Index, err error) {
	path := filepath.Join(dir, bleveDirName)
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			index, err = nil, fmt.Errorf("corrupt index cache: %v", r)
		}
	}()
	return bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
}

func checkIndexOf(b *Base, index bleve.Index) error {
	format, err := index.GetInternal([]byte(internalFormatKey))
	if err != nil || string(format) != indexFormat {
		return errStaleIndex
	}
	hash, err := index.GetInternal([]byte(internalBaseKey))
	if err != nil || string(hash) != b.Hash() {
		return errStaleIndex
	}
	count, err := index.DocCount()
	if err != nil || count != uint64(len(b.Entries)) {
		return errStaleIndex
	}
	return nil
}

// buildOnDisk builds the index in a fresh temporary directory and renames it to dir, so that
// no process sees half an index. If another process renamed its index there first, that one
// is kept.
func buildOnDisk(b *Base, cacheDir, dir string) error {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(cacheDir, buildingPrefix+"*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	indexMapping, err := newIndexMapping()
	if err != nil {
		return err
	}
	index, err := bleve.NewUsing(filepath.Join(tmp, bleveDirName), indexMapping, scorch.Name, scorch.Name, nil)
	if err != nil {
		return err
	}
	if err := fill(index, b); err != nil {
		index.Close()
		return err
	}
	if err := index.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(dir); statErr == nil {
			return nil
		}
		return err
	}
	return nil
}

func buildInMemory(b *Base) (*Index, error) {
	indexMapping, err := newIndexMapping()
	if err != nil {
		return nil, err
	}
	index, err := bleve.NewUsing("", indexMapping, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	if err := fill(index, b); err != nil {
		index.Close()
		return nil, err
	}
	return &Index{base: b, bleve: index}, nil
}

func fill(index bleve.Index, b *Base) error {
	batch := index.NewBatch()
	for _, entry := range b.Entries {
		if err := batch.Index(entry.ID, newIndexDocument(entry)); err != nil {
			return fmt.Errorf("indexing %s: %w", entry.Origin, err)
		}
	}
	batch.SetInternal([]byte(internalFormatKey), []byte(indexFormat))
	batch.SetInternal([]byte(internalBaseKey), []byte(b.Hash()))
	return index.Batch(batch)
}
