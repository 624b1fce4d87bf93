package grammar

import (
	"reflect"
	"testing"
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
