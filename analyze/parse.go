package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/grammar"
)

// resolve parses a pending command into its records with the worker's parser. A command the
// grammar cannot read becomes a *ParseError; a line only taken for an environment dump that is
// none becomes nothing. No record keeps a part of the parser's tree but its strings and Args.
func (p *pending) resolve(parser *grammar.CommandParser) []Record {
	switch p.kind {
	case cmdInvocation, cmdFailedInvocation:
		cmd, err := parser.Parse(p.text)
		if err != nil {
			return p.failed(err)
		}
		inv := NewInvocation(cmd, p.span, p.drv)
		inv.Failed = p.kind == cmdFailedInvocation
		inv.Incomplete = p.incomplete
		return []Record{inv}
	case cmdLinker:
		cmd, err := grammar.ParseLinkerCommand(p.text)
		if err != nil {
			return p.failed(err)
		}
		return []Record{newLinkerCommand(cmd, p.span, p.drv)}
	case cmdCargo:
		cmd, err := parser.Parse(p.text)
		if err != nil {
			return p.failed(err)
		}
		if c := newCargoCommand(cmd, p.span, p.drv); c != nil {
			return []Record{c}
		}
	case cmdEnv:
		words, err := grammar.ParseAssignments(p.text)
		if err == nil && allEnvKeys(words) {
			return envRecords(words, p.span)
		}
		if cmd, err := parser.Parse(p.text); err == nil {
			if c := newCargoCommand(cmd, p.span, p.drv); c != nil {
				return []Record{c}
			}
		}
		if key, value, ok := rawFlagsAssignment(p.text); ok {
			e := newEnvVar(key, value, p.span.Start)
			e.Truncated = p.span.Truncated
			return []Record{&e}
		}
		if err == nil {
			return envRecords(words, p.span)
		}
	}
	return nil
}

// maxParseErrorText bounds the command text a parse error quotes.
const maxParseErrorText = 4096

func (p *pending) failed(err error) []Record {
	text := p.text
	if len(text) > maxParseErrorText {
		text = text[:maxParseErrorText]
	}
	return []Record{&ParseError{Span: p.span, Drv: p.drv, What: p.kind.String(), Err: err.Error(), Text: text}}
}

func envRecords(words []string, span Span) []Record {
	out := make([]Record, 0, len(words))
	for _, w := range words {
		e := envVar(w, span.Start)
		e.Truncated = span.Truncated
		out = append(out, &e)
	}
	return out
}

func allEnvKeys(words []string) bool {
	for _, w := range words {
		if k, _ := grammar.SplitAssignment(w); !looksLikeEnvKey(k) {
			return false
		}
	}
	return true
}

// rawFlagsAssignment reads a line of an environment dump that prints values raw (`env`,
// printenv): KEY=-C link-arg=-Tlink.x -C force-frame-pointers is one variable whose value is a
// list of flags. Only a value that starts with a flag reads so; KEY=x prog stays a command.
func rawFlagsAssignment(text string) (key, value string, ok bool) {
	key, value, ok = strings.Cut(strings.TrimSpace(text), "=")
	if !ok || !strings.HasPrefix(value, "-") || strings.ContainsAny(value, `'"\`) {
		return "", "", false
	}
	return key, value, true
}

// cargoGlobalValueFlags are the options before cargo's subcommand that take a separate value.
var cargoGlobalValueFlags = map[string]bool{"-Z": true, "--config": true, "-C": true, "--color": true}

// newCargoCommand reads `[env K=V ...] [K=V ...] cargo <sub> args`; nil if it is not cargo.
func newCargoCommand(cmd *grammar.Command, span Span, drv string) *CargoCommand {
	env := cmd.Env
	words := append([]string{cmd.Program}, cmd.Args...)
	if words[0] == "env" || strings.HasSuffix(words[0], "/env") {
		words = words[1:]
	envArgs:
		for len(words) > 0 {
			switch w := words[0]; {
			case w == "-u" || w == "--unset" || w == "-C" || w == "--chdir":
				words = words[min(2, len(words)):] // env's options with a value
			case strings.HasPrefix(w, "-"):
				words = words[1:] // -i, --unset=NAME, ...
			case strings.Contains(w, "="):
				env = append(env, w)
				words = words[1:]
			default:
				break envArgs
			}
		}
	}
	if len(words) == 0 || !(words[0] == "cargo" || strings.HasSuffix(words[0], "/cargo")) {
		return nil
	}
	c := &CargoCommand{Span: span, Drv: drv, Args: words[1:]}
	for _, w := range env {
		c.Env = append(c.Env, envVar(w, span.Start))
	}
	args := c.Args
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case c.Subcommand == "" && cargoGlobalValueFlags[a] && i+1 < len(args):
			i++ // -Z unstable-options, --config k=v, -C dir: the value is no subcommand
		case c.Subcommand == "" && !strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "+"):
			c.Subcommand = cargoAliases[a]
			if c.Subcommand == "" {
				c.Subcommand = a
			}
		case a == "--target" && i+1 < len(args):
			i++
			c.Target = targetName(args[i])
		case strings.HasPrefix(a, "--target="):
			c.Target = targetName(a[len("--target="):])
		case a == "--release" || a == "-r":
			c.Profile = "release"
		case a == "--profile" && i+1 < len(args):
			i++
			c.Profile = args[i]
		case strings.HasPrefix(a, "--profile="):
			c.Profile = a[len("--profile="):]
		}
	}
	if c.Profile == "" && c.Subcommand != "" {
		c.Profile = "dev"
	}
	return c
}

// cargoAliases are cargo's built-in subcommand aliases.
var cargoAliases = map[string]string{"b": "build", "c": "check", "d": "doc", "r": "run", "t": "test", "rm": "remove"}
