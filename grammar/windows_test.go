package grammar

import "testing"

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
