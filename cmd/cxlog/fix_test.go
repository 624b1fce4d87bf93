package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/cmd/cxlog/report"
)

const cargoConfigWithGCC = `# ESP32-C3 style project
[build]
target = "riscv32imc-unknown-none-elf" # the chip

[target.riscv32imc-unknown-none-elf]
# the host's linker, by mistake
linker = "x86_64-linux-gnu-gcc"
rustflags = ["-C", "link-arg=-Tlink.x"]
`

// fixProject writes a project with that .cargo/config.toml and returns its directory.
func fixProject(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".cargo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".cargo", "config.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Cargo.toml"), []byte("[package]\nname = \"fw\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestFixDryRunPrintsThePlan(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	code, out, stderr := cli(t, "", "fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Fix for host-ld-cannot-find-lgcc-s",
		"edit .cargo/config.toml:",
		"--- a/.cargo/config.toml\n+++ b/.cargo/config.toml\n",
		" # the host's linker, by mistake\n-linker = \"x86_64-linux-gnu-gcc\"\n+linker = \"rust-lld\"\n",
		"Dry run: nothing written.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if readFile(t, filepath.Join(dir, ".cargo", "config.toml")) != cargoConfigWithGCC {
		t.Error("a dry run changed the file")
	}
}

func TestFixApplyWritesWithBackup(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	code, out, stderr := cli(t, "", "fix", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", dir, "--apply")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	config := filepath.Join(dir, ".cargo", "config.toml")
	want := strings.Replace(cargoConfigWithGCC, `linker = "x86_64-linux-gnu-gcc"`, `linker = "rust-lld"`, 1)
	if got := readFile(t, config); got != want {
		t.Errorf("config after --apply:\n%s", got)
	}
	if got := readFile(t, config+".cxlog-bak"); got != cargoConfigWithGCC {
		t.Errorf("backup:\n%s", got)
	}
	for _, want := range []string{"wrote " + config, "backup " + config + ".cxlog-bak", "unset CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestFixSandboxLeavesTheProject(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	code, out, stderr := cli(t, "", "fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", dir, "--sandbox")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, rest, ok := strings.Cut(out, "Applied in the sandbox ")
	if !ok {
		t.Fatalf("no sandbox path in:\n%s", out)
	}
	box := strings.Fields(rest)[0]
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(box)) })
	if !strings.Contains(readFile(t, filepath.Join(box, ".cargo", "config.toml")), `linker = "rust-lld"`) {
		t.Error("the sandbox copy is not fixed")
	}
	if readFile(t, filepath.Join(dir, ".cargo", "config.toml")) != cargoConfigWithGCC {
		t.Error("--sandbox changed the project")
	}
}

func TestFixFromLogUsesTheTopMatch(t *testing.T) {
	dir := fixProject(t, strings.Replace(cargoConfigWithGCC, "x86_64-linux-gnu-gcc", "x86_64-unknown-linux-gnu-cc", 1))
	code, out, stderr := cli(t, "", "fix", "../../corpus/bench/b01-linker-cc-wrapper-flavor.log", "--project", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "Fix for gcc-wrapper-receives-flavor-gnu") || !strings.Contains(out, `+linker = "rust-lld"`) {
		t.Errorf("output:\n%s", out)
	}
}

