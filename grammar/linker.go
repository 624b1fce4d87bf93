package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// LinkerCommand is the command rustc ran to link, as the note of a linking failure quotes it:
// LC_ALL="C" PATH="..." "cc" "-flavor" "gnu" "<2 object files omitted>" ... Linker commands
// are few (one per failed link), so the parser sees one token per word.
type LinkerCommand struct {
	EnvTokens []lexer.Token `parser:"@(Assign*)"`
	Program   string        `parser:"@(Word | Elision)"`
	Args      []*LinkerArg  `parser:"@@*"`

	Env      []string // the environment words, KEY=value with quotes resolved
	EnvLines []int    // the 1-based line of each Env word within the note's text
	Words    []string // the words after Program, in their order
}

// LinkerArg is one argument of the linker: -flavor and its value (rust-lld's way of being
// told which linker to be), one of the elisions rustc writes for what it left out (<2 object
// files omitted>, "<sysroot>/lib/...", {libcore-*,liballoc-*}.rlib), or a word.
type LinkerArg struct {
	Flavor  *string `parser:"  \"-flavor\" @(Word | Elision)"`
	Elision *string `parser:"| @Elision"`
	Word    *string `parser:"| @Word"`
}

var linkerParser = participle.MustBuild[LinkerCommand](
	participle.Lexer(commandTokens{}),
	participle.UseLookahead(2),
)

// isElision reports the words rustc writes in place of what it left out of a linker command.
func isElision(w string) bool {
	return strings.HasPrefix(w, "<") && strings.HasSuffix(w, ">") || strings.HasPrefix(w, "<sysroot>") ||
		strings.Contains(w, "{lib") && strings.Contains(w, "-*")
}

// ParseLinkerCommand parses the linker command of a linking failure's note.
func ParseLinkerCommand(text string) (*LinkerCommand, error) {
	lx, nEnv := lexCommand(text)
	defer lx.release()
	lx.tokens = lx.tokens[:0]
	for i, w := range lx.words {
		typ := tokWord
		switch {
		case i < nEnv:
			typ = tokAssign
		case i > nEnv && isElision(w.value):
			typ = tokElision
		}
		lx.tokens = append(lx.tokens, token(typ, w))
	}
	peek, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, err
	}
	cmd, err := linkerParser.ParseFromLexer(peek)
	if err != nil {
		return nil, positioned(text, err)
	}
	env := make(Tokens, len(cmd.EnvTokens))
	for i, t := range cmd.EnvTokens {
		env[i] = Token{Value: t.Value, Offset: t.Pos.Offset}
	}
	cmd.Env, cmd.EnvLines = values(env), lineNumbers(text, env)
	cmd.Words = lx.wordValues(nEnv + 1)
	return cmd, nil
}

// Flavor is the value of the last -flavor argument.
func (c *LinkerCommand) Flavor() string {
	flavor := ""
	for _, a := range c.Args {
		if a.Flavor != nil {
			flavor = *a.Flavor
		}
	}
	return flavor
}

// Elisions are rustc's elisions among the arguments, in order.
func (c *LinkerCommand) Elisions() []string {
	var out []string
	for _, a := range c.Args {
		if a.Elision != nil {
			out = append(out, *a.Elision)
		}
	}
	return out
}

// LinkerEBNF returns the grammar of a linker command in EBNF form.
func LinkerEBNF() string { return linkerParser.String() }
