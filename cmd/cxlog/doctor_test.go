package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// doctorProject is a firmware-like project: a config with a target and its rustflags.
func doctorProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "Cargo.toml"), "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n")
	writeFile(t, filepath.Join(dir, ".cargo", "config.toml"), "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n[target.riscv32imc-unknown-none-elf]\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n")
	t.Setenv("CARGO_HOME", filepath.Join(dir, "no-cargo-home"))
	t.Setenv("RUSTFLAGS", "")
	os.Unsetenv("RUSTFLAGS")
	return dir
}

func TestDoctorNamesRustflagsThatOverrideTheConfig(t *testing.T) {
	dir := doctorProject(t)
	t.Setenv("RUSTFLAGS", "-C opt-level=1")
	code, out, errOut := cli(t, "", "doctor", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a problem); stderr %s", code, errOut)
	}
	var rep struct {
		Schema  string
		Targets []struct {
			Kind            string
			RustflagsSource string `json:"rustflags_source"`
			Rustflags       []string
		}
		Problems []struct{ Class, Entry, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Schema != "cxlog.doctor/v1" || len(rep.Problems) == 0 || rep.Problems[0].Entry != "rustflags-env-overrides-config" ||
		!strings.Contains(rep.Problems[0].Message, "-C link-arg=-Tlink.x") {
		t.Fatalf("want the RUSTFLAGS problem naming the dropped flags, got %+v", rep)
	}
}

func TestDoctorCleanProjectExitsZero(t *testing.T) {
	dir := doctorProject(t)
	t.Setenv("PATH", t.TempDir()) // no linker at all: only the linker problem may remain
	writeFile(t, filepath.Join(dir, "bin", "rust-lld"), "#!/bin/sh\n")
	if err := os.Chmod(filepath.Join(dir, "bin", "rust-lld"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, ".cargo", "config.toml"), "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n[target.riscv32imc-unknown-none-elf]\nlinker = \"bin/rust-lld\"\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n")
	code, out, errOut := cli(t, "", "doctor", dir)
	if code != 0 {
		t.Fatalf("exit %d, want 0; out:\n%s\nstderr %s", code, out, errOut)
	}
	if !strings.Contains(out, "-C linker="+filepath.Join(dir, "bin", "rust-lld")) || !strings.Contains(out, "No problems found.") {
		t.Fatalf("text report lacks the config-relative linker or the verdict:\n%s", out)
	}
}

// Input cargo cannot read is one line on stderr, exit 2, and nothing on stdout.
func TestDoctorBadInputExitsTwo(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns DIR
		want  string
	}{
		{"config not valid TOML", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, ".cargo", "config.toml"), "[build\ntarget = 1\n")
			return dir
		}, "config.toml: line 1"},
		{"symlink loop in the directory chain", func(t *testing.T, dir string) string {
			if err := os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "a")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "b")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(dir, "a", "sub")
		}, "too many levels of symbolic links"},
		{"symlink loop as .cargo", func(t *testing.T, dir string) string {
			if err := os.RemoveAll(filepath.Join(dir, ".cargo")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(dir, ".cargo"), filepath.Join(dir, ".cargo")); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "too many levels of symbolic links"},
		{"unreadable $CARGO_HOME (a loop)", func(t *testing.T, dir string) string {
			home := filepath.Join(dir, "home")
			if err := os.Symlink(home, home); err != nil {
				t.Fatal(err)
			}
			t.Setenv("CARGO_HOME", home)
			return dir
		}, "$CARGO_HOME cannot be read"},
		{"$CARGO_HOME not a directory", func(t *testing.T, dir string) string {
			home := filepath.Join(dir, "home")
			writeFile(t, home, "")
			t.Setenv("CARGO_HOME", home)
			return dir
		}, "$CARGO_HOME is not a directory"},
		{"unreadable $CARGO_HOME (mode 000)", func(t *testing.T, dir string) string {
			if os.Geteuid() == 0 {
				t.Skip("root reads a mode-000 directory")
			}
			home := filepath.Join(dir, "home")
			if err := os.Mkdir(home, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(home, 0o755) })
			t.Setenv("CARGO_HOME", home)
			return dir
		}, "$CARGO_HOME cannot be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := doctorProject(t)
			arg := tc.setup(t, dir)
			code, out, errOut := cli(t, "", "doctor", arg)
			if code != 2 || out != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing written", code, out)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, tc.want) {
				t.Fatalf("stderr %q: want one line with %q", errOut, tc.want)
			}
		})
	}
}
