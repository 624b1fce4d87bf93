package grammar

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/corpus/loggen"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		env     []string
		program string
		args    []string
	}{
		{"plain", "rustc --crate-name foo src/lib.rs", nil, "rustc", []string{"--crate-name", "foo", "src/lib.rs"}},
		{"cargo env with single quotes", `CARGO_PKG_AUTHORS='Stjepan Glavina <s@g.com>:Contributors' CARGO_PKG_HOMEPAGE='' rustc --cfg 'feature="std"'`,
			[]string{"CARGO_PKG_AUTHORS=Stjepan Glavina <s@g.com>:Contributors", "CARGO_PKG_HOMEPAGE="}, "rustc", []string{"--cfg", `feature="std"`}},
		{"embedded single quote", `A='it'\''s' prog`, []string{"A=it's"}, "prog", nil},
		{"linker note", `LC_ALL="C" PATH="/a:/b" VSLANG="1033" "/nix/store/x-cc" "-flavor" "gnu" "<2 object files omitted>"`,
			[]string{"LC_ALL=C", "PATH=/a:/b", "VSLANG=1033"}, "/nix/store/x-cc", []string{"-flavor", "gnu", "<2 object files omitted>"}},
		{"newlines between words", "CARGO=/x/cargo\nrustc\n--crate-name atomic_waker\n--edition=2018", []string{"CARGO=/x/cargo"}, "rustc", []string{"--crate-name", "atomic_waker", "--edition=2018"}},
		{"windows set", `set CARGO=C:\Users\me\cargo.exe&& set CARGO_PKG_NAME=foo&& C:\rustc.exe --crate-name foo`,
			[]string{`CARGO=C:\Users\me\cargo.exe`, "CARGO_PKG_NAME=foo"}, `C:\rustc.exe`, []string{"--crate-name", "foo"}},
		{"backslash escape", `prog a\ b "x\"y"`, nil, "prog", []string{"a b", `x"y`}},
		{"unterminated quote", `prog 'abc`, nil, "prog", []string{"abc"}},
		{"assignment after program is an argument", `rustc -C opt-level=3 KEY=v`, nil, "rustc", []string{"-C", "opt-level=3", "KEY=v"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCommand(tc.in)
			if err != nil {
				t.Fatalf("ParseCommand: %v", err)
			}
			if !sameWords(got.Env, tc.env) || got.Program != tc.program || !sameWords(got.Args, tc.args) {
				t.Errorf("got env=%q program=%q args=%q\nwant env=%q program=%q args=%q", got.Env, got.Program, got.Args, tc.env, tc.program, tc.args)
			}
		})
	}
}

func TestParseCommandRejectsEmpty(t *testing.T) {
	if _, err := ParseCommand("   \n "); err == nil {
		t.Fatal("an empty command parsed without error")
	}
}

func sameWords(a, b []string) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

// A CommandParser reading commands one after another gives each the tree ParseCommand gives
// it: nothing of one command's buffers shows in the next one's tree.
func TestCommandParserMatchesParseCommand(t *testing.T) {
	cmds := corpusParts("Running `", '`')
	if len(cmds) < 20 {
		t.Fatalf("only %d commands in the corpus", len(cmds))
	}
	cmds = append(cmds, generatedCommands(t, 256<<10)...)
	cmds = append(cmds, "", "A=1", `set A=B&& "C:\x y\rustc.exe" 'a'\''b'`, "CARGO=/x/cargo\nrustc\n--crate-name atomic_waker\n--edition=2018")
	var p CommandParser
	for _, text := range cmds {
		want, wantErr := ParseCommand(text)
		got, err := p.Parse(text)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%q: error %v, ParseCommand's %v", text, err, wantErr)
		}
		if err != nil {
			continue
		}
		if len(got.EnvLines) == 0 && len(want.EnvLines) == 0 {
			got.EnvLines, want.EnvLines = nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nCommandParser %+v\nParseCommand  %+v", text, got, want)
		}
	}
}

// generatedCommands are the Running commands of a generated cargo -vv log of about size bytes.
func generatedCommands(tb testing.TB, size int64) []string {
	var log bytes.Buffer
	if _, err := loggen.Generate(&log, size, 1); err != nil {
		tb.Fatal(err)
	}
	var cmds []string
	for _, line := range strings.Split(log.String(), "\n") {
		if _, rest, ok := strings.Cut(line, "Running `"); ok {
			cmds = append(cmds, strings.TrimSuffix(rest, "`"))
		}
	}
	return cmds
}
