package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze/class"
)

// RustflagsEnvAdded: RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS is set in the failing build only.
const RustflagsEnvAdded ID = "rustflags-env-added"

func init() {
	register(Rule{
		ID: RustflagsEnvAdded, Class: class.CargoConfigScope, Severity: High, Score: 85,
		Entries: []string{entryRustflagsEnv},
		Diff:    rustflagsEnvAdded,
	})
}

func rustflagsEnvAdded(c *Comparison) []Finding {
	var out []Finding
	for _, d := range c.Diffs {
		if d.Aspect != AspectEnv || (d.Key != "RUSTFLAGS" && d.Key != "CARGO_ENCODED_RUSTFLAGS") || len(d.Added) == 0 || len(d.Removed) > 0 || d.Bad == nil {
			continue
		}
		out = append(out, Finding{Crate: d.Crate,
			Message:  fmt.Sprintf("%s is set in the failing build only: %s, so the rustflags of .cargo/config.toml are silently ignored.", d.Key, precedenceRule),
			Evidence: []Evidence{evidenceAt("bad", *d.Bad, d.Added[0])}})
	}
	return out
}
