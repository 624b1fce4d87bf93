package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestREADMECISnippets runs the cxlog command lines of the README's "In CI" snippets, as they
// are written there, in a checkout whose build failed (a bench log as build.log), and checks
// what each writes: a README change that breaks them fails here.
func TestREADMECISnippets(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)\n## In CI\n(.*?)(\n## |$)`).FindSubmatch(readme)
	if section == nil {
		t.Fatal(`README has no "## In CI" section`)
	}
	var commands []string
	for _, block := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(section[1], -1) {
		for _, m := range regexp.MustCompile(`\bcxlog (?:explain|diff|check|verify|eval)\b[^;\n]*`).FindAll(block[1], -1) {
			commands = append(commands, strings.TrimSpace(string(m)))
		}
	}
	log, err := os.ReadFile(bench + "b01-linker-cc-wrapper-flavor.log")
	if err != nil {
		t.Fatal(err)
	}
	sarifSchema := compileSchema(t, "testdata/sarif-schema-2.1.0.json")
	work := t.TempDir()
	summary := filepath.Join(t.TempDir(), "step-summary.md")
	ciEnv(t)
	t.Setenv("GITHUB_WORKSPACE", work)
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	t.Chdir(work)
	if err := os.WriteFile("build.log", log, 0o644); err != nil {
		t.Fatal(err)
	}
	formats := map[string]bool{}
	for _, line := range commands {
		args := strings.Fields(line)[1:]
		out := ""
		if i := indexOf(args, ">"); i >= 0 {
			out, args = args[i+1], args[:i]
		}
		code, stdout, stderr := cli(t, "", args...)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", line, code, stderr)
		}
		if out != "" {
			if err := os.WriteFile(out, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		format := args[indexOf(args, "--format")+1]
		formats[format] = true
		switch format {
		case "github":
			if !strings.HasPrefix(stdout, "::error file=build.log,line=") {
				t.Errorf("%s: %s", line, stdout)
			}
			md, _ := os.ReadFile(summary)
			if !strings.Contains(string(md), "## cxlog explain build.log") || !strings.Contains(string(md), "**Fix.**") {
				t.Errorf("%s: step summary %q", line, md)
			}
		case "sarif":
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
			if err != nil {
				t.Fatal(err)
			}
			if err := sarifSchema.Validate(doc); err != nil || !strings.Contains(stdout, `"uri": "build.log"`) {
				t.Errorf("%s: %v\n%s", line, err, stdout)
			}
		case "gitlab":
			var issues []struct {
				Severity string
				Location struct{ Path string }
			}
			if err := json.Unmarshal([]byte(stdout), &issues); err != nil || len(issues) == 0 || issues[0].Location.Path != "build.log" ||
				issues[0].Severity != "critical" {
				t.Errorf("%s: %v %s", line, err, stdout)
			}
		case "html":
			if !strings.HasPrefix(stdout, "<!DOCTYPE html>") || !strings.Contains(stdout, `<span class="class">linker-flavor-mismatch</span>`) {
				t.Errorf("%s: %.300s", line, stdout)
			}
		}
	}
	for _, want := range []string{"github", "sarif", "gitlab"} {
		if !formats[want] {
			t.Errorf("the README's CI snippets have no cxlog command with --format %s (found %q)", want, commands)
		}
	}
}

func indexOf(ss []string, s string) int {
	for i, v := range ss {
		if v == s {
			return i
		}
	}
	return -1
}
