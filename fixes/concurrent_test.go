package fixes

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

// Issue 9.9: two different fixes applied at once to the same project. At most one
// may report success, and whatever it wrote must still be there afterwards.
func TestConcurrentAppliesNeverLoseAnEdit(t *testing.T) {
	old := "[target." + riscv + "]\nlinker = \"gcc\"\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n"
	for trial := range 30 {
		dir := project(t, map[string]string{CargoConfigFile: old})
		plans := []*Plan{
			mustPlan(t, dir, "", linkerAction),
			mustPlan(t, dir, "", knowledge.Action{Kind: "add-rustflags", Target: riscv, Flags: []string{"-C", "force-frame-pointers=yes"}}),
		}
		edits := []string{`linker = "rust-lld"`, `"force-frame-pointers=yes"`}
		errs := make([]error, len(plans))
		var start, done sync.WaitGroup
		start.Add(1)
		for i, p := range plans {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				_, errs[i] = p.Apply(ApplyOptions{Backup: true})
			}()
		}
		start.Done()
		done.Wait()
		config := read(t, filepath.Join(dir, CargoConfigFile))
		wrote := 0
		for i, err := range errs {
			if err == nil {
				wrote++
				if !strings.Contains(config, edits[i]) {
					t.Fatalf("trial %d: apply %d said it wrote %s, but the file lacks it:\n%s", trial, i, edits[i], config)
				}
				continue
			}
			var changed *ChangedError
			var busy *BusyError
			if !errors.As(err, &changed) && !errors.As(err, &busy) {
				t.Fatalf("trial %d: apply %d: unexpected error %v", trial, i, err)
			}
		}
		if wrote != 1 {
			t.Fatalf("trial %d: %d applies succeeded (errors %v), want exactly 1", trial, wrote, errs)
		}
	}
}

// A file edited by someone else after Apply's first check but before cxlog replaces
// it is not overwritten, and files already written get their old content back.
func TestApplyRechecksEachFileBeforeReplacingIt(t *testing.T) {
	oldConfig := "[target." + riscv + "]\nlinker = \"gcc\"\n"
	dir := project(t, map[string]string{CargoConfigFile: oldConfig, ToolchainFile: "[toolchain]\nchannel = \"stable\"\n"})
	p := mustPlan(t, dir, "", linkerAction, knowledge.Action{Kind: "add-component", Value: "rust-src"})
	toolchain := filepath.Join(dir, ToolchainFile)
	editorText := "[toolchain]\nchannel = \"nightly\" # edited meanwhile\n"
	beforeReplace = func(path string) {
		if path == toolchain {
			os.WriteFile(toolchain, []byte(editorText), 0o644)
		}
	}
	defer func() { beforeReplace = nil }()
	_, err := p.Apply(ApplyOptions{})
	var changed *ChangedError
	if !errors.As(err, &changed) || changed.Path != ToolchainFile {
		t.Fatalf("err %v, want a ChangedError for %s", err, ToolchainFile)
	}
	if got := read(t, toolchain); got != editorText {
		t.Errorf("the other edit was overwritten:\n%s", got)
	}
	if got := read(t, filepath.Join(dir, CargoConfigFile)); got != oldConfig {
		t.Errorf("the file written first was not rolled back:\n%s", got)
	}
}

// Another process holding the project's lock (as a second `cxlog fix --apply` would)
// makes Apply refuse at once, writing nothing.
func TestApplyRefusesWhileAnotherProcessHoldsTheLock(t *testing.T) {
	if dir := os.Getenv("CXLOG_TEST_HOLD_LOCK"); dir != "" {
		release, err := lockProject(dir)
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		os.Stdin.Read(make([]byte, 1)) // until the parent closes stdin
		release()
		os.Exit(0)
	}
	old := "[target." + riscv + "]\nlinker = \"gcc\"\n"
	dir := project(t, map[string]string{CargoConfigFile: old})
	p := mustPlan(t, dir, "", linkerAction)
	holder := exec.Command(os.Args[0], "-test.run=^TestApplyRefusesWhileAnotherProcessHoldsTheLock$")
	holder.Env = append(os.Environ(), "CXLOG_TEST_HOLD_LOCK="+p.Dir)
	stdin, _ := holder.StdinPipe()
	stdout, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	line := make([]byte, 7)
	if _, err := io.ReadFull(stdout, line); err != nil || string(line) != "locked\n" {
		t.Fatalf("the helper did not take the lock: %q %v", line, err)
	}
	_, err := p.Apply(ApplyOptions{})
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Errorf("err %v, want a BusyError", err)
	}
	stdin.Close()
	if err := holder.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	if read(t, filepath.Join(dir, CargoConfigFile)) != old {
		t.Error("written while another process held the lock")
	}
	if _, err := p.Apply(ApplyOptions{}); err != nil {
		t.Errorf("once the lock is released: %v", err)
	}
}
