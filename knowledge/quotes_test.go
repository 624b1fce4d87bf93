package knowledge

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// quoteStyle is one way a quoted name reaches a report: the marks put around it, and the one an
// apostrophe inside a word (can't) becomes.
type quoteStyle struct {
	name              string
	open, close, apos string
}

var quoteStyles = []quoteStyle{
	{"backtick", "`", "`", "'"},
	{"single", "'", "'", "'"},
	{"double", `"`, `"`, "'"},
	{"curly single", "\u2018", "\u2019", "\u2019"},
	{"curly double", "\u201c", "\u201d", "\u2019"},
	{"none", "", "", "'"},
	{"markdown double backtick", "``", "``", "'"},
	{"html &#39;", "&#39;", "&#39;", "&#39;"},
	{"html &quot;", "&quot;", "&quot;", "&#39;"},
	{"html &#96;", "&#96;", "&#96;", "&#39;"},
}

// requote gives every quote mark of line the style's: an apostrophe between two letters
// becomes its apostrophe, any other mark its opening mark after a space, a bracket or the
// start of the line, and its closing mark elsewhere.
func requote(line string, style quoteStyle) string {
	const quoteRunes = "`'\"\u2018\u2019\u201c\u201d"
	runes := []rune(line)
	var b strings.Builder
	for i, r := range runes {
		if !strings.ContainsRune(quoteRunes, r) {
			b.WriteRune(r)
			continue
		}
		var prev, next rune = ' ', ' '
		if i > 0 {
			prev = runes[i-1]
		}
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch {
		case unicode.IsLetter(prev) && unicode.IsLetter(next) && (r == '\'' || r == '\u2019'):
			b.WriteString(style.apos)
		case unicode.IsSpace(prev) || strings.ContainsRune("([{=:,", prev):
			b.WriteString(style.open)
		default:
			b.WriteString(style.close)
		}
	}
	return b.String()
}

// requoteExempt are the examples whose quote marks belong to the format, not to a name the
// tool quotes, so another mark is not what any tool prints: entry id, then a substring of the
// example.
var requoteExempt = map[string][]string{}

func exempt(id, line string) bool {
	for _, part := range requoteExempt[id] {
		if strings.Contains(line, part) {
			return true
		}
	}
	return false
}

// Every built-in entry still matches its examples when their quote marks are those of another
// tool, locale, forum or Markdown rendering, and still does not match its near misses.
func TestEntriesMatchRequotedExamples(t *testing.T) {
	b, err := Load(Builtin())
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range b.Entries {
		for _, line := range entry.Examples.Match {
			if !strings.ContainsAny(line, "`'\"\u2018\u2019\u201c\u201d") || exempt(entry.ID, line) {
				continue
			}
			for _, style := range quoteStyles {
				variant := requote(line, style)
				if _, ok := entry.Match(variant); !ok {
					t.Errorf("%s: with %s quotes, examples.match line matches no symptom: %q", entry.ID, style.name, variant)
				}
				if hits := b.MatchLines([]Line{{N: 1, Text: variant}}); !hitsEntry(hits, entry) {
					t.Errorf("%s: with %s quotes, MatchLines misses %q", entry.ID, style.name, variant)
				}
			}
		}
		for _, line := range entry.Examples.NoMatch {
			if !strings.ContainsAny(line, "`'\"\u2018\u2019\u201c\u201d") || exempt(entry.ID, line) {
				continue
			}
			for _, style := range quoteStyles {
				variant := requote(line, style)
				if symptom, ok := entry.Match(variant); ok {
					t.Errorf("%s: with %s quotes, examples.nomatch line matches symptom %s: %q", entry.ID, style.name, symptom, variant)
				}
			}
		}
	}
}

func hitsEntry(hits []SymptomHit, entry *Entry) bool {
	for _, h := range hits {
		if h.Entry == entry {
			return true
		}
	}
	return false
}

