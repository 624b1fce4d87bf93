package explain

import (
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
)

// split divides one log holding two builds (as the public reports 003 and 049 do) into the
// records of each build; the fixture itself is read unchanged.
func split(l *analyze.Log, inFirst func(drv string, line int) bool) (*analyze.Log, *analyze.Log) {
	return l.Select(inFirst), l.Select(func(drv string, line int) bool { return !inFirst(drv, line) })
}

func diffWithKB(t *testing.T, good, bad *analyze.Log) []finding.Finding {
	t.Helper()
	b, ix := openKB(t)
	fs, _ := finding.Diff(good, bad)
	return finding.Rank(append(fs, NewErrors(good, bad, b, ix)...))
}

// Public 003: the same crate under two Nix cross set-ups; the riscv32-none-elf one lost the
// project's config rustflags.
func TestPair003ConfigFlagsNeverReachedRustc(t *testing.T) {
	in, err := ReadInput("../../corpus/public/003-nix-cargo-config-rustflags-ignored-running-pair.md", nil)
	if err != nil {
		t.Fatal(err)
	}
	bad, good := split(in.Log, func(drv string, _ int) bool { return strings.Contains(drv, "riscv32-none-elf") })
	if len(bad.Invocations) != 1 || len(good.Invocations) != 1 {
		t.Fatalf("split: %d bad, %d good invocations", len(bad.Invocations), len(good.Invocations))
	}
	fs := diffWithKB(t, good, bad)
	if len(fs) == 0 || fs[0].Class != "cargo-config-scope" || !strings.Contains(fs[0].Message, "-Tlinkall.x") ||
		!strings.Contains(fs[0].Message, "-crt-static") {
		t.Fatalf("first finding: %+v", fs)
	}
}

// Public 049: the full fenix toolchain fails to link (collect2 cannot spawn the linker), the
// minimal one builds. Nothing in the flags differs; the failure itself is the finding.
func TestPair049LinkerNotFoundOnlyInFailingBuild(t *testing.T) {
	in, err := ReadInput("../../corpus/public/049-nix-fenix-complete-toolchain-collect2-posix-spawnp-pair.md", nil)
	if err != nil {
		t.Fatal(err)
	}
	secondRun := 0
	for _, l := range in.Lines {
		if strings.Contains(l.Text, "nix-build -A packages.hello_world") {
			secondRun = l.N
		}
	}
	if secondRun == 0 {
		t.Fatal("second nix-build not found")
	}
	bad, good := split(in.Log, func(_ string, line int) bool { return line < secondRun })
	fs := diffWithKB(t, good, bad)
	if len(fs) == 0 || fs[0].Class != "linker-not-found" {
		t.Fatalf("first finding: %+v", fs)
	}
	named := false
	for _, e := range fs[0].Evidence {
		named = named || strings.Contains(e.Text, "posix_spawnp") || strings.Contains(e.Text, "collect2")
	}
	if !named {
		t.Errorf("evidence does not quote collect2's error: %+v", fs[0].Evidence)
	}
}
