package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/build/buildtest"
	"github.com/cxlog/cxlog/build/engine"
)

// recordBuild records CMD in dir with env, as `cxlog record --out OUT -- CMD` does.
func recordBuild(t *testing.T, dir, out string, env []string, cmd ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr}
	err := runRecord(io, recordOptions{RecordRequest: engine.RecordRequest{Command: cmd, Dir: dir, Env: env, Out: out}, Output: outputOptions{Format: "text"}})
	if err == nil {
		return 0, stdout.String() + stderr.String()
	}
	code, msg := exitCode(err)
	return code, stdout.String() + stderr.String() + msg
}

// The done-when of issue 13: two real bench builds recorded, good and with RUSTFLAGS set;
// diff of the bundles names RUSTFLAGS and its value as the cause, from the bundle's
// environment (cargo -vv never prints RUSTFLAGS), and lists it beside the logs.
func TestDiffOfRecordedBenchBuildsNamesRUSTFLAGS(t *testing.T) {
	cache := benchCache(t)
	env := benchEnv(t, cache)
	cargo := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "CARGO="); ok {
			cargo = v
		}
	}
	out := t.TempDir()
	fw := buildtest.CopyFirmware(t)
	good, bad := filepath.Join(out, "good"), filepath.Join(out, "bad")
	if code, text := recordBuild(t, fw, good, env, cargo, "build", "-vv", "--release"); code != 0 {
		t.Fatalf("good build: exit %d\n%s", code, text)
	}
	if err := os.RemoveAll(filepath.Join(fw, "target")); err != nil {
		t.Fatal(err)
	}
	const flags = "-C target-feature=-crt-static"
	badEnv := append(slices.Clone(env), "RUSTFLAGS="+flags, "DEPLOY_TOKEN=hunter2")
	code, text := recordBuild(t, fw, bad, badEnv, cargo, "build", "-vv", "--release")
	if code != 101 {
		t.Fatalf("bad build: exit %d, want cargo's 101\n%s", code, text)
	}
	if !strings.Contains(text, "could not compile") {
		t.Fatalf("the build's output was not streamed:\n%s", text)
	}
	envTxt := readFile(t, filepath.Join(bad, "env.txt"))
	if strings.Contains(envTxt, "hunter2") || !strings.Contains(envTxt, "DEPLOY_TOKEN=sha256:") {
		t.Fatalf("the secret's value is in the bundle:\n%s", envTxt)
	}
	code, stdout, stderr := cli(t, "", "diff", "--format", "json", good, bad)
	if code != 1 {
		t.Fatalf("diff exit %d: %s", code, stderr)
	}
	var res struct {
		Findings []struct {
			Class, Message string
			Evidence       []struct{ File, Text string }
		}
		Changes []struct{ Kind, Name, Good, Bad string }
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || res.Findings[0].Class != "cargo-config-scope" ||
		!strings.Contains(res.Findings[0].Message, "RUSTFLAGS") || !strings.Contains(res.Findings[0].Message, flags) {
		t.Fatalf("the top finding does not name RUSTFLAGS and %s: %+v", flags, res.Findings)
	}
	// The value comes from the bundle's environment: build.log's header line, which the log
	// cargo printed never holds.
	fromEnv := false
	for _, f := range res.Findings {
		for _, ev := range f.Evidence {
			fromEnv = fromEnv || (ev.File == filepath.Join(bad, "build.log") && ev.Text == "RUSTFLAGS="+flags)
		}
	}
	if !fromEnv {
		t.Fatalf("no finding cites the bundle's RUSTFLAGS line: %+v", res.Findings)
	}
	if len(res.Changes) == 0 || res.Changes[0].Kind != "env" || res.Changes[0].Name != "RUSTFLAGS" || res.Changes[0].Bad != flags || res.Changes[0].Good != "" {
		t.Fatalf("RUSTFLAGS is not the first change beside the logs: %+v", res.Changes)
	}
	// doctor reads the bundle's prediction, made before the build: the same problem.
	code, stdout, _ = cli(t, "", "doctor", bad)
	if code != 1 || !strings.Contains(stdout, "RUSTFLAGS is set ("+flags+")") {
		t.Fatalf("doctor of the bundle: exit %d\n%s", code, stdout)
	}
}

func TestRecordKeepsExitCodeAndFiles(t *testing.T) {
	dir := doctorProject(t)
	writeFile(t, filepath.Join(dir, "Cargo.lock"), "version = 3\n[[package]]\nname = \"fw\"\nversion = \"0.1.0\"\n")
	out := filepath.Join(t.TempDir(), "bundle")
	env := []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "CARGO_HOME=" + filepath.Join(dir, "none")}
	code, text := recordBuild(t, dir, out, env, "/bin/sh", "-c", "echo building; echo oops >&2; exit 7")
	if code != 7 || !strings.Contains(text, "building") || !strings.Contains(text, "oops") {
		t.Fatalf("exit %d, want 7 with the output streamed: %s", code, text)
	}
	log := readFile(t, filepath.Join(out, "build.log"))
	if !strings.Contains(log, "building\n") || !strings.Contains(log, "oops\n") {
		t.Fatalf("build.log lacks the output:\n%s", log)
	}
	var m struct {
		ExitCode int `json:"exit_code"`
		Files    []struct{ Path, Kind, Copy string }
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "bundle.json"))), &m); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range m.Files {
		kinds[f.Kind] = f.Path
		if readFile(t, filepath.Join(out, f.Copy)) != readFile(t, f.Path) {
			t.Fatalf("%s: the copy differs", f.Path)
		}
	}
	if m.ExitCode != 7 || kinds["config"] != filepath.Join(dir, ".cargo", "config.toml") || kinds["lockfile"] != filepath.Join(dir, "Cargo.lock") {
		t.Fatalf("bundle.json: %+v", m)
	}
	// A bundle that exists already is refused before anything runs.
	marker := filepath.Join(t.TempDir(), "ran")
	code, text = recordBuild(t, dir, out, env, "/bin/sh", "-c", "touch "+marker)
	if code != 2 || !strings.Contains(text, "exists") {
		t.Fatalf("exit %d, want 2 for an existing bundle: %s", code, text)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the command ran although the bundle could not be written")
	}
}

func TestDiffOfBundlesListsLockAndToolChanges(t *testing.T) {
	dir := doctorProject(t)
	env := []string{"PATH=/usr/bin:/bin", "CARGO_HOME=" + filepath.Join(dir, "none")}
	lock := func(v string) {
		writeFile(t, filepath.Join(dir, "Cargo.lock"), "version = 3\n[[package]]\nname = \"riscv-rt\"\nversion = \""+v+"\"\n")
	}
	tmp := t.TempDir()
	lock("0.11.0")
	if code, text := recordBuild(t, dir, filepath.Join(tmp, "a"), env, "/bin/echo", "Finished release"); code != 0 {
		t.Fatal(text)
	}
	lock("0.12.0")
	if code, text := recordBuild(t, dir, filepath.Join(tmp, "b"), append(env, "CARGO_BUILD_TARGET=thumbv7em-none-eabihf"), "/bin/echo", "Finished release"); code != 0 {
		t.Fatal(text)
	}
	code, stdout, stderr := cli(t, "", "diff", filepath.Join(tmp, "a"), filepath.Join(tmp, "b"))
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"CARGO_BUILD_TARGET", "thumbv7em-none-eabihf", "riscv-rt", "0.11.0", "0.12.0"} {
		if !strings.Contains(stdout, want) {
			t.Fatalf("diff lacks %q:\n%s", want, stdout)
		}
	}
}