func TestFixErrors(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"fix", "--project", dir}, exitUsage, "give either --kb-id ID or a LOG"},
		{[]string{"fix", "--kb-id", "no-such-entry", "--project", dir}, exitUsage, `no knowledge-base entry "no-such-entry"`},
		{[]string{"fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", filepath.Join(dir, "missing")}, exitUsage, "project directory"},
		{[]string{"fix", "--kb-id", "rustflags-env-overrides-config", "--project", dir, "--port", "/dev/ttyACM0"}, exitUsage, "--port is a verify flag: add --verify"},
		{[]string{"fix", "--kb-id", "rustflags-env-overrides-config", "--project", dir, "--apply", "--sandbox"}, exitUsage, "choose one"},
		{[]string{"fix", "--kb-id", "rustflags-env-overrides-config", "--project", dir, "--verify", "--build", "true", "--port", "/dev/null", "--fail", "panicked at"},
			exitUsage, "--verify needs at least one --expect"},
		{[]string{"fix", "--kb-id", "rustflags-env-overrides-config", "--project", dir, "--verify", "--build", "true", "--port", "/dev/null"},
			exitUsage, "nothing to watch the port for"},
	} {
		code, _, stderr := cli(t, "", tc.args...)
		if code != tc.code || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q (want %d, one line with %q)", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

// The environment part of a fix reaches the build: RUSTFLAGS set here breaks the
// "build" unless the fix's `unset RUSTFLAGS` runs first; the board is a pty.
func TestFixVerifyAppliesTheEnvironmentToTheBuild(t *testing.T) {
	a, b := ptyPair(t)
	dir := fixProject(t, cargoConfigWithGCC)
	t.Setenv("RUSTFLAGS", "-C target-feature=-crt-static")
	verifyArgs := []string{"--project", dir, "--build", `test -z "${RUSTFLAGS:-}"`, "--port", a,
		"--after-open", "printf 'boot\\r\\nHello from firmware\\r\\n' > " + b, "--expect", "Hello from firmware", "--timeout", "5s"}

	code, _, stderr := cli(t, "", append([]string{"verify"}, verifyArgs...)...)
	if code != 3 {
		t.Fatalf("verify without the fix: exit %d (%s), want 3 (build failed)", code, stderr)
	}
	code, out, stderr := cli(t, "", append([]string{"fix", "--kb-id", "rustflags-env-overrides-config", "--verify"}, verifyArgs...)...)
	if code != 0 || !strings.Contains(out, `PROVEN: with the fix, the firmware printed "Hello from firmware"`) {
		t.Fatalf("fix --verify: exit %d, stderr %s\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "Verifying in the sandbox: test -z \"${RUSTFLAGS:-}\"\n  with unset RUSTFLAGS\n") {
		t.Errorf("the build did not get the environment change:\n%s", out)
	}
}

// --verify --apply changes the project only once the fix is proven.
func TestFixVerifyApplyOnlyWhenProven(t *testing.T) {
	a, b := ptyPair(t)
	for _, tc := range []struct {
		name    string
		prints  string
		code    int
		applied bool
	}{
		{"not proven", "boot\\r\\n", 5, false},
		{"proven", "Hello\\r\\n", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := fixProject(t, cargoConfigWithGCC)
			code, out, stderr := cli(t, "", "fix", "--kb-id", "host-ld-cannot-find-lgcc-s", "--project", dir, "--verify", "--apply",
				"--build", `grep -q 'linker = "rust-lld"' .cargo/config.toml`, "--port", a,
				"--after-open", "printf '"+tc.prints+"' > "+b, "--expect", "Hello", "--timeout", "700ms")
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s\n%s", code, tc.code, stderr, out)
			}
			config := readFile(t, filepath.Join(dir, ".cargo", "config.toml"))
			if applied := config != cargoConfigWithGCC; applied != tc.applied {
				t.Errorf("applied %v, want %v:\n%s", applied, tc.applied, out)
			}
			if tc.applied && !strings.Contains(out, "backup ") {
				t.Errorf("no backup reported:\n%s", out)
			}
		})
	}
}

func TestFixJSON(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	code, out, stderr := cli(t, "", "fix", "--json", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got report.FixJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if got.Schema != report.FixSchema || got.Entry != "gcc-wrapper-receives-flavor-gnu" || len(got.Files) != 1 || len(got.Env) != 1 {
		t.Fatalf("%+v", got)
	}
	if f := got.Files[0]; f.Path != ".cargo/config.toml" || !strings.Contains(f.Diff, "+linker = \"rust-lld\"\n") || len(f.Steps) != 1 {
		t.Errorf("file %+v", f)
	}
	if e := got.Env[0]; !e.Unset || e.Instruction != "unset CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER" {
		t.Errorf("env %+v", e)
	}
	if got.Proven || got.Written != nil {
		t.Errorf("a dry run is neither proven nor written: %+v", got)
	}
}

// Under fix --verify the build runs with the fix's environment (RUSTFLAGS unset) while cxlog
// itself has RUSTFLAGS: when that build fails, its diagnosis reads the build's environment, so
// it does not blame the RUSTFLAGS the fix removed. The build prints bench case c's real output.
func TestFixVerifyDiagnosesTheBuildsOwnEnvironment(t *testing.T) {
	data := readFile(t, "../../corpus/bench/b03-rustflags-env-drops-config.log")
	_, output, _ := strings.Cut(strings.TrimPrefix(data, "---\n"), "---\n")
	out := filepath.Join(t.TempDir(), "build-output.txt")
	if err := os.WriteFile(out, []byte(output), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := ptyPair(t)
	dir := fixProject(t, cargoConfigWithGCC)
	t.Setenv("RUSTFLAGS", "-C target-feature=-crt-static")
	args := []string{"--project", dir, "--build", "cat " + out + "; exit 101", "--port", a, "--expect", "Hello", "--timeout", "2s"}

	code, stdout, stderr := cli(t, "", append([]string{"verify"}, args...)...)
	if code != 3 || !strings.Contains(stdout, "Known failure: [cargo-config-scope]") || !strings.Contains(stdout, "id rustflags-env-overrides-config") {
		t.Fatalf("verify with RUSTFLAGS inherited: exit %d (%s)\n%s", code, stderr, stdout)
	}
	code, stdout, stderr = cli(t, "", append([]string{"fix", "--kb-id", "rustflags-env-overrides-config", "--verify"}, args...)...)
	if code != 3 || !strings.Contains(stdout, "verify: build failed") || !strings.Contains(stdout, "Known failure:") {
		t.Fatalf("fix --verify: exit %d (%s)\n%s", code, stderr, stdout)
	}
	if strings.Contains(stdout, "id rustflags-env-overrides-config") || strings.Contains(stdout, "rustflags-env-set") {
		t.Errorf("the diagnosis blames the RUSTFLAGS the fix unset for the build:\n%s", stdout)
	}
}
