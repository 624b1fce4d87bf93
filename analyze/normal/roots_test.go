package normal

import (
	"regexp"
	"slices"
	"testing"
)

// buildRoots finds what the regex it replaces finds.
func TestBuildRootsIsTheRegex(t *testing.T) {
	re := regexp.MustCompile(`(?:[A-Za-z]:)?[^\s"'=:,]*?/target/`)
	for _, s := range []string{
		"", "/target/", "a/target/b/target/c", "x C:/work/target/release y", "dependency=/home/a/p/target/release/deps",
		"'/p/target/x':/q/target/y", "C:x/target/", "1:/target/", ":/target/", "/a/target/target/", "a b/c/target/",
		"--out-dir /tmp/x/target/riscv/release/deps -L dependency=/tmp/x/target/release/deps,/y/target/",
		"\t/a/target/\n/b/target/", "é/target/", "ab:cd/target/", "a\vb/target/",
	} {
		if got, want := buildRoots(s), re.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func FuzzBuildRootsIsTheRegex(f *testing.F) {
	re := regexp.MustCompile(`(?:[A-Za-z]:)?[^\s"'=:,]*?/target/`)
	f.Add("dependency=C:/p/target/release/deps")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := buildRoots(s), re.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	})
}
