package fixes

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

var linkerAction = knowledge.Action{Kind: "set-linker", Target: riscv, Value: "rust-lld"}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestApplyWritesAndKeepsBackup(t *testing.T) {
	old := "# keep me\n[target." + riscv + "]\nlinker = \"gcc\"\n"
	dir := project(t, map[string]string{CargoConfigFile: old})
	p := mustPlan(t, dir, "", linkerAction, knowledge.Action{Kind: "add-component", Value: "rust-src"})

	done, err := p.Apply(ApplyOptions{Backup: true})
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, ".cargo", "config.toml")
	if got := read(t, config); got != strings.Replace(old, `"gcc"`, `"rust-lld"`, 1) {
		t.Errorf("config after apply:\n%s", got)
	}
	if got := read(t, config+BackupSuffix); got != old {
		t.Errorf("backup:\n%s", got)
	}
	if got := read(t, filepath.Join(dir, ToolchainFile)); got != "[toolchain]\ncomponents = [\"rust-src\"]\n" {
		t.Errorf("created toolchain file:\n%s", got)
	}
	if len(done.Written) != 2 || len(done.Backups) != 1 {
		t.Errorf("applied %+v", done)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".cargo", ".config.toml.cxlog-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %q", leftovers)
	}
	// applying again is refused: the file is no longer what the plan was made from
	if _, err := p.Apply(ApplyOptions{}); err == nil {
		t.Error("a second apply of the same plan succeeded")
	}
}

func TestApplyWithoutBackup(t *testing.T) {
	dir := project(t, map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n"})
	p := mustPlan(t, dir, "", linkerAction)
	if _, err := p.Apply(ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, CargoConfigFile+BackupSuffix)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup written without Backup: %v", err)
	}
}

func TestApplyRefusesChangedFile(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		touch func(dir string) error
	}{
		{
			name:  "edited",
			files: map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n"},
			touch: func(dir string) error {
				return os.WriteFile(filepath.Join(dir, CargoConfigFile), []byte("[build]\n"), 0o644)
			},
		},
		{
			name:  "deleted",
			files: map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n"},
			touch: func(dir string) error { return os.Remove(filepath.Join(dir, CargoConfigFile)) },
		},
		{
			name:  "created meanwhile",
			files: map[string]string{"Cargo.toml": "[package]\n"},
			touch: func(dir string) error {
				os.MkdirAll(filepath.Join(dir, ".cargo"), 0o755)
				return os.WriteFile(filepath.Join(dir, CargoConfigFile), []byte("[build]\n"), 0o644)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, tt.files)
			p := mustPlan(t, dir, "", linkerAction, knowledge.Action{Kind: "add-component", Value: "rust-src"})
			if err := tt.touch(dir); err != nil {
				t.Fatal(err)
			}
			_, err := p.Apply(ApplyOptions{Backup: true})
			var changed *ChangedError
			if !errors.As(err, &changed) || changed.Path != CargoConfigFile {
				t.Fatalf("err %v, want a ChangedError for %s", err, CargoConfigFile)
			}
			// nothing was written: not even the file that did not change
			if _, err := os.Stat(filepath.Join(dir, ToolchainFile)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s written although the plan was refused", ToolchainFile)
			}
		})
	}
}

