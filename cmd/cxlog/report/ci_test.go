package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build/engine"
)

// manyFindings is a check result with n findings of falling score, each with a message and
// evidence that carry what a hostile log can: escapes, newlines, and the characters that end
// a workflow command's property (: and ,) or start an escape (%).
func manyFindings(n int) *Check {
	r := &Check{CheckResult: &engine.CheckResult{Log: "logs/build.log"}}
	for i := range n {
		sev := finding.High
		if i%3 == 1 {
			sev = finding.Medium
		}
		r.Findings = append(r.Findings, finding.Finding{
			Class: class.LinkerFlavorMismatch, Rule: finding.ID(fmt.Sprintf("rule-%02d", i)), Severity: sev, Score: 100 - i,
			Crate:    fmt.Sprintf("app 0.%d.0 [riscv32imc-unknown-none-elf]", i),
			Message:  fmt.Sprintf("finding %d: 100%% sure, a:b,c\r\nsecond line \x1b]52;c;cm0K\x07\x1b[2J", i),
			Evidence: []finding.Evidence{{Side: "bad", File: "logs/build.log", Line: 10 + i, Text: "\x1b]0;title\x07error: linker `cc` failed \u009b2J"}},
			Fix:      "Set `linker = \"rust-lld\"`.",
		})
	}
	return r
}

func render(t *testing.T, format string, r Result) string {
	t.Helper()
	rep, err := New(format, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCIFormatsSanitiseEveryText(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	for _, format := range []string{GitHub, SARIF, GitLab, HTML} {
		out := render(t, format, manyFindings(3))
		for _, bad := range []string{"\x1b", "\x07", "\u009b"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: output has %q", format, bad)
			}
		}
		if !strings.Contains(out, "^[]52;c;cm0K^G") {
			t.Errorf("%s: the escape is not shown visibly:\n%s", format, out)
		}
	}
}

func TestGitHubAnnotations(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	out := render(t, GitHub, manyFindings(25))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != maxAnnotations {
		t.Fatalf("%d workflow commands, want %d (GitHub shows 10 a step):\n%s", len(lines), maxAnnotations, out)
	}
	first := lines[0]
	want := "::error file=logs/build.log,line=10,title=[linker-flavor-mismatch] rule-00::finding 0: 100%25 sure, a:b,c^M%0Asecond line"
	if !strings.HasPrefix(first, want) {
		t.Errorf("first annotation\n%s\nwant prefix\n%s", first, want)
	}
	if !strings.HasPrefix(lines[1], "::warning ") {
		t.Errorf("a medium finding is not a warning: %s", lines[1])
	}
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "::error title=cxlog%3A 16 more findings::") || !strings.Contains(last, "rule-24") {
		t.Errorf("the rest are not summarised in one annotation: %s", last)
	}
	// a title with , and : stays one property
	if got := escapeProperty("a:b,c%d\ne"); got != "a%3Ab%2Cc%25d%0Ae" {
		t.Errorf("escapeProperty = %q", got)
	}
}

func TestGitHubStepSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("# earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", path)
	render(t, GitHub, manyFindings(2))
	md, _ := os.ReadFile(path)
	s := string(md)
	for _, want := range []string{"# earlier step\n", "## cxlog check logs/build.log", "### 1. [linker-flavor-mismatch] rule-00 (high)",
		"**Evidence.**", "bad logs/build.log:10: ^[]0;title^Gerror: linker `cc` failed", "**Fix.** Set `linker = &#34;rust-lld&#34;`."} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

// However many findings, the summary file stays under GitHub's 1 MiB.
func TestGitHubStepSummaryBudget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), maxStepSummary-50_000), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", path)
	render(t, GitHub, manyFindings(2000))
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(path)
	if st.Size() > maxStepSummary || !strings.Contains(string(md), "more findings not shown") {
		t.Fatalf("summary of %d bytes (limit %d), tail %q", st.Size(), maxStepSummary, md[len(md)-200:])
	}
}

func TestSARIFCapsResults(t *testing.T) {
	out := render(t, SARIF, manyFindings(maxSARIFResults+7))
	if n := strings.Count(out, `"ruleId"`); n != maxSARIFResults {
		t.Errorf("%d results, want %d", n, maxSARIFResults)
	}
	if !strings.Contains(out, "7 more results not reported") {
		t.Error("the results left out are not counted")
	}
}

func TestGitLabFingerprintsUnique(t *testing.T) {
	r := manyFindings(3)
	r.Findings = append(r.Findings, r.Findings[0], r.Findings[0])
	out := render(t, GitLab, r)
	seen := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		if fp, ok := strings.CutPrefix(strings.TrimSpace(l), `"fingerprint": `); ok {
			if seen[fp] {
				t.Errorf("fingerprint %s twice", fp)
			}
			seen[fp] = true
		}
	}
	if len(seen) != 5 {
		t.Errorf("%d fingerprints, want 5:\n%s", len(seen), out)
	}
}

