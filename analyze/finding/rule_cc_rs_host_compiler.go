package finding

import (
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// CCRsHostCompiler: a build script's cc-rs, building C for a cross target, reports that it
// found no compiler variable for the target and took a compiler of another machine from CC.
const CCRsHostCompiler ID = "cc-rs-host-compiler"

const entryCCRsHostCompiler = "cc-rs-uses-host-compiler-for-target"

func init() {
	register(Rule{
		ID: CCRsHostCompiler, Class: class.HostLinkerForTarget, Severity: High, Score: 90,
		Entries: []string{entryCCRsHostCompiler},
		Check:   ccRsHostCompiler,
	})
}

// ccRsHostCompiler follows cc-rs's printout (TARGET, HOST, then the compiler variables in the
// order it consults them: CC_<target>, CC_<target with _>, TARGET_CC, CC) and reports the
// compiler it settled on when that compiler is built for another architecture than the target.
func ccRsHostCompiler(l *analyze.Log) []Finding {
	var out []Finding
	var target, host string
	chosen := map[string]analyze.EnvVar{}
	report := func() {
		if target == "" || host == "" || target == host {
			return
		}
		for _, key := range []string{"CC_" + analyze.NormaliseEnvKey(target), "TARGET_CC", "CC"} {
			cc, ok := chosen[key]
			if !ok {
				continue
			}
			if hostToolForTarget(cc.Value, target) {
				msg := fmt.Sprintf("cc-rs compiles C for %s with %s=%s, an %s compiler", target, cc.Original, cc.Value, analyze.ToolArch(cc.Value))
				if key == "CC" {
					msg += fmt.Sprintf(", taken from the global CC because neither CC_%s nor TARGET_CC is set", target)
				}
				out = append(out, Finding{
					Message:  msg + ".",
					Evidence: []Evidence{{Side: "bad", File: l.Name, Line: cc.Line, Text: cc.Original + " = " + cc.Value}},
				})
			}
			return
		}
	}
	for _, e := range l.Env {
		switch e.Key {
		case "TARGET":
			if e.Value != target {
				report()
				target, chosen = e.Value, map[string]analyze.EnvVar{}
			}
		case "HOST":
			host = e.Value
		default:
			chosen[e.Key] = e
		}
	}
	report()
	return out
}
