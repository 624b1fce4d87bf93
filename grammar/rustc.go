package grammar

import (
	"iter"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// rustcOptions returns the kind of token a flag of rustc's command line makes (`rustc --help
// -v`), or 0 for a flag the lexer does not know. A known flag takes a value (as the next word
// when not written --flag=value or -Xvalue); flags of kind kindFlag are kept as written, and
// so is an unknown flag, which takes no value. A switch, not a map: the lexer asks for every
// word of every rustc command.
func rustcOptions(flag string) lexer.TokenType {
	switch flag {
	case "--crate-name":
		return kindCrateName
	case "--crate-type":
		return kindCrateType
	case "--edition":
		return kindEdition
	case "--target":
		return kindTarget
	case "--sysroot":
		return kindSysroot
	case "-C", "--codegen":
		return kindCodegen
	case "-Z":
		return kindUnstable
	case "--cfg":
		return kindCfg
	case "-L":
		return kindLibPath
	case "-l":
		return kindLink
	case "--extern":
		return kindExtern
	case "--emit":
		return kindEmit
	case "-o":
		return kindOutput
	case "--out-dir":
		return kindOutDir
	case "--check-cfg", "--error-format", "--json", "--cap-lints", "--print", "--explain",
		"-A", "-W", "-D", "-F", "--remap-path-prefix", "--env-set", "--diagnostic-width",
		"--allow", "--warn", "--deny", "--forbid":
		return kindFlag
	}
	return 0
}

// rustcGroup is a kind of rustc's options and the field of Rustc its options go to.
type rustcGroup struct {
	kind  lexer.TokenType
	field func(*RustcOptions) *Tokens
}

// rustcFamilies are the families of rustc's options, in the order of the grammar: the
// grammar's token of each, and its kinds.
var rustcFamilies = []struct {
	token  lexer.TokenType
	groups []rustcGroup
}{
	{tokCrate, []rustcGroup{
		{kindCrateName, func(r *RustcOptions) *Tokens { return &r.CrateNameTokens }},
		{kindCrateType, func(r *RustcOptions) *Tokens { return &r.CrateTypeTokens }},
		{kindEdition, func(r *RustcOptions) *Tokens { return &r.EditionTokens }},
		{kindInput, func(r *RustcOptions) *Tokens { return &r.InputTokens }},
		{kindTarget, func(r *RustcOptions) *Tokens { return &r.TargetTokens }},
		{kindSysroot, func(r *RustcOptions) *Tokens { return &r.SysrootTokens }},
		{kindEmit, func(r *RustcOptions) *Tokens { return &r.EmitTokens }},
		{kindOutput, func(r *RustcOptions) *Tokens { return &r.OutputTokens }},
		{kindOutDir, func(r *RustcOptions) *Tokens { return &r.OutDirTokens }},
	}},
	{tokCodegen, []rustcGroup{
		{kindCodegen, func(r *RustcOptions) *Tokens { return &r.CodegenTokens }},
		{kindUnstable, func(r *RustcOptions) *Tokens { return &r.UnstableTokens }},
	}},
	{tokCfg, []rustcGroup{
		{kindCfg, func(r *RustcOptions) *Tokens { return &r.CfgTokens }},
	}},
	{tokLibraries, []rustcGroup{
		{kindLibPath, func(r *RustcOptions) *Tokens { return &r.LibPathTokens }},
		{kindLink, func(r *RustcOptions) *Tokens { return &r.LinkTokens }},
		{kindExtern, func(r *RustcOptions) *Tokens { return &r.ExternTokens }},
	}},
	{tokFlag, []rustcGroup{
		{kindFlag, func(r *RustcOptions) *Tokens { return &r.OtherFlagsTokens }},
	}},
}

// rustcFamily is the groups of each family, by its token.
var rustcFamily = func() (groups [tokEnd][]rustcGroup) {
	for _, f := range rustcFamilies {
		groups[f.token] = f.groups
	}
	return groups
}()

// Rustc is a rustc command line: its options by kind, each kind in command-line order. Each
// token's value is the option's value (opt-level=3 for -C opt-level=3). The parser matches
// the options of a family by one token; ParseCommand then gives each kind's field its every
// option.
type Rustc struct {
	Wrapper string `parser:"Wrapper?"`
	Path    string `parser:"Rustc"`
	// Options is the grammar of rustc's options, one token for each family present. A
	// typical command is then seven tokens with the end's, which participle's token buffer
	// holds in four steps of growth instead of five.
	Options struct{} `parser:"Crate? Codegen? Cfg? Libraries? Flag?"`
	// Tokens are the tokens the parser matched: the program's and one for each family.
	Tokens []lexer.Token

	// The options, by kind: apart, so that the node participle builds (and copies) is small.
	*RustcOptions
}

// RustcOptions are a rustc command's options by kind, each kind in command-line order.
type RustcOptions struct {
	CrateNameTokens  Tokens
	CrateTypeTokens  Tokens
	EditionTokens    Tokens
	InputTokens      Tokens
	TargetTokens     Tokens
	SysrootTokens    Tokens
	EmitTokens       Tokens
	OutputTokens     Tokens
	OutDirTokens     Tokens
	CodegenTokens    Tokens
	UnstableTokens   Tokens
	CfgTokens        Tokens
	LibPathTokens    Tokens
	LinkTokens       Tokens
	ExternTokens     Tokens
	OtherFlagsTokens Tokens
}

// Token is one option of a group, or one environment word: its value, and the offset in
// the command of its first word.
type Token struct {
	Value  string
	Offset int
}

// Tokens are a group: the options of one kind, or the environment words, in command-line
// order. The parser matches a group by its one token; ParseCommand then gives the field the
// group's every token.
type Tokens []Token

// Values are the tokens' values, as written.
func (t Tokens) Values() []string { return values(t) }

// last is the value of the last of the tokens, as rustc takes the last of a repeated option.
func last(toks Tokens) string {
	if len(toks) == 0 {
		return ""
	}
	return toks[len(toks)-1].Value
}

func values(toks Tokens) []string {
	if len(toks) == 0 {
		return nil
	}
	return appendValues(make([]string, 0, len(toks)), toks)
}

func appendValues(dst []string, toks Tokens) []string {
	for _, t := range toks {
		dst = append(dst, t.Value)
	}
	return dst
}

// CrateName is the value of --crate-name.
func (r *Rustc) CrateName() string { return last(r.CrateNameTokens) }

// Edition is the value of --edition.
func (r *Rustc) Edition() string { return last(r.EditionTokens) }

// Target is the value of --target: a triple or the path of a target spec.
func (r *Rustc) Target() string { return last(r.TargetTokens) }

// Output is the value of -o.
func (r *Rustc) Output() string { return last(r.OutputTokens) }

// OutDir is the value of --out-dir.
func (r *Rustc) OutDir() string { return last(r.OutDirTokens) }

// Sysroot is the value of --sysroot.
func (r *Rustc) Sysroot() string { return last(r.SysrootTokens) }

// Inputs are the words that are no option: the source file, as a rule.
func (r *Rustc) Inputs() []string { return values(r.InputTokens) }

// OtherFlags are the options the grammar has no kind for, as written; a separate value
// follows its flag.
func (r *Rustc) OtherFlags() []string { return values(r.OtherFlagsTokens) }

// Option is a -C or -Z option: key=value, or a key alone.
type Option struct {
	Key   string
	Value string
}

// options reads each token as an Option, in order.
func options(toks Tokens) iter.Seq[Option] {
	return func(yield func(Option) bool) {
		for _, t := range toks {
			k, v, _ := strings.Cut(t.Value, "=")
			if !yield(Option{Key: k, Value: v}) {
				return
			}
		}
	}
}

// Codegen is the -C options.
func (r *Rustc) Codegen() iter.Seq[Option] { return options(r.CodegenTokens) }

// Unstable is the -Z options.
func (r *Rustc) Unstable() iter.Seq[Option] { return options(r.UnstableTokens) }

// Cfg is one --cfg: `name` or `name="value"`.
type Cfg struct {
	Name     string
	Value    string
	HasValue bool
}

// Cfgs are the --cfg options (see EachCfg).
func (r *Rustc) Cfgs() []Cfg {
	return slices.AppendSeq(make([]Cfg, 0, len(r.CfgTokens)), r.EachCfg())
}

// EachCfg yields the --cfg options. The shell lexer resolved the quotes around the option,
// so a value keeps its own double quotes, which are removed here.
func (r *Rustc) EachCfg() iter.Seq[Cfg] {
	return func(yield func(Cfg) bool) {
		for _, t := range r.CfgTokens {
			c := Cfg{Name: t.Value}
			if name, value, ok := strings.Cut(t.Value, "="); ok {
				c = Cfg{Name: name, Value: strings.Trim(value, `"`), HasValue: true}
			}
			if !yield(c) {
				return
			}
		}
	}
}

// LibPath is one -L: [kind=]path.
type LibPath struct {
	Kind string // dependency, crate, native, framework or all; empty when not given
	Path string
	Spec string // the value as written
}

var libPathKinds = map[string]bool{"dependency": true, "crate": true, "native": true, "framework": true, "all": true}

// LibPaths are the -L options.
func (r *Rustc) LibPaths() []LibPath {
	out := make([]LibPath, 0, len(r.LibPathTokens))
	for _, t := range r.LibPathTokens {
		if k, p, ok := strings.Cut(t.Value, "="); ok && libPathKinds[k] {
			out = append(out, LibPath{Kind: k, Path: p, Spec: t.Value})
			continue
		}
		out = append(out, LibPath{Path: t.Value, Spec: t.Value})
	}
	return out
}

// LinkLib is one -l: [KIND[:MODIFIERS]=]NAME[:RENAME], a native library to link.
type LinkLib struct {
	Kind string // static, dylib, framework or raw-dylib, with its modifiers (static:+whole-archive); empty when not given
	Name string
	Spec string // the value as written
}

// LinkLibs are the -l options.
func (r *Rustc) LinkLibs() []LinkLib {
	out := make([]LinkLib, 0, len(r.LinkTokens))
	for _, t := range r.LinkTokens {
		kind, name, ok := strings.Cut(t.Value, "=")
		if !ok {
			kind, name = "", t.Value
		}
		out = append(out, LinkLib{Kind: kind, Name: name, Spec: t.Value})
	}
	return out
}

// Extern is one --extern: name[=path]. The name may carry modifiers (noprelude:alloc).
type Extern struct {
	Name string
	Path string
	Spec string // the value as written
}

// Externs are the --extern options.
func (r *Rustc) Externs() []Extern {
	out := make([]Extern, 0, len(r.ExternTokens))
	for _, t := range r.ExternTokens {
		name, p, _ := strings.Cut(t.Value, "=")
		out = append(out, Extern{Name: name, Path: p, Spec: t.Value})
	}
	return out
}

// CrateTypes are the values of every --crate-type, each a comma-separated list.
func (r *Rustc) CrateTypes() []string {
	var out []string
	for _, t := range r.CrateTypeTokens {
		out = append(out, strings.Split(t.Value, ",")...)
	}
	return out
}

// Emit lists what --emit asks for.
func (r *Rustc) Emit() []string {
	var out []string
	for _, t := range r.EmitTokens {
		out = append(out, strings.Split(t.Value, ",")...)
	}
	return out
}

// Source is the first input that is a Rust source file.
func (r *Rustc) Source() string {
	for _, t := range r.InputTokens {
		if strings.HasSuffix(t.Value, ".rs") {
			return t.Value
		}
	}
	return ""
}
