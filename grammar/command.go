// Package grammar holds the participle grammar of a shell command line as cargo and rustc print
// it: `Running` invocations, `process didn't exit successfully` commands and linker notes.
package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Command is one command line: environment assignments, the program and its arguments, with
// every word's quotes resolved.
type Command struct {
	Pos lexer.Position
	Env []string `parser:"@Assign*"`
	// EnvLines holds the 1-based line of each Env word within the command text.
	EnvLines []int
	Program  string  `parser:"@(Word | Assign)"`
	Args     argList `parser:"@Args?"`
}

// argList captures the Args token, split back into words.
type argList []string

func (a *argList) Capture(values []string) error {
	for _, v := range values {
		*a = append(*a, strings.Split(v, ArgSeparator)...)
	}
	return nil
}

var commandParser = participle.MustBuild[Command](
	participle.Lexer(wordLexer),
	participle.UseLookahead(1),
)

// ParseCommand parses a command line. Words may be separated by spaces or newlines, so a
// command broken over several lines by hand parses like cargo's one-line form.
func ParseCommand(text string) (*Command, error) {
	cmd, err := commandParser.ParseString("", text)
	if err != nil {
		return nil, err
	}
	cmd.EnvLines = envLines(text, len(cmd.Env))
	return cmd, nil
}

// envLines finds the line of each of the first n words, which are the environment words. Only
// commands broken over lines by hand need it; one-line commands get 1 for every word.
func envLines(text string, n int) []int {
	lines := make([]int, n)
	if !strings.Contains(text, "\n") {
		for i := range lines {
			lines[i] = 1
		}
		return lines
	}
	lx, _ := wordLexer.(shellWords).LexString("", text)
	for i := 0; i < n; i++ {
		tok, err := lx.Next()
		if err != nil || tok.EOF() {
			break
		}
		lines[i] = tok.Pos.Line
	}
	return lines
}

// EBNF returns the grammar in EBNF form.
func EBNF() string { return commandParser.String() }

// SplitAssignment splits KEY=value.
func SplitAssignment(word string) (key, value string) {
	key, value, _ = strings.Cut(word, "=")
	return key, value
}

// Assignments is a line of environment assignments, as an environment dump prints them.
type Assignments struct {
	Words []string `parser:"@Assign+"`
}

var assignmentsParser = participle.MustBuild[Assignments](participle.Lexer(wordLexer))

// ParseAssignments parses a line that holds only KEY=value words.
func ParseAssignments(text string) ([]string, error) {
	a, err := assignmentsParser.ParseString("", text)
	if err != nil {
		return nil, err
	}
	return a.Words, nil
}
