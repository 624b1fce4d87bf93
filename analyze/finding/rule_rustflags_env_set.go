package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// RustflagsEnvSet: RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS is set for a cross build, in a printed
// environment or in an invocation's environment, so the config's rustflags are ignored.
const RustflagsEnvSet ID = "rustflags-env-set"

func init() {
	register(Rule{
		ID: RustflagsEnvSet, Class: class.CargoConfigScope, Severity: High, Score: 88,
		Entries: []string{entryRustflagsEnv},
		// the same variable, which the working build did not have either
		Supersedes: []ID{RustflagsEnvAdded},
		Check:      rustflagsEnvSet,
	})
}

// An environment printed by the build names what the build had; one in a Running line may
// be cargo's own CARGO_ENCODED_RUSTFLAGS for one crate, so it ranks lower.
const scoreRustflagsInInvocation = 45

func rustflagsEnvSet(l *analyze.Log) []Finding {
	target := crossTarget(l)
	if target == "" {
		return nil
	}
	for _, key := range []string{"CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS"} {
		if e, ok := l.EnvValue(key); ok && e.Value != "" {
			return []Finding{rustflagsEnvFinding(key, e.Value, target, Evidence{Side: "bad", File: l.Name, Line: e.Line, Text: e.Original + "=" + e.Value}, 0)}
		}
		for _, inv := range l.Invocations {
			if v, ok := inv.EnvValue(key); ok && v != "" {
				return []Finding{rustflagsEnvFinding(key, v, target, evidenceAt("bad", inv.Span, key+"="+v), scoreRustflagsInInvocation)}
			}
		}
	}
	return nil
}

func rustflagsEnvFinding(key, value, target string, ev Evidence, score int) Finding {
	return Finding{Score: score,
		Message:  fmt.Sprintf("%s=%s is set for a build of %s: %s, so the rustflags of .cargo/config.toml (linker scripts, target features, cfgs) are ignored.", key, value, target, precedenceRule),
		Evidence: []Evidence{ev}}
}
