package knowledge

import (
	"bytes"
	"regexp"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

const normalizeCharFilterName = "cxlog-normalize"

// machineSpecific matches the parts of a log line that differ between machines and runs. Each
// match is blanked, keeping byte offsets so that highlighting still lines up. A pattern runs
// only on text that contains one of its hints. Numbers, hashes and quotes are blanked by
// scanning, which is several times faster than regexes for them.
var machineSpecific = []struct {
	hints   []string
	pattern *regexp.Regexp
}{
	{[]string{"/nix/store/"}, regexp.MustCompile(`/nix/store/[0-9a-z]{32}-`)},
	{[]string{"/tmp/"}, regexp.MustCompile(`(/private)?/tmp/(nix-build-[^/\s]*/)?`)},
	{[]string{"rustc", ".tmp"}, regexp.MustCompile(`\brustc[0-9A-Za-z]{6}\b|\.tmp[0-9A-Za-z]{6}\b`)},
	{[]string{"/home/", "/Users/", "/root/", "~/"}, regexp.MustCompile(`/home/[^/\s]+/|/Users/[^/\s]+/|/root/|~/`)},
}

// normalize blanks what varies between users (store and crate hashes, numbers, temporary and
// home directories, quotes) so that the same failure reads the same on every machine.
func normalize(text []byte) []byte {
	out := bytes.Clone(text)
	for _, rule := range machineSpecific {
		if !containsAnyBytes(out, rule.hints) {
			continue
		}
		for _, span := range rule.pattern.FindAllIndex(out, -1) {
			blank(out[span[0]:span[1]])
		}
	}
	blankVaryingWords(out)
	blankQuotes(out)
	return out
}

func blank(text []byte) {
	for i := range text {
		text[i] = ' '
	}
}

func containsAnyBytes(text []byte, hints []string) bool {
	for _, hint := range hints {
		if bytes.Contains(text, []byte(hint)) {
			return true
		}
	}
	return false
}

type normalizeCharFilter struct{}

func (normalizeCharFilter) Filter(input []byte) []byte { return normalize(input) }

func init() {
	err := registry.RegisterCharFilter(normalizeCharFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
			return normalizeCharFilter{}, nil
		})
	if err != nil {
		panic(err)
	}
}
