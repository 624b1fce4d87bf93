package normal

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// corpusLines are the lines of every log of the corpus and of the rule cases, and each of
// their words: the texts the normaliser and the version finders see.
func corpusLines(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../corpus/*/*", "../../corpus/pairs/*/*", "../finding/testdata/*/*.log"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	var lines []string
	for _, path := range files {
		if ext := filepath.Ext(path); ext != ".log" && ext != ".txt" && ext != ".md" {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines = append(lines, sc.Text())
			lines = append(lines, strings.Fields(sc.Text())...)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if len(lines) < 10000 {
		t.Fatalf("only %d lines: the corpus moved?", len(lines))
	}
	return lines
}

// The literal pre-checks (each part's hints, MayNameToolchain, the /nix/store/ of
// StorePackages) skip only texts the regexes behind them cannot match: on every line and word
// of the corpus, and on texts made to hold each part, the results are the same without them.
func TestPrechecksChangeNoResult(t *testing.T) {
	texts := append(corpusLines(t),
		"/private/tmp/x", "C:\\Users\\bob\\fw\\target\\debug", "D:\\x\\vendor\\y", "/root/.cargo", "a .tmpAbC123 b",
		"rust-minimal-1.70.0", "/toolchains/stable-2024-01-01-x86_64-", "\\toolchains\\nightly-aarch64-x")
	placeholder := func(_ string, p *part) string { return p.placeholder }
	for _, s := range texts {
		if got, want := rewriteWith(parts, true, s, placeholder), rewriteWith(parts, false, s, placeholder); got != want {
			t.Errorf("Value(%q) = %q with the hints, %q without", s, got, want)
		}
		if got, want := ToolchainVersion(s), toolchainVersion(s); got != want {
			t.Errorf("ToolchainVersion(%q) = %q with MayNameToolchain, %q without", s, got, want)
		}
		if got, want := StorePackages(s), storePackages(s); !reflect.DeepEqual(got, want) {
			t.Errorf("StorePackages(%q) = %v with the pre-check, %v without", s, got, want)
		}
	}
}
