package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/grammar"
)

// RustcWrapperNotFound: cargo of the failing build runs rustc through a wrapper program
// (RUSTC_WRAPPER, CARGO_BUILD_RUSTC_WRAPPER or build.rustc-wrapper: sccache, cachepot) that is
// not installed, so not even its first rustc probe starts: "could not execute process `sccache
// rustc - --crate-name ___ --print=file-names ...` (never executed)".
const RustcWrapperNotFound ID = "rustc-wrapper-not-found"

func init() {
	register(Rule{
		ID: RustcWrapperNotFound, Class: class.NativeToolMissing, Severity: High, Score: 90,
		Fix: "Install the wrapper (for sccache: `cargo install sccache` or the distribution's package) so that it is on PATH, " +
			"or stop cargo using it: unset RUSTC_WRAPPER and CARGO_BUILD_RUSTC_WRAPPER, or remove build.rustc-wrapper from .cargo/config.toml.",
		Diff: rustcWrapperNotFound,
	})
}

func rustcWrapperNotFound(c *Comparison) []Finding {
	for _, d := range c.errorsOnlyInBad() {
		wrapper, compiler, ok := wrapperNeverExecuted(d.Message)
		if !ok {
			continue
		}
		good := ""
		if inv := compilerOf(c.Good); inv != nil {
			good = inv.Wrapper
		}
		before := "the working build ran rustc without it"
		if good == wrapper {
			before = "the working build ran rustc through it: the program is no longer on the failing build's PATH"
		}
		text := strings.TrimSpace(d.Text[0])
		lead := fmt.Sprintf("cargo of the failing build runs rustc (%s) through the wrapper %s, which could not be started: "+
			"no program of that name is on the PATH. ", compiler, wrapper)
		f := Finding{
			Message: lead + fmt.Sprintf("The wrapper comes from RUSTC_WRAPPER, CARGO_BUILD_RUSTC_WRAPPER or "+
				"build.rustc-wrapper in a .cargo/config.toml; %s.", before),
			Evidence: []Evidence{evidenceAt("bad", d.Span, text)},
			Changed: []Change{{Setting: "rustc wrapper",
				Good: Side{Value: good},
				Bad:  Side{Value: wrapper, Source: SourceLog, Key: "RUSTC_WRAPPER", File: d.File, Line: d.Start}}},
		}
		if e, ok := wrapperVariable(c.Bad, wrapper); ok {
			f.Message = lead + fmt.Sprintf("%s=%s in the failing build's environment (line %d) asks for it; %s.", e.Original, e.Value, e.Line, before)
			f.Evidence = append(f.Evidence, Evidence{Side: "bad", File: c.Bad.Name, Line: e.Line, Text: e.Original + "=" + e.Value})
			f.Changed[0].Setting = e.Original
			f.Changed[0].Bad = Side{Value: e.Value, Source: SourceEnv, Key: e.Original, File: c.Bad.Name, Line: e.Line}
		}
		return []Finding{f}
	}
	return nil
}

// wrapperNeverExecuted reads cargo's "could not execute process `W R ...` (never executed)"
// where R is a rustc: W is the wrapper cargo put before it.
func wrapperNeverExecuted(msg string) (wrapper, compiler string, ok bool) {
	_, cmd, found := strings.Cut(msg, "could not execute process `")
	if !found || !strings.Contains(cmd, "(never executed)") {
		return "", "", false
	}
	cmd, _, _ = strings.Cut(cmd, "`")
	parsed, err := grammar.ParseCommand(cmd)
	if err != nil || parsed.Rustc == nil || parsed.Rustc.Wrapper == "" {
		return "", "", false
	}
	return parsed.Rustc.Wrapper, parsed.Rustc.Path, true
}

// wrapperVariable is the variable of a log's environment that names the wrapper.
func wrapperVariable(l *analyze.Log, wrapper string) (analyze.EnvVar, bool) {
	for _, e := range l.Env {
		if (e.Key == "RUSTC_WRAPPER" || e.Key == "CARGO_BUILD_RUSTC_WRAPPER") && strings.TrimSpace(e.Value) == wrapper {
			return e, true
		}
	}
	return analyze.EnvVar{}, false
}
