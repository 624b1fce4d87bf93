// Package normal finds what differs between two machines or two runs of the same build (Nix
// store hashes, crate hashes, temp dirs, build roots, registry checkouts, home directories,
// also on Windows) so that values compare by meaning. Diff rewrites these parts into
// placeholders (Value); the knowledge base's search index blanks them (Blank). Both use the
// one list below, so a line that is the same for diff is the same for search.
package normal

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// part is one kind of machine-specific text.
type part struct {
	hints       []string // the part is looked for only in text that contains one of these
	find        func(s string) [][]int
	placeholder string // what Value writes instead
}

func re(expr string) func(string) [][]int {
	r := lazyre.New(expr)
	return func(s string) [][]int { return r().FindAllStringIndex(s, -1) }
}

// reGroup finds the first group of each match: the part the context around it only places.
func reGroup(expr string) func(string) [][]int {
	r := lazyre.New(expr)
	return func(s string) [][]int {
		var out [][]int
		for _, m := range r().FindAllStringSubmatchIndex(s, -1) {
			out = append(out, m[2:4])
		}
		return out
	}
}

// parts, in the order they apply: each sees the text the ones before it rewrote.
var parts = []part{
	{[]string{"/nix/store/"}, re(`/nix/store/[0-9a-z]{32}-`), ""},
	// crate hashes: -C metadata=…, -C extra-filename=-…, libfoo-….rlib, index.crates.io-…
	{nil, crateHashes, "*"},
	{[]string{"/tmp/"}, re(`(?:/private)?/tmp/[^/\s"']+`), "<tmp>"},
	{[]string{"rustc"}, re(`\brustc[A-Za-z0-9]{6}\b`), "rustc*"}, // rustc's temp dirs
	{[]string{".tmp"}, re(`\.tmp[0-9A-Za-z]{6}\b`), ".tmp*"},     // cargo's temp files
	{[]string{"/cargo-vendor-dir/", "/registry/src/", "/vendor/"},
		re(`[^\s"'=:,]*/(?:cargo-vendor-dir|registry/src/[^/]+|vendor)/`), "<registry>/"},
	{[]string{"/target/"}, buildRoots, "<root>/target/"},
	{[]string{"/home/", "/Users/"}, re(`/(?:home|Users)/[^/\s]+/`), "~/"},
	{[]string{"/root/"}, reGroup(`(?:^|[\s"'=:,;(])(/root/)`), "~/"}, // root's home, not a dir named root

	{[]string{"~/"}, re(`~/`), "~/"},
	// the same on Windows: C:\Users\alice\..., D:\work\fw\target\...
	{[]string{`:\`}, re(`[A-Za-z]:\\[^\s"'=,]*?\\(?:registry\\src\\[^\\]+|vendor)\\`), `<registry>\`},
	{[]string{`:\`}, re(`[A-Za-z]:\\[^\s"'=,]*?\\target\\`), `<root>\target\`},
	{[]string{`:\`}, re(`[A-Za-z]:\\Users\\[^\\\s]+\\`), `~\`},
}

// Value normalises one value (a path, a flag, an environment value, a message): each
// machine-specific part becomes its placeholder.
func Value(s string) string {
	return rewrite(s, func(_ string, p *part) string { return p.placeholder })
}

// Blank overwrites each machine-specific part with spaces, keeping every other byte where it
// was (search highlights use the offsets).
func Blank(s string) string {
	return rewrite(s, func(match string, _ *part) string { return strings.Repeat(" ", len(match)) })
}

func rewrite(s string, with func(match string, p *part) string) string {
	return rewriteWith(parts, true, s, with)
}

// rewriteWith applies ps to s, each only to text that holds one of its hints if hinted.
func rewriteWith(ps []part, hinted bool, s string, with func(match string, p *part) string) string {
	for i := range ps {
		p := &ps[i]
		if hinted && !containsAny(s, p.hints) {
			continue
		}
		spans := p.find(s)
		if len(spans) == 0 {
			continue
		}
		var b strings.Builder
		b.Grow(len(s))
		last := 0
		for _, sp := range spans {
			b.WriteString(s[last:sp[0]])
			b.WriteString(with(s[sp[0]:sp[1]], p))
			last = sp[1]
		}
		b.WriteString(s[last:])
		s = b.String()
	}
	return s
}

func containsAny(s string, hints []string) bool {
	if hints == nil {
		return true
	}
	for _, h := range hints {
		if strings.Contains(s, h) {
			return true
		}
	}
	return false
}

// crateHashes finds the words (runs of [0-9A-Za-z_], as \w) of exactly 16 lowercase hex digits:
// cargo's -C metadata and file-name suffixes. A scan, several times faster than a regex.
func crateHashes(s string) [][]int {
	var out [][]int
	for start := 0; start < len(s); {
		if !isWordByte(s[start]) {
			start++
			continue
		}
		end := start
		hex := true
		for end < len(s) && isWordByte(s[end]) {
			hex = hex && ('0' <= s[end] && s[end] <= '9' || 'a' <= s[end] && s[end] <= 'f')
			end++
		}
		if hex && end-start == 16 {
			out = append(out, []int{start, end})
		}
		start = end
	}
	return out
}

// buildRoots finds each path up to and including its first /target/: the path word around it
// runs from the last space, quote, '=', ':' or ',' before it (a drive letter C: included). The
// same as the regex (?:[A-Za-z]:)?[^\s"'=:,]*?/target/, without its quadratic search.
func buildRoots(s string) [][]int {
	var out [][]int
	for from := 0; ; {
		i := strings.Index(s[from:], "/target/")
		if i < 0 {
			return out
		}
		i += from
		start := i
		for start > from && !isPathStop(s[start-1]) {
			start--
		}
		if start >= from+2 && s[start-1] == ':' && isLetter(s[start-2]) {
			start -= 2
		}
		end := i + len("/target/")
		out = append(out, []int{start, end})
		from = end
	}
}

func isPathStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\f', '\r', '"', '\'', '=', ':', ',':
		return true
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

var (
	reStoreName = lazyre.New(`/nix/store/[0-9a-z]{32}-([^/\s"']+)`)
	reVersioned = lazyre.New(`^(.*?)-(\d+(?:\.\d+)+(?:-[0-9A-Za-z.]+)*)$`)
	reToolchain = lazyre.New(`\b(?:rust-default|rust-bin|rust-complete|rust-minimal|rustc|rust)-(\d+\.\d+\.\d+(?:-(?:nightly|beta)(?:-\d{4}-\d{2}-\d{2})?)?)`)
	reRustupTC  = lazyre.New(`[/\\]toolchains[/\\]((?:stable|beta|nightly|\d+\.\d+(?:\.\d+)?)(?:-\d{4}-\d{2}-\d{2})?)-[a-z0-9_]+-`)
)

// MayNameToolchain is false of a value ToolchainVersion finds no version in, cheaply: each of
// its patterns spells "rust" or "toolchains".
func MayNameToolchain(s string) bool {
	return strings.Contains(s, "rust") || strings.Contains(s, "toolchains")
}

// Package is a Nix store package named in a path: gcc-wrapper-13.2.0 is {gcc-wrapper, 13.2.0}.
type Package struct {
	Name, Version string
}

// StorePackages lists the store packages a value names, in order.
func StorePackages(s string) []Package {
	if !strings.Contains(s, "/nix/store/") { // reStoreName's first literal
		return nil
	}
	return storePackages(s)
}

func storePackages(s string) []Package {
	var out []Package
	for _, m := range reStoreName().FindAllStringSubmatch(s, -1) {
		if v := reVersioned().FindStringSubmatch(m[1]); v != nil {
			out = append(out, Package{Name: v[1], Version: v[2]})
		} else {
			out = append(out, Package{Name: m[1]})
		}
	}
	return out
}

// ToolchainVersion finds a Rust toolchain version in a path (rust-default-1.77.0-nightly-2024-01-24,
// rustc-1.69.0, ~/.rustup/toolchains/1.75.0-x86_64-...), or "".
func ToolchainVersion(s string) string {
	if !MayNameToolchain(s) {
		return ""
	}
	return toolchainVersion(s)
}

func toolchainVersion(s string) string {
	if m := reToolchain().FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := reRustupTC().FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}
