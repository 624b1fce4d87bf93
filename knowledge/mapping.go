package knowledge

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

const logTextAnalyzer = "cxlog-log-text"

// Index field names.
const (
	fieldID       = "id"
	fieldTitle    = "title"
	fieldSymptoms = "symptoms"
	fieldCause    = "cause"
	fieldFix      = "fix"
	fieldBody     = "body"
	fieldClass    = "class"
	fieldTargets  = "targets"
)

// textFields are the searched fields and how much a match in each counts.
var textFields = []struct {
	name  string
	boost float64
}{
	{fieldSymptoms, 3},
	{fieldTitle, 2},
	{fieldCause, 1},
	{fieldBody, 1},
	{fieldFix, 0.5},
}

// indexDocument is what the index stores for an entry.
type indexDocument struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Symptoms string   `json:"symptoms"`
	Cause    string   `json:"cause"`
	Fix      string   `json:"fix"`
	Body     string   `json:"body"`
	Class    string   `json:"class"`
	Targets  []string `json:"targets"`
}

// newIndexDocument puts the example lines into the symptoms field: they are real log lines, the
// kind of text users search with.
func newIndexDocument(entry *Entry) indexDocument {
	var symptoms []string
	for _, symptom := range entry.Symptoms {
		symptoms = append(symptoms, symptom.Text+symptom.Regex)
	}
	symptoms = append(symptoms, entry.Examples.Match...)
	return indexDocument{
		ID:       entry.ID,
		Title:    entry.Title,
		Symptoms: strings.Join(symptoms, "\n"),
		Cause:    entry.Cause,
		Fix:      entry.Fix,
		Body:     entry.Body,
		Class:    string(entry.Class),
		Targets:  entry.Applies.Targets,
	}
}

func newIndexMapping() (mapping.IndexMapping, error) {
	indexMapping := mapping.NewIndexMapping()
	err := indexMapping.AddCustomAnalyzer(logTextAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{normalizeCharFilterName},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, en.StopName},
	})
	if err != nil {
		return nil, err
	}
	document := mapping.NewDocumentStaticMapping()
	for _, field := range textFields {
		text := mapping.NewTextFieldMapping()
		text.Analyzer = logTextAnalyzer
		text.IncludeTermVectors = true
		text.IncludeInAll = false
		document.AddFieldMappingsAt(field.name, text)
	}
	for _, field := range []string{fieldID, fieldClass, fieldTargets} {
		keywordField := mapping.NewKeywordFieldMapping()
		keywordField.Analyzer = keyword.Name
		keywordField.IncludeInAll = false
		document.AddFieldMappingsAt(field, keywordField)
	}
	indexMapping.DefaultMapping = document
	indexMapping.DefaultAnalyzer = logTextAnalyzer
	return indexMapping, nil
}
