package explain

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
)

func openKB(t testing.TB) (*knowledge.Base, *knowledge.Index) {
	t.Helper()
	b, err := knowledge.Load(knowledge.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := knowledge.OpenIndex(b, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return b, ix
}

func explainFile(t testing.TB, b *knowledge.Base, ix *knowledge.Index, path string) Result {
	t.Helper()
	in, err := ReadInput(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Explain(in, b, ix)
}

// names reports whether the top match's matched lines, title, cause or fix name s.
func names(m Match, s string) bool {
	for _, l := range m.MatchedLines {
		if strings.Contains(l.Text, s) {
			return true
		}
	}
	return strings.Contains(m.Entry.Title+m.Entry.Cause+m.Entry.Fix, s)
}

// TestExpectedExplains pins the explain rows of corpus/seed/expected.tsv and
// corpus/bench/expected.tsv.
func TestExpectedExplains(t *testing.T) {
	for _, dir := range []string{"seed", "bench"} {
		t.Run(dir, func(t *testing.T) { testExpectedExplains(t, filepath.Join("../../corpus", dir)) })
	}
}

func testExpectedExplains(t *testing.T, dir string) {
	b, ix := openKB(t)
	rows, err := corpus.ReadExpected(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows {
		if row.Command != "explain" {
			continue
		}
		n++
		t.Run(row.Bad, func(t *testing.T) {
			res := explainFile(t, b, ix, filepath.Join(dir, row.Bad))
			if len(res.Matches) == 0 {
				t.Fatal("no match")
			}
			top := res.Matches[0]
			if !row.Accepts(string(res.Class)) {
				t.Errorf("class %s (top %s), want %s or %s", res.Class, top.Entry.ID, row.TopClass, row.Also)
			}
			if !names(top, row.MustName) {
				t.Errorf("top match %s does not name %q; matched %v", top.Entry.ID, row.MustName, top.MatchedLines)
			}
			if len(top.Entry.Sources) == 0 || top.Entry.Fix == "" {
				t.Errorf("top match without fix or sources")
			}
		})
	}
	if n < 6 {
		t.Fatalf("%d explain rows in %s/expected.tsv", n, dir)
	}
}

// TestSuccessfulLogsAreUnknown: a log of a build that worked never yields a class, and check
// finds nothing of high severity in it.
func TestSuccessfulLogsAreUnknown(t *testing.T) {
	b, ix := openKB(t)
	var logs []string
	for _, pattern := range []string{"*.good.log", "*working*"} {
		for _, dir := range []string{"seed", "bench", "public"} {
			m, _ := filepath.Glob(filepath.Join("../../corpus", dir, pattern))
			logs = append(logs, m...)
		}
	}
	// the working side of the diff pairs, but for those where both builds fail
	pairs, _ := filepath.Glob("../../corpus/pairs/*/good.log")
	for _, p := range pairs {
		if data, err := os.ReadFile(p); err == nil && strings.Contains(string(data), "    Finished ") {
			logs = append(logs, p)
		}
	}
	if len(logs) < 3 {
		t.Fatalf("successful logs: %v", logs)
	}
	for _, p := range logs {
		t.Run(filepath.Base(p), func(t *testing.T) {
			in, err := ReadInput(p, nil)
			if err != nil {
				t.Fatal(err)
			}
			res := Explain(in, b, ix)
			if res.Class != "unknown" {
				t.Errorf("class %s (confidence %.2f, top %s) for a successful build", res.Class, res.Confidence, res.Matches[0].Entry.ID)
			}
			for _, f := range res.Findings {
				if f.Severity == finding.High {
					t.Errorf("high-severity finding %s: %s", f.Rule, f.Message)
				}
			}
		})
	}
}

func TestUnknownIsSaidPlainly(t *testing.T) {
	b, ix := openKB(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "paste.txt")
	os.WriteFile(p, []byte("everything is fine\nno failure here at all\n"), 0o644)
	res := explainFile(t, b, ix, p)
	if res.Class != "unknown" {
		t.Fatalf("class %s for a log without a failure", res.Class)
	}
}

func BenchmarkExplainWarm(b *testing.B) {
	dir := b.TempDir()
	kb, err := knowledge.LoadCached(knowledge.Builtin(), dir)
	if err != nil {
		b.Fatal(err)
	}
	ix, _ := knowledge.OpenIndex(kb, dir)
	ix.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kb, _ := knowledge.LoadCached(knowledge.Builtin(), dir)
		ix, err := knowledge.OpenIndex(kb, dir)
		if err != nil {
			b.Fatal(err)
		}
		in, _ := ReadInput("../../corpus/seed/s05-linker-cc-explicit.log", nil)
		Explain(in, kb, ix)
		ix.Close()
	}
}

func BenchmarkExplainCold(b *testing.B) {
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		kb, _ := knowledge.LoadCached(knowledge.Builtin(), dir)
		ix, err := knowledge.OpenIndex(kb, dir)
		if err != nil {
			b.Fatal(err)
		}
		in, _ := ReadInput("../../corpus/seed/s05-linker-cc-explicit.log", nil)
		Explain(in, kb, ix)
		ix.Close()
	}
}

func explainText(t *testing.T, b *knowledge.Base, ix *knowledge.Index, text string) Result {
	t.Helper()
	in, err := ReadBytes("paste.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return Explain(in, b, ix)
}

// TestGeneralEntriesCatchUnseenVariants pastes each class's failure as another user would meet
// it: a program, path, triple, crate or version that no entry names. Each must be explained as
// its class, by an entry that quotes the user's own name where it captures one.
func TestGeneralEntriesCatchUnseenVariants(t *testing.T) {
	b, ix := openKB(t)
	tests := []struct {
		class, quote, log string
	}{
		{"linker-not-found", `D:\tools\xpack\bin\riscv-none-elf-gcc.exe`, "error: linker `D:\\tools\\xpack\\bin\\riscv-none-elf-gcc.exe` not found\n  |\n  = note: The system cannot find the file specified. (os error 2)\n\nerror: could not compile `blinky` (bin \"blinky\") due to 1 previous error\n"},
		{"linker-not-found", "mold", "  = note: collect2: fatal error: cannot find 'mold'\n          compilation terminated.\n"},
		{"linker-flavor-mismatch", "--eh-frame-hdr", "error: linking with `/opt/wrap/bin/avr-cc` failed: exit status: 1\n  = note: avr-cc: error: unrecognized command-line option '--eh-frame-hdr'\n"},
		{"host-linker-for-target", "", "  = note: /usr/bin/ld: /home/u/fw/target/mipsel-unknown-none/release/deps/fw-1.o: Relocations in generic ELF (EM: 8)\n          /usr/bin/ld: fw-1.o: error adding symbols: file in wrong format\n"},
		{"linker-script-missing", "", "  = note: rust-lld: error: undefined symbol: _sheap\n          >>> referenced by lib.rs:40 (src/lib.rs:40)\n"},
		{"memory-layout-overflow", "IRAM", "  = note: rust-lld: error: section '.rwtext' will not fit in region 'IRAM': overflowed by 2048 bytes\n"},
		{"duplicate-definition", "rust_begin_unwind", "  = note: ld.lld: error: duplicate symbol: rust_begin_unwind\n"},
		{"atomics-unsupported", "AtomicI64", "error[E0432]: unresolved import `core::sync::atomic::AtomicI64`\n"},
		{"target-std-missing", "armv7a-none-eabi", "error[E0463]: can't find crate for `core`\n  |\n  = note: the `armv7a-none-eabi` target may not be installed\n"},
		{"version-mismatch", "1.81", "error: package `embassy-time v0.4.0` cannot be built because it requires rustc 1.81 or newer, while the currently active rustc version is 1.77.2\n"},
		{"native-tool-missing", "ninja", "error: failed to run custom build command for `foo-sys v0.3.1`\n\nCaused by:\n  --- stderr\n  is `ninja` not installed?\n"},
		{"build-platform-confusion", "", "/build/source/target/release/build/foo-1/build-script-build: cannot execute binary file: Exec format error\n"},
		{"flash-or-serial-failure", "", "Error: Failed to open the serial port COM7\n"},
		{"cargo-config-scope", "rustflags", "warning: unused manifest key: target.riscv32imac-unknown-none-elf.rustflags\n"},
	}
	for _, test := range tests {
		t.Run(test.class, func(t *testing.T) {
			checkExplained(t, b, ix, test.class, test.quote, test.log)
		})
		// the same paste as a word processor, a forum, a web page or Markdown gives it
		for _, mark := range []string{"’", "\"", "&#39;", ""} {
			t.Run(test.class+" quoted "+mark, func(t *testing.T) {
				checkExplained(t, b, ix, test.class, test.quote, requote(test.log, mark))
			})
		}
	}
}

// requote puts mark where log has a backtick or a single quote that is not an apostrophe
// between two letters.
func requote(log, mark string) string {
	runes := []rune(log)
	var out strings.Builder
	for i, r := range runes {
		inWord := r == '\'' && i > 0 && i+1 < len(runes) && unicode.IsLetter(runes[i-1]) && unicode.IsLetter(runes[i+1])
		if (r == '`' || r == '\'') && !inWord {
			out.WriteString(mark)
		} else {
			out.WriteRune(r)
		}
	}
	return out.String()
}

// checkExplained checks that log is explained as class, by a top match that quotes quote
// (unless it is "") from the log.
func checkExplained(t *testing.T, b *knowledge.Base, ix *knowledge.Index, class, quote, log string) {
	t.Helper()
	res := explainText(t, b, ix, log)
	if string(res.Class) != class {
		top := ""
		if len(res.Matches) > 0 {
			top = res.Matches[0].Entry.ID
		}
		t.Fatalf("class %s (confidence %.2f, top %s), want %s", res.Class, res.Confidence, top, class)
	}
	if quote == "" {
		return
	}
	for _, q := range res.Matches[0].Quotes {
		if strings.Contains(q.Value, quote) {
			return
		}
	}
	t.Errorf("top match %s quotes %+v, not %q from the log", res.Matches[0].Entry.ID, res.Matches[0].Quotes, quote)
}

// TestEchoLinesNeverOutrankTheRoot: cargo's could-not-compile and build-failed lines and Nix's
// builder-failed line repeat the first error; alone they explain nothing.
func TestEchoLinesNeverOutrankTheRoot(t *testing.T) {
	b, ix := openKB(t)
	echoes := "error: could not compile `atomic-waker` (lib) due to 1 previous error\n" +
		"warning: build failed, waiting for other jobs to finish...\n" +
		"error: builder for '/nix/store/abc-fw-0.1.0.drv' failed with exit code 101\n" +
		"error: build of '/nix/store/abc-fw-0.1.0.drv' failed\n" +
		"error: failed to run custom build command for `fw v0.1.0`\n\nCaused by:\n"
	if res := explainText(t, b, ix, echoes); res.Class != "unknown" {
		t.Errorf("wrappers alone give class %s (confidence %.2f, top %s)", res.Class, res.Confidence, res.Matches[0].Entry.ID)
	}
	root := "error[E0463]: can't find crate for `core`\n  = note: the `thumbv8m.main-none-eabihf` target may not be installed\n"
	res := explainText(t, b, ix, echoes+root)
	if res.Class != "target-std-missing" {
		t.Fatalf("class %s, want target-std-missing", res.Class)
	}
	for _, l := range res.Matches[0].MatchedLines {
		if isEcho(l.Text) {
			t.Errorf("wrapper line quoted as evidence: %q", l.Text)
		}
	}
}

// TestCCRsChoiceIsReadFromTheLog: cc-rs's printout of the compiler it chose is evidence when the
// compiler belongs to another machine than the target, and nothing when it is the target's.
func TestCCRsChoiceIsReadFromTheLog(t *testing.T) {
	b, ix := openKB(t)
	printout := func(cc string) string {
		return "[cortex-m-rt 0.6.15] TARGET = Some(\"thumbv7em-none-eabihf\")\n[cortex-m-rt 0.6.15] HOST = Some(\"x86_64-unknown-linux-gnu\")\n" +
			"[cortex-m-rt 0.6.15] CC_thumbv7em-none-eabihf = None\n[cortex-m-rt 0.6.15] CC_thumbv7em_none_eabihf = None\n" +
			"[cortex-m-rt 0.6.15] TARGET_CC = None\n[cortex-m-rt 0.6.15] CC = Some(\"" + cc + "\")\n"
	}
	good := explainText(t, b, ix, printout("arm-none-eabi-gcc")+"    Finished `release` profile [optimized] target(s) in 4.10s\n")
	if good.Class != "unknown" || len(good.Findings) != 0 {
		t.Errorf("a working cc-rs choice gives class %s, findings %+v", good.Class, good.Findings)
	}
	bad := explainText(t, b, ix, printout("/usr/bin/x86_64-linux-gnu-gcc"))
	if bad.Class != "host-linker-for-target" || len(bad.Matches) == 0 || bad.Matches[0].Entry.ID != "cc-rs-uses-host-compiler-for-target" {
		t.Fatalf("class %s, matches %v", bad.Class, bad.Matches)
	}
	if f := bad.Matches[0].Findings; len(f) == 0 || !strings.Contains(f[0].Message, "x86_64-linux-gnu-gcc") {
		t.Errorf("finding does not name the user's compiler: %+v", f)
	}
}

// TestJSONReportErrorChainIsNotAnEcho: a tool's JSON report carries the whole error chain,
// "Caused by:" included, in one string; its first message is the failure, not a summary.
func TestJSONReportErrorChainIsNotAnEcho(t *testing.T) {
	b, ix := openKB(t)
	report := "{\n  \"command\": [\"probe-rs\", \"run\", \"--chip\", \"nRF52840_xxAA\"],\n" +
		`  "error": "Connecting to the chip was unsuccessful.\n\nCaused by:\n    0: An ARM specific error occurred.\n    1: Command failed with status SwdDpWait"` + "\n}\n"
	if res := explainText(t, b, ix, report); res.Class != "flash-or-serial-failure" {
		t.Errorf("probe-rs JSON report gives class %s (confidence %.2f)", res.Class, res.Confidence)
	}
	if !isEcho(`  "error": "failed to run custom build command for ` + "`fw v0.1.0`" + `\n\nCaused by:\n  x"`) {
		t.Error("a summary line before the first escaped newline is still an echo")
	}
}

// queryLine picks the lines strings.ToLower and strings.Contains would: any case, words at the
// start and end of a line, non-ASCII letters that lower to ASCII ones (the Kelvin sign to k),
// and random lines made of the words' letters.
func TestQueryLineIsCaseInsensitiveContains(t *testing.T) {
	want := func(text string) bool {
		l := strings.ToLower(text)
		for _, w := range []string{"error", "cannot", "undefined", "not found", "failed", "panicked"} {
			if strings.Contains(l, w) {
				return !isEcho(text)
			}
		}
		return false
	}
	lines := []string{"", "d", "ed", "error", "ERROR: x", "x Error", "errr", "erro r", "can not", "CaNnOt find",
		"undefine", "UNDEFINED reference", "not  found", "NOT FOUND", "fail ed", "build FAILED", "thread panicked at",
		"PANICKED", "pani\u212aked", "\u212a panicked", "caf\u00e9 error", "caf\u00e9 erro", "could not compile: error"}
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"error", "cannot", "undefined", "not found", "failed", "panicked", "could not compile", "x\u00e9"}
	for range 20000 {
		// a word in random case, a letter of it perhaps changed, between random bits of others
		var b strings.Builder
		for range 1 + r.IntN(3) {
			w := []rune(words[r.IntN(len(words))])
			for i := range w {
				switch n := r.IntN(40); {
				case n < 15:
					w[i] = unicode.ToUpper(w[i])
				case n == 15:
					w[i] = []rune("k\u212a e")[r.IntN(4)]
				}
			}
			start := r.IntN(3) * r.IntN(len(w)) / 2
			b.WriteString(string(w[start:]))
			b.WriteString([]string{"", " ", "x", "\t"}[r.IntN(4)])
		}
		lines = append(lines, b.String())
	}
	var f wordFinder
	found := 0
	for _, l := range lines {
		if got := f.queryLine(l); got != want(l) {
			t.Errorf("queryLine(%q) = %v", l, got)
		} else if got {
			found++
		}
	}
	if found < 20 {
		t.Fatalf("only %d query lines: the test does not test much", found)
	}
}