func TestQuoteTolerantExpressions(t *testing.T) {
	cases := []struct {
		expr     string
		match    []string
		nomatch  []string
		captured string // the first named group's value on match[0]
	}{
		{
			expr:     "error: linking with `(?P<linker>[^`]*-cc)` failed",
			match:    []string{"error: linking with `arm-none-eabi-cc` failed", "error: linking with ‘arm-none-eabi-cc’ failed", "error: linking with arm-none-eabi-cc failed", `error: linking with "x-cc" failed`},
			nomatch:  []string{"error: linking with `cc` failed"},
			captured: "arm-none-eabi-cc",
		},
		{
			// a negated class that stops at the backtick stops at every closing mark
			expr:     "crate for `(?P<crate>[^`]+)`",
			match:    []string{"can’t find crate for ‘core’ here"},
			captured: "core",
		},
		{
			// a class that holds one mark holds all of them
			expr:  "option ['`]-flavor['`]",
			match: []string{"option ‘-flavor’", `option "-flavor"`, "option -flavor"},
		},
		{
			// Markdown doubles the backticks of inline code that holds one; a mark made
			// optional by hand is widened the same way
			expr:     "linking with [`']?(?P<linker>cc|gcc)[`']? failed",
			match:    []string{"error: linking with ``cc`` failed", "linking with gcc failed", "linking with “cc” failed"},
			nomatch:  []string{"linking with ```cc``` failed"},
			captured: "cc",
		},
		{
			// a name whose marks a paste lost still ends where they stood
			expr:    "can't find crate for `core`",
			match:   []string{"can't find crate for core", "can't find crate for core.", "can't find crate for ``core``"},
			nomatch: []string{"can't find crate for core_io", "can't find crate for corefoundation"},
		},
		{
			expr:    "(?i)Can't find crate",
			match:   []string{"can’t find crate", "CAN&#39;T FIND CRATE"},
			nomatch: []string{"can find crate"},
		},
	}
	for _, c := range cases {
		s, err := translateSymptom(rawSymptom{Regex: c.expr})
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		for _, line := range c.match {
			if !s.matches(line) {
				t.Errorf("%s (as %s) does not match %q", c.expr, symptomExpr("", c.expr), line)
			}
		}
		for _, line := range c.nomatch {
			if s.matches(line) {
				t.Errorf("%s (as %s) matches %q", c.expr, symptomExpr("", c.expr), line)
			}
		}
		if c.captured != "" {
			if q := s.Quotes(c.match[0]); len(q) == 0 || q[0].Value != c.captured {
				t.Errorf("%s on %q quotes %v, want %q", c.expr, c.match[0], q, c.captured)
			}
		}
	}
}

// A text symptom with quote marks is matched through its widened expression, and its
// literals still rule lines out before it runs.
func TestQuotedTextSymptom(t *testing.T) {
	s, err := translateSymptom(rawSymptom{Text: "unrecognized command-line option '-flavor'"})
	if err != nil {
		t.Fatal(err)
	}
	if !s.required.known() {
		t.Fatal("no literal for a quoted text symptom")
	}
	for _, line := range []string{
		"gcc: error: unrecognized command-line option ‘-flavor’",
		"gcc: error: unrecognized command-line option &#39;-flavor&#39;",
		"gcc: error: unrecognized command-line option -flavor",
	} {
		if !s.matches(line) {
			t.Errorf("does not match %q", line)
		}
	}
	if s.matches("gcc: error: unrecognized command-line option '-mcpu=foo'") {
		t.Error("matches another option")
	}
}

// Widening the quote marks only adds matches: every line of the corpus that a symptom as
// written matches, its widened expression matches too. (The blind sets are left out: no test
// output should quote them.)
func TestWidenedSymptomsKeepEveryMatch(t *testing.T) {
	var lines []string
	err := filepath.WalkDir("../corpus", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), "holdout3") || strings.HasPrefix(d.Name(), "holdout4")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".log") || strings.HasSuffix(path, ".md")) {
			return nil
		}
		data, err := os.ReadFile(path)
		lines = append(lines, strings.Split(string(data), "\n")...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	base := builtinBase(t)
	for _, entry := range base.Entries {
		lines = append(lines, entry.Examples.Match...)
	}
	widened := 0
	for _, entry := range base.Entries {
		for i := range entry.Symptoms {
			s := &entry.Symptoms[i]
			var asWritten func(string) bool
			switch {
			case s.Regex != "":
				asWritten = regexp.MustCompile(s.Regex).MatchString
			case s.compiled != nil:
				text := s.Text
				asWritten = func(line string) bool { return strings.Contains(line, text) }
			default:
				continue
			}
			widened++
			for _, line := range lines {
				if asWritten(line) && !s.matches(line) {
					t.Errorf("%s: %s matched %q as written, not widened (%s)", entry.ID, s, line, symptomExpr(s.Text, s.Regex))
				}
			}
		}
	}
	if widened == 0 {
		t.Fatal("no symptom was widened")
	}
}

