package fixes

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// BackupSuffix is appended to a file's name for its backup.
const BackupSuffix = ".cxlog-bak"

// LockFile is the file beside Cargo.toml that Apply locks while it writes, so that two
// applies to one project cannot interleave; it is removed afterwards.
const LockFile = ".cxlog-fix.lock"

// ApplyOptions say how to apply a plan.
type ApplyOptions struct {
	Backup bool // keep each changed file's old content in <file>.cxlog-bak
	// Dir applies the plan to another copy of the project (a sandbox) instead of
	// the plan's Dir; its files must still be those the plan was made from.
	Dir string
	// Force replaces read-only files too, and files whose owner cannot be kept.
	Force bool
}

// Applied lists what Apply wrote, as absolute paths.
type Applied struct {
	Written []string
	Backups []string
	// Cleaned are temporary files an earlier, interrupted apply left behind.
	Cleaned []string
}

// ChangedError is returned when a file changed between planning and applying.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return e.Path + " changed since the plan was made: make the plan again"
}

// BusyError is returned when another apply holds the project's lock.
type BusyError struct{ Lock string }

func (e *BusyError) Error() string {
	return "another cxlog fix is writing this project (it holds " + e.Lock + "): make the plan again once it is done"
}

// ReadOnlyError is returned for a file that is read-only (or that cxlog could replace
// only by changing its owner) when ApplyOptions.Force is not set.
type ReadOnlyError struct {
	Path   string
	Reason string
}

func (e *ReadOnlyError) Error() string {
	return "refusing to replace " + e.Path + ": " + e.Reason + " (--force replaces it anyway)"
}

// Apply writes the plan's files, each atomically (a temporary file in the same
// directory, then a rename) and keeping its mode and owner, while holding the
// project's lock. It first checks every file still has the content the plan was
// made from, lies inside the project and is writable, and checks each file again
// just before replacing it; if a later write fails, the files already written get
// their old content back.
func (p *Plan) Apply(opts ApplyOptions) (*Applied, error) {
	root := p.Dir
	if opts.Dir != "" {
		var err error
		if root, err = resolveDir(opts.Dir); err != nil {
			return nil, err
		}
	}
	paths := make([]string, len(p.Files))
	for i, c := range p.Files {
		full, err := safePath(root, c.Path)
		if err != nil {
			return nil, err
		}
		paths[i] = full
	}
	release, err := lockProject(root)
	if err != nil {
		return nil, err
	}
	defer release()
	metas := make([]fileMeta, len(p.Files))
	for i, c := range p.Files {
		if err := checkUnchanged(paths[i], c); err != nil {
			return nil, err
		}
		if metas[i], err = metaFor(paths[i], c, opts.Force); err != nil {
			return nil, err
		}
	}
	done := &Applied{}
	for _, full := range leftoverPlaces(root, paths) {
		done.Cleaned = append(done.Cleaned, removeLeftovers(full)...)
	}
	for i, c := range p.Files {
		if err := writeChange(paths[i], c, metas[i], opts.Backup, done); err != nil {
			rollback(p.Files[:i], paths[:i], metas[:i])
			return nil, err
		}
	}
	return done, nil
}

func checkUnchanged(full string, c FileChange) error {
	data, err := os.ReadFile(full)
	switch {
	case errors.Is(err, fs.ErrNotExist) && c.Created:
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	case err != nil || c.Created || hashOf(data) != c.OldHash:
		return &ChangedError{Path: c.Path}
	}
	return nil
}

// fileMeta is what a replaced file keeps: its permission bits and, where known, owner.
type fileMeta struct {
	perm     fs.FileMode
	uid, gid int
	owned    bool // uid and gid are known and are to be kept
	mustOwn  bool // failing to keep them is an error
}

// metaFor reads the mode and owner of the file a change replaces (a new file gets
// 0644 and the process's owner), refusing a read-only file unless force.
func metaFor(full string, c FileChange, force bool) (fileMeta, error) {
	if c.Created {
		return fileMeta{perm: 0o644}, nil
	}
	info, err := os.Stat(full)
	if err != nil {
		return fileMeta{}, err
	}
	m := fileMeta{perm: info.Mode().Perm(), mustOwn: !force}
	m.uid, m.gid, m.owned = ownerOf(info)
	if !force && (m.perm&0o222 == 0 || !writable(full)) {
		return fileMeta{}, &ReadOnlyError{Path: c.Path, Reason: "it is read-only (mode " + fmt.Sprintf("%04o", m.perm) + ")"}
	}
	if m.owned && !force && (m.uid != os.Geteuid() && os.Geteuid() != 0) {
		return fileMeta{}, &ReadOnlyError{Path: c.Path, Reason: fmt.Sprintf("it belongs to uid %d, and a replacement would belong to uid %d", m.uid, os.Geteuid())}
	}
	return m, nil
}

