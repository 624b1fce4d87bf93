package analyze

import "strings"

// A cargo command line: after a prompt, in a set -x trace, behind env or nix-shell, and the
// flags line of Nix's cargoBuildHook ("cargoBuildHook flags: -j 48 --target ...").
func init() {
	register(recognizer{name: "cargo-command", order: orderShell, start: func(s *scanner, l *line) bool {
		sh := l.shell()
		if flags, ok := strings.CutPrefix(sh.text, "cargoBuildHook flags: "); ok {
			s.queue(&pending{kind: cmdCargo, text: "cargo build " + flags, span: s.span(l.N), drv: s.lineDrv(l)})
			return true
		}
		if !cargoShaped(sh.first) || sh.first != "env" && !strings.Contains(sh.text, "cargo ") {
			return false
		}
		s.queue(&pending{kind: cmdCargo, text: sh.text, span: s.span(l.N), drv: s.lineDrv(l)})
		return true
	}})
}

// cargoShaped reports the first words of a command that may run cargo.
func cargoShaped(first string) bool {
	return first == "cargo" || strings.HasSuffix(first, "/cargo") || first == "env" || first == "nix-shell"
}