// matchLine decodes a line's character references and makes its typographic quotes ASCII, and
// leaves a line that holds neither as it is, without a copy: shell lines with && and ;.
func TestMatchLine(t *testing.T) {
	for line, want := range map[string]string{
		"cd x && make; make -j2":                    "cd x && make; make -j2",
		"a && b; c &d e;":                           "a && b; c &d e;",
		"can&#39;t find crate for &quot;core&quot;": `can't find crate for "core"`,
		"&lt;built-in&gt; && x":                     "<built-in> && x",
		"linking with &#96;cc&#96; failed":          "linking with `cc` failed",
	} {
		if got := matchLine(line); got != want {
			t.Errorf("matchLine(%q) = %q, want %q", line, got, want)
		}
	}
	for _, line := range []string{"cd x && make; make -j2", "if [ -f a ] && [ -f b ]; then make; fi", "Compiling foo — building…", "a – b • c\u2009d"} {
		if allocs := testing.AllocsPerRun(100, func() { matchLine(line) }); allocs != 0 {
			t.Errorf("matchLine(%q) allocates %v times", line, allocs)
		}
	}
}

// A user's symptom written with typographic quotes sees them as matchLine leaves a line's:
// ASCII, so a quoted text, a class and a negated class of them work as they read, from the
// files and from a compiled cache.
func TestTypographicQuotesOfUserSymptoms(t *testing.T) {
	dir := t.TempDir()
	entries := map[string]struct {
		symptom        string
		match, nomatch []string
	}{
		"curly-text":    {`text: "cannot find ‘ld’"`, []string{"collect2: fatal error: cannot find ‘ld’", "collect2: fatal error: cannot find 'ld'"}, []string{"cannot find ‘lld’"}},
		"curly-class":   {`regex: "x[‘a]y"`, []string{"x‘y", "x'y", "xay"}, []string{"xby"}},
		"curly-negated": {`regex: "^[^’]+$"`, []string{"its"}, []string{"it’s", "it's", "it`s"}},
	}
	for id, e := range entries {
		file := "---\nid: " + id + "\ntitle: " + id + "\nclass: linker-not-found\nsymptoms:\n  - " + e.symptom +
			"\ncause: >\n  c\nfix: >\n  f\nsources:\n  - https://example.com/" + id + "\n---\n"
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cacheDir := t.TempDir()
	for _, load := range []string{"files", "cache written", "cache read"} {
		var b *Base
		var err error
		if load == "files" {
			b, err = Load(nil, dir)
		} else {
			b, err = LoadCached(nil, cacheDir, dir)
		}
		if err != nil {
			t.Fatalf("%s: %v", load, err)
		}
		for _, entry := range b.Entries {
			for _, line := range entries[entry.ID].match {
				if hits := b.MatchLines([]Line{{N: 1, Text: line}}); !hitsEntry(hits, entry) {
					t.Errorf("%s: %s does not match %q", load, entry.ID, line)
				}
			}
			for _, line := range entries[entry.ID].nomatch {
				if _, ok := entry.Match(line); ok {
					t.Errorf("%s: %s matches %q", load, entry.ID, line)
				}
			}
		}
		if len(b.Entries) != len(entries) {
			t.Fatalf("%s: %d entries, want %d", load, len(b.Entries), len(entries))
		}
	}
}

// BenchmarkMatchLine normalises lines that hold no character reference and no typographic
// quote, though they have an & and a later ;, or dashes and an ellipsis, and one that has both.
func BenchmarkMatchLine(b *testing.B) {
	for _, line := range []string{
		"cd target && make; make -j2 install",
		"   Compiling foo v0.1.0 — building… (2 of 5)",
		"error: linking with &#96;cc&#96; failed: can’t find ‘ld’",
	} {
		b.Run(strings.Fields(line)[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				matchLine(line)
			}
		})
	}
}
