package knowledge

import (
	"bytes"
	"encoding/hex"
	"io"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// Base is a loaded knowledge base.
type Base struct {
	// Entries are sorted by ID. They are read-only: the lookup tables are built from them.
	Entries   []*Entry
	byID      map[string]*Entry
	prefilter prefilter
	hash      string
}

func newBase(entries []*Entry) *Base {
	slices.SortFunc(entries, func(a, b *Entry) int { return strings.Compare(a.ID, b.ID) })
	return newBaseWith(entries, hashEntries(entries))
}

// newBaseWith is newBase of entries already sorted by id, whose hash is known.
func newBaseWith(entries []*Entry, hash string) *Base {
	byID := make(map[string]*Entry, len(entries))
	for _, entry := range entries {
		byID[entry.ID] = entry
	}
	return &Base{Entries: entries, byID: byID, prefilter: newPrefilter(entries), hash: hash}
}

// ByID returns the entry with that id, or nil.
func (b *Base) ByID(id string) *Entry {
	return b.byID[id]
}

// Hash is the hex xxHash-64 of every entry's file bytes in id order: it changes when any entry
// does. It keys the caches; it is not a defence against a crafted collision.
func (b *Base) Hash() string {
	return b.hash
}

func hashEntries(entries []*Entry) string {
	sum := xxhash.New()
	for _, entry := range entries {
		writeEntryHash(sum, entry.ID, bytes.NewReader(entry.raw), nil)
	}
	return hexSum(sum)
}

// writeEntryHash adds one entry file to a base's hash: its id and its bytes, each ended by 0.
// LoadCached hashes the files it has not decoded the same way. It copies through buf unless
// data writes itself; it returns the number of bytes data gave.
func writeEntryHash(w io.Writer, id string, data io.Reader, buf []byte) (int64, error) {
	io.WriteString(w, id)
	w.Write([]byte{0})
	n, err := io.CopyBuffer(w, data, buf)
	w.Write([]byte{0})
	return n, err
}

func hexSum(sum *xxhash.Digest) string {
	return hex.EncodeToString(sum.Sum(nil))
}
