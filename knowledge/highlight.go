package knowledge

import (
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/format/plain"
	simplefragmenter "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehighlighter "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

// HighlightStart and HighlightEnd enclose the matched terms in SearchHit fragments; a reporter
// replaces them with colour or drops them.
const (
	HighlightStart = "«"
	HighlightEnd   = "»"
)

const (
	highlighterName  = "cxlog-plain"
	fragmentSize     = 160
	fragmentEllipsis = "…"
)

func init() {
	err := registry.RegisterHighlighter(highlighterName,
		func(map[string]interface{}, *registry.Cache) (highlight.Highlighter, error) {
			return simplehighlighter.NewHighlighter(
				simplefragmenter.NewFragmenter(fragmentSize),
				plain.NewFragmentFormatter(HighlightStart, HighlightEnd),
				fragmentEllipsis), nil
		})
	if err != nil {
		panic(err)
	}
}
