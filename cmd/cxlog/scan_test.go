package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// outsideCI makes a test's documents independent of the CI job it runs in.
func outsideCI(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	t.Setenv("GITLAB_CI", "")
}

// otelLine is a line of --format ndjson as a log store reads it.
type otelLine struct {
	Timestamp      string
	SeverityText   string
	SeverityNumber int
	Body           string
	Attributes     map[string]any
}

func TestScanNDJSONIsOneOpenTelemetryRecordALog(t *testing.T) {
	outsideCI(t)
	dir := t.TempDir()
	elf := filepath.Join(dir, "app.elf")
	os.WriteFile(elf, append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...), 0o644)
	code, out, stderr := cli(t, "", "scan", "--format", "ndjson", "--attr", "cicd.pipeline.name=firmware",
		bench+"b01-linker-cc-wrapper-flavor.log", elf, bench+"b04-atomicusize-rustc-1.63.log", bench+"b00-ok.good.log")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stderr, "skipped "+elf) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("the binary log is not named once on stderr: %q", stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines for 3 readable logs:\n%s", len(lines), out)
	}
	var docs []otelLine
	for _, l := range lines {
		var d otelLine
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		docs = append(docs, d)
	}
	first := docs[0]
	a := first.Attributes
	if first.SeverityText != "ERROR" || first.SeverityNumber != 17 || !strings.Contains(first.Body, "linking with") || first.Timestamp == "" {
		t.Errorf("first record: %+v", first)
	}
	if a["cxlog.class"] != "linker-flavor-mismatch" || a["cxlog.entry"] != "gcc-wrapper-receives-flavor-gnu" || a["cxlog.confidence"].(float64) < 0.9 ||
		len(a["cxlog.fingerprint"].(string)) != 16 || a["cxlog.target"] != "riscv32imc-unknown-none-elf" || a["cxlog.crate"] != "cxlog_bench_fw" ||
		a["cicd.pipeline.name"] != "firmware" || a["log.file.path"] != bench+"b01-linker-cc-wrapper-flavor.log" {
		t.Errorf("attributes: %v", a)
	}
	if docs[1].Attributes["cxlog.class"] != "atomics-unsupported" {
		t.Errorf("second record: %+v", docs[1])
	}
	if ok := docs[2]; ok.Attributes["cxlog.class"] != "unknown" || ok.SeverityText == "ERROR" {
		t.Errorf("a working build: %+v", ok)
	}
}

func TestScanTakesTheCIJobsAttributes(t *testing.T) {
	outsideCI(t)
	t.Setenv("GITLAB_CI", "true")
	t.Setenv("CI_PROJECT_PATH", "team/fw")
	t.Setenv("CI_JOB_ID", "314")
	_, out, _ := cli(t, "", "scan", "--format", "ndjson", bench+"b05-rust-lld-not-found.log")
	var d otelLine
	json.Unmarshal([]byte(out), &d)
	if d.Attributes["cicd.pipeline.name"] != "team/fw" || d.Attributes["cicd.pipeline.task.run.id"] != "314" {
		t.Errorf("attributes %v", d.Attributes)
	}
}

func TestScanGroupCountsRecurringFailures(t *testing.T) {
	outsideCI(t)
	dir := t.TempDir()
	data, err := os.ReadFile(bench + "b02-host-gcc-linker.log")
	if err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	for _, name := range []string{"job1.log", "job2.log", "job3.log"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		list.WriteString(p + "\n")
	}
	list.WriteString(bench + "b05-rust-lld-not-found.log\n")
	code, out, stderr := cli(t, list.String(), "scan", "--group", "--format", "json", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Schema string
		Groups []struct {
			Fingerprint, Class, Entry, Example string
			Count                              int
			FirstSeen                          string `json:"first_seen"`
			LastSeen                           string `json:"last_seen"`
		}
		Logs int `json:"logs_read"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err, out)
	}
	if res.Schema != "cxlog.scan-group/v1" || res.Logs != 4 || len(res.Groups) != 2 || res.Groups[0].Count != 3 || res.Groups[1].Count != 1 {
		t.Fatalf("%+v", res)
	}
	g := res.Groups[0]
	if g.Class != "host-linker-for-target" || g.Entry == "" || g.FirstSeen == "" || g.LastSeen < g.FirstSeen {
		t.Errorf("group %+v", g)
	}
	_, text, _ := cli(t, list.String(), "scan", "--group", "-")
	if !strings.Contains(text, "4 logs in 2 groups") || !strings.Contains(text, g.Fingerprint) || !strings.Contains(text, "COUNT") {
		t.Errorf("text:\n%s", text)
	}
}

func TestScanTimeFromAnAttribute(t *testing.T) {
	outsideCI(t)
	_, out, _ := cli(t, "", "scan", "--format", "ndjson", "--attr", "job.started=2026-03-03T10:00:00Z", "--time-from", "job.started", bench+"b05-rust-lld-not-found.log")
	if !strings.HasPrefix(out, `{"Timestamp":"2026-03-03T10:00:00Z"`) {
		t.Errorf("%s", out)
	}
	code, _, stderr := cli(t, "", "scan", "--time-from", "job.started", bench+"b05-rust-lld-not-found.log")
	oneLineWith(t, "--time-from without the attribute", code, exitUsage, stderr, "--time-from job.started")
}

func TestScanErrors(t *testing.T) {
	outsideCI(t)
	dir := t.TempDir()
	code, _, stderr := cli(t, "", "scan", dir)
	oneLineWith(t, "an empty directory", code, exitUsage, stderr, "no log found")
	code, _, stderr = cli(t, "", "scan", filepath.Join(dir, "missing.log"))
	if code != exitUsage || !strings.Contains(stderr, "skipped") || !strings.Contains(stderr, "none of the 1 logs could be read") {
		t.Errorf("only a missing log: exit %d, %q", code, stderr)
	}
	code, _, stderr = cli(t, "", "scan", "--attr", "novalue", bench+"b05-rust-lld-not-found.log")
	oneLineWith(t, "--attr without =", code, exitUsage, stderr, "want key=value")
	code, _, stderr = cli(t, "", "check", "--format", "ndjson", bench+"b05-rust-lld-not-found.log")
	oneLineWith(t, "ndjson of check", code, exitUsage, stderr, "format ndjson cannot show cxlog.check/v1 output")
}

// On a terminal the progress line says how many logs are done of how many, the rate and the
// time left; elsewhere stderr gets only the skipped logs (the tests above).
func TestScanProgressLine(t *testing.T) {
	p := &scanProgress{start: time.Now().Add(-10 * time.Second)}
	p.total.Store(-1)
	p.done.Store(50)
	if got := p.line(); !strings.HasPrefix(got, "scan: 50 logs, 5.0 logs/s") || strings.Contains(got, "ETA") {
		t.Errorf("before the paths are counted: %q", got)
	}
	p.total.Store(150)
	if got := p.line(); got != "scan: 50/150 logs, 5.0 logs/s, ETA 20s" {
		t.Errorf("counted: %q", got)
	}
}