func TestPathEscapeRejected(t *testing.T) {
	outside := t.TempDir()
	dir := project(t, map[string]string{"Cargo.toml": "[package]\n"})
	if err := os.Symlink(outside, filepath.Join(dir, ".cargo")); err != nil {
		t.Fatal(err)
	}
	// .cargo is a symlink to a directory outside the project
	_, err := NewPlan(dir, []knowledge.Action{linkerAction}, "")
	var pe *PathError
	if !errors.As(err, &pe) {
		t.Fatalf("plan through a symlink out of the project: err %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "config.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file was written outside the project")
	}

	for _, rel := range []string{"../x.toml", "a/../../x.toml", "/etc/passwd", ""} {
		if _, err := safePath(dir, rel); !errors.As(err, &pe) {
			t.Errorf("safePath(%q): err %v, want a PathError", rel, err)
		}
	}
	// a plan whose path was tampered with is refused at apply time too
	p := &Plan{Dir: dir, Files: []FileChange{{Path: "../escape.toml", New: []byte("x"), Created: true}}}
	if _, err := p.Apply(ApplyOptions{}); !errors.As(err, &pe) {
		t.Errorf("apply of ../escape.toml: err %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.toml")); err == nil {
		t.Error("escape.toml written outside the project")
	}
}

func TestSymlinkInsideProjectIsFollowed(t *testing.T) {
	dir := project(t, map[string]string{"shared/config.toml": "[target." + riscv + "]\nlinker = \"gcc\"\n"})
	if err := os.Symlink(filepath.Join(dir, "shared"), filepath.Join(dir, ".cargo")); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, dir, "", linkerAction)
	if _, err := p.Apply(ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "shared", "config.toml")); !strings.Contains(got, `"rust-lld"`) {
		t.Errorf("linked file:\n%s", got)
	}
}

func TestApplyToSandbox(t *testing.T) {
	old := "[target." + riscv + "]\nlinker = \"gcc\"\n"
	dir := project(t, map[string]string{
		CargoConfigFile:           old,
		"src/main.rs":             "fn main() {}\n",
		"target/debug/big.rlib":   "build output",
		".git/HEAD":               "ref: refs/heads/main\n",
		"sub/target/CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n",
	})
	p := mustPlan(t, dir, "", linkerAction)
	box, cleanup, err := Sandbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(box, "src", "main.rs")) != "fn main() {}\n" {
		t.Error("sources not copied")
	}
	for _, skipped := range []string{"target", ".git", "sub/target"} {
		if _, err := os.Stat(filepath.Join(box, skipped)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s copied into the sandbox", skipped)
		}
	}
	if _, err := p.Apply(ApplyOptions{Dir: box}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, filepath.Join(box, CargoConfigFile)), "rust-lld") {
		t.Error("the sandbox copy was not changed")
	}
	if read(t, filepath.Join(dir, CargoConfigFile)) != old {
		t.Error("the project was changed by a sandbox apply")
	}
	cleanup()
	if _, err := os.Stat(box); !errors.Is(err, os.ErrNotExist) {
		t.Error("cleanup left the sandbox")
	}
}

func TestApplyKeepsTheFileMode(t *testing.T) {
	dir := project(t, map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n"})
	config := filepath.Join(dir, CargoConfigFile)
	if err := os.Chmod(config, 0o600); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, dir, "", linkerAction)
	if _, err := p.Apply(ApplyOptions{Backup: true}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{config, config + BackupSuffix} {
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", path, info.Mode().Perm(), err)
		}
	}
}

func TestSandboxCopiesLinkedFilesAndModes(t *testing.T) {
	dir := project(t, map[string]string{"link.x": "MEMORY {}\n", "build.sh": "#!/bin/sh\n"})
	if err := os.Chmod(filepath.Join(dir, "build.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("link.x", filepath.Join(dir, "memory.x")); err != nil {
		t.Fatal(err)
	}
	box, cleanup, err := Sandbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if info, err := os.Lstat(filepath.Join(box, "memory.x")); err != nil || !info.Mode().IsRegular() || read(t, filepath.Join(box, "memory.x")) != "MEMORY {}\n" {
		t.Errorf("symlink memory.x -> link.x not copied as a file: %v", err)
	}
	if info, err := os.Stat(filepath.Join(box, "build.sh")); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("build.sh mode %v (%v)", info.Mode().Perm(), err)
	}
}

func TestApplyCreatesTheCargoDirectory(t *testing.T) {
	dir := project(t, map[string]string{ManifestFile: "[package]\nname = \"fw\"\n"})
	p := mustPlan(t, dir, "", linkerAction)
	if _, err := p.Apply(ApplyOptions{Backup: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, ".cargo", "config.toml")); got != "[target."+riscv+"]\nlinker = \"rust-lld\"\n" {
		t.Errorf("created config:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".cargo", "config.toml"+BackupSuffix)); !errors.Is(err, os.ErrNotExist) {
		t.Error("a backup of a file that did not exist")
	}
}
