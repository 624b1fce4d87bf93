package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/lazyre"
)

// HostBuildTargetErrors: cargo compiled the crates without any --target, and the errors are
// the ones a bare-metal crate gives when it is compiled for the host (its assembly rejected by
// the host assembler, a second panic handler next to std's, lang items only a no_std target
// lacks): the cross target never reached cargo.
const HostBuildTargetErrors ID = "host-build-target-errors"

func init() {
	register(Rule{
		ID: HostBuildTargetErrors, Class: class.CargoConfigScope, Severity: Medium, Score: 70,
		Entries: []string{entryConfigNotRead},
		Check:   hostBuildTargetErrors,
	})
}

// targetSpecificError matches errors that code written for a bare-metal target gives when it is
// compiled for the host.
var targetSpecificError = lazyre.New(`invalid instruction mnemonic|unrecognized instruction mnemonic|unknown use of instruction mnemonic|invalid operand for instruction|unknown directive|duplicate lang item .?panic_impl|language item required, but not found: .?eh_personality|requires .?start.? lang item|#\[panic_handler\] function required`)

func hostBuildTargetErrors(l *analyze.Log) []Finding {
	var hostCrate *analyze.Invocation
	for _, inv := range l.Invocations {
		if inv.Kind != analyze.KindRustc || inv.CrateName == "" || inv.CrateName == "build_script_build" || inv.CrateName == "___" {
			continue
		}
		if inv.Target != "" {
			return nil // cargo cross-compiles: the target reached it
		}
		if hostCrate == nil {
			hostCrate = inv
		}
	}
	if hostCrate == nil {
		return nil
	}
	for _, d := range l.Diagnostics {
		if d.Severity != analyze.SeverityError || !targetSpecificError().MatchString(d.Message) {
			continue
		}
		return []Finding{{Crate: hostCrate.CrateName, Entry: entryConfigNotRead,
			Message: fmt.Sprintf("rustc compiled %s without --target (for the host), and the build fails with an error of code written for another target (%q): the cross target from .cargo/config.toml or --target never reached cargo.", hostCrate.CrateName, d.Message),
			Evidence: []Evidence{
				evidenceAt("bad", hostCrate.Span, "rustc --crate-name "+hostCrate.CrateName+" (no --target)"),
				evidenceAt("bad", d.Span, d.Message),
			}}}
	}
	return nil
}
