package grammar

import (
	"io"
	"path"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the command lexer. The lexer resolves quotes and reads each rustc option
// with its value (-Ck=v, -C k=v, --codegen k=v, --codegen=k=v) as an option of a kind
// (rustcOptions), whose value is the option's value.
//
// participle allocates for every token it matches (three or four times) and every optional
// node it tries (a copy of its state), and a rustc command of cargo -vv has some sixty
// options. So the parser is handed one token for each group of like words: the environment
// words, a program's arguments, and rustc's options of one family (rustcFamilies: those of
// the crate, of code generation, of its libraries...), in the order of the grammar. The lexer
// keeps the options of each kind in command-line order, and ParseCommand hands them to the
// node that matched their family. Command.Args keeps the words in their own order.
const (
	tokEnv         lexer.TokenType = iota + 1 // KEY=value before the program
	tokWrapper                                // the RUSTC_WRAPPER (sccache) cargo ran rustc through
	tokRustc                                  // rustc's path
	tokBuildScript                            // a build script's path (…/build-script-build)
	tokProgram                                // any other program
	tokWord                                   // a linker's argument alone (-flavor and its value)
	tokWords                                  // a run of arguments of a program other than rustc
	// the families of rustc's options, in the grammar's order
	tokCrate     // what is built, for which target, into what: --crate-name, --crate-type, --edition, the input, --target, --sysroot, --emit, -o, --out-dir
	tokCodegen   // -C, -Z
	tokCfg       // --cfg
	tokLibraries // -L, -l, --extern
	tokFlag      // the other options
	tokAssign
	tokElision
	// rustc's kinds of options: not the parser's tokens, the lexer's groups
	kindCrateName
	kindCrateType
	kindEdition
	kindInput // a word that is no option: the source file
	kindTarget
	kindSysroot
	kindCodegen
	kindUnstable
	kindCfg
	kindLibPath
	kindLink // -l: a native library to link
	kindExtern
	kindEmit
	kindOutput
	kindOutDir
	kindFlag // another option, as written; a separate value is the next word
	tokEnd   // one past the last token type and kind
)

// tokenNames are the tokens' names in the grammar. A function, not a variable: the parsers,
// package variables too, ask for it while the package initialises.
func tokenNames() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Env": tokEnv, "Wrapper": tokWrapper, "Rustc": tokRustc,
		"BuildScript": tokBuildScript, "Program": tokProgram, "Word": tokWord, "Words": tokWords,
		"Crate": tokCrate, "Codegen": tokCodegen, "Cfg": tokCfg, "Libraries": tokLibraries, "Flag": tokFlag,
		"Assign": tokAssign, "Elision": tokElision,
	}
}

// commandLexer is the lexer of one command line: the tokens are made when it is created, and
// handed out one by one.
type commandLexer struct {
	tokens []lexer.Token // what the parser sees
	next   int
	end    int    // the length of the command: the offset of EOF
	words  []word // every word of the command, in order
	runs   []int  // the number of words of each Words token of a linker command
	groups [tokEnd]Tokens
	// a CommandParser's tree's Env and EnvLines
	env      []string
	envLines []int
	reader   wordReader
}

var lexerPool = sync.Pool{New: func() any { return &commandLexer{} }}

func (l *commandLexer) Next() (lexer.Token, error) {
	if l.next >= len(l.tokens) {
		return lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Offset: l.end}}, nil
	}
	l.next++
	return l.tokens[l.next-1], nil
}

// release hands the lexer's buffers back for the next command. The parser copies the tokens
// and bind copies the groups, so nothing a parse returns points into them.
func (l *commandLexer) release() {
	l.reset()
	lexerPool.Put(l)
}

// reset empties the lexer for the next command. The buffers keep the strings of the last
// command only when it was short: a long one is not held on to.
func (l *commandLexer) reset() {
	if l.end > 1<<16 {
		clear(l.tokens)
		clear(l.words)
		clear(l.env)
		for k := range l.groups {
			clear(l.groups[k])
		}
	}
	for k := range l.groups {
		l.groups[k] = l.groups[k][:0]
	}
	l.tokens, l.words, l.runs, l.next = l.tokens[:0], l.words[:0], l.runs[:0], 0
	l.reader = wordReader{buf: l.reader.buf[:0]}
}

func token(typ lexer.TokenType, w word) lexer.Token {
	return lexer.Token{Type: typ, Value: w.value, Pos: lexer.Position{Offset: w.offset}}
}

// group hands the parser one token for a group of tokens of one kind: the last token's
// value at the first token's offset.
func (l *commandLexer) group(kind lexer.TokenType) {
	g := l.groups[kind]
	if len(g) > 0 {
		l.tokens = append(l.tokens, lexer.Token{Type: kind, Value: g[len(g)-1].Value, Pos: lexer.Position{Offset: g[0].Offset}})
	}
}

// keep returns a copy of the group of one kind, for the parse tree: never nil.
func (l *commandLexer) keep(kind lexer.TokenType) Tokens {
	return append(make(Tokens, 0, len(l.groups[kind])), l.groups[kind]...)
}

