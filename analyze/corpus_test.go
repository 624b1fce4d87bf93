package analyze

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// digest is what the golden files pin of a log: the fields later stages rely on.
type digest struct {
	Invocations []string `json:"invocations,omitempty"`
	Linkers     []string `json:"linker_commands,omitempty"`
	Diagnostics []string `json:"diagnostics,omitempty"`
	Env         []string `json:"environment,omitempty"`
	Cargo       []string `json:"cargo_commands,omitempty"`
	Traces      []string `json:"nix_traces,omitempty"`
	ParseErrors []string `json:"parse_errors,omitempty"`
}

func digestOf(l *Log) digest {
	var d digest
	for _, inv := range l.Invocations {
		d.Invocations = append(d.Invocations, fmt.Sprintf("%d-%d %s %s crate=%s target=%s profile=%s linker=%s link-args=%q features=%q cfgs=%d failed=%v",
			inv.Start, inv.End, inv.Kind, inv.Program, inv.CrateName, inv.Target, inv.Profile, inv.Linker, inv.LinkArgs,
			featureStrings(inv.TargetFeatures), len(inv.Cfgs), inv.Failed))
	}
	for _, lc := range l.Linkers {
		d.Linkers = append(d.Linkers, fmt.Sprintf("%d %s flavor=%s args=%d elided=%q", lc.Start, lc.Program, lc.Flavor, len(lc.Args), lc.Elided))
	}
	for _, dg := range l.Diagnostics {
		s := fmt.Sprintf("%d-%d %s %s", dg.Start, dg.End, dg.Kind, dg.Severity)
		if dg.Code != "" {
			s += " " + dg.Code
		}
		if dg.Crate != "" {
			s += " crate=" + dg.Crate
		}
		if dg.Location != nil {
			s += fmt.Sprintf(" at=%s:%d", filepath.Base(dg.Location.Path), dg.Location.Line)
		}
		s += ": " + truncate(dg.Message, 120)
		if len(dg.Notes) > 0 {
			s += fmt.Sprintf(" notes=%d first=%q", len(dg.Notes), truncate(dg.Notes[0], 100))
		}
		d.Diagnostics = append(d.Diagnostics, s)
	}
	for _, e := range l.Env {
		d.Env = append(d.Env, fmt.Sprintf("%d %s (%s)=%s", e.Line, e.Key, e.Original, truncate(e.Value, 100)))
	}
	for _, c := range l.Cargo {
		d.Cargo = append(d.Cargo, fmt.Sprintf("%d %s target=%s profile=%s env=%d", c.Start, c.Subcommand, c.Target, c.Profile, len(c.Env)))
	}
	for _, t := range l.Traces {
		d.Traces = append(d.Traces, fmt.Sprintf("%d attrs=%d", t.Start, len(t.Attrs)))
	}
	for _, e := range l.ParseErrors {
		d.ParseErrors = append(d.ParseErrors, fmt.Sprintf("%d-%d %s: %s", e.Start, e.End, e.What, e.Err))
	}
	return d
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// TestCorpusGolden parses every log of the corpus and compares what it read with a reviewed
// golden file. Run `go test ./analyze -update` after a deliberate change and review the diff.
func TestCorpusGolden(t *testing.T) {
	files, err := corpusFiles()
	if err != nil || len(files) < 40 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	for _, path := range files {
		base := filepath.Base(path)
		if base == "EXPECTED.md" || base == "expected.tsv" || base == "README.md" {
			continue
		}
		name := filepath.Base(filepath.Dir(path)) + "/" + base
		t.Run(name, func(t *testing.T) {
			l, err := ReadPath(path, nil, Options{})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if len(l.Invocations)+len(l.Linkers)+len(l.Diagnostics)+len(l.Env)+len(l.Cargo)+len(l.Traces) == 0 {
				t.Fatalf("no record read from %s", name)
			}
			got, _ := json.MarshalIndent(digestOf(l), "", "  ")
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__")+".json")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./analyze -update and review)", err)
			}
			if string(append(got, '\n')) != string(want) {
				t.Errorf("records differ from %s:\n%s", golden, got)
			}
		})
	}
}

// corpusFiles lists the labelled logs: seed, public and bench fixtures.
func corpusFiles() ([]string, error) {
	var out []string
	for _, dir := range []string{"seed", "public", "bench"} {
		files, err := filepath.Glob(filepath.Join("..", "corpus", dir, "*"))
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}