// A finding whose setting comes from the project's Cargo config points at the key's line in
// .cargo/config.toml, in every CI format; without the file it points at the log.
func TestConfigSettingPointsAtConfigLine(t *testing.T) {
	root := t.TempDir()
	t.Setenv("GITHUB_WORKSPACE", root)
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	r := manyFindings(1)
	r.Findings[0].Changed = []finding.Change{{
		Setting: "rustflags",
		Good:    finding.Side{Value: "-C link-arg=-Tlinkall.x", Source: finding.SourceConfig, Key: "target.riscv32imc-unknown-none-elf.rustflags"},
		Bad:     finding.Side{Value: "-C target-feature=-crt-static", Source: finding.SourceEnv, Key: "RUSTFLAGS"},
	}}
	if out := render(t, GitHub, r); !strings.HasPrefix(out, "::error file=logs/build.log,line=10,") {
		t.Errorf("without a config file: %s", out)
	}
	config := "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n\n[target.riscv32imc-unknown-none-elf]\nrunner = \"espflash flash\"\nrustflags = [\n  \"-C\", \"link-arg=-Tlinkall.x\",\n]\n"
	if err := os.MkdirAll(filepath.Join(root, ".cargo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".cargo", "config.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := render(t, GitHub, r); !strings.HasPrefix(out, "::error file=.cargo/config.toml,line=6,") || !strings.Contains(out, "logs/build.log:10") {
		t.Errorf("github: %s", out)
	}
	if out := render(t, SARIF, r); !strings.Contains(out, `"uri": ".cargo/config.toml"`) || !strings.Contains(out, `"startLine": 6`) {
		t.Errorf("sarif: %s", out)
	}
	if out := render(t, GitLab, r); !strings.Contains(out, `"path": ".cargo/config.toml"`) || !strings.Contains(out, `"begin": 6`) {
		t.Errorf("gitlab: %s", out)
	}
	if out := render(t, HTML, r); !strings.Contains(out, `<mark class="setting">rustflags</mark>`) {
		t.Errorf("html lacks the changed setting: %s", out)
	}
}

// A CI annotation points at the line a user would edit to change the setting.
func TestKeyLine(t *testing.T) {
	tests := []struct {
		name, toml, key string
		want            int
	}{
		{"a dotted key at the top", "build.rustflags = [\"-g\"]\n[target.'riscv32imc-unknown-none-elf']\nlinker = \"rust-lld\"\n[[bin]]\n", "build.rustflags", 1},
		{"a key under a quoted table name", "build.rustflags = [\"-g\"]\n[target.'riscv32imc-unknown-none-elf']\nlinker = \"rust-lld\"\n[[bin]]\n", "target.riscv32imc-unknown-none-elf.linker", 3},
		{"a key nothing sets", "build.rustflags = [\"-g\"]\n[target.'riscv32imc-unknown-none-elf']\nlinker = \"rust-lld\"\n", "target.x.linker", 0},
		{"a table of its own", "[package]\nname = \"fw\"\n\n[dependencies.esp-hal]\nversion = \"0.20\"\n", "dependencies.esp-hal", 4},
		{"a dependency as an inline table", "[dependencies]\nesp-hal = { version = \"0.20\", features = [\"esp32c3\"] }\n", "dependencies.esp-hal", 2},
		{"a key inside an inline table", "[target]\nriscv32imc-unknown-none-elf = { runner = \"espflash flash\", linker = \"rust-lld\" }\n", "target.riscv32imc-unknown-none-elf.linker", 2},
		{"a key of an inline table after a multi-line array in it", "[target]\nriscv32imc-unknown-none-elf = { rustflags = [\n  \"-C\", \"link-arg=-Tlinkall.x\",\n], linker = \"rust-lld\" }\n", "target.riscv32imc-unknown-none-elf.linker", 4},
		{"a dotted key under a table", "[target]\nriscv32imc-unknown-none-elf.linker = \"rust-lld\"\n", "target.riscv32imc-unknown-none-elf.linker", 2},
		{"a dotted key with spaces and quotes", "target . \"thumbv7em-none-eabihf\" . linker = \"flip-link\"\n", "target.thumbv7em-none-eabihf.linker", 1},
		{"a dependency written as dotted keys", "[dependencies]\nesp-hal.version = \"0.20\"\nesp-hal.features = [\"esp32c3\"]\n", "dependencies.esp-hal", 2},
		{"a multi-line array: its first line", "[target.riscv32imc-unknown-none-elf]\nrunner = \"espflash flash\"\nrustflags = [\n  \"-C\", \"link-arg=-Tlinkall.x\",\n]\nlinker = \"rust-lld\"\n", "target.riscv32imc-unknown-none-elf.rustflags", 3},
		{"after a multi-line array", "[target.riscv32imc-unknown-none-elf]\nrustflags = [\n  \"-C\", \"link-arg=-Tlinkall.x\",\n]\nlinker = \"rust-lld\"\n", "target.riscv32imc-unknown-none-elf.linker", 5},
		{"after a multi-line array ending in an array", "[package.metadata.espflash]\npartitions = [\n  [\"nvs\", \"data\"]\n]\nformat = \"esp-idf\"\n", "package.metadata.espflash.format", 5},
		{"a multi-line string that looks like settings", "[env]\nHELP = \"\"\"\n[build]\nrustflags = [\"-g\"]\n\"\"\"\n\n[build]\nrustflags = [\"-C\", \"force-frame-pointers=yes\"]\n", "build.rustflags", 8},
		{"comments holding = and brackets", "# rustflags = [\"-g\"] was the old setting\n[build] # see [docs] for target = ...\n  # target = \"thumbv6m-none-eabi\"\ntarget = \"riscv32imc-unknown-none-elf\" # = the C3\n", "build.target", 4},
		{"keys of an array table are not the table's above", "[profile.release]\nopt-level = \"s\"\n\n[[bin]]\nname = \"fw\"\ndebug = true\n", "profile.release.debug", 0},
		{"a key that is no TOML key", "[target.x]\nlinker = \"rust-lld\"\n", "target.<host>.linker", 0},
		{"a file that is not TOML", "[build\nrustflags = [\"-g\"]\n", "build.rustflags", 0},
		{"a byte order mark", "\xEF\xBB\xBF[build]\nrustflags = [\"-g\"]\n", "build.rustflags", 2},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte(tt.toml), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := keyLine(path, tt.key); got != tt.want {
			t.Errorf("%s: keyLine(%s) = %d, want %d in\n%s", tt.name, tt.key, got, tt.want, tt.toml)
		}
	}
}
