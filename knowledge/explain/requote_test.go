package explain

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

// The public corpus pasted as a word processor (’), a forum ("), a web page (&#39;) or
// Markdown (no marks) gives it is explained as the corpus is: the same class, answered or not.
// cargo's Running lines keep their backticks: the records are read from them, and a paste that
// loses them loses the command line too.
func TestRequotedCorpusIsExplainedAlike(t *testing.T) {
	b, ix := openKB(t)
	files, err := filepath.Glob("../../corpus/public/*.md")
	if err != nil || len(files) < 50 {
		t.Fatalf("public corpus: %d files, %v", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := explainText(t, b, ix, string(data))
		for _, mark := range []string{"’", "\"", "&#39;", ""} {
			lines := strings.Split(string(data), "\n")
			for i, l := range lines {
				if !strings.Contains(l, "Running `") {
					lines[i] = requote(l, mark)
				}
			}
			got := explainText(t, b, ix, strings.Join(lines, "\n"))
			if got.Class != want.Class {
				top := ""
				if len(got.Matches) > 0 {
					top = got.Matches[0].Entry.ID
				}
				t.Errorf("%s quoted with %q: class %s (confidence %.2f, top %s), as written %s", filepath.Base(f), mark, got.Class, got.Confidence, top, want.Class)
			}
		}
	}
}

// The wrapper lines' linker and crate are quoted back however the paste quotes them.
func TestContextQuotesReadEveryQuoteStyle(t *testing.T) {
	for _, mark := range []string{"`", "'", "’", "\"", "&#39;", "``", ""} {
		log := "error: linking with `arm-none-eabi-gcc` failed: exit status: 1\n" +
			"error: failed to run custom build command for `foo-sys v0.1.0`\n"
		in, err := ReadBytes("paste.txt", []byte(requote(log, mark)))
		if err != nil {
			t.Fatal(err)
		}
		got := contextQuotes(in.Lines)
		want := []knowledge.Quote{{Name: "linker", Value: "arm-none-eabi-gcc"}, {Name: "crate", Value: "foo-sys v0.1.0"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("quoted with %q: %v, want %v", mark, got, want)
		}
	}
}

// A wrapper line is a wrapper however the paste quotes it.
func TestEchoLinesAreKnownInEveryQuoteStyle(t *testing.T) {
	for _, line := range []string{
		"error: builder for &#39;/nix/store/abc-fw-0.1.0.drv&#39; failed with exit code 101",
		"error: builder for ‘/nix/store/abc-fw-0.1.0.drv’ failed with exit code 101",
		"error: build of &#39;/nix/store/abc-fw-0.1.0.drv&#39; failed",
		"error: could not compile “fw” (bin “fw”) due to 1 previous error",
	} {
		if !isEcho(line) {
			t.Errorf("not taken for a wrapper: %q", line)
		}
	}
}

// rustc and cargo have reworded their messages over the years; a paste from an old toolchain
// and one from a new one are explained as the same failure.
func TestOldAndNewWordingsAreExplainedAlike(t *testing.T) {
	b, ix := openKB(t)
	tests := []struct{ class, old, new string }{
		{"duplicate-definition", "error[E0152]: duplicate lang item found: `panic_impl`.", "error[E0152]: found duplicate lang item `panic_impl`"},
		{"linker-not-found", "error: could not exec the linker `rust-lld`: No such file or directory (os error 2)", "error: linker `rust-lld` not found"},
		{"version-mismatch", "error[E0554]: #![feature] may not be used on the stable release channel", "error[E0554]: `#![feature]` may not be used on the stable release channel"},
		{"version-mismatch", "error: the option `Z` is only accepted on the nightly compiler", "error: the `-Z` flag is only accepted on the nightly channel of Cargo, but this is the `stable` channel"},
		{"version-mismatch", "error: package `embassy-time v0.4.0` cannot be built because it requires rustc 1.81 or newer, while the currently active rustc version is 1.77.2", "error: rustc 1.77.2 is not supported by the following package:\n  embassy-time@0.4.0 requires rustc 1.81"},
		{"atomics-unsupported", "error[E0432]: unresolved import `core::sync::atomic::AtomicU64`", "error[E0432]: unresolved import `core::sync::atomic::AtomicU64`\n  |\n  = note: no `AtomicU64` in `sync::atomic`"},
		{"target-std-missing", "error[E0463]: can't find crate for `core`\n  |\n  = note: the `thumbv7em-none-eabihf` target may not be installed", "error[E0463]: can't find crate for `core`\n  |\n  = note: the `thumbv7em-none-eabihf` target may not be installed\n  = help: consider downloading the target with `rustup target add thumbv7em-none-eabihf`"},
	}
	for _, test := range tests {
		t.Run(test.class, func(t *testing.T) {
			checkExplained(t, b, ix, test.class, "", test.old)
			checkExplained(t, b, ix, test.class, "", test.new)
		})
	}
}
