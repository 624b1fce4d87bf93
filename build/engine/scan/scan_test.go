package scan

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/build/engine"
)

const corpusDir = "../../../corpus/"

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	eng := engine.New(engine.Options{CacheDir: t.TempDir()})
	t.Cleanup(func() { eng.Close() })
	return eng
}

func scanAll(t *testing.T, eng *engine.Engine, args []string, opts Options) ([]Log, Summary) {
	t.Helper()
	var logs []Log
	sum, err := Run(context.Background(), eng, Paths(args, nil), opts, func(l Log) error {
		logs = append(logs, l)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return logs, sum
}

// Every log gets the class cxlog explain gives it alone, in the order of the paths, whatever
// the number of workers; an unreadable, a binary and a missing log are skipped, not fatal.
func TestScanExplainsEachLogAsExplainDoes(t *testing.T) {
	eng := newEngine(t)
	dir := t.TempDir()
	binary := filepath.Join(dir, "firmware.elf")
	os.WriteFile(binary, append([]byte("\x7fELF\x01\x01\x01"), make([]byte, 200)...), 0o644)
	unreadable := filepath.Join(dir, "locked.log")
	os.WriteFile(unreadable, []byte("error: linker `cc` not found\n"), 0o000)
	logs, _ := filepath.Glob(corpusDir + "bench/b0*.log")
	seeds, _ := filepath.Glob(corpusDir + "seed/s0*.log")
	args := append(append([]string{binary}, logs...), filepath.Join(dir, "missing.log"), unreadable)
	args = append(args, seeds...)
	for _, workers := range []int{1, 3} {
		got, sum := scanAll(t, eng, args, Options{Workers: workers})
		if len(got) != len(args) {
			t.Fatalf("workers %d: %d results for %d paths", workers, len(got), len(args))
		}
		skipped := 0
		for i, l := range got {
			if l.Path != args[i] {
				t.Fatalf("workers %d: result %d is %s, want %s (input order)", workers, i, l.Path, args[i])
			}
			if l.Err != nil {
				skipped++
				continue
			}
			want, err := eng.Explain(l.Path)
			if err != nil {
				t.Fatal(err)
			}
			if l.Class != want.Class || l.Confidence != want.Confidence {
				t.Errorf("%s: scan %s %.3f, explain %s %.3f", l.Path, l.Class, l.Confidence, want.Class, want.Confidence)
			}
			if len(want.Matches) > 0 && l.Entry != want.Matches[0].Entry.ID {
				t.Errorf("%s: entry %s, explain's top match %s", l.Path, l.Entry, want.Matches[0].Entry.ID)
			}
		}
		wantSkipped := 2 // the ELF file and the missing one
		if os.Geteuid() != 0 {
			wantSkipped = 3 // root reads a mode-000 file
		}
		if skipped != wantSkipped || sum.Skipped != skipped || sum.Logs != len(args)-skipped {
			t.Errorf("workers %d: %d skipped (summary %+v), want %d", workers, skipped, sum, wantSkipped)
		}
		if got[0].Err == nil || !strings.Contains(got[0].Err.Error(), "firmware.elf") {
			t.Errorf("the binary log: %v", got[0].Err)
		}
	}
}

func TestScanFillsTheDocumentFields(t *testing.T) {
	eng := newEngine(t)
	got, _ := scanAll(t, eng, []string{corpusDir + "bench/b01-linker-cc-wrapper-flavor.log"}, Options{Attrs: map[string]string{"cicd.pipeline.name": "fw"}})
	l := got[0]
	if l.Class != "linker-flavor-mismatch" || l.Entry != "gcc-wrapper-receives-flavor-gnu" || l.Target != "riscv32imc-unknown-none-elf" || l.Crate != "cxlog_bench_fw" {
		t.Errorf("class %s entry %s target %s crate %s", l.Class, l.Entry, l.Target, l.Crate)
	}
	if !strings.Contains(l.Body, "linking with") || l.Attrs["cicd.pipeline.name"] != "fw" || l.Time.IsZero() || len(l.Fingerprint) != 16 {
		t.Errorf("body %q attrs %v time %v fingerprint %q", l.Body, l.Attrs, l.Time, l.Fingerprint)
	}
}

// The same failure seen on two machines (a Nix store and a wrapper in /tmp; another store
// hash, home directory and crate hash) gets one fingerprint; different failures get two.
func TestFingerprintGroupsTheSameFailureAcrossMachines(t *testing.T) {
	eng := newEngine(t)
	dir := t.TempDir()
	orig, err := os.ReadFile(corpusDir + "seed/s06-linker-ld.log")
	if err != nil {
		t.Fatal(err)
	}
	// the same build on another machine: other store hashes, another user's home
	other := strings.NewReplacer("/nix/store/0gi4vbw1qfjncdl95a9ply43ymd6aprm-", "/nix/store/aaaabbbbccccddddeeeeffffgggghhhh-", "/build/", "/home/alice/src/").Replace(string(orig))
	if other == string(orig) {
		t.Fatal("the rewrite changed nothing")
	}
	moved := filepath.Join(dir, "s06-on-another-machine.log")
	os.WriteFile(moved, []byte(other), 0o644)
	args := []string{
		corpusDir + "seed/s05-linker-cc-explicit.log",        // gcc wrapper from the Nix store
		corpusDir + "bench/b01-linker-cc-wrapper-flavor.log", // the same failure, wrapper in /tmp
		corpusDir + "seed/s06-linker-ld.log",                 // another failure
		moved,                                                // s06 on another machine
		corpusDir + "bench/b04-atomicusize-rustc-1.63.log",   // a third
	}
	got, _ := scanAll(t, eng, args, Options{})
	fp := func(i int) string { return got[i].Fingerprint }
	if fp(0) != fp(1) {
		t.Errorf("s05 and b01, the same failure:\n %s %q\n %s %q", fp(0), Normalise(got[0].Body), fp(1), Normalise(got[1].Body))
	}
	if fp(2) != fp(3) {
		t.Errorf("s06 and its copy from another machine:\n %s %q\n %s %q", fp(2), Normalise(got[2].Body), fp(3), Normalise(got[3].Body))
	}
	distinct := []string{fp(0), fp(2), fp(4)}
	slices.Sort(distinct)
	if len(slices.Compact(distinct)) != 3 {
		t.Errorf("three different failures, fingerprints %v", []string{fp(0), fp(2), fp(4)})
	}
}

func TestNormaliseRemovesWhatDiffersBetweenMachines(t *testing.T) {
	for _, c := range [][2]string{
		{"error: linking with `/nix/store/52zpqb06asjd6i5j624hgnh86idhjf1w-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc` failed",
			"error: linking with `/usr/local/bin/x86_64-unknown-linux-gnu-cc` failed"},
		{"rust-lld: error: undefined symbol: _start at 0x42000020", "rust-lld: error: undefined symbol: _start at 0x4200ff00"},
		{`C:\Users\bob\proj\target\release\deps\libfoo-0123456789abcdef.rlib: error`, `/home/ann/w/proj/target/release/deps/libfoo-fedcba9876543210.rlib: error`},
	} {
		if a, b := Normalise(c[0]), Normalise(c[1]); a != b {
			t.Errorf("\n%q\n%q\nnormalise to\n%q\n%q", c[0], c[1], a, b)
		}
	}
	if Normalise("cannot find -lgcc_s") == Normalise("cannot find -lc") {
		t.Error("different libraries normalise alike")
	}
}

func TestGroupsCountFirstAndLastSeen(t *testing.T) {
	eng := newEngine(t)
	dir := t.TempDir()
	data, _ := os.ReadFile(corpusDir + "seed/s05-linker-cc-explicit.log")
	var args []string
	for i, day := range []string{"2026-03-03", "2026-03-01", "2026-03-09"} {
		p := filepath.Join(dir, "job"+string(rune('a'+i))+".log")
		os.WriteFile(p, data, 0o644)
		tm, _ := timeOf(day)
		os.Chtimes(p, tm, tm)
		args = append(args, p)
	}
	args = append(args, corpusDir+"bench/b04-atomicusize-rustc-1.63.log")
	got, _ := scanAll(t, eng, args, Options{})
	var g Groups
	for _, l := range got {
		g.Add(l)
	}
	list := g.List()
	if len(list) != 2 || list[0].Count != 3 || list[1].Count != 1 {
		t.Fatalf("groups %+v", list)
	}
	top := list[0]
	if top.First.Format("2006-01-02") != "2026-03-01" || top.Last.Format("2006-01-02") != "2026-03-09" || top.Example != args[1] || top.Entry != "gcc-wrapper-receives-flavor-gnu" {
		t.Errorf("first %v last %v example %s entry %s", top.First, top.Last, top.Example, top.Entry)
	}
}

func TestPathsExpandsDirectoriesGlobsAndStdin(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.log", "sub/b.log", ".hidden/c.log", "sub/.d.log", "e.txt"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), []byte("x\n"), 0o644)
	}
	collect := func(args []string, stdin string) []string {
		var out []string
		for p := range Paths(args, strings.NewReader(stdin)) {
			out = append(out, strings.TrimPrefix(p, dir+"/"))
		}
		return out
	}
	if got := collect([]string{dir}, ""); !slices.Equal(got, []string{"a.log", "e.txt", "sub/b.log"}) {
		t.Errorf("directory: %v", got)
	}
	if got := collect([]string{dir + "/*.log", dir + "/nothing*"}, ""); !slices.Equal(got, []string{"a.log", "nothing*"}) {
		t.Errorf("globs: %v", got)
	}
	if got := collect([]string{"-"}, dir+"/e.txt\n\n"+dir+"/sub\n"); !slices.Equal(got, []string{"e.txt", "sub/b.log"}) {
		t.Errorf("stdin: %v", got)
	}
}

func TestCIAttrsFromTheJobsEnvironment(t *testing.T) {
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_WORKFLOW": "firmware", "GITHUB_RUN_ID": "42",
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_JOB": "build"}
	got := CIAttrs(func(k string) string { return env[k] })
	if got["cicd.pipeline.name"] != "firmware" || got["cicd.pipeline.run.id"] != "42" || got["cicd.pipeline.task.name"] != "build" ||
		got["cicd.pipeline.run.url.full"] != "https://github.com/o/r/actions/runs/42" {
		t.Errorf("GitHub: %v", got)
	}
	env = map[string]string{"GITLAB_CI": "true", "CI_PROJECT_PATH": "g/fw", "CI_PIPELINE_ID": "7", "CI_JOB_NAME": "cross", "CI_JOB_ID": "99", "CI_JOB_URL": "https://gitlab.com/g/fw/-/jobs/99"}
	got = CIAttrs(func(k string) string { return env[k] })
	if got["cicd.pipeline.name"] != "g/fw" || got["cicd.pipeline.task.run.id"] != "99" || got["cicd.pipeline.task.run.url.full"] == "" {
		t.Errorf("GitLab: %v", got)
	}
	if got := CIAttrs(func(string) string { return "" }); len(got) != 0 {
		t.Errorf("outside CI: %v", got)
	}
}

func timeOf(day string) (t time.Time, err error) { return time.Parse("2006-01-02", day) }
