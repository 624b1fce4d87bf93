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
	"sync"

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

var commandParser = sync.OnceValue(func() *participle.Parser[Command] {
	return participle.MustBuild[Command](participle.Lexer(commandTokens{}), participle.UseLookahead(1))
})

// ParseCommand parses a command line. Words may be separated by spaces or newlines, so a
// command broken over several lines by hand parses like cargo's one-line form.
func ParseCommand(text string) (*Command, error) {
	lx := lexerPool.Get().(*commandLexer)
	defer lx.release()
	return lx.parseCommand(text, true)
}

// CommandParser parses command lines one after another like ParseCommand, reusing its
// buffers: the tree of a command shares them and is valid until the next Parse. It is for
// one goroutine; the zero value is ready.
type CommandParser struct {
	lx *commandLexer
}

// Parse parses a command line; the tree, but for its Args, is valid until the next Parse.
func (p *CommandParser) Parse(text string) (*Command, error) {
	if p.lx == nil {
		p.lx = &commandLexer{}
	}
	defer p.lx.reset()
	return p.lx.parseCommand(text, false)
}

// parseCommand parses a command; own says whether the tree gets buffers of its own or
// shares the lexer's.
func (l *commandLexer) parseCommand(text string, own bool) (*Command, error) {
	nEnv := l.lex(text)
	peek, err := lexer.Upgrade(l)
	if err != nil {
		return nil, err
	}
	cmd, err := commandParser().ParseFromLexer(peek)
	if err != nil {
		return nil, positioned(text, err)
	}
	l.bind(cmd, own)
	if own {
		cmd.Env = values(cmd.EnvTokens)
		cmd.EnvLines = lineNumbers(make([]int, 0, len(cmd.EnvTokens)), text, cmd.EnvTokens)
	} else if len(cmd.EnvTokens) > 0 {
		l.env = appendValues(l.env[:0], cmd.EnvTokens)
		l.envLines = lineNumbers(l.envLines[:0], text, cmd.EnvTokens)
		cmd.Env, cmd.EnvLines = l.env[:len(l.env):len(l.env)], l.envLines[:len(l.envLines):len(l.envLines)]
	}
	cmd.Program = l.words[nEnv].value
	if len(l.words) > nEnv+1 {
		cmd.Args = l.wordValues(nEnv + 1)
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
// and the lexer's group of each kind of token the parser matched, copied when the tree is
// to own them.
func (l *commandLexer) bind(cmd *Command, own bool) {
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
	var all Tokens // the copies: one allocation holds them all
	if own {
		n := len(l.groups[tokEnv])
		for _, t := range node {
			for _, g := range rustcFamily[t.Type] {
				n += len(l.groups[g.kind])
			}
		}
		all = make(Tokens, 0, n)
	}
	keep := func(kind lexer.TokenType) Tokens {
		g := l.groups[kind]
		if !own {
			return g[:len(g):len(g)]
		}
		start := len(all)
		all = append(all, g...)
		return all[start:len(all):len(all)]
	}
	if len(l.groups[tokEnv]) > 0 { // the lexer handed the parser the environment's token
		cmd.EnvTokens = keep(tokEnv)
	}
	if r := cmd.Rustc; r != nil {
		r.RustcOptions = &RustcOptions{}
		for _, t := range node {
			switch t.Type {
			case tokWrapper:
				r.Wrapper = t.Value
			case tokRustc:
				r.Path = t.Value
			default:
				for _, g := range rustcFamily[t.Type] {
					if len(l.groups[g.kind]) > 0 {
						*g.field(r.RustcOptions) = keep(g.kind)
					}
				}
			}
		}
	}
}

// lineNumbers appends to dst the 1-based line of each token in text. Only commands broken
// over lines by hand need the count; one-line commands get 1 for every token.
func lineNumbers(dst []int, text string, toks Tokens) []int {
	multiline := strings.Contains(text, "\n")
	for _, t := range toks {
		line := 1
		if multiline {
			line += strings.Count(text[:t.Offset], "\n")
		}
		dst = append(dst, line)
	}
	return dst
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
func EBNF() string { return commandParser().String() }

// SplitAssignment splits KEY=value.
func SplitAssignment(word string) (key, value string) {
	key, value, _ = strings.Cut(word, "=")
	return key, value
}

// Assignments is a line of environment words alone, as an environment dump prints them.
type Assignments struct {
	EnvTokens Tokens `parser:"Env"`
}

var assignmentsParser = sync.OnceValue(func() *participle.Parser[Assignments] {
	return participle.MustBuild[Assignments](participle.Lexer(commandTokens{}))
})

// ParseAssignments parses a line that holds only KEY=value words.
func ParseAssignments(text string) ([]string, error) {
	lx, _ := lexCommand(text)
	defer lx.release()
	peek, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, err
	}
	if _, err := assignmentsParser().ParseFromLexer(peek); err != nil {
		return nil, positioned(text, err)
	}
	return values(lx.groups[tokEnv]), nil
}
