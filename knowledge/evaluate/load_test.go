package evaluate

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cxlog/cxlog/corpus"
)

// Load reads a corpus in one walk, yet a log whose front matter comes after the expected.tsv
// that also labels it still counts once, with its front matter's labels; a log two
// expected.tsv files label counts once too, and the pairs come sorted by their bad log.
func TestLoadKeepsFrontMatterFirstAndCountsEachLogOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\nclass: linker-flavor-mismatch\ntitle: a\n---\nerror: linking with `cc` failed\n")
	write("z.log", "---\nclass: atomics-unsupported\naccept: target-mismatch\n---\nerror[E0432]: unresolved import\n")
	write("n.log", "error: linking with `cc` failed\n")
	write("g.log", "   Compiling fw v0.1.0\n")
	write("expected.tsv", "# command\tgood\tbad\ttop_class\tmust_name\talso_accepted\n"+
		"explain\t-\tz.log\tlinker-not-found\trust-lld\t-\n"+
		"explain\t-\tn.log\thost-linker-for-target\tcc\t-\n"+
		"diff\tg.log\tz.log\tcargo-config-scope\t-Tlink.x\t-\n"+
		"diff\tg.log\tn.log\tlinker-script-missing\t-Tlink.x\tcargo-config-scope\n")
	write("sub/expected.tsv", "explain\t-\t../n.log\tlinker-not-found\tld\t-\n")

	l, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	wantCases := []corpus.Case{
		{Path: p("a.md"), Class: "linker-flavor-mismatch", Title: "a"},
		{Path: p("z.log"), Class: "atomics-unsupported", Accept: "target-mismatch"},
		{Path: p("n.log"), Class: "host-linker-for-target", Title: "n.log"},
	}
	if !reflect.DeepEqual(l.Cases, wantCases) {
		t.Errorf("cases:\n got %+v\nwant %+v", l.Cases, wantCases)
	}
	wantPairs := []corpus.Expected{
		{Command: "diff", Good: p("g.log"), Bad: p("n.log"), TopClass: "linker-script-missing", MustName: "-Tlink.x", Also: "cargo-config-scope"},
		{Command: "diff", Good: p("g.log"), Bad: p("z.log"), TopClass: "cargo-config-scope", MustName: "-Tlink.x", Also: "-"},
	}
	if !reflect.DeepEqual(l.Pairs, wantPairs) {
		t.Errorf("pairs:\n got %+v\nwant %+v", l.Pairs, wantPairs)
	}
}

func TestLoadOfAMissingDirectoryIsAnError(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("no error")
	}
}
