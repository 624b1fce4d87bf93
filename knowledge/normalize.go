package knowledge

import (
	"regexp"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

const normalizeCharFilterName = "cxlog-normalize"

// machineSpecific matches the parts of a log line that differ between machines and runs. Each
// match is blanked, keeping byte offsets so that highlighting still lines up.
var machineSpecific = []*regexp.Regexp{
	regexp.MustCompile(`/nix/store/[0-9a-z]{32}-`),
	regexp.MustCompile(`(/private)?/tmp/(nix-build-[^/\s]*/)?`),
	regexp.MustCompile(`\brustc[0-9A-Za-z]{6}\b|\.tmp[0-9A-Za-z]{6}\b`),
	regexp.MustCompile(`/home/[^/\s]+/|/Users/[^/\s]+/|/root/|~/`),
	regexp.MustCompile(`\b[0-9a-f]{16}\b`),
	regexp.MustCompile(`\b0x[0-9A-Fa-f_]+\b`),
	regexp.MustCompile(`\b[0-9]+(\.[0-9]+)*\b`),
	regexp.MustCompile("[`'\"‘’“”]"),
}

// normalize blanks what varies between users (store and crate hashes, numbers, temporary and
// home directories, quotes) so that the same failure reads the same on every machine.
func normalize(text []byte) []byte {
	out := make([]byte, len(text))
	copy(out, text)
	for _, re := range machineSpecific {
		for _, span := range re.FindAllIndex(out, -1) {
			for i := span[0]; i < span[1]; i++ {
				out[i] = ' '
			}
		}
	}
	return out
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
