package grammar

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGrammarEBNF pins each grammar so that a change to it is deliberate and reviewed.
func TestGrammarEBNF(t *testing.T) {
	for golden, ebnf := range map[string]func() string{
		"testdata/command.ebnf":  EBNF,
		"testdata/linker.ebnf":   LinkerEBNF,
		"testdata/nixattrs.ebnf": NixAttrsEBNF,
	} {
		got := ebnf() + "\n"
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./grammar -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s: grammar changed:\n%s\nwant:\n%s", golden, got, want)
		}
	}
}
