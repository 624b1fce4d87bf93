package knowledge

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/cxlog/cxlog/analyze/normal"
)

const normalizeCharFilterName = "cxlog-normalize"

// normalize blanks what varies between users so that the same failure reads the same on every
// machine: the machine-specific parts diff also ignores (analyze/normal: store and crate hashes,
// temporary, build and home directories), and, for search only, numbers and quotes. Byte
// offsets are kept so that highlighting still lines up.
func normalize(text []byte) []byte {
	out := []byte(normal.Blank(string(text)))
	blankVaryingWords(out)
	blankQuotes(out)
	return out
}

func blank(text []byte) {
	for i := range text {
		text[i] = ' '
	}
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
