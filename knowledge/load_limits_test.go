package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// userDirWith copies a good entry into a fresh --kb directory and lets add put more there.
func userDirWith(t *testing.T, add func(dir string)) string {
	t.Helper()
	dir := t.TempDir()
	good, err := os.ReadFile("testdata/good/rust-lld-not-found.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rust-lld-not-found.md"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	add(dir)
	return dir
}

// loadWithin runs Load and fails the test, rather than hanging it, when Load does not return.
func loadWithin(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Load(nil, dir)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("Load(%s) did not return", dir)
		return nil
	}
}

func wantOneEntryError(t *testing.T, err error, file, reason string) {
	t.Helper()
	if err == nil {
		t.Fatalf("loaded; want the error %q", file+": "+reason)
	}
	msg := err.Error()
	if strings.Count(msg, "\n") != 0 || !strings.HasPrefix(msg, file+": ") || !strings.Contains(msg, reason) {
		t.Fatalf("error %q; want one line naming %s with %q", msg, file, reason)
	}
}

func TestLoadRefusesAFIFO(t *testing.T) {
	var fifo string
	dir := userDirWith(t, func(dir string) {
		fifo = filepath.Join(dir, "pipe.md")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	})
	t.Cleanup(func() { // a Load stuck on the FIFO's open gets its end of file
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	wantOneEntryError(t, loadWithin(t, dir), fifo, "not a regular file")
}

func TestLoadRefusesALinkToADevice(t *testing.T) {
	var link string
	dir := userDirWith(t, func(dir string) {
		link = filepath.Join(dir, "zero.md")
		if err := os.Symlink("/dev/zero", link); err != nil {
			t.Fatal(err)
		}
	})
	wantOneEntryError(t, loadWithin(t, dir), link, "not a regular file")
}

func TestLoadRefusesAnOversizedEntry(t *testing.T) {
	var big string
	dir := userDirWith(t, func(dir string) {
		good, err := os.ReadFile("testdata/good/region-ram-overflowed.md")
		if err != nil {
			t.Fatal(err)
		}
		big = filepath.Join(dir, "region-ram-overflowed.md")
		body := strings.Repeat("An explanation that goes on and on.\n", MaxEntryBytes/36+1)
		if err := os.WriteFile(big, append(good, body...), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	wantOneEntryError(t, loadWithin(t, dir), big, "larger than 1 MiB")
}

func TestLoadFollowsALinkToAnEntry(t *testing.T) {
	dir := userDirWith(t, func(dir string) {
		target, err := filepath.Abs("testdata/good/region-ram-overflowed.md")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, "region-ram-overflowed.md")); err != nil {
			t.Fatal(err)
		}
	})
	base := loadTestBase(t, dir)
	if base.ByID("region-ram-overflowed") == nil || base.ByID("rust-lld-not-found") == nil {
		t.Fatalf("entries: %d, want the linked one and the file", len(base.Entries))
	}
}
