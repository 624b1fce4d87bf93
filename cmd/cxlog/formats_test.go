package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const bench = "../../corpus/bench/"

// ciCases are the seed and bench cases every CI format is pinned on: a diff whose cause is a
// config that never reached rustc, check's flavor finding, and explain on seed and bench logs.
var ciCases = []struct {
	name string
	args []string
	exit int
}{
	{"diff-seed-s11-s10", []string{"diff", seed + "s11-cross-x86_64.good.log", seed + "s10-cross-riscv32-none-elf.bad.log"}, exitDifferent},
	{"diff-bench-b00-b03", []string{"diff", bench + "b00-ok.good.log", bench + "b03-rustflags-env-drops-config.log"}, exitDifferent},
	{"check-seed-s05", []string{"check", seed + "s05-linker-cc-explicit.log"}, exitDifferent},
	{"explain-seed-s01", []string{"explain", seed + "s01-nixpkgs-2311-flavor.log"}, exitOK},
	{"explain-bench-b02", []string{"explain", bench + "b02-host-gcc-linker.log"}, exitOK},
	{"explain-bench-b05", []string{"explain", bench + "b05-rust-lld-not-found.log"}, exitOK},
}

var ciFormats = map[string]string{"github": "txt", "sarif": "sarif", "gitlab": "json", "html": "html"}

// ciEnv clears what the CI formats read from a CI job's environment.
func ciEnv(t *testing.T) {
	for _, k := range []string{"GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"} {
		t.Setenv(k, "")
	}
}

// TestEvalHTMLGolden pins eval's HTML report (confusion table, misses) on the bench corpus.
func TestEvalHTMLGolden(t *testing.T) {
	code, out, stderr := cli(t, "", "eval", "--format", "html", "../../corpus/bench")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<table class=\"confusion\">", "<h3>Misses</h3>"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval report lacks %s", want)
		}
	}
	checkGolden(t, filepath.Join("testdata", "formats", "eval-bench.html"), out)
}

// TestCIFormatsGolden pins every CI format's output on the seed and bench cases. Refresh a
// deliberate change with `go test ./cmd/cxlog -run CIFormatsGolden -update` and read the diff.
func TestCIFormatsGolden(t *testing.T) {
	ciEnv(t)
	for _, tc := range ciCases {
		for format, ext := range ciFormats {
			t.Run(tc.name+"-"+format, func(t *testing.T) {
				args := append([]string{tc.args[0], "--format", format}, tc.args[1:]...)
				code, out, stderr := cli(t, "", args...)
				if code != tc.exit {
					t.Fatalf("exit %d, want %d; stderr %s", code, tc.exit, stderr)
				}
				checkGolden(t, filepath.Join("testdata", "formats", tc.name+"."+ext), out)
			})
		}
	}
}

// TestSARIFValidatesAgainstTheSchema checks every case's SARIF against the official SARIF
// 2.1.0 schema (testdata/sarif-schema-2.1.0.json, see testdata/README.md), formats asserted.
func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	ciEnv(t)
	schema := compileSchema(t, "testdata/sarif-schema-2.1.0.json")
	for _, tc := range ciCases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{tc.args[0], "--format", "sarif"}, tc.args[1:]...)
			_, out, _ := cli(t, "", args...)
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(doc); err != nil {
				t.Fatalf("SARIF does not validate: %v", err)
			}
			var log struct {
				Runs []struct {
					Tool struct {
						Driver struct {
							Rules []struct {
								ID                                string
								ShortDescription, FullDescription struct{ Text string }
								Help                              struct{ Text string }
							}
						}
					}
					Results []struct {
						RuleID              string
						PartialFingerprints map[string]string
						Locations           []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string }
								Region           struct{ StartLine int }
							}
						}
					}
				}
			}
			if err := json.Unmarshal([]byte(out), &log); err != nil {
				t.Fatal(err)
			}
			run := log.Runs[0]
			if len(run.Results) == 0 {
				t.Fatal("no results")
			}
			rules := map[string]bool{}
			for _, r := range run.Tool.Driver.Rules {
				if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
					t.Errorf("rule %s lacks a description or help", r.ID)
				}
				rules[r.ID] = true
			}
			for _, r := range run.Results {
				fp := r.PartialFingerprints["cxlogFinding/v1"]
				if !rules[r.RuleID] || len(fp) != 32 || len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.Region.StartLine < 1 ||
					!strings.HasSuffix(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, ".log") {
					t.Errorf("result of %s: rule described %v, fingerprint %q, locations %+v", r.RuleID, rules[r.RuleID], fp, r.Locations)
				}
			}
		})
	}
}

