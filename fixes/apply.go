package fixes

import (
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

// ApplyOptions say how to apply a plan.
type ApplyOptions struct {
	Backup bool // keep each changed file's old content in <file>.cxlog-bak
	// Dir applies the plan to another copy of the project (a sandbox) instead of
	// the plan's Dir; its files must still be those the plan was made from.
	Dir string
}

// Applied lists what Apply wrote, as absolute paths.
type Applied struct {
	Written []string
	Backups []string
}

// ChangedError is returned when a file changed between planning and applying.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return e.Path + " changed since the plan was made: make the plan again"
}

// Apply writes the plan's files, each atomically (a temporary file in the same
// directory, then a rename). It first checks every file still has the content the
// plan was made from and lies inside the project; if a later write fails, the files
// already written get their old content back.
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
		if err := checkUnchanged(full, c); err != nil {
			return nil, err
		}
		paths[i] = full
	}
	done := &Applied{}
	for i, c := range p.Files {
		if err := writeChange(paths[i], c, opts.Backup, done); err != nil {
			rollback(p.Files[:i], paths[:i])
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

func writeChange(full string, c FileChange, backup bool, done *Applied) error {
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(full); err == nil {
		perm = info.Mode().Perm()
	}
	if c.Created {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
	} else if backup {
		if err := writeAtomic(full+BackupSuffix, c.Old, perm); err != nil {
			return fmt.Errorf("backup of %s: %w", c.Path, err)
		}
		done.Backups = append(done.Backups, full+BackupSuffix)
	}
	if err := writeAtomic(full, c.New, perm); err != nil {
		return fmt.Errorf("writing %s: %w", c.Path, err)
	}
	done.Written = append(done.Written, full)
	return nil
}

func rollback(changes []FileChange, paths []string) {
	for i, c := range changes {
		if c.Created {
			os.Remove(paths[i])
		} else {
			writeAtomic(paths[i], c.Old, 0o644)
		}
	}
}

// writeAtomic replaces path with data through a temporary file and a rename.
func writeAtomic(path string, data []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".cxlog-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
