package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// PlatformRecordIsBuildMachine: a Nix trace of the platform record the recipe tests shows the
// build machine while the Rust target is another architecture.
const PlatformRecordIsBuildMachine ID = "platform-record-is-build-machine"

func init() {
	register(Rule{
		ID: PlatformRecordIsBuildMachine, Class: class.BuildPlatformConfusion, Severity: High, Score: 80,
		Entries: []string{"nix-hostplatform-isriscv-false"},
		Check:   platformRecordIsBuildMachine,
	})
}

func platformRecordIsBuildMachine(l *analyze.Log) []Finding {
	var out []Finding
	for _, t := range l.Traces {
		config, _ := t.Attr("config")
		target, _ := t.Attr("rust.rustcTarget")
		if target == "" {
			target, _ = t.Attr("rustc.config")
		}
		targetArch := analyze.TargetArch(target)
		if config == "" || target == "" || analyze.TargetArch(config) == targetArch {
			continue
		}
		var flags []string
		for _, a := range t.Attrs {
			if strings.HasPrefix(a.Key, "is") && a.Value == "false" && strings.EqualFold(strings.TrimPrefix(a.Key, "is"), archFlag(targetArch)) {
				flags = append(flags, a.Key+" = false")
			}
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("The traced platform record is the build machine's (config = %q%s) while the Rust target is %s: the recipe tests the wrong platform (stdenv.hostPlatform instead of the Rust target), so target-specific choices such as using lld for RISC-V never apply.",
				config, prefixed(", ", strings.Join(flags, ", ")), target),
			Evidence: []Evidence{evidenceAt("bad", t.Span, fmt.Sprintf("trace: config = %q; rust.rustcTarget = %q", config, target))}})
	}
	return out
}

// archFlag is the suffix of the Nix platform attribute (isRiscV, isAarch64) of an architecture.
func archFlag(arch string) string {
	switch arch {
	case "riscv32", "riscv64":
		return "RiscV"
	case "arm":
		return "Arm"
	case "aarch64":
		return "Aarch64"
	}
	return arch
}
