package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
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
		hash.Write([]byte(entry.ID))
		hash.Write([]byte{0})
		hash.Write(entry.raw)
		hash.Write([]byte{0})
	}
	return hex.EncodeToString(hash.Sum(nil))
}
