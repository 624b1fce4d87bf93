package knowledge

import (
	"fmt"
	"path"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/cxlog/cxlog/analyze/class"
)

const defaultSearchLimit = 10

// SearchOptions narrow a search. Target is a concrete target triple; entries whose
// applies.targets globs do not match it are left out, entries without targets are kept.
type SearchOptions struct {
	Class     string
	Target    string
	Limit     int
	Highlight bool
}

// SearchHit is an entry found by Search. Fragments, by field, are the best passages with the
// matched terms between HighlightStart and HighlightEnd; nil unless asked for.
type SearchHit struct {
	Entry     *Entry
	Score     float64
	Fragments map[string][]string
}

// Search finds the entries whose text best matches query, which may be a pasted log line:
// hashes, paths and numbers in it are normalised as in the index.
func (ix *Index) Search(text string, opt SearchOptions) ([]SearchHit, error) {
	if opt.Class != "" && !class.Valid(opt.Class) {
		return nil, fmt.Errorf("unknown class %q", opt.Class)
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	size := limit
	if opt.Target != "" {
		size = len(ix.base.Entries) // filtered below, after the search
	}
	request := bleve.NewSearchRequestOptions(searchQuery(text, opt.Class), size, 0, false)
	if opt.Highlight {
		request.Highlight = bleve.NewHighlightWithStyle(highlighterName)
		for _, field := range textFields {
			request.Highlight.AddField(field.name)
		}
	}
	result, err := ix.bleve.Search(request)
	if err != nil {
		return nil, err
	}
	var hits []SearchHit
	for _, match := range result.Hits {
		entry := ix.base.ByID(match.ID)
		if entry == nil || !appliesToTarget(entry, opt.Target) {
			continue
		}
		hits = append(hits, SearchHit{Entry: entry, Score: match.Score, Fragments: match.Fragments})
		if len(hits) == limit {
			break
		}
	}
	return hits, nil
}

func searchQuery(text, className string) query.Query {
	var fieldQueries []query.Query
	for _, field := range textFields {
		match := bleve.NewMatchQuery(text)
		match.SetField(field.name)
		match.Analyzer = logTextAnalyzer
		match.SetBoost(field.boost)
		fieldQueries = append(fieldQueries, match)
	}
	textQuery := bleve.NewDisjunctionQuery(fieldQueries...)
	if className == "" {
		return textQuery
	}
	classQuery := bleve.NewTermQuery(className)
	classQuery.SetField(fieldClass)
	return bleve.NewConjunctionQuery(textQuery, classQuery)
}

func appliesToTarget(entry *Entry, target string) bool {
	if target == "" || len(entry.Applies.Targets) == 0 {
		return true
	}
	for _, glob := range entry.Applies.Targets {
		if matched, _ := path.Match(glob, target); matched {
			return true
		}
	}
	return false
}
