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

// Search finds the entries whose text best matches text, which may be a pasted log line:
// hashes, paths and numbers in it are normalised as in the index.
func (ix *Index) Search(text string, opt SearchOptions) ([]SearchHit, error) {
	if opt.Class != "" && !class.Valid(opt.Class) {
		return nil, fmt.Errorf("unknown class %q", opt.Class)
	}
	terms := ix.analyze(text)
	if len(terms) == 0 {
		return nil, nil
	}
	conditions := []query.Query{termsQuery(terms)}
	if opt.Class != "" {
		classQuery := bleve.NewTermQuery(opt.Class)
		classQuery.SetField(fieldClass)
		conditions = append(conditions, classQuery)
	}
	if opt.Target != "" {
		ids := ix.idsForTarget(opt.Target)
		if len(ids) == 0 {
			return nil, nil
		}
		conditions = append(conditions, bleve.NewDocIDQuery(ids))
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	request := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(conditions...), limit, 0, false)
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
		if entry := ix.base.ByID(match.ID); entry != nil {
			hits = append(hits, SearchHit{Entry: entry, Score: match.Score, Fragments: match.Fragments})
		}
	}
	return hits, nil
}

// termsQuery asks for the terms in every text field. Search analyses the text once rather
// than letting a match query per field do it again; normalising is the costly part.
func termsQuery(terms []string) query.Query {
	var fieldQueries []query.Query
	for _, field := range textFields {
		var termQueries []query.Query
		for _, term := range terms {
			termQuery := bleve.NewTermQuery(term)
			termQuery.SetField(field.name)
			termQuery.SetBoost(field.boost)
			termQueries = append(termQueries, termQuery)
		}
		fieldQueries = append(fieldQueries, bleve.NewDisjunctionQuery(termQueries...))
	}
	return bleve.NewDisjunctionQuery(fieldQueries...)
}

// analyze returns the distinct terms of text as the index's analyzer makes them.
func (ix *Index) analyze(text string) []string {
	analyzer := ix.bleve.Mapping().AnalyzerNamed(logTextAnalyzer)
	seen := map[string]bool{}
	var terms []string
	for _, token := range analyzer.Analyze([]byte(text)) {
		if term := string(token.Term); !seen[term] {
			seen[term] = true
			terms = append(terms, term)
		}
	}
	return terms
}

// idsForTarget lists the entries that apply to a concrete target triple: those whose target
// globs match it and those that name no targets.
func (ix *Index) idsForTarget(target string) []string {
	var ids []string
	for _, entry := range ix.base.Entries {
		if appliesToTarget(entry, target) {
			ids = append(ids, entry.ID)
		}
	}
	return ids
}

func appliesToTarget(entry *Entry, target string) bool {
	if len(entry.Applies.Targets) == 0 {
		return true
	}
	for _, glob := range entry.Applies.Targets {
		if matched, _ := path.Match(glob, target); matched {
			return true
		}
	}
	return false
}
