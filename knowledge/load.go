package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

const builtinOriginPrefix = "builtin:"

// Load reads the built-in entries (builtin may be nil) and then each user directory; a user
// entry replaces a built-in or earlier user entry with the same id. It fails on any file that
// cannot be used, naming every such file.
func Load(builtin fs.FS, userDirs ...string) (*Base, error) {
	base, errs := loadSources(builtin, userDirs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return base, nil
}

// loadSources loads what it can and returns the errors of the rest.
func loadSources(builtin fs.FS, userDirs []string) (*Base, []error) {
	byID := map[string]*Entry{}
	var errs []error
	add := func(entries []*Entry, sourceErrs []error) {
		for _, entry := range entries {
			byID[entry.ID] = entry
		}
		errs = append(errs, sourceErrs...)
	}
	if builtin != nil {
		add(loadFS(builtin, func(name string) string { return builtinOriginPrefix + name }))
	}
	for _, dir := range userDirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			errs = append(errs, &EntryError{File: dir, Reason: "not a readable directory"})
			continue
		}
		add(loadFS(os.DirFS(dir), func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }))
	}
	entries := make([]*Entry, 0, len(byID))
	for _, entry := range byID {
		entries = append(entries, entry)
	}
	return newBase(entries), errs
}

// loadFS reads every *.md file under fsys except READMEs. Ids must be unique within fsys.
func loadFS(fsys fs.FS, origin func(name string) string) ([]*Entry, []error) {
	var entries []*Entry
	var errs []error
	firstOrigin := map[string]string{}
	walkErr := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &EntryError{File: origin(name), Reason: err.Error()})
			return nil
		}
		if d.IsDir() || !isEntryFile(d.Name()) {
			return nil
		}
		data, err := readEntryFile(fsys, name, d.Type())
		if err != nil {
			errs = append(errs, &EntryError{File: origin(name), Reason: err.Error()})
			return nil
		}
		entry, err := parseEntry(origin(name), path.Base(name), data)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if first, seen := firstOrigin[entry.ID]; seen {
			errs = append(errs, &EntryError{File: entry.Origin, Reason: "duplicate id " + entry.ID + ", also in " + first})
			return nil
		}
		firstOrigin[entry.ID] = entry.Origin
		entries = append(entries, entry)
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	return entries, errs
}

// MaxEntryBytes caps one knowledge-base file (the built-in entries are under 5 KB).
const MaxEntryBytes = 1 << 20

// readEntryFile reads a regular file, or what a link to one names, of at most MaxEntryBytes.
func readEntryFile(fsys fs.FS, name string, typ fs.FileMode) ([]byte, error) {
	f, size, err := openEntryFile(fsys, name, typ)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Room for the whole file and a read that finds its end; it may have grown since.
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxEntryBytes+1)); err != nil {
		return nil, unwrapPathError(err)
	}
	if buf.Len() > MaxEntryBytes {
		return nil, errEntryTooLarge
	}
	return buf.Bytes(), nil
}

var errEntryTooLarge = fmt.Errorf("larger than %d MiB, the limit for an entry", MaxEntryBytes>>20)

// openEntryFile opens an entry file for reading, and says how large it is; typ is its type as
// its directory lists it. Anything but a regular file, or what a link to one names, is refused
// before it is opened: a FIFO would block, a device never end.
func openEntryFile(fsys fs.FS, name string, typ fs.FileMode) (fs.File, int64, error) {
	if !typ.IsRegular() {
		info, err := fs.Stat(fsys, name) // what a link names
		if err != nil {
			return nil, 0, unwrapPathError(err)
		}
		if !info.Mode().IsRegular() {
			return nil, 0, notRegular(info.Mode())
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, unwrapPathError(err)
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, 0, unwrapPathError(err)
	case !info.Mode().IsRegular(): // replaced since it was listed
		f.Close()
		return nil, 0, notRegular(info.Mode())
	case info.Size() > MaxEntryBytes:
		f.Close()
		return nil, 0, errEntryTooLarge
	}
	return f, info.Size(), nil
}

func notRegular(m fs.FileMode) error {
	return fmt.Errorf("not a regular file but %s: an entry is a Markdown file", fileKind(m))
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

func isEntryFile(name string) bool {
	return strings.HasSuffix(name, ".md") && !strings.EqualFold(name, "README.md")
}
