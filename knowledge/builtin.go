package knowledge

import (
	"embed"
	"io/fs"
)

//go:embed entries/*.md
var builtinEntries embed.FS

// Builtin is the knowledge base compiled into the binary: the files of knowledge/entries.
func Builtin() fs.FS {
	entries, err := fs.Sub(builtinEntries, "entries")
	if err != nil {
		panic(err) // "entries" is a valid path by construction
	}
	return entries
}
