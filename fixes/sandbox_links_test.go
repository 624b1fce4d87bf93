package fixes

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 9.10: a project whose target/ is a symlink to a directory elsewhere. A build
// in the sandbox that cleans and writes target/ must not reach the real directory.
func TestSandboxBuildCannotWriteThroughALinkedTargetDir(t *testing.T) {
	real := t.TempDir()
	if err := os.WriteFile(filepath.Join(real, "keep.rlib"), []byte("real build output"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := project(t, map[string]string{ManifestFile: "[package]\nname = \"fw\"\n"})
	if err := os.Symlink(real, filepath.Join(dir, "target")); err != nil {
		t.Fatal(err)
	}
	box, cleanup, err := Sandbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	// what `cargo clean && cargo build` does to target/
	build := exec.Command("sh", "-c", "rm -rf target/* && mkdir -p target && echo new > target/fw.elf")
	build.Dir = box
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	if got := read(t, filepath.Join(real, "keep.rlib")); got != "real build output" {
		t.Errorf("the real target directory lost its file: %q", got)
	}
	if _, err := os.Stat(filepath.Join(real, "fw.elf")); err == nil {
		t.Error("the sandboxed build wrote into the real target directory")
	}
}

// Links that stay inside the project become copies of what they lead to, so that
// nothing the sandboxed build writes through them reaches the project.
func TestSandboxCopiesWhatInProjectLinksLeadTo(t *testing.T) {
	dir := project(t, map[string]string{
		"link.x":            "MEMORY {}\n",
		"conf/config.toml":  "[build]\n",
		"conf/nested/a.txt": "a\n",
	})
	links := map[string]string{
		"memory.x":     "link.x",
		".cargo":       "conf",
		"absolute-dir": filepath.Join(dir, "conf"), // absolute, but inside the project
		"conf/loop":    "..",                       // leads back up: not copied again
		"dangling":     "no-such-file",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	box, cleanup, err := Sandbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	for _, name := range []string{"memory.x", ".cargo", "absolute-dir", ".cargo/config.toml", "absolute-dir/nested/a.txt"} {
		info, err := os.Lstat(filepath.Join(box, name))
		if err != nil || info.Mode()&os.ModeSymlink != 0 {
			t.Errorf("%s in the sandbox: err %v, want a copy, not a link", name, err)
		}
	}
	if got := read(t, filepath.Join(box, "memory.x")); got != "MEMORY {}\n" {
		t.Errorf("memory.x copy: %q", got)
	}
	// writing through the copies changes only the sandbox
	if err := os.WriteFile(filepath.Join(box, "absolute-dir", "config.toml"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "conf", "config.toml")); got != "[build]\n" {
		t.Errorf("the project's file was written through the sandbox: %q", got)
	}
	for _, name := range []string{"conf/loop", "dangling"} {
		if _, err := os.Lstat(filepath.Join(box, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is in the sandbox (%v)", name, err)
		}
	}
}

// A link elsewhere (other than the build output) makes the sandbox refuse: a sandboxed
// build could write through it, and a copy could be anything.
func TestSandboxRefusesLinksLeadingOutside(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "memory.x"), []byte("MEMORY {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"memory.x": filepath.Join(outside, "memory.x"),
		"vendor":   outside,
		"up":       "", // relative: ../../
	} {
		t.Run(name, func(t *testing.T) {
			dir := project(t, map[string]string{ManifestFile: "[package]\n"})
			if target == "" {
				rel, err := filepath.Rel(dir, outside)
				if err != nil || !strings.HasPrefix(rel, "..") {
					t.Fatalf("rel %q %v", rel, err)
				}
				target = rel
			}
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			box, cleanup, err := Sandbox(dir)
			if err == nil {
				cleanup()
				t.Fatalf("sandbox %s made with %s -> %s", box, name, target)
			}
			if !strings.Contains(err.Error(), name+" is a symlink out of the project") {
				t.Errorf("err %v", err)
			}
		})
	}
}
