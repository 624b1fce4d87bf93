package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
	"github.com/cxlog/cxlog/analyze/normal"
)

// Fingerprint is the same for the same failure on any machine: a hash of the knowledge-base
// entry and the cause line, normalised: the directories of absolute paths (a Nix store path, a
// wrapper in /tmp and one in /usr/bin are the same program), then analyze/normal's rewrites
// (crate hashes, temporary names, build and home directories of relative paths), addresses
// and long hex numbers, and runs of spaces.
func Fingerprint(entry, body string) string {
	h := sha256.Sum256([]byte(entry + "\x00" + Normalise(body)))
	return hex.EncodeToString(h[:8])
}

var (
	reAddress = lazyre.New(`\b0x[0-9A-Fa-f]+\b`)
	reLongHex = lazyre.New(`\b[0-9a-f]{8,}\b`)
	// an absolute path's directories: a Unix path from /, a Windows one from a drive letter
	reAbsDirs = lazyre.New(`(?:[A-Za-z]:\\|/)(?:[^\s"'\x60/\\:=,()]+[/\\])+`)
	reSpaces  = lazyre.New(`\s+`)
)

// Normalise is the cause line as the fingerprint sees it.
func Normalise(body string) string {
	s := reAbsDirs().ReplaceAllString(body, "")
	s = normal.Value(s)
	s = reAddress().ReplaceAllString(s, "0x*")
	s = reLongHex().ReplaceAllString(s, "*")
	return strings.TrimSpace(reSpaces().ReplaceAllString(s, " "))
}
