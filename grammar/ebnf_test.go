package grammar

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGrammarEBNF pins the grammar so that a change to it is deliberate and reviewed.
func TestGrammarEBNF(t *testing.T) {
	got := EBNF() + "\n"
	const golden = "testdata/command.ebnf"
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
		t.Errorf("grammar changed:\n%s\nwant:\n%s", got, want)
	}
}
