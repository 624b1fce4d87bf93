package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kbEntry writes one knowledge-base entry with the given actions (YAML lines) into a
// new directory and returns the directory.
func kbEntry(t *testing.T, id, actions string) string {
	t.Helper()
	dir := t.TempDir()
	text := "---\nid: " + id + "\ntitle: A test entry\nclass: linker-not-found\nsymptoms:\n  - text: \"linker `cc` not found\"\n" +
		"actions:\n" + actions + "sources: [https://example.com/test]\nexamples:\n  match: [\"error: linker `cc` not found\"]\n---\n"
	if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Issue 9.1: an unset-env name that is shell text is rejected when the KB loads and by
// kb lint, so neither the dry run nor --verify ever sees it.
func TestFixRejectsShellTextInAnEnvName(t *testing.T) {
	pwned := filepath.Join(t.TempDir(), "PWNED")
	name := "X; touch " + pwned + "; echo"
	kb := kbEntry(t, "injected-name", "  - kind: unset-env\n    name: \""+name+"\"\n")
	dir := fixProject(t, cargoConfigWithGCC)
	a, _ := ptyPair(t)
	for _, args := range [][]string{
		{"fix", "--kb", kb, "--kb-id", "injected-name", "--project", dir},
		{"fix", "--kb", kb, "--kb-id", "injected-name", "--project", dir, "--verify", "--build", "true", "--port", a, "--expect", "x", "--timeout", "1s"},
	} {
		code, out, stderr := cli(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "is not an environment variable name") {
			t.Errorf("%v: exit %d, stderr %q, want %d and the bad name", args, code, stderr, exitUsage)
		}
		if strings.Contains(out, "touch ") {
			t.Errorf("%v printed the injected text:\n%s", args, out)
		}
	}
	code, out, _ := cli(t, "", "kb", "lint", "--kb", kb)
	if code == 0 || !strings.Contains(out, "injected-name.md: action 1: unset-env name \""+name+"\" is not an environment variable name") {
		t.Errorf("kb lint: exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Error("PWNED was created")
	}
}

// Issue 9.1, independently of validation: a set-env value full of shell syntax reaches
// the build as that exact value, and none of it runs.
func TestFixVerifyPassesEnvValuesAsData(t *testing.T) {
	a, b := ptyPair(t)
	work := t.TempDir()
	pwned := filepath.Join(work, "PWNED")
	value := `$(touch ` + pwned + `); touch ` + pwned + `; ' " \`
	kb := kbEntry(t, "shelly-value", "  - kind: set-env\n    name: CXLOG_FIX_VALUE\n    value: '"+strings.ReplaceAll(value, "'", "''")+"'\n")
	dir := fixProject(t, cargoConfigWithGCC)
	got := filepath.Join(work, "got")
	code, out, stderr := cli(t, "", "fix", "--kb", kb, "--kb-id", "shelly-value", "--project", dir, "--verify",
		"--build", `printf %s "$CXLOG_FIX_VALUE" > `+got, "--port", a,
		"--after-open", "printf 'Hello\\r\\n' > "+b, "--expect", "Hello", "--timeout", "5s")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, stderr, out)
	}
	if seen := readFile(t, got); seen != value {
		t.Errorf("the build saw %q, want %q", seen, value)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Error("the value was run as shell text: PWNED exists")
	}
	if !strings.Contains(out, "export CXLOG_FIX_VALUE='$(touch ") {
		t.Errorf("the instruction does not quote the value:\n%s", out)
	}
}

// Issue 9.12: a read-only config is left alone unless --force, which keeps its mode.
func TestFixApplyReadOnlyConfigNeedsForce(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	config := filepath.Join(dir, ".cargo", "config.toml")
	if err := os.Chmod(config, 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, "", "fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", dir, "--apply")
	if code != exitUsage || !strings.Contains(stderr, "refusing to replace .cargo/config.toml: it is read-only (mode 0444) (--force replaces it anyway)") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if readFile(t, config) != cargoConfigWithGCC {
		t.Fatal("the read-only config was replaced")
	}
	code, out, stderr := cli(t, "", "fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", dir, "--apply", "--force")
	if code != 0 || !strings.Contains(out, "wrote "+config) {
		t.Fatalf("--force: exit %d, stderr %q\n%s", code, stderr, out)
	}
	if info, err := os.Stat(config); err != nil || info.Mode().Perm() != 0o444 {
		t.Errorf("mode after --force: %v (%v), want 0444", info.Mode().Perm(), err)
	}
	if code, _, stderr := cli(t, "", "fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", dir, "--force"); code != exitUsage {
		t.Errorf("--force without --apply: exit %d (%s)", code, stderr)
	}
}

// Issue 9.11: the fix of an entry written for RISC-V goes to a Cortex-M project's own
// target table, and an entry is refused for a target it does not apply to.
func TestFixUsesTheProjectsTarget(t *testing.T) {
	config := "[build]\ntarget = \"thumbv7em-none-eabihf\"\n\n[target.thumbv7em-none-eabihf]\nlinker = \"arm-none-eabi-gcc\"\n"
	dir := fixProject(t, config)
	code, out, stderr := cli(t, "", "fix", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--target", "thumbv7em-none-eabihf", "--project", dir, "--apply")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, stderr, out)
	}
	got := readFile(t, filepath.Join(dir, ".cargo", "config.toml"))
	if want := strings.Replace(config, `"arm-none-eabi-gcc"`, `"rust-lld"`, 1); got != want {
		t.Errorf("config:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(out, "unset CARGO_TARGET_THUMBV7EM_NONE_EABIHF_LINKER") || strings.Contains(out, "unset CARGO_TARGET_RISCV32IMC") {
		t.Errorf("the environment change is not the Cortex-M target's:\n%s", out)
	}

	host := fixProject(t, "[build]\ntarget = \"x86_64-unknown-linux-gnu\"\n")
	code, _, stderr = cli(t, "", "fix", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", host)
	if code != exitUsage || !strings.Contains(stderr, "does not apply to x86_64-unknown-linux-gnu") {
		t.Errorf("an entry for bare-metal targets on a host project: exit %d, stderr %q", code, stderr)
	}
}
