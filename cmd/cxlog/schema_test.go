package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestJSONOutputMatchesItsSchema runs every command with --json on seed, bench and pairs
// cases and validates what it prints against the JSON Schema file of the schema it names
// (cmd/cxlog/report/schema/, which TestSchemaFilesMatchWireTypes keeps in step with the wire
// types). A null where a list belongs, a missing field or an unknown one fails here.
func TestJSONOutputMatchesItsSchema(t *testing.T) {
	project := fixProject(t, cargoConfigWithGCC)
	buildLog, err := filepath.Abs(seed + "s05-linker-cc-explicit.log")
	if err != nil {
		t.Fatal(err)
	}
	runs := [][]string{
		{"parse", "--json", seed + "s05-linker-cc-explicit.log"},
		{"parse", "--json", seed + "s04-env-working.txt", seed + "s04-env-failing.txt"},
		{"parse", "--json", seed + "s09-lld-isriscv-trace.log"},
		{"parse", "--json", bench + "b03-rustflags-env-drops-config.log"},
		{"diff", "--json", seed + "s11-cross-x86_64.good.log", seed + "s10-cross-riscv32-none-elf.bad.log"},
		{"diff", "--json", bench + "b00-ok.good.log", bench + "b06-no-linker-script-silent.log"},
		{"diff", "--json", "../../corpus/pairs/p03-rustflags-env/good.log", "../../corpus/pairs/p03-rustflags-env/bad.log"},
		{"check", "--json", seed + "s05-linker-cc-explicit.log"},
		{"check", "--json", seed + "s11-cross-x86_64.good.log"},
		{"explain", "--json", seed + "s01-nixpkgs-2311-flavor.log"},
		{"explain", "--json", bench + "b04-atomicusize-rustc-1.63.log"},
		{"explain", "--json", seed + "s11-cross-x86_64.good.log"},
		{"search", "--json", "linker flavor gnu"},
		{"search", "--json", "zzzqqqxxx"},
		{"kb", "list", "--json"},
		{"kb", "show", "--json", "gcc-wrapper-receives-flavor-gnu"},
		{"kb", "lint", "--json"},
		{"eval", "--json", "../../corpus/bench"},
		{"scan", "--json", bench + "b01-linker-cc-wrapper-flavor.log", bench + "b00-ok.good.log"},
		{"scan", "--group", "--json", "../../corpus/bench"},
		{"fix", "--json", "--kb-id", "gcc-wrapper-receives-flavor-gnu", "--project", project},
		{"doctor", "--json", project},
		{"record", "--json", "--out", filepath.Join(t.TempDir(), "bundle"), "--", "true"},
		{"verify", "--json", "--project", project, "--build", "cat " + buildLog + "; exit 101", "--port", "/dev/null", "--expect", "Hello"},
	}
	schemas := map[string]*jsonschema.Schema{}
	seen := map[string]bool{}
	for _, args := range runs {
		t.Run(strings.Join(args[:2], "-"), func(t *testing.T) {
			_, out, stderr := cli(t, "", args...)
			var head struct{ Schema string }
			if err := json.Unmarshal([]byte(out), &head); err != nil || head.Schema == "" {
				t.Fatalf("%v: no JSON with a schema: %v\n%s%s", args, err, out, stderr)
			}
			s := schemas[head.Schema]
			if s == nil {
				s = compileSchema(t, filepath.Join("report", "schema", strings.ReplaceAll(head.Schema, "/", ".")+".json"))
				schemas[head.Schema] = s
			}
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(doc); err != nil {
				t.Errorf("%v: output does not match %s: %v", args, head.Schema, err)
			}
			seen[head.Schema] = true
		})
	}
	files, _ := filepath.Glob("report/schema/*.json")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		name = name[:strings.LastIndex(name, ".")] + "/" + name[strings.LastIndex(name, ".")+1:]
		if !seen[name] {
			t.Errorf("no command's output was validated against %s", f)
		}
	}
	if _, err := os.Stat("report/schema"); err != nil {
		t.Fatal(err)
	}
}
