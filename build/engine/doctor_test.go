package engine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/build/record"
)

// fakeToolchain puts rustc and cargo scripts on a PATH of their own. Like rustup's proxies
// they answer for the directory they run in: rustc -vV names an aarch64 host where the
// directory holds a rust-toolchain.toml, x86_64 elsewhere, and says where it ran. Every run
// is noted in the calls file, one "cwd: args" line each.
func fakeToolchain(t *testing.T) (env []string, calls string) {
	t.Helper()
	bin := t.TempDir()
	calls = filepath.Join(t.TempDir(), "calls")
	rustc := `#!/bin/sh
echo "$PWD: $*" >>"$FAKE_CALLS"
host=x86_64-unknown-linux-gnu
[ -f rust-toolchain.toml ] && host=aarch64-unknown-linux-gnu
case "$1" in
-vV) printf 'rustc 1.80.0 (ran in %s)\nhost: %s\n' "$PWD" "$host" ;;
--print) [ "$2" = sysroot ] && echo "$PWD/sysroot" ;;
esac
`
	cargo := `#!/bin/sh
echo "$PWD: $*" >>"$FAKE_CALLS"
echo "cargo 1.80.0 (ran in $PWD)"
`
	for name, text := range map[string]string{"rustc": rustc, "cargo": cargo} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return []string{"PATH=" + bin + ":/usr/bin:/bin", "FAKE_CALLS=" + calls, "HOME=" + t.TempDir()}, calls
}

// toolchainProject is a project whose rust-toolchain.toml picks the toolchain.
func toolchainProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"Cargo.toml":          "[package]\nname = \"fw\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
		"rust-toolchain.toml": "[toolchain]\nchannel = \"1.80.0\"\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runs lists the calls the fake toolchain noted, and the directories they ran in.
func runs(t *testing.T, calls string) (args, dirs []string) {
	t.Helper()
	data, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		dir, a, _ := strings.Cut(l, ": ")
		args, dirs = append(args, a), append(dirs, dir)
	}
	return args, dirs
}

func hostPlan(t *testing.T, doctor []byte) string {
	t.Helper()
	var rep struct {
		Targets []struct{ Triple, Kind string }
	}
	if err := json.Unmarshal(doctor, &rep); err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Targets {
		if p.Kind == "host" {
			return p.Triple
		}
	}
	return ""
}

// cxlog doctor DIR asks the toolchain from DIR, where rustup would find DIR's
// rust-toolchain.toml, not from wherever cxlog was started.
func TestDoctorRunsTheToolchainInTheProjectDirectory(t *testing.T) {
	env, calls := fakeToolchain(t)
	dir := toolchainProject(t)
	rep, err := New(Options{}).Doctor(DoctorRequest{Dir: dir, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(rep)
	if h := hostPlan(t, data); h != "aarch64-unknown-linux-gnu" {
		t.Errorf("host plan %q: the project's toolchain names aarch64-unknown-linux-gnu", h)
	}
	args, dirs := runs(t, calls)
	for i := range args {
		if dirs[i] != dir {
			t.Errorf("%q ran in %s, not the project directory %s", args[i], dirs[i], dir)
		}
	}
}

// cxlog record runs rustc -vV and cargo -V once each, in the project directory: doctor's
// prediction and the bundle's tools describe the same toolchain.
func TestRecordRunsEachVersionCommandOnceInTheProjectDirectory(t *testing.T) {
	env, calls := fakeToolchain(t)
	dir := toolchainProject(t)
	out := filepath.Join(t.TempDir(), "bundle")
	res, err := New(Options{}).Record(context.Background(), RecordRequest{Command: []string{"true"}, Dir: dir, Env: env, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	args, dirs := runs(t, calls)
	n := map[string]int{}
	for i, a := range args {
		n[a]++
		if dirs[i] != dir {
			t.Errorf("%q ran in %s, not the project directory %s", a, dirs[i], dir)
		}
	}
	if n["-vV"] != 1 || n["-V"] != 1 {
		t.Errorf("rustc -vV ran %d times, cargo -V %d times; want once each (runs: %q)", n["-vV"], n["-V"], args)
	}
	tools := map[string]record.Tool{}
	for _, tool := range res.Manifest.Tools {
		tools[tool.Name] = tool
	}
	if !strings.Contains(tools["rustc"].Output, "host: aarch64-unknown-linux-gnu") || !strings.Contains(tools["cargo"].Output, "cargo 1.80.0") {
		t.Errorf("the bundle's tools: %+v", res.Manifest.Tools)
	}
	b, err := record.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	doctor, err := os.ReadFile(b.DoctorPath())
	if err != nil {
		t.Fatal(err)
	}
	if h := hostPlan(t, doctor); h != "aarch64-unknown-linux-gnu" {
		t.Errorf("the bundle's doctor report plans host %q, while its rustc -vV says aarch64-unknown-linux-gnu", h)
	}
}
