package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze/class"
)

// AtomicsFlagsChanged: the atomics emulation flags (+a, target_has_atomic cfgs) of a crate changed.
const AtomicsFlagsChanged ID = "atomics-flags-changed"

func init() {
	register(Rule{
		ID: AtomicsFlagsChanged, Class: class.AtomicsUnsupported, Severity: Medium, Score: 70,
		Entries: []string{"riscv32imc-core-has-no-atomic-types"},
		Diff:    atomicsFlagsChanged,
	})
}

func atomicsFlagsChanged(c *Comparison) []Finding {
	var out []Finding
	for _, d := range c.Diffs {
		if d.Crate == "" || d.Good == nil || d.Bad == nil {
			continue
		}
		if d.Aspect == AspectCfgs && anyAtomic(d.Removed, d.Added) || d.Aspect == AspectFeatures && (contains(d.Removed, "+a") || contains(d.Added, "+a")) {
			out = append(out, Finding{Crate: d.Crate,
				Message:  fmt.Sprintf("The atomics flags of %s changed (%s): code that needs atomic operations the target lacks fails to compile or to link.", d.Crate, d.Describe()),
				Evidence: []Evidence{evidenceAt("good", *d.Good, d.Describe()), evidenceAt("bad", *d.Bad, d.Describe())},
			})
		}
	}
	return out
}