func writeChange(full string, c FileChange, m fileMeta, backup bool, done *Applied) error {
	if c.Created {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
	} else if backup {
		if err := replaceFile(full+BackupSuffix, c.Old, m, false, nil); err != nil {
			return fmt.Errorf("backup of %s: %w", c.Path, err)
		}
		done.Backups = append(done.Backups, full+BackupSuffix)
	}
	check := func() error { return checkUnchanged(full, c) }
	if err := replaceFile(full, c.New, m, c.Created, check); err != nil {
		if _, ok := errors.AsType[*ChangedError](err); ok {
			return &ChangedError{Path: c.Path}
		}
		return fmt.Errorf("writing %s: %w", c.Path, err)
	}
	done.Written = append(done.Written, full)
	return nil
}

// rollback gives the files already written their old content back, each only while
// it still holds what Apply wrote.
func rollback(changes []FileChange, paths []string, metas []fileMeta) {
	for i, c := range changes {
		stillOurs := func() error {
			data, err := os.ReadFile(paths[i])
			if err != nil || !bytes.Equal(data, c.New) {
				return &ChangedError{Path: c.Path}
			}
			return nil
		}
		if c.Created {
			if stillOurs() == nil {
				os.Remove(paths[i])
			}
		} else {
			replaceFile(paths[i], c.Old, metas[i], false, stillOurs)
		}
	}
}

// beforeReplace, when set by a test, runs just before replaceFile's last check.
var beforeReplace func(path string)

// replaceFile replaces path with data through a temporary file in the same directory,
// with m's mode and owner. check (if not nil) runs just before the rename and can
// refuse it. With create, path must not exist: the file is put in place with a hard
// link, which fails if the name was taken meanwhile. The directory is synced
// afterwards, so that the new name survives a crash.
func replaceFile(path string, data []byte, m fileMeta, create bool, check func() error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := fill(tmp, data, m); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if beforeReplace != nil {
		beforeReplace(path)
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	if create {
		if err := os.Link(tmp.Name(), path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return &ChangedError{Path: path}
			}
			return err
		}
	} else if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

func fill(tmp *os.File, data []byte, m fileMeta) error {
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(m.perm); err != nil {
		return err
	}
	if m.owned {
		if info, err := tmp.Stat(); err == nil {
			if uid, gid, _ := ownerOf(info); uid != m.uid || gid != m.gid {
				if err := tmp.Chown(m.uid, m.gid); err != nil && m.mustOwn {
					return fmt.Errorf("its owner and group (%d:%d) cannot be kept (--force writes it anyway): %w", m.uid, m.gid, err)
				}
			}
		}
	}
	return tmp.Sync()
}

// tempInfix is in the name of every temporary file: .<name>.cxlog-<random digits>.
const tempInfix = ".cxlog-"

// leftoverPlaces are the files whose temporary files an interrupted apply may have left:
// the plan's, and every file a plan can edit.
func leftoverPlaces(root string, paths []string) []string {
	places := slices.Clone(paths)
	for _, rel := range []string{CargoConfigFile, legacyCargoConfig, ToolchainFile, legacyToolchainFile, ManifestFile} {
		if full, err := safePath(root, rel); err == nil && !slices.Contains(places, full) {
			places = append(places, full)
		}
	}
	return places
}

// removeLeftovers removes the temporary files an interrupted apply left beside full
// or beside its backup, and returns their paths.
func removeLeftovers(full string) []string {
	dir, base := filepath.Dir(full), filepath.Base(full)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !isLeftover(e.Name(), base) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if os.Remove(path) == nil {
			removed = append(removed, path)
		}
	}
	return removed
}

// isLeftover says whether name is a temporary file of replaceFile for base or for
// base's backup: "." + base + [BackupSuffix] + tempInfix + digits.
func isLeftover(name, base string) bool {
	rest, ok := strings.CutPrefix(name, "."+base)
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, BackupSuffix)
	digits, ok := strings.CutPrefix(rest, tempInfix)
	return ok && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// PathError is returned for a path that would leave the project directory.
type PathError struct {
	Path   string
	Reason string
}

func (e *PathError) Error() string { return "refusing to touch " + e.Path + ": " + e.Reason }

// safePath joins a plan's relative path to root (absolute, symlinks resolved) and
// makes sure the result, symlinks followed, stays inside root. A path to a symlink
// inside root gives the link's target.
func safePath(root, rel string) (string, error) {
	if rel == "" || filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
		return "", &PathError{rel, "not a path relative to the project"}
	}
	if slices.Contains(strings.Split(filepath.ToSlash(rel), "/"), "..") {
		return "", &PathError{rel, "it contains .."}
	}
	full := filepath.Join(root, filepath.FromSlash(rel))
	// the deepest part of the path that exists, with its symlinks resolved
	existing, rest := full, ""
	for {
		if _, err := os.Lstat(existing); err == nil {
			break
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			break
		}
		rest = filepath.Join(filepath.Base(existing), rest)
		existing = parent
	}
	resolved, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return "", &PathError{rel, "a symlink on the way cannot be followed: " + err.Error()}
	}
	if !inside(root, resolved) {
		return "", &PathError{rel, "it leads outside the project (" + resolved + ")"}
	}
	return filepath.Join(resolved, rest), nil
}

func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