// lexCommand lexes a command line with a lexer of the pool (see lex).
func lexCommand(text string) (l *commandLexer, nEnv int) {
	l = lexerPool.Get().(*commandLexer)
	return l, l.lex(text)
}

// lex lexes a command line: environment words, the program and its arguments, typed as
// rustc's options when the program is rustc. nEnv is the number of environment words among
// l.words; the program is the word after them.
func (l *commandLexer) lex(text string) (nEnv int) {
	l.end = len(text)
	buf := l.reader.buf
	l.reader = newWordReader(text)
	l.reader.buf = buf[:0]
	for {
		w, ok := l.reader.nextEnv()
		if !ok {
			break
		}
		l.words = append(l.words, w)
		if !w.assign {
			break
		}
		nEnv++
	}
	if len(l.words) > nEnv {
		for {
			l.words = append(l.words, word{})
			if !l.reader.next(&l.words[len(l.words)-1]) {
				l.words = l.words[:len(l.words)-1]
				break
			}
		}
	}
	l.reader.resolveQuoted(l.words)
	for _, w := range l.words[:nEnv] {
		l.groups[tokEnv] = append(l.groups[tokEnv], Token{Value: w.value, Offset: w.offset})
	}
	l.group(tokEnv)
	if len(l.words) == nEnv {
		return nEnv // no program: the parser reports it
	}
	program, args := l.words[nEnv], l.words[nEnv+1:]
	switch {
	case isBuildScript(program.value):
		l.tokens = append(l.tokens, token(tokBuildScript, program))
		l.plain(args)
	case isRustc(program.value):
		l.tokens = append(l.tokens, token(tokRustc, program))
		l.rustc(args)
	case len(args) > 0 && isRustc(args[0].value) && !isBuildScript(args[0].value):
		l.tokens = append(l.tokens, token(tokWrapper, program), token(tokRustc, args[0]))
		l.rustc(args[1:])
	default:
		l.tokens = append(l.tokens, token(tokProgram, program))
		l.plain(args)
	}
	return nEnv
}

// plain makes one token of the arguments of a program other than rustc.
func (l *commandLexer) plain(args []word) {
	if len(args) > 0 {
		l.tokens = append(l.tokens, token(tokWords, args[0]))
	}
}

// rustc reads rustc's arguments into options by every spelling rustc accepts (--flag=value,
// -Xvalue, -X value), keeps them grouped by kind and hands the parser a token for each
// family of kinds present.
func (l *commandLexer) rustc(args []word) {
	for i := 0; i < len(args); i++ {
		w := &args[i]
		flag, value, hasValue := w.value, "", false
		if strings.HasPrefix(flag, "--") {
			if k, v, ok := strings.Cut(flag, "="); ok {
				flag, value, hasValue = k, v, true
			}
		} else if len(flag) > 2 && flag[0] == '-' && rustcOptions(flag[:2]) != 0 {
			flag, value, hasValue = flag[:2], flag[2:], true // -Clinker=x, -Lfoo
		}
		var kind lexer.TokenType // 0: a word rustc's options do not know
		if flag != "" && flag[0] == '-' {
			kind = rustcOptions(flag)
		}
		if !hasValue && kind != 0 && i+1 < len(args) {
			i++
			value, hasValue = args[i].value, true
			if kind == kindFlag {
				l.groups[kindFlag] = append(l.groups[kindFlag], Token{Value: w.value, Offset: w.offset})
				w = &args[i]
			}
		}
		switch {
		case !strings.HasPrefix(flag, "-"):
			l.groups[kindInput] = append(l.groups[kindInput], Token{Value: w.value, Offset: w.offset})
		case kind == 0 || kind == kindFlag:
			l.groups[kindFlag] = append(l.groups[kindFlag], Token{Value: w.value, Offset: w.offset})
		default:
			l.groups[kind] = append(l.groups[kind], Token{Value: value, Offset: w.offset})
		}
	}
	for _, f := range rustcFamilies {
		for _, g := range f.groups {
			if len(l.groups[g.kind]) > 0 {
				l.tokens = append(l.tokens, lexer.Token{Type: f.token, Pos: lexer.Position{Offset: l.groups[g.kind][0].Offset}})
				break
			}
		}
	}
}

func baseName(p string) string { return path.Base(strings.ReplaceAll(p, `\`, "/")) }

func isRustc(program string) bool {
	base := baseName(program)
	return base == "rustc" || base == "rustc.exe" || strings.HasSuffix(base, "-rustc") || base == "clippy-driver" || base == "clippy-driver.exe"
}

func isBuildScript(program string) bool { return strings.HasPrefix(baseName(program), "build-script-") }

// commandTokens is the lexer definition participle builds the grammar with; ParseCommand
// hands the parser its lexer directly.
type commandTokens struct{}

func (commandTokens) Symbols() map[string]lexer.TokenType { return tokenNames() }

func (d commandTokens) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	l, _ := lexCommand(string(b))
	return l, nil
}
