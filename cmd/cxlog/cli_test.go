package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs cxlog as a user would and returns its exit code, stdout and stderr.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	t.Setenv("CXLOG_CACHE_DIR", t.TempDir())
	code := run(context.Background(), args, &IO{In: strings.NewReader(stdin), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

const seed = "../../corpus/seed/"

func TestDiffSeedPairJSON(t *testing.T) {
	code, out, _ := cli(t, "", "diff", "--json", seed+"s11-cross-x86_64.good.log", seed+"s10-cross-riscv32-none-elf.bad.log")
	if code != exitDifferent {
		t.Fatalf("exit %d, want %d", code, exitDifferent)
	}
	var res struct {
		Schema   string `json:"schema"`
		Findings []struct {
			Class, Rule, Severity, Message, Fix string
			Evidence                            []struct {
				Side, File, Text string
				Line             int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Schema != "cxlog.diff/v1" || len(res.Findings) == 0 || res.Findings[0].Class != "cargo-config-scope" ||
		!strings.Contains(res.Findings[0].Message, "-Tlinkall.x") || res.Findings[0].Fix == "" || len(res.Findings[0].Evidence) != 2 {
		t.Fatalf("unexpected diff: %s", out)
	}
}

func TestDiffIdenticalLogsExitZero(t *testing.T) {
	code, out, _ := cli(t, "", "diff", seed+"s11-cross-x86_64.good.log", seed+"s11-cross-x86_64.good.log")
	if code != exitOK || !strings.Contains(out, "No differences") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

func TestCheckFlavorOnSingleLog(t *testing.T) {
	code, out, _ := cli(t, "", "check", seed+"s05-linker-cc-explicit.log")
	if code != exitDifferent || !strings.Contains(out, "[linker-flavor-mismatch]") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

func TestExplainFromStdinJSON(t *testing.T) {
	paste, _ := os.ReadFile(seed + "s06-linker-ld.log")
	code, out, _ := cli(t, string(paste), "explain", "--json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var res struct {
		Schema  string
		Class   string
		Matches []struct {
			ID, Class    string
			Score        float64
			MatchedLines []struct {
				Line int
				Text string
			} `json:"matched_lines"`
			Sources []string
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Schema != "cxlog.explain/v1" || res.Class != "host-linker-for-target" || len(res.Matches[0].Sources) == 0 ||
		!strings.Contains(res.Matches[0].MatchedLines[0].Text, "-lgcc_s") {
		t.Fatalf("unexpected explain: %s", out)
	}
}

func TestBadInputsExitTwoWithOneLine(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "firmware.elf")
	os.WriteFile(bin, []byte("\x7fELF\x01\x01\x01\x00\x00"), 0o644)
	empty := filepath.Join(dir, "empty.log")
	os.WriteFile(empty, nil, 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"parse", filepath.Join(dir, "missing.log")}, "missing.log: no such file or directory"},
		{[]string{"parse", bin}, "firmware.elf: binary data, not a text log"},
		{[]string{"diff", empty, seed + "s04-env-failing.txt"}, "empty.log: empty input"},
		{[]string{"explain", dir}, "is a directory"},
		{[]string{"diff", "only-one"}, "diff needs GOOD.log BAD.log"},
	} {
		code, _, stderr := cli(t, "", tc.args...)
		if code != exitUsage || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q (want one line with %q)", tc.args, code, stderr, tc.want)
		}
	}
}

func TestParseJSONStreamsTypedRecords(t *testing.T) {
	code, out, _ := cli(t, "", "parse", "--json", seed+"s05-linker-cc-explicit.log")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var res struct {
		Schema string
		Files  []struct {
			Name    string
			Lines   int
			Records []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	types := map[string]int{}
	for _, r := range res.Files[0].Records {
		types[r["type"].(string)]++
	}
	if res.Schema != "cxlog.parse/v1" || types["linker_command"] != 1 || types["diagnostic"] != 2 || res.Files[0].Lines != 9 {
		t.Fatalf("records %v, lines %d", types, res.Files[0].Lines)
	}
}

// One Nix log holding two derivations of the same crate (public 003): compared by name.
func TestDiffTwoDerivationsOfOneLog(t *testing.T) {
	log := "../../corpus/public/003-nix-cargo-config-rustflags-ignored-running-pair.md"
	code, out, _ := cli(t, "", "parse", log)
	if code != exitOK || !strings.Contains(out, "Nix derivations: http-client-riscv32-none-elf, http-client-x86_64-unknown-linux-gnu") {
		t.Fatalf("parse does not list the derivations: %s", out)
	}
	code, out, _ = cli(t, "", "diff", "--json", "--good-drv", "http-client-x86_64-unknown-linux-gnu", "--bad-drv", "http-client-riscv32-none-elf", log)
	if code != exitDifferent || !strings.Contains(out, `"class": "cargo-config-scope"`) || !strings.Contains(out, "-Tlinkall.x") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, _, stderr := cli(t, "", "diff", "--good-drv", "nope", "--bad-drv", "http-client-riscv32-none-elf", log)
	if code != exitUsage || !strings.Contains(stderr, `no records of derivation "nope"`) {
		t.Fatalf("unknown derivation: exit %d, %s", code, stderr)
	}
}
