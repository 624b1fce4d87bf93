package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// LinkerEnvHostToolchain: CARGO_TARGET_<TRIPLE>_LINKER is new or changed in the failing build and
// points the cross target at a host toolchain.
const LinkerEnvHostToolchain ID = "linker-env-host-toolchain"

func init() {
	register(Rule{
		ID: LinkerEnvHostToolchain, Class: class.HostLinkerForTarget, Severity: High, Score: 95,
		Entries:    []string{entryHostLinkerEnv},
		Supersedes: []ID{HostLinkerForTarget},
		Diff:       linkerEnvHostToolchain,
	})
}

func linkerEnvHostToolchain(c *Comparison) []Finding {
	var out []Finding
	for _, ch := range linkerEnvChanges(c.Diffs) {
		if !hostToolForTarget(ch.value, ch.target) {
			continue
		}
		msg := fmt.Sprintf("%s %s and points the %s target at %s, an %s toolchain.", ch.key, ch.state, ch.target, ch.value, analyze.ToolArch(ch.value))
		if getsFlavorGnu(ch.value, "", ch.target) {
			msg += " rustc cannot tell from the name that it is a C compiler, so it also passes it lld's -flavor gnu."
		}
		out = append(out, Finding{Message: msg, Evidence: []Evidence{ch.evidence}})
	}
	return out
}
