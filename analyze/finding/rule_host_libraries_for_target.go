package finding

import (
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
)

// HostLibrariesForTarget: the link of a cross (or unnamed) target looks for the host's libgcc_s.
const HostLibrariesForTarget ID = "host-libraries-for-target"

func init() {
	register(Rule{
		ID: HostLibrariesForTarget, Class: class.HostLinkerForTarget, Severity: High, Score: 80,
		Entries: []string{"host-ld-cannot-find-lgcc-s"},
		Check:   hostLibrariesForTarget,
	})
}

func hostLibrariesForTarget(l *analyze.Log) []Finding {
	var out []Finding
	for _, d := range l.Diagnostics {
		if strings.Contains(d.Message, "cannot find -lgcc_s") && !hostOnly(l) {
			out = append(out, Finding{
				Message:  "The link step looks for the host's libgcc_s, which does not exist for a bare-metal target: a host linker or host link settings are used for the cross target.",
				Evidence: []Evidence{evidenceAt("bad", d.Span, d.Message)}})
		}
	}
	return out
}

// hostOnly reports a log whose builds all are for the host or a hosted OS target: rustc
// without --target, or targets such as x86_64-unknown-linux-gnu. A log that names no target
// at all (a pasted linker error) is not host-only.
func hostOnly(l *analyze.Log) bool {
	seen := false
	for _, inv := range l.Invocations {
		if inv.Kind != analyze.KindRustc {
			continue
		}
		seen = true
		if inv.Target != "" && !hostedTarget(inv.Target) {
			return false
		}
	}
	for _, c := range l.Cargo {
		if c.Target != "" {
			seen = true
			if !hostedTarget(c.Target) {
				return false
			}
		}
	}
	return seen
}

// hostedTarget reports a target with an operating system whose C toolchain ships libgcc_s.
func hostedTarget(triple string) bool {
	for _, os := range []string{"-linux-", "-linux", "-darwin", "-windows-", "-freebsd", "-netbsd", "-openbsd", "-android", "-ios"} {
		if strings.Contains(triple, os) {
			return !strings.Contains(triple, "-none")
		}
	}
	return false
}
