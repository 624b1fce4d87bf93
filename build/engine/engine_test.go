package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/grammar/logread"
)

const bench = "../../corpus/bench/"

// buildOutput is a real failing build's output (bench case c: RUSTFLAGS dropped the config's
// -Tlink.x), without its front matter: what the build command printed.
func buildOutput(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(bench + "b03-rustflags-env-drops-config.log")
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "---\n")
	if !ok {
		t.Fatal("no front matter")
	}
	return []byte(body)
}

func rules(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Rule))
	}
	return out
}

// The same build output means something else with RUSTFLAGS in the build's environment.
func TestDiagnoseReadsTheEnvironmentGiven(t *testing.T) {
	e := New(Options{})
	with, err := e.Diagnose(buildOutput(t), []string{"RUSTFLAGS=-C target-feature=-crt-static", "HOME=/root"})
	if err != nil {
		t.Fatal(err)
	}
	if with.Known == nil || with.Known.Entry.ID != "rustflags-env-overrides-config" || !slices.Contains(rules(with.Findings), "rustflags-env-set") {
		t.Errorf("with RUSTFLAGS: known %v, findings %v", with.Known, rules(with.Findings))
	}
	without, err := e.Diagnose(buildOutput(t), []string{"HOME=/root"})
	if err != nil {
		t.Fatal(err)
	}
	if without.Known == nil || without.Known.Entry.ID == "rustflags-env-overrides-config" || slices.Contains(rules(without.Findings), "rustflags-env-set") {
		t.Errorf("without RUSTFLAGS: known %v, findings %v", without.Known, rules(without.Findings))
	}
}

// failingBuild is a build runner whose build prints the output and fails.
type failingBuild struct {
	output []byte
	ran    []build.Command
}

func (f *failingBuild) Run(_ context.Context, c build.Command) ([]byte, int, error) {
	f.ran = append(f.ran, c)
	return f.output, 101, nil
}

// Under fix --verify the build runs with the plan's environment (RUSTFLAGS unset) while cxlog
// itself still has RUSTFLAGS: the diagnosis is of the build's environment, not cxlog's.
func TestVerifyDiagnosesWithTheBuildsEnvironment(t *testing.T) {
	t.Setenv("RUSTFLAGS", "-C target-feature=-crt-static")
	runner := &failingBuild{output: buildOutput(t)}
	cfg := build.DefaultConfig(t.TempDir())
	cfg.Build, cfg.Port, cfg.Expect = "cargo build --release", "/dev/null", []string{"Hello"}
	cfg.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "RUSTFLAGS=") })
	res := New(Options{}).Verify(context.Background(), cfg, build.Deps{Runner: runner})
	if res.Report.Outcome != build.OutcomeBuildFailed || len(runner.ran) != 1 {
		t.Fatalf("outcome %v, %d commands run", res.Report.Outcome, len(runner.ran))
	}
	if res.DiagnosisErr != nil || res.Diagnosis == nil || res.Diagnosis.Known == nil {
		t.Fatalf("diagnosis %+v, %v", res.Diagnosis, res.DiagnosisErr)
	}
	if id := res.Diagnosis.Known.Entry.ID; id == "rustflags-env-overrides-config" || slices.Contains(rules(res.Diagnosis.Findings), "rustflags-env-set") {
		t.Errorf("the diagnosis blames a RUSTFLAGS the build never had: %s, %v", id, rules(res.Diagnosis.Findings))
	}
	if strings.Contains(string(BuildLogWithEnv(res.Report.BuildLog, res.Env)), "RUSTFLAGS=") {
		t.Error("the saved build log shows cxlog's RUSTFLAGS, not the build's environment")
	}

	cfg.Env = nil // plain verify: the build inherits cxlog's environment, RUSTFLAGS included
	res = New(Options{}).Verify(context.Background(), cfg, build.Deps{Runner: runner})
	if res.Diagnosis == nil || res.Diagnosis.Known == nil || res.Diagnosis.Known.Entry.ID != "rustflags-env-overrides-config" {
		t.Errorf("with the inherited RUSTFLAGS: %+v", res.Diagnosis)
	}
}

// Diagnose ranks with the index, as explain does, so both name the same entry for one log.
func TestDiagnoseRanksAsExplain(t *testing.T) {
	e := New(Options{CacheDir: t.TempDir()})
	defer e.Close()
	d, err := e.Diagnose(buildOutput(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "build.log")
	if err := os.WriteFile(path, buildOutput(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ex, err := e.Explain(path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Known == nil || len(ex.Matches) == 0 || d.Known.Entry.ID != ex.Matches[0].Entry.ID || d.Known.Score != ex.Matches[0].Score {
		t.Errorf("diagnose %+v, explain %+v", d.Known, ex.Matches)
	}
}

// A panic while a log is read (here the good one) comes back as an error.
func TestDiffPanicOnTheReadingGoroutineIsAnError(t *testing.T) {
	testHookRead = func(path string) {
		if strings.Contains(path, "b00") {
			panic("boom reading " + path)
		}
	}
	defer func() { testHookRead = nil }()
	_, err := New(Options{}).Diff(DiffRequest{Good: bench + "b00-ok.good.log", Bad: bench + "b03-rustflags-env-drops-config.log"})
	pe, ok := errors.AsType[*analyze.PanicError](err)
	if !ok || !strings.Contains(pe.Error(), "boom reading") {
		t.Fatalf("err = %v", err)
	}
}

func TestExplainTargetIsTheBinarysTarget(t *testing.T) {
	res, err := New(Options{}).Explain(bench + "b01-linker-cc-wrapper-flavor.log")
	if err != nil {
		t.Fatal(err)
	}
	if res.Target != "riscv32imc-unknown-none-elf" {
		t.Errorf("target %q", res.Target)
	}
}

// Every error says what kind it is, for the exit code.
func TestErrorsHaveKinds(t *testing.T) {
	e := New(Options{})
	if _, err := e.Check("no-such.log"); !isType[*logread.InputError](err) {
		t.Errorf("missing log: %T %v", err, err)
	}
	if _, err := e.Diff(DiffRequest{Good: bench + "b00-ok.good.log", Bad: bench + "b00-ok.good.log", GoodDrv: "a", BadDrv: "b"}); !isType[*UserError](err) {
		t.Errorf("missing derivation: %T %v", err, err)
	}
	if _, err := e.Entry("no-such-entry"); !isType[*UserError](err) {
		t.Errorf("unknown entry: %T %v", err, err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "broken.md"), []byte("---\nid: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{KBDirs: []string{bad}}).KB(); !isType[*KBError](err) {
		t.Errorf("broken --kb entry: %T %v", err, err)
	}
	if _, err := e.PlanFix(FixRequest{KBID: "gcc-wrapper-receives-flavor-gnu", Project: filepath.Join(bad, "missing")}); !isType[*UserError](err) {
		t.Errorf("missing project: %T %v", err, err)
	}
}

func isType[T error](err error) bool {
	_, ok := errors.AsType[T](err)
	return ok
}
