package logread

import (
	"strings"
	"testing"
)

// Nix 2.3 quotes the tail of a failed build's log indented by two spaces, after
// "builder for '<drv>' failed with exit code N; last N log lines:".
func TestNix23LogTailIndentation(t *testing.T) {
	in := "builder for '/nix/store/0123-fw.drv' failed with exit code 101; last 4 log lines:\n" +
		"  error: linking with `cc` failed: exit code: 1\n" +
		"    |\n" +
		"    = note: \"cc\" \"-m64\"\n" +
		"  \n" +
		"cannot build derivation '/nix/store/4567-fw.drv': 1 dependencies couldn't be built\n" +
		"  indented text after the tail stays as it is\n"
	want := []string{
		"builder for '/nix/store/0123-fw.drv' failed with exit code 101; last 4 log lines:",
		"error: linking with `cc` failed: exit code: 1",
		"  |",
		"  = note: \"cc\" \"-m64\"",
		"",
		"cannot build derivation '/nix/store/4567-fw.drv': 1 dependencies couldn't be built",
		"  indented text after the tail stays as it is",
	}
	if got := texts(readAll(t, []byte(in))); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q", got)
	}
}

// Pasted Nix log tails often lose their indentation ("> error: ...", public/007), and a
// markdown quote of a log looks the same: the "> " is no log text either way.
func TestNixTailQuoteWithoutIndentation(t *testing.T) {
	lines := readAll(t, []byte("> error: no matching package named `compiler_builtins` found\n>\n>>> referenced by main.rs\n> \n"))
	want := []string{"error: no matching package named `compiler_builtins` found", "", ">>> referenced by main.rs", ""}
	if got := texts(lines); strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
}
