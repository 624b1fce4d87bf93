package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestReportsGolden pins the text reports people read, so that a change to them shows in review.
// Run `go test ./cmd/cxlog -run Golden -update` after a deliberate change and read the diff.
func TestReportsGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		exit int
	}{
		{"diff-seed-s11-s10", []string{"diff", seed + "s11-cross-x86_64.good.log", seed + "s10-cross-riscv32-none-elf.bad.log"}, exitDifferent},
		{"diff-all-seed-s04", []string{"diff", "--all", seed + "s04-env-working.txt", seed + "s04-env-failing.txt"}, exitDifferent},
		{"check-seed-s05", []string{"check", seed + "s05-linker-cc-explicit.log"}, exitDifferent},
		{"explain-seed-s01", []string{"explain", seed + "s01-nixpkgs-2311-flavor.log"}, exitOK},
		{"parse-seed-s11", []string{"parse", seed + "s11-cross-x86_64.good.log"}, exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := cli(t, "", tc.args...)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.exit, stderr)
			}
			if strings.Contains(out, "\x1b[") {
				t.Error("colour codes in output that is not a terminal")
			}
			golden := filepath.Join("testdata", tc.name+".txt")
			if *update {
				os.MkdirAll("testdata", 0o755)
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
				t.Errorf("report differs from %s:\n%s", golden, out)
			}
		})
	}
}
