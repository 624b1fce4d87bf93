//go:build unix

package fixes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// lockProject takes the project's apply lock: flock on LockFile in root, which is
// created for the time of the apply and removed when the lock is released. A lock held
// by another process gives a *BusyError at once rather than a wait.
func lockProject(root string) (release func(), err error) {
	path := filepath.Join(root, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock file %s: %w", path, err)
	}
	fd := int(f.Fd())
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, &BusyError{Lock: path}
		}
		return nil, fmt.Errorf("lock file %s: %w", path, err)
	}
	// The holder before us removes the file before unlocking it: if the name no longer
	// leads to the file we locked, that holder has just finished and another process may
	// already hold a new lock file.
	if !sameFile(f, path) {
		f.Close()
		return nil, &BusyError{Lock: path}
	}
	return func() {
		os.Remove(path)
		unix.Flock(fd, unix.LOCK_UN)
		f.Close()
	}, nil
}

func sameFile(f *os.File, path string) bool {
	opened, err := f.Stat()
	if err != nil {
		return false
	}
	named, err := os.Lstat(path)
	return err == nil && os.SameFile(opened, named)
}
