package knowledge

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/class"
)

func TestLintFindsEntryProblems(t *testing.T) {
	base := loadTestBase(t, "testdata/lint")
	tests := []struct {
		file string
		want []string
	}{
		{"Not_Kebab.md", []string{
			`id "Not_Kebab" is not kebab-case`,
			"no source is an http(s) URL",
			"examples.match line matches no symptom: \"error: linker `gcc` not found\"",
			"examples.nomatch line matches symptom text \"linker `cc` not found\": \"note: linker `cc` not found, falling back\"",
			`symptom text "cannot find 'ld'" has no examples.match line`,
		}},
		{"general-too-specific.md", []string{
			"general entry: symptom text \"linker `arm-none-eabi-gcc` not found\" names a target triple or architecture (\"arm-none-eabi\"); match it with a pattern instead",
			"general entry: symptom text \"linker `arm-none-eabi-gcc` not found\" names a quoted name (\"`arm-none-eabi-gcc`\"); match it with a pattern instead",
			"general entry: symptom regex \"/usr/lib/gcc/x86_64-linux-gnu/\\\\d+/\" names a target triple or architecture (\"x86_64\"); match it with a pattern instead",
			"general entry: symptom regex \"/usr/lib/gcc/x86_64-linux-gnu/\\\\d+/\" names an absolute path (\"/usr/\"); match it with a pattern instead",
			"general entry: symptom regex \"requires rustc 1\\\\.75 or newer\" names a version (\"1.75\"); match it with a pattern instead",
			"general entry: symptom regex \"linker `(?:rust-lld|ldproxy)` not found\" names a specific program or crate (\"rust-lld\"); match it with a pattern instead",
			"general entry: symptom regex \"ERROR\\\\(cortex-m-rt\\\\): \" names a specific program or crate (\"cortex-m-rt\"); match it with a pattern instead",
			"general entry: symptom text \"C:\\\\Users\\\\me\\\\.cargo\\\\bin\" names an absolute path (\"C:\\\\\"); match it with a pattern instead",
		}},
		{"no-literal.md", []string{
			`symptom regex "[a-z]+\\s[0-9]+" has no literal text every match contains, so it runs on every log line`,
		}},
	}
	problems := Lint(base)
	for _, test := range tests {
		file := filepath.Join("testdata", "lint", test.file)
		var got []string
		for _, problem := range problems {
			if problem.File == file {
				got = append(got, problem.Message)
			}
		}
		if strings.Join(got, "\n") != strings.Join(test.want, "\n") {
			t.Errorf("problems of %s:\n%s\nwant:\n%s", file, strings.Join(got, "\n"), strings.Join(test.want, "\n"))
		}
	}
}

func TestLintReportsUncoveredClasses(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	covered := map[class.Class]bool{}
	general := map[class.Class]bool{}
	for _, entry := range base.Entries {
		covered[entry.Class] = true
		general[entry.Class] = general[entry.Class] || entry.General
	}
	var got []string
	for _, problem := range Lint(base) {
		if problem.File == "" {
			got = append(got, problem.Message)
		}
	}
	var want []string
	for _, c := range class.All {
		switch {
		case c == class.Unknown:
		case !covered[c]:
			want = append(want, "no entry has class "+string(c))
		case !general[c]:
			want = append(want, "no general entry has class "+string(c))
		}
	}
	generalClasses := 0
	for _, g := range general {
		if g {
			generalClasses++
		}
	}
	if generalClasses == 0 || generalClasses == len(covered) {
		t.Fatalf("testdata/good should cover some classes with a general entry and some without: %v", general)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("base problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLintGoodEntriesHaveNoEntryProblems(t *testing.T) {
	for _, problem := range Lint(loadTestBase(t, "testdata/good")) {
		if problem.File != "" {
			t.Errorf("%s", problem)
		}
	}
}

func TestLintSourcesReportsLoadErrorsAndLintProblems(t *testing.T) {
	problems := LintSources(nil, "testdata/bad/bad-regex", "testdata/lint")
	var files []string
	for _, problem := range problems {
		if problem.File != "" && !strings.Contains(strings.Join(files, " "), problem.File) {
			files = append(files, problem.File)
		}
	}
	want := strings.Join([]string{
		filepath.Join("testdata", "bad", "bad-regex", "bad-regex.md"),
		filepath.Join("testdata", "lint", "Not_Kebab.md"),
		filepath.Join("testdata", "lint", "general-too-specific.md"),
		filepath.Join("testdata", "lint", "no-literal.md"),
	}, " ")
	if got := strings.Join(files, " "); got != want {
		t.Errorf("files with problems: %q, want %q", got, want)
	}
}

// TestBuiltinEntries runs every built-in entry's examples through its own symptoms and lints
// it: a new file in knowledge/entries is tested by adding it.
func TestBuiltinEntries(t *testing.T) {
	base, err := Load(Builtin())
	if err != nil {
		t.Fatalf("the built-in knowledge base does not load:\n%v", err)
	}
	for _, entry := range base.Entries {
		t.Run(entry.ID, func(t *testing.T) {
			if len(entry.Examples.Match) == 0 {
				t.Errorf("%s: no examples.match lines", entry.Origin)
			}
			for _, line := range entry.Examples.Match {
				if _, ok := entry.Match(line); !ok {
					t.Errorf("%s: examples.match line matches no symptom: %q", entry.Origin, line)
				}
			}
			for _, line := range entry.Examples.NoMatch {
				if symptom, ok := entry.Match(line); ok {
					t.Errorf("%s: examples.nomatch line matches symptom %s: %q", entry.Origin, symptom, line)
				}
			}
			for _, message := range lintEntry(entry) {
				t.Errorf("%s: %s", entry.Origin, message)
			}
		})
	}
}

func TestBuiltinCoversTaxonomy(t *testing.T) {
	base, err := Load(Builtin())
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range lintCoverage(base) {
		t.Errorf("knowledge/entries: %s", problem.Message)
	}
}

// kb lint names an entry whose environment action could smuggle shell text.
func TestLintSourcesRejectsUnsafeEnvNames(t *testing.T) {
	problems := LintSources(nil, "testdata/bad/unsafe-env-name")
	file := filepath.Join("testdata", "bad", "unsafe-env-name", "unsafe-env-name.md")
	for _, problem := range problems {
		if problem.File == file && strings.Contains(problem.Message, "is not an environment variable name") {
			return
		}
	}
	t.Errorf("lint problems %q lack the unsafe unset-env name of %s", problems, file)
}
