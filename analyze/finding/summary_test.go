package finding

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus"
)

// A Distinct log (what diff, check and explain read) keeps of each crate's first invocation
// only what the rules read (analyze.Log.summary). Issue 16/2: that summary must not change a
// single finding, difference or setting change. Every diff row of the corpus and every rule's
// golden case is compared twice, once on the summaries and once on the whole first invocation
// of each crate (what a Distinct log kept before), and every log of the corpus is checked both
// ways.
func TestSummariesFindWhatWholeInvocationsFind(t *testing.T) {
	var pairs [][2]string
	for _, dir := range []string{"pairs", "seed", "bench"} {
		dir = filepath.Join("../../corpus", dir)
		rows, err := corpus.ReadExpected(filepath.Join(dir, "expected.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			if row.Command == "diff" {
				pairs = append(pairs, [2]string{filepath.Join(dir, row.Good), filepath.Join(dir, row.Bad)})
			}
		}
	}
	rules, err := filepath.Glob("testdata/*/bad.log")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range rules {
		pairs = append(pairs, [2]string{filepath.Join(filepath.Dir(bad), "good.log"), bad})
	}
	if len(pairs) < 50 {
		t.Fatalf("only %d pairs: the corpus moved?", len(pairs))
	}
	// what the corpus shows in no Running line: RUSTFLAGS and a toolchain in its environment,
	// -C linker-flavor, -C target-cpu, -Z, --sysroot, a crate whose first record is its failure
	dir := t.TempDir()
	for i, side := range []struct{ env, toolchain, flags string }{
		{"", "1.77.0", "-C linker-flavor=ld.lld -C target-cpu=generic-rv32 -Z build-std=core --sysroot /home/u/.rustup/toolchains/nightly-2024-01-24-x86_64-unknown-linux-gnu"},
		{"RUSTFLAGS='-C link-arg=-nostartfiles' ", "1.78.0", "-C linker-flavor=gcc -C target-cpu=generic -Z build-std=core,alloc --sysroot /home/u/.rustup/toolchains/1.78.0-x86_64-unknown-linux-gnu"},
	} {
		run := func(crate, types string) string {
			return side.env + "CARGO_PKG_NAME=" + crate + " CARGO_PKG_VERSION=0.1.0 LD_LIBRARY_PATH=/nix/store/hca7lla5l3hjc2gzkxj03abzgynyjsha-rust-default-" + side.toolchain + "/lib rustc --crate-name " + crate +
				" --edition=2021 src/lib.rs --crate-type " + types + " -C opt-level=s -C metadata=0123456789abcdef --out-dir /home/u/fw/target/riscv32imc-unknown-none-elf/release/deps" +
				" --target riscv32imc-unknown-none-elf -C linker=rust-lld -L dependency=/home/u/fw/target/release/deps --extern riscv=/home/u/fw/target/riscv32imc-unknown-none-elf/release/deps/libriscv-0123456789abcdef.rlib " +
				side.flags + " -C link-arg=-Tlink.x --cfg fw_atomics"
		}
		text := "     Running `" + run("riscv", "lib") + "`\n" +
			"     Running `" + run("fw", "bin") + "`\n" +
			"error: could not compile `fw` (bin \"fw\")\n\nCaused by:\n  process didn't exit successfully: `" + run("app", "bin") + "` (exit status: 1)\n"
		path := filepath.Join(dir, []string{"good.log", "bad.log"}[i])
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pairs = append(pairs, [2]string{filepath.Join(dir, "good.log"), filepath.Join(dir, "bad.log")})
	for _, p := range pairs {
		t.Run(p[1], func(t *testing.T) {
			want := comparison(t, wholeFirstInvocations(t, p[0]), wholeFirstInvocations(t, p[1]))
			got := comparison(t, readSummaries(t, p[0]), readSummaries(t, p[1]))
			if got != want {
				t.Errorf("on summaries:\n%s\non whole invocations:\n%s", got, want)
			}
		})
	}

	var logs []string
	for _, dir := range []string{"public", "seed", "bench", "holdout", "holdout2", "holdout3", "pairs/*"} {
		found, err := filepath.Glob(filepath.Join("../../corpus", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			if strings.HasSuffix(f, ".log") || strings.HasSuffix(f, ".txt") || strings.HasSuffix(f, ".md") && !strings.HasSuffix(f, "README.md") {
				logs = append(logs, f)
			}
		}
	}
	if len(logs) < 100 {
		t.Fatalf("only %d logs: the corpus moved?", len(logs))
	}
	for _, path := range logs {
		want, got := wholeFirstInvocations(t, path), readSummaries(t, path)
		if w, g := marshal(t, Check(want)), marshal(t, Check(got)); g != w {
			t.Errorf("%s: check on summaries:\n%s\non whole invocations:\n%s", path, g, w)
		}
	}
}

// comparison is everything cxlog diff reports of two logs, short of the knowledge base.
func comparison(t *testing.T, good, bad *analyze.Log) string {
	fs, diffs := Diff(good, bad)
	AttachChanges(fs, good, bad, diffs)
	return marshal(t, struct {
		Findings    []Finding
		Differences []Difference
		Changes     []Change
		Stopped     string
	}{fs, diffs, SettingChanges(good, bad, diffs), StoppedEarly(good, bad)})
}

func marshal(t *testing.T, v any) string {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readSummaries(t *testing.T, path string) *analyze.Log {
	t.Helper()
	l, err := analyze.ReadPath(path, nil, analyze.Options{Distinct: true})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// wholeFirstInvocations reads a log as a Distinct log did before it kept summaries: the first
// invocation of each crate, whole.
func wholeFirstInvocations(t *testing.T, path string) *analyze.Log {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	l := read(t, path)
	seen := map[analyze.CrateKey]bool{}
	var first []*analyze.Invocation
	for _, inv := range l.Invocations {
		if !seen[inv.Key()] {
			seen[inv.Key()] = true
			first = append(first, inv)
		}
	}
	l.Invocations = first
	return l
}
