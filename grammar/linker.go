package grammar

import (
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// LinkerCommand is the command rustc ran to link, as the note of a linking failure quotes it:
// LC_ALL="C" PATH="..." "cc" "-flavor" "gnu" "<2 object files omitted>" ... The parser is
// handed one token for the environment words and one for each run of plain words: what the
// grammar tells apart are -flavor and its value and rustc's elisions.
type LinkerCommand struct {
	EnvTokens Tokens       `parser:"Assign?"`
	Program   string       `parser:"@(Word | Elision)"`
	Args      []*LinkerArg `parser:"@@*"`

	Env      []string // the environment words, KEY=value with quotes resolved
	EnvLines []int    // the 1-based line of each Env word within the note's text
	Words    []string // the words after Program, in their order
}

// LinkerArg is one argument of the linker: -flavor and its value (rust-lld's way of being
// told which linker to be), one of the elisions rustc writes for what it left out (<2 object
// files omitted>, "<sysroot>/lib/...", {libcore-*,liballoc-*}.rlib), or other words: a run
// of them, or a word alone (a -flavor without a value).
type LinkerArg struct {
	Flavor  *string  `parser:"  \"-flavor\" @(Word | Elision)"`
	Elision *string  `parser:"| @Elision"`
	Words   []string `parser:"| @(Word | Words)"`
}

// linkerParser is built on first use: most logs link nothing.
var linkerParser = sync.OnceValue(func() *participle.Parser[LinkerCommand] {
	return participle.MustBuild[LinkerCommand](participle.Lexer(commandTokens{}), participle.UseLookahead(2))
})

// isElision reports the words rustc writes in place of what it left out of a linker command.
func isElision(w string) bool {
	return strings.HasPrefix(w, "<") && strings.HasSuffix(w, ">") || strings.HasPrefix(w, "<sysroot>") ||
		strings.Contains(w, "{lib") && strings.Contains(w, "-*")
}

// Prepare builds the command-line and linker-note parsers, which are built on first use.
func Prepare() {
	commandParser()
	linkerParser()
}

// ParseLinkerCommand parses the linker command of a linking failure's note.
func ParseLinkerCommand(text string) (*LinkerCommand, error) {
	lx, nEnv := lexCommand(text)
	defer lx.release()
	lx.tokens = lx.tokens[:0]
	if nEnv > 0 {
		lx.group(tokEnv)
		lx.tokens[0].Type = tokAssign
	}
	if nEnv < len(lx.words) {
		lx.tokens = append(lx.tokens, token(tokWord, lx.words[nEnv]))
		lx.linkerArgs(lx.words[nEnv+1:])
	}
	peek, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, err
	}
	cmd, err := linkerParser().ParseFromLexer(peek)
	if err != nil {
		return nil, positioned(text, err)
	}
	cmd.EnvTokens = lx.keep(tokEnv)
	cmd.Env, cmd.EnvLines = values(cmd.EnvTokens), lineNumbers(make([]int, 0, len(cmd.EnvTokens)), text, cmd.EnvTokens)
	cmd.Words = lx.wordValues(nEnv + 1)
	first := 1 // the arguments' first token follows the program's
	if nEnv > 0 {
		first = 2 // and the environment's
	}
	lx.bindLinker(cmd, first)
	return cmd, nil
}

// linkerArgs hands the parser a linker's arguments: -flavor, the word after it and each
// elision as a token of its own, every run of other words as one Words token (its first
// word); l.runs holds the length of each run.
func (l *commandLexer) linkerArgs(args []word) {
	inRun := false
	for i, w := range args {
		alone := w.value == "-flavor" || i > 0 && args[i-1].value == "-flavor"
		switch {
		case isElision(w.value):
			l.tokens = append(l.tokens, token(tokElision, w))
		case alone:
			l.tokens = append(l.tokens, token(tokWord, w))
		case inRun:
			l.runs[len(l.runs)-1]++
		default:
			l.tokens = append(l.tokens, token(tokWords, w))
			l.runs = append(l.runs, 1)
		}
		inRun = !alone && !isElision(w.value)
	}
}

// bindLinker gives each argument of other words all its words: the parser matched a run by
// its one token. first is the index of the arguments' first token.
func (l *commandLexer) bindLinker(cmd *LinkerCommand, first int) {
	tok, w, run := first, 0, 0
	for _, a := range cmd.Args {
		switch {
		case a.Flavor != nil:
			tok, w = tok+2, w+2
		case a.Elision != nil:
			tok, w = tok+1, w+1
		default:
			n := 1
			if l.tokens[tok].Type == tokWords {
				n, run = l.runs[run], run+1
			}
			a.Words = cmd.Words[w : w+n : w+n]
			tok, w = tok+1, w+n
		}
	}
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
func LinkerEBNF() string { return linkerParser().String() }
