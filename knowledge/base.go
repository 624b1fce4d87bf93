package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
	"strings"
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
	return newBaseWith(entries, hashEntries(entries), newPrefilter(entries))
}

// newBaseWith is newBase of entries already sorted by id, whose hash and pre-filter are known.
func newBaseWith(entries []*Entry, hash string, p prefilter) *Base {
	byID := make(map[string]*Entry, len(entries))
	for _, entry := range entries {
		byID[entry.ID] = entry
	}
	return &Base{Entries: entries, byID: byID, prefilter: p, hash: hash}
}

// ByID returns the entry with that id, or nil.
func (b *Base) ByID(id string) *Entry {
	return b.byID[id]
}

// Hash is the hex SHA-256 of every entry's file bytes in id order: it changes when any entry
// does.
func (b *Base) Hash() string {
	return b.hash
}

func hashEntries(entries []*Entry) string {
	hash := sha256.New()
	for _, entry := range entries {
		writeEntryHash(hash, entry.ID, entry.raw)
	}
	return hex.EncodeToString(hash.Sum(nil))
}

// writeEntryHash adds one entry file to a base's hash: its id and its bytes, each ended by 0.
// LoadCached hashes the files it has not decoded the same way.
func writeEntryHash(w io.Writer, id string, data []byte) {
	io.WriteString(w, id)
	w.Write([]byte{0})
	w.Write(data)
	w.Write([]byte{0})
}
