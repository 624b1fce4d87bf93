// Package normal rewrites what differs between two machines or two runs of the same build
// (Nix store hashes, crate hashes, temp dirs, build roots) so that values compare by meaning.
package normal

import (
	"regexp"
	"strings"
)

var (
	reStore      = regexp.MustCompile(`/nix/store/[0-9a-z]{32}-`)
	reCrateHash  = regexp.MustCompile(`-[0-9a-f]{16}\b`)
	reRustcTemp  = regexp.MustCompile(`\brustc[A-Za-z0-9]{6}\b`)
	reTmpDir     = regexp.MustCompile(`/tmp/[^/\s"']+`)
	reTargetRoot = regexp.MustCompile(`(?:[A-Za-z]:)?[^\s"'=:,]*?/target/`)
	reRegistry   = regexp.MustCompile(`[^\s"'=:,]*/(?:cargo-vendor-dir|registry/src/[^/]+|vendor)/`)
	reHome       = regexp.MustCompile(`/(?:home|Users)/[^/\s]+/`)
	// the same on Windows: C:\Users\alice\..., D:\work\fw\target\...
	reTargetRootWin = regexp.MustCompile(`[A-Za-z]:\\[^\s"'=,]*?\\target\\`)
	reRegistryWin   = regexp.MustCompile(`[A-Za-z]:\\[^\s"'=,]*?\\(?:registry\\src\\[^\\]+|vendor)\\`)
	reHomeWin       = regexp.MustCompile(`[A-Za-z]:\\Users\\[^\\\s]+\\`)
	reStoreName     = regexp.MustCompile(`/nix/store/[0-9a-z]{32}-([^/\s"']+)`)
	reVersioned     = regexp.MustCompile(`^(.*?)-(\d+(?:\.\d+)+(?:-[0-9A-Za-z.]+)*)$`)
	reToolchain     = regexp.MustCompile(`\b(?:rust-default|rust-bin|rust-complete|rust-minimal|rustc|rust)-(\d+\.\d+\.\d+(?:-(?:nightly|beta)(?:-\d{4}-\d{2}-\d{2})?)?)`)
	reRustupTC      = regexp.MustCompile(`[/\\]toolchains[/\\]((?:stable|beta|nightly|\d+\.\d+(?:\.\d+)?)(?:-\d{4}-\d{2}-\d{2})?)-[a-z0-9_]+-`)
)

// Value normalises one value: a path, a flag, an environment value.
func Value(s string) string {
	if strings.Contains(s, "/nix/store/") {
		s = reStore.ReplaceAllString(s, "")
	}
	s = reCrateHash.ReplaceAllString(s, "-*")
	s = reRustcTemp.ReplaceAllString(s, "rustc*")
	s = reTmpDir.ReplaceAllString(s, "<tmp>")
	s = reRegistry.ReplaceAllString(s, "<registry>/")
	s = reTargetRoot.ReplaceAllString(s, "<root>/target/")
	s = reHome.ReplaceAllString(s, "~/")
	if strings.Contains(s, `:\`) {
		s = reRegistryWin.ReplaceAllString(s, `<registry>\`)
		s = reTargetRootWin.ReplaceAllString(s, `<root>\target\`)
		s = reHomeWin.ReplaceAllString(s, `~\`)
	}
	return s
}

// Package is a Nix store package named in a path: gcc-wrapper-13.2.0 is {gcc-wrapper, 13.2.0}.
type Package struct {
	Name, Version string
}

// StorePackages lists the store packages a value names, in order.
func StorePackages(s string) []Package {
	var out []Package
	for _, m := range reStoreName.FindAllStringSubmatch(s, -1) {
		if v := reVersioned.FindStringSubmatch(m[1]); v != nil {
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
	if m := reToolchain.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := reRustupTC.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}
