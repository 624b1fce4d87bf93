package fixes

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Sandbox copies the project in projectDir to a new temporary directory, without
// its build output (target/, or any directory holding a CACHEDIR.TAG) and without
// .git, and returns the copy's path and a function that removes it. Symlinks are
// copied as symlinks.
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
	if err := copyTree(src, dst); err != nil {
		cleanup()
		return "", nil, err
	}
	return dst, cleanup, nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if skipDir(path, rel, d.Name()) {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			return copyFile(path, target)
		}
		return nil // sockets, devices: not part of a project
	})
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
