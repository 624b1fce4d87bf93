package grammar

import (
	"strings"
	"testing"
)

// cargo -v on Windows prints commands without the `set K=V&&` environment of -vv: paths keep
// single backslashes, and words with spaces or quotes are double-quoted the way the MSVC
// runtime reads them (\" is a quote inside a quoted word). Doubled backslashes, as pasted
// from escaped output, still read as one.
func TestParseCommandWindowsPaths(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		program string
		args    []string
	}{
		{"build script", `C:\Users\J\Source\TARGET\release\build\whisper-rs-sys-d444a7d5701a545e\build-script-build`,
			`C:\Users\J\Source\TARGET\release\build\whisper-rs-sys-d444a7d5701a545e\build-script-build`, nil},
		{"rustc with windows paths", `rustc --crate-name foo C:\Users\me\.cargo\registry\src\index.crates.io-6f17d22bba15001f\foo-1.0.0\src\lib.rs --out-dir C:\p\target\debug\deps --cfg "feature=\"std\"" -L "dependency=C:\My Projects\p\target\debug\deps"`,
			"rustc", []string{"--crate-name", "foo", `C:\Users\me\.cargo\registry\src\index.crates.io-6f17d22bba15001f\foo-1.0.0\src\lib.rs`, "--out-dir", `C:\p\target\debug\deps`,
				"--cfg", `feature="std"`, "-L", `dependency=C:\My Projects\p\target\debug\deps`}},
		{"apostrophe in a windows path", `C:\Users\O'Brien\p\target\debug\app.exe --flag`, `C:\Users\O'Brien\p\target\debug\app.exe`, []string{"--flag"}},
		{"doubled backslashes", `C:\\p\\target\\debug\\build\\foo-0123456789abcdef\\build-script-build`, `C:\p\target\debug\build\foo-0123456789abcdef\build-script-build`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCommand(tc.in)
			if err != nil {
				t.Fatalf("ParseCommand: %v", err)
			}
			if got.Program != tc.program || !sameWords(got.Args, tc.args) {
				t.Errorf("got program=%q args=%q\nwant program=%q args=%q", got.Program, got.Args, tc.program, tc.args)
			}
		})
	}
}

// hasWindowsPathByColon is hasWindowsPath's rule read from colon to colon: the reference the
// backslash-to-backslash search must agree with.
func hasWindowsPathByColon(s string) bool {
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], `:\`)
		if j < 0 {
			return false
		}
		i += j
		if i >= 1 && i+2 < len(s) && s[i+2] != '\\' && isLetter(s[i-1]) && (i == 1 || strings.IndexByte(" \t\n=\"'", s[i-2]) >= 0) {
			return true
		}
		i += 2
	}
	return false
}

func FuzzHasWindowsPath(f *testing.F) {
	for _, s := range []string{`C:\x`, `a=C:\x`, `C:\\x`, `xC:\y`, `"D:\a b"`, `:\`, `C:\`, `/a:/b\ c`, `A:\B:\C`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasWindowsPath(s), hasWindowsPathByColon(s); got != want {
			t.Fatalf("hasWindowsPath(%q) = %v, by colon %v", s, got, want)
		}
	})
}
