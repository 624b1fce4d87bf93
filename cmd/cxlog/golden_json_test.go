package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSONGolden pins the JSON of every cxlog.*/v1 schema on seed cases: a reader of these
// schemas depends on every byte. A deliberate change is refreshed with -update and, if it
// breaks a reader, comes with a new schema version.
func TestJSONGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		exit int
	}{
		{"parse-seed-s05", []string{"parse", "--json", seed + "s05-linker-cc-explicit.log"}, exitOK},
		{"parse-seed-s04-two-files", []string{"parse", "--json", seed + "s04-env-working.txt", seed + "s04-env-failing.txt"}, exitOK},
		{"diff-seed-s11-s10", []string{"diff", "--json", seed + "s11-cross-x86_64.good.log", seed + "s10-cross-riscv32-none-elf.bad.log"}, exitDifferent},
		{"diff-seed-s04", []string{"diff", "--json", seed + "s04-env-working.txt", seed + "s04-env-failing.txt"}, exitDifferent},
		{"check-seed-s05", []string{"check", "--json", seed + "s05-linker-cc-explicit.log"}, exitDifferent},
		{"check-seed-s11", []string{"check", "--json", seed + "s11-cross-x86_64.good.log"}, exitOK},
		{"explain-seed-s01", []string{"explain", "--json", seed + "s01-nixpkgs-2311-flavor.log"}, exitOK},
		{"explain-seed-s06", []string{"explain", "--json", seed + "s06-linker-ld.log"}, exitOK},
		{"search-flavor-gnu", []string{"search", "--json", "linker flavor gnu"}, exitOK},
		{"search-no-hit", []string{"search", "--json", "zzzqqqxxx"}, exitOK},
		{"eval-bench", []string{"eval", "--json", "../../corpus/bench"}, exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := cli(t, "", tc.args...)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.exit, stderr)
			}
			checkGolden(t, filepath.Join("testdata", "json", tc.name+".json"), out)
		})
	}
}

// checkGolden compares out with the golden file, or rewrites it under -update.
func checkGolden(t *testing.T, golden, out string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/cxlog -run Golden -update and review)", err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s:\n%s", golden, out)
	}
}

// The fix plan's JSON, with the project's temporary directory replaced by PROJECT.
func TestFixJSONGolden(t *testing.T) {
	dir := fixProject(t, cargoConfigWithGCC)
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := cli(t, "", "fix", "--json", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkGolden(t, filepath.Join("testdata", "json", "fix-gcc-wrapper-dry-run.json"), strings.ReplaceAll(out, real, "PROJECT"))
}
