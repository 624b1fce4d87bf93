package grammar

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusParts returns the text after each marker in the corpus logs, up to end.
func corpusParts(marker string, end byte) []string {
	files, _ := filepath.Glob("../corpus/*/*")
	var out []string
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, part := range strings.Split(string(b), marker)[1:] {
			if i := strings.IndexByte(part, end); i > 0 {
				out = append(out, part[:i])
			}
		}
	}
	return out
}

// FuzzParseCommand runs arbitrary text through the command grammar and the linker grammar:
// neither may panic, and what parses keeps every word.
func FuzzParseCommand(f *testing.F) {
	for _, c := range corpusParts("Running `", '`') {
		f.Add(c)
	}
	for _, c := range corpusParts("= note: ", '\n') {
		f.Add(c)
	}
	f.Add(`set A=B&& "C:\\x y\\rustc.exe" 'a'\''b' "q\"q"`)
	f.Add(`A=1 sccache rustc -Ck=v --codegen=x -L -Z --cfg 'a="b"' --extern`)
	var shared CommandParser // one parser for every input, as a worker has
	f.Fuzz(func(t *testing.T, text string) {
		cmd, err := ParseCommand(text)
		if again, errAgain := shared.Parse(text); (err == nil) != (errAgain == nil) || err == nil && (!slices.Equal(again.Args, cmd.Args) || !slices.Equal(again.Env, cmd.Env) || again.Program != cmd.Program) {
			t.Fatalf("CommandParser read %q otherwise than ParseCommand", text)
		}
		if err == nil {
			if cmd.Program == "" && strings.TrimSpace(text) != "" && !strings.ContainsAny(text, `'"\`) {
				t.Fatalf("parsed %q with an empty program", text)
			}
			if len(cmd.EnvLines) != len(cmd.Env) {
				t.Fatalf("%d env words, %d lines", len(cmd.Env), len(cmd.EnvLines))
			}
			if r := cmd.Rustc; r != nil {
				n := 0
				for _, f := range rustcFamilies {
					for _, g := range f.groups {
						n += len(*g.field(r.RustcOptions))
					}
				}
				if words := len(cmd.Args); r.Wrapper != "" && n > words-1 || r.Wrapper == "" && n > words {
					t.Fatalf("%d rustc options from %d words", n, words)
				}
			}
		}
		if lc, err := ParseLinkerCommand(text); err == nil {
			var words []string // the words the arguments hold, in order
			for _, a := range lc.Args {
				switch {
				case a.Flavor != nil:
					words = append(words, "-flavor", *a.Flavor)
				case a.Elision != nil:
					words = append(words, *a.Elision)
				default:
					words = append(words, a.Words...)
				}
			}
			if !slices.Equal(words, lc.Words) {
				t.Fatalf("linker arguments hold %q, the command %q", words, lc.Words)
			}
		}
	})
}

// FuzzParseNixAttrs runs arbitrary text through the Nix attribute-set grammar: it may fail,
// never panic, and a list keeps text that is part of the input.
func FuzzParseNixAttrs(f *testing.F) {
	for _, t := range corpusParts("trace: ", '\n') {
		f.Add(t)
	}
	f.Add(`{ a = 1; b = { c = "x\"y"; }; l = [ 1 "2" { d = <LAMBDA>; } ]; }`)
	f.Fuzz(func(t *testing.T, text string) {
		set, _ := ParseNixAttrs(text)
		if set == nil {
			return
		}
		var check func(*NixAttrSet)
		check = func(s *NixAttrSet) {
			for _, b := range s.Bindings {
				if b == nil || b.Value == nil {
					continue
				}
				if b.Value.Set != nil {
					check(b.Value.Set)
				}
				if l := b.Value.List; l != nil && !strings.Contains(text, l.Text) {
					t.Fatalf("list text %q is not in the input", l.Text)
				}
			}
		}
		check(set)
	})
}
