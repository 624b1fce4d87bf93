package fixes

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

// Issue 9.12: a read-only config is not replaced unless forced, and then keeps its mode.
func TestApplyRefusesReadOnlyFilesWithoutForce(t *testing.T) {
	old := "[target." + riscv + "]\nlinker = \"gcc\"\n"
	dir := project(t, map[string]string{CargoConfigFile: old})
	config := filepath.Join(dir, CargoConfigFile)
	if err := os.Chmod(config, 0o444); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, dir, "", linkerAction)
	_, err := p.Apply(ApplyOptions{Backup: true})
	var ro *ReadOnlyError
	if !errors.As(err, &ro) || ro.Path != CargoConfigFile {
		t.Fatalf("err %v, want a ReadOnlyError for %s", err, CargoConfigFile)
	}
	if read(t, config) != old {
		t.Error("the read-only file was replaced")
	}
	if _, err := os.Stat(config + BackupSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused apply wrote a backup")
	}
	if _, err := p.Apply(ApplyOptions{Backup: true, Force: true}); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	for _, path := range []string{config, config + BackupSuffix} {
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o444 {
			t.Errorf("%s: mode %v (%v), want 0444 kept", path, info.Mode().Perm(), err)
		}
	}
}

// The replaced file and its backup keep the owner and group; changing another user's
// file needs root, so this runs as root only.
func TestApplyKeepsTheOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file another owner")
	}
	dir := project(t, map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n"})
	config := filepath.Join(dir, CargoConfigFile)
	if err := os.Chown(config, 4321, 4322); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, dir, "", linkerAction)
	if _, err := p.Apply(ApplyOptions{Backup: true}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{config, config + BackupSuffix} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st := info.Sys().(*syscall.Stat_t); st.Uid != 4321 || st.Gid != 4322 {
			t.Errorf("%s: owner %d:%d, want 4321:4322", path, st.Uid, st.Gid)
		}
	}
}

// A rollback restores the old content with the file's own mode, not 0644.
func TestRollbackKeepsTheFileMode(t *testing.T) {
	oldConfig := "[target." + riscv + "]\nlinker = \"gcc\"\n"
	dir := project(t, map[string]string{CargoConfigFile: oldConfig, ToolchainFile: "[toolchain]\nchannel = \"stable\"\n"})
	config, toolchain := filepath.Join(dir, CargoConfigFile), filepath.Join(dir, ToolchainFile)
	if err := os.Chmod(config, 0o600); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, dir, "", linkerAction, knowledge.Action{Kind: "add-component", Value: "rust-src"})
	beforeReplace = func(path string) {
		if path == toolchain {
			os.WriteFile(toolchain, []byte("[toolchain]\n"), 0o644)
		}
	}
	defer func() { beforeReplace = nil }()
	if _, err := p.Apply(ApplyOptions{}); err == nil {
		t.Fatal("apply succeeded although a file changed under it")
	}
	if read(t, config) != oldConfig {
		t.Error("not rolled back")
	}
	if info, err := os.Stat(config); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode after rollback %v (%v), want 0600", info.Mode().Perm(), err)
	}
}

// Temporary files a killed apply left behind are removed by the next apply; files
// that only look alike are not.
func TestApplyRemovesLeftoverTemporaryFiles(t *testing.T) {
	dir := project(t, map[string]string{
		CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n",
		".cargo/.config.toml.cxlog-bak.cxlog-123": "old backup, half written",
		".cargo/.config.toml.cxlog-4567":          "new config, half written",
		".cargo/.config.toml.cxlog-notes":         "someone's file",
		".cargo/.other.toml.cxlog-1":              "another file's",
	})
	p := mustPlan(t, dir, "", linkerAction)
	done, err := p.Apply(ApplyOptions{Backup: true})
	if err != nil {
		t.Fatal(err)
	}
	cargo := filepath.Join(dir, ".cargo")
	want := []string{filepath.Join(cargo, ".config.toml.cxlog-4567"), filepath.Join(cargo, ".config.toml.cxlog-bak.cxlog-123")}
	slices.Sort(done.Cleaned)
	if !slices.Equal(done.Cleaned, want) {
		t.Errorf("cleaned %q, want %q", done.Cleaned, want)
	}
	entries, _ := os.ReadDir(cargo)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if wantNames := []string{".config.toml.cxlog-notes", ".other.toml.cxlog-1", "config.toml", "config.toml" + BackupSuffix}; !slices.Equal(names, wantNames) {
		t.Errorf(".cargo holds %q, want %q", names, wantNames)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is left behind (%v)", err)
	}
}

// A killed apply's leftovers are removed whichever file the next plan edits, and the
// lock file a killed apply left does not block the next one.
func TestApplyAfterAKilledApply(t *testing.T) {
	dir := project(t, map[string]string{
		CargoConfigFile:                    "[target." + riscv + "]\nlinker = \"gcc\"\n",
		".rust-toolchain.toml.cxlog-98765": "half written",
		LockFile:                           "",
	})
	p := mustPlan(t, dir, "", linkerAction)
	done, err := p.Apply(ApplyOptions{})
	if err != nil {
		t.Fatalf("apply after a killed one: %v", err)
	}
	if want := filepath.Join(p.Dir, ".rust-toolchain.toml.cxlog-98765"); !slices.Contains(done.Cleaned, want) {
		t.Errorf("cleaned %q, want %s among them", done.Cleaned, want)
	}
}
