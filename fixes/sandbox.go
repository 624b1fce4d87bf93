package fixes

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Sandbox copies the project in projectDir to a new temporary directory, without
// its build output (target/, or any directory holding a CACHEDIR.TAG) and without
// .git, and returns the copy's path and a function that removes it.
//
// Nothing in the copy leads back to the project or elsewhere: a symlink that stays
// inside the project becomes a copy of what it leads to (a link to a directory being
// copied already, or to nothing, is left out), a symlink named like the build output
// is left out as the build output is, and any other symlink out of the project is an
// error, because a sandboxed build could write through it.
func Sandbox(projectDir string) (dir string, cleanup func(), err error) {
	src, err := resolveDir(projectDir)
	if err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp("", "cxlog-sandbox-*")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	dst := filepath.Join(tmp, filepath.Base(src))
	c := &treeCopy{root: src}
	if err := c.dir(src, dst, "."); err != nil {
		cleanup()
		return "", nil, err
	}
	return dst, cleanup, nil
}

// LinkError is returned by Sandbox for a symlink that leads out of the project.
type LinkError struct {
	Path   string // relative to the project
	Target string
}

func (e *LinkError) Error() string {
	return e.Path + " is a symlink out of the project (to " + e.Target + "): a sandboxed build could write through it; replace it with a copy to use the sandbox"
}

// treeCopy copies a project directory; open holds the real paths of the directories
// being copied, so that a link back up to one of them is not followed for ever.
type treeCopy struct {
	root string
	open []string
}

// dir copies the directory at path (real, symlinks resolved) to dst; rel is where it
// appears in the project.
func (c *treeCopy) dir(path, dst, rel string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	c.open = append(c.open, path)
	defer func() { c.open = c.open[:len(c.open)-1] }()
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	for _, e := range entries {
		from, to, name := filepath.Join(path, e.Name()), filepath.Join(dst, e.Name()), filepath.Join(rel, e.Name())
		var err error
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			err = c.link(from, to, name)
		case e.IsDir():
			if !skipDir(from, name, e.Name()) {
				err = c.dir(from, to, name)
			}
		case e.Type().IsRegular():
			err = copyFile(from, to)
		} // sockets, devices: not part of a project
		if err != nil {
			return err
		}
	}
	return nil
}

// link copies what the symlink at path leads to, when that is inside the project.
func (c *treeCopy) link(path, dst, rel string) error {
	target, err := os.Readlink(path)
	if err != nil {
		return err
	}
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		// dangling: nothing to copy, but not a way out either
		if errors.Is(err, fs.ErrNotExist) && inside(c.root, lexicalTarget(path, target)) {
			return nil
		}
		return &LinkError{Path: rel, Target: target}
	}
	if !inside(c.root, resolved) {
		if skipDir(path, rel, filepath.Base(rel)) {
			return nil // build output kept elsewhere: the sandbox builds its own
		}
		return &LinkError{Path: rel, Target: target}
	}
	info, err := os.Stat(resolved)
	if err != nil {
		return err
	}
	switch {
	case info.IsDir():
		inner, _ := filepath.Rel(c.root, resolved)
		if slices.ContainsFunc(c.open, func(p string) bool { return inside(resolved, p) }) ||
			skipDir(resolved, inner, filepath.Base(resolved)) {
			return nil
		}
		return c.dir(resolved, dst, rel)
	case info.Mode().IsRegular():
		return copyFile(resolved, dst)
	}
	return nil
}

// lexicalTarget is where a symlink's target text points, without following anything.
func lexicalTarget(link, target string) string {
	if filepath.IsAbs(target) {
		return filepath.Clean(target)
	}
	return filepath.Join(filepath.Dir(link), target)
}

func skipDir(path, rel, name string) bool {
	if rel == "." {
		return false
	}
	if name == ".git" || rel == "target" {
		return true
	}
	_, err := os.Stat(filepath.Join(path, "CACHEDIR.TAG"))
	return err == nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
