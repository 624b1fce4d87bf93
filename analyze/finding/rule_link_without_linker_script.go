package finding

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/lazyre"
)

// LinkWithoutLinkerScript: the link command rustc ran for a bare-metal target, as a linker
// failure quotes it, has no -T script, so the runtime's memory layout and entry symbols are
// missing. Unlike bin-without-linker-script it needs no Running line: a pasted error will do.
const LinkWithoutLinkerScript ID = "link-without-linker-script"

func init() {
	register(Rule{
		ID: LinkWithoutLinkerScript, Class: class.LinkerScriptMissing, Severity: Medium, Score: 55,
		Entries: scriptEntries,
		// the same missing script, seen in the command rustc actually ran
		Supersedes: []ID{BinWithoutLinkerScript},
		Check:      linkWithoutLinkerScript,
	})
}

// reLinkTarget finds the target of a link in its arguments: the sysroot's
// lib/rustlib/<triple>/lib or the target directory's <triple>/{debug,release}.
var reLinkTarget = lazyre.New(`rustlib[/\\]([a-z0-9_]+(?:\.[a-z0-9]+)*-[a-z0-9_.-]+?)[/\\]lib|target[/\\]([a-z0-9_]+(?:\.[a-z0-9]+)*-[a-z0-9_.-]+?)[/\\](?:debug|release)[/\\]`)

func linkWithoutLinkerScript(l *analyze.Log) []Finding {
	var out []Finding
	for _, lc := range l.Linkers {
		target := linkTarget(lc, l)
		if !bareMetalLLD(target) || hasScript(lc.Args) {
			continue
		}
		crate, what := linkOutput(lc.Args), "the image"
		if crate != "" {
			what = crate
		}
		out = append(out, Finding{Crate: crate, Entry: scriptEntry(target),
			Message: fmt.Sprintf("rustc linked %s for %s with %s and no -T linker script: without the runtime's script the image has no memory layout or entry symbols, and the link fails on undefined symbols or yields an image that does not boot.",
				what, target, baseName(lc.Program)),
			Evidence: []Evidence{evidenceAt("bad", lc.Span, fmt.Sprintf("%q ... (%d arguments, none of them -T...)", lc.Program, len(lc.Args)))}})
	}
	return out
}

// linkTarget is the target a link command is for: named in its arguments, or else the
// bare-metal target the log builds for.
func linkTarget(lc *analyze.LinkerCommand, l *analyze.Log) string {
	for _, a := range lc.Args {
		if m := reLinkTarget().FindStringSubmatch(a); m != nil {
			return m[1] + m[2]
		}
	}
	return crossTarget(l)
}

// linkOutput is the crate a link command makes: the name of its -o file without cargo's
// -<hash> suffix.
func linkOutput(args []string) string {
	for i, a := range args {
		if a == "-o" && i+1 < len(args) {
			name := baseName(args[i+1])
			if base, hash, ok := cutLast(name, "-"); ok && isCrateHash(hash) {
				name = base
			}
			return strings.TrimSuffix(name, ".elf")
		}
	}
	return ""
}

func cutLast(s, sep string) (string, string, bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// isCrateHash reports cargo's 16 lowercase hex digits (-C metadata, file-name suffixes).
func isCrateHash(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
