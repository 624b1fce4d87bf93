// Package grammar holds the participle grammars of what cxlog reads in a build log: a shell
// command line as cargo prints it (`Running` invocations, `process didn't exit successfully`
// commands) with rustc's options, the linker command of a linking failure's note, and the
// attribute sets Nix's `trace:` prints. The EBNF of each is pinned in testdata/*.ebnf.
//
// The scanner (package analyze) decides which lines are commands; only those reach the
// grammars. To teach the command grammar a new kind of rustc option: give it a kind (lexer.go),
// its spellings (rustcOptions), a field of Rustc and a row in its family of rustcFamilies
// (rustc.go), an accessor if its value has structure. A new family is a token (lexer.go, with
// its name in tokenNames) in Rustc's Options tag; run `go test ./grammar -update` and review
// the EBNF.
package grammar

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Command is one command line: environment words, then rustc, a build script or another
// program. The grammar is in the parser tags. Its nodes capture nothing but which of the
// three programs the command runs: participle hands each node the tokens it matched
// (Tokens), and ParseCommand fills the fields from them and from the lexer's words.
type Command struct {
	EnvTokens   Tokens       `parser:"Env?"`
	Rustc       *Rustc       `parser:"( @@"`
	BuildScript *BuildScript `parser:"| @@"`
	Other       *Program     `parser:"| @@ )"`
	Tokens      []lexer.Token

	Env []string // the environment words, KEY=value with quotes resolved
	// EnvLines holds the 1-based line of each Env word within the command text.
	EnvLines []int
	Program  string   // the first word after the environment (a RUSTC_WRAPPER when there is one)
	Args     []string // the words after Program, in their order
}

// BuildScript is a run of a package's build script and its arguments, which the parser
// matches by one token.
type BuildScript struct {
	Path   string `parser:"BuildScript Words?"`
	Tokens []lexer.Token
}

// Program is a program other than rustc or a build script, and its arguments.
type Program struct {
	Path   string `parser:"Program Words?"`
	Tokens []lexer.Token
}

var commandParser = participle.MustBuild[Command](
	participle.Lexer(commandTokens{}),
	participle.UseLookahead(1),
)

// ParseCommand parses a command line. Words may be separated by spaces or newlines, so a
// command broken over several lines by hand parses like cargo's one-line form.
func ParseCommand(text string) (*Command, error) {
	lx, nEnv := lexCommand(text)
	defer lx.release()
	peek, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, err
	}
	cmd, err := commandParser.ParseFromLexer(peek)
	if err != nil {
		return nil, positioned(text, err)
	}
	lx.bind(cmd)
	cmd.Env = values(cmd.EnvTokens)
	cmd.EnvLines = lineNumbers(text, cmd.EnvTokens)
	cmd.Program = lx.words[nEnv].value
	if len(lx.words) > nEnv+1 {
		cmd.Args = lx.wordValues(nEnv + 1)
	}
	return cmd, nil
}

// wordValues are the values of the lexer's words from the i-th on.
func (l *commandLexer) wordValues(i int) []string {
	out := make([]string, len(l.words)-i)
	for j, w := range l.words[i:] {
		out[j] = w.value
	}
	return out
}

// bind fills the parse tree's fields from the tokens its nodes matched: a program's path,
// and the lexer's group of each kind of token the parser matched.
func (l *commandLexer) bind(cmd *Command) {
	var node []lexer.Token
	switch {
	case cmd.Rustc != nil:
		node = cmd.Rustc.Tokens
	case cmd.BuildScript != nil:
		node = cmd.BuildScript.Tokens
		cmd.BuildScript.Path = node[0].Value
	case cmd.Other != nil:
		node = cmd.Other.Tokens
		cmd.Other.Path = node[0].Value
	}
	n := 0 // the tokens of the groups to keep: one allocation holds them all
	if len(cmd.Tokens) > len(node) {
		n += len(l.groups[tokEnv]) // the command's tokens before its program's are the environment's
	}
	for _, t := range node {
		for _, g := range rustcFamily[t.Type] {
			n += len(l.groups[g.kind])
		}
	}
	all := make(Tokens, 0, n)
	keep := func(kind lexer.TokenType) Tokens {
		start := len(all)
		all = append(all, l.groups[kind]...)
		return all[start:len(all):len(all)]
	}
	if len(cmd.Tokens) > len(node) {
		cmd.EnvTokens = keep(tokEnv)
	}
	if r := cmd.Rustc; r != nil {
		for _, t := range node {
			switch t.Type {
			case tokWrapper:
				r.Wrapper = t.Value
			case tokRustc:
				r.Path = t.Value
			default:
				for _, g := range rustcFamily[t.Type] {
					if len(l.groups[g.kind]) > 0 {
						*g.field(r) = keep(g.kind)
					}
				}
			}
		}
	}
}

// lineNumbers finds the 1-based line of each token in text. Only commands broken over lines
// by hand need the count; one-line commands get 1 for every token.
func lineNumbers(text string, toks Tokens) []int {
	lines := make([]int, len(toks))
	multiline := strings.Contains(text, "\n")
	for i, t := range toks {
		lines[i] = 1
		if multiline {
			lines[i] += strings.Count(text[:t.Offset], "\n")
		}
	}
	return lines
}

// positioned adds the line and column of a parse error's token: the lexer records only
// offsets, so that positions cost nothing on the commands that parse.
func positioned(text string, err error) error {
	perr, ok := err.(participle.Error)
	if !ok {
		return err
	}
	off := min(max(perr.Position().Offset, 0), len(text))
	line := 1 + strings.Count(text[:off], "\n")
	col := off - strings.LastIndexByte(text[:off], '\n')
	return fmt.Errorf("%d:%d: %s", line, col, perr.Message())
}

// EBNF returns the grammar of a command line in EBNF form.
func EBNF() string { return commandParser.String() }

// SplitAssignment splits KEY=value.
func SplitAssignment(word string) (key, value string) {
	key, value, _ = strings.Cut(word, "=")
	return key, value
}

// Assignments is a line of environment words alone, as an environment dump prints them.
type Assignments struct {
	EnvTokens Tokens `parser:"Env"`
}

var assignmentsParser = participle.MustBuild[Assignments](participle.Lexer(commandTokens{}))

// ParseAssignments parses a line that holds only KEY=value words.
func ParseAssignments(text string) ([]string, error) {
	lx, _ := lexCommand(text)
	defer lx.release()
	peek, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, err
	}
	if _, err := assignmentsParser.ParseFromLexer(peek); err != nil {
		return nil, positioned(text, err)
	}
	return values(lx.groups[tokEnv]), nil
}