// The fingerprint of a finding does not change when the same logs are read from elsewhere
// (another checkout, another build directory).
func TestFingerprintsStableAcrossRuns(t *testing.T) {
	ciEnv(t)
	dir := t.TempDir()
	for _, f := range []string{"s11-cross-x86_64.good.log", "s10-cross-riscv32-none-elf.bad.log"} {
		data, err := os.ReadFile(seed + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fingerprints := func(good, bad string) []string {
		_, out, _ := cli(t, "", "diff", "--format", "gitlab", good, bad)
		var issues []struct{ Fingerprint string }
		if err := json.Unmarshal([]byte(out), &issues); err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, i := range issues {
			fps = append(fps, i.Fingerprint)
		}
		return fps
	}
	a := fingerprints(seed+"s11-cross-x86_64.good.log", seed+"s10-cross-riscv32-none-elf.bad.log")
	b := fingerprints(filepath.Join(dir, "s11-cross-x86_64.good.log"), filepath.Join(dir, "s10-cross-riscv32-none-elf.bad.log"))
	if len(a) == 0 || strings.Join(a, ",") != strings.Join(b, ",") {
		t.Fatalf("fingerprints differ between checkouts: %v vs %v", a, b)
	}
}

func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + filepath.Base(path)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// hostileLog is a real seed log with terminal escapes on every line, as a log captured from a
// terminal or a malicious build script can carry them: a clipboard write (OSC 52), a screen
// clear (CSI 2J), window titles (OSC 0 and 2, ended by BEL and by ST), and 8-bit CSI and OSC.
func hostileLog(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(seed + name)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if line == "" {
			continue
		}
		b.WriteString("\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J")
		b.WriteString(strings.TrimSuffix(line, "\n"))
		b.WriteString("\x1b]2;title\x1b\\\u009b2J\u009d0;t\u009c\n")
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// No format lets a terminal escape of the log through.
func TestNoFormatPassesTerminalEscapes(t *testing.T) {
	ciEnv(t)
	summary := filepath.Join(t.TempDir(), "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	good, bad := hostileLog(t, "s11-cross-x86_64.good.log"), hostileLog(t, "s10-cross-riscv32-none-elf.bad.log")
	flavor := hostileLog(t, "s01-nixpkgs-2311-flavor.log")
	check := hostileLog(t, "s05-linker-cc-explicit.log")
	commands := [][]string{{"diff", good, bad}, {"check", check}, {"explain", flavor}}
	for _, format := range []string{"text", "json", "github", "sarif", "gitlab", "html"} {
		for _, c := range commands {
			args := append([]string{c[0], "--format", format}, c[1:]...)
			_, out, stderr := cli(t, "", args...)
			if out == "" {
				t.Fatalf("%v: no output; stderr %s", args, stderr)
			}
			for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u009d", "\u009c"} {
				if strings.Contains(out, bad) {
					t.Errorf("%s %s: output has %q", format, c[0], bad)
				}
			}
		}
	}
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if len(md) == 0 || bytes.ContainsAny(md, "\x1b\x07") || bytes.Contains(md, []byte("\u009b")) {
		t.Errorf("step summary empty or with escapes:\n%q", md)
	}
}

// verify's diagnosis of a failed build, in the CI formats, points at the lines of the file
// --build-log wrote, and each line it points at is the one it quotes.
func TestVerifyDiagnosisAnnotatesTheBuildLog(t *testing.T) {
	ciEnv(t)
	project := t.TempDir()
	failing, err := filepath.Abs(seed + "s05-linker-cc-explicit.log")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	_, out, stderr := cli(t, "", "verify", "--format", "github", "--project", project, "--build-log", "build.log",
		"--build", "cat "+failing+"; exit 101", "--port", "/dev/null", "--expect", "Hello")
	written, err := os.ReadFile("build.log")
	if err != nil {
		t.Fatalf("%v; stderr %s", err, stderr)
	}
	lines := strings.Split(string(written), "\n")
	annotations := strings.Split(strings.TrimSpace(out), "\n")
	if len(annotations) == 0 || !strings.HasPrefix(annotations[0], "::error file=build.log,line=") {
		t.Fatalf("no annotation on build.log:\n%s\n%s", out, stderr)
	}
	for _, a := range annotations {
		var n int
		if _, err := fmt.Sscanf(a[strings.Index(a, "line=")+5:], "%d", &n); err != nil || n < 1 || n > len(lines) {
			t.Fatalf("annotation without a line of build.log: %s", a)
		}
		if !strings.Contains(lines[n-1], "-flavor") && !strings.Contains(lines[n-1], "gcc") {
			t.Errorf("line %d of build.log is %q, not what the annotation is about: %s", n, lines[n-1], a)
		}
	}
}

// When the setting a diff finding stands on comes from the project's Cargo config, the
// annotation points at its line in the checkout's .cargo/config.toml (the bench firmware's,
// which the pairs were built from); without the file, at the log.
func TestAnnotationAtConfigLine(t *testing.T) {
	ciEnv(t)
	checkout := t.TempDir()
	config, err := os.ReadFile("../../build/testdata/firmware/.cargo/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	pairs := "../../corpus/pairs/"
	tests := []struct{ pair, want string }{
		{"p13-linker-host-gcc", "::error file=.cargo/config.toml,line=8,"},          // linker = ...
		{"p03-rustflags-env", "::error file=.cargo/config.toml,line=9,"},            // rustflags = ...
		{"p07-target-rustflags-env-over-build", "::error file=../../corpus/pairs/"}, // build.rustflags: not in this config
	}
	for _, withConfig := range []bool{false, true} {
		if withConfig {
			os.MkdirAll(filepath.Join(checkout, ".cargo"), 0o755)
			if err := os.WriteFile(filepath.Join(checkout, ".cargo", "config.toml"), config, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Setenv("GITHUB_WORKSPACE", checkout)
		for _, tc := range tests {
			_, out, stderr := cli(t, "", "diff", "--format", "github", pairs+tc.pair+"/good.log", pairs+tc.pair+"/bad.log")
			want := tc.want
			if !withConfig {
				want = "::error file=../../corpus/pairs/" + tc.pair + "/bad.log,line="
			}
			if !strings.HasPrefix(out, want) {
				t.Errorf("%s (config file %v): first annotation %.200s, want %s; stderr %s", tc.pair, withConfig, out, want, stderr)
			}
		}
	}
}
