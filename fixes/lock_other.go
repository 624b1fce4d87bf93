//go:build !unix

package fixes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// lockProject takes the project's apply lock by creating LockFile exclusively; it is
// removed when the lock is released. An existing file gives a *BusyError.
func lockProject(root string) (release func(), err error) {
	path := filepath.Join(root, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, &BusyError{Lock: path}
	}
	if err != nil {
		return nil, fmt.Errorf("lock file %s: %w", path, err)
	}
	f.Close()
	return func() { os.Remove(path) }, nil
}
