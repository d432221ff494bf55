package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Index field names.
const (
	fieldText      = "text" // title, captions and body of an article; body of a comment
	fieldTitle     = "title"
	fieldAuthor    = "author"
	fieldSource    = "source"
	fieldKind      = "kind"
	fieldPublished = "published"
	fieldPerson    = "person"
	fieldOrg       = "org"
	fieldPlace     = "place"
	fieldMisc      = "misc"

	// Facet fields hold the canonical names of a document's entities as
	// they are, for counting; queries use the key fields above.
	facetPerson = "person_name"
	facetOrg    = "org_name"
	facetPlace  = "place_name"
)

// lowerKeyword indexes a whole value as one lower-cased term: exact but
// case-insensitive matching for author and source.
const lowerKeyword = "lower_keyword"

// NewMapping returns the index mapping. Prose (text, title) uses the English
// analyzer with stemming and keeps term vectors, which phrase queries need;
// nothing is stored (snippets are cut from the store's copy of the text), and
// there is no _all field: unqualified words query "text". Entity fields hold
// name keys (see package entity) with the keyword analyzer, so no stop word
// is ever dropped from a name.
func NewMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = fieldText
	im.ScoringModel = bindex.BM25Scoring
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	if err := im.AddCustomAnalyzer(lowerKeyword, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		panic(err) // static configuration
	}

	prose := func(vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = vectors
		f.DocValues = false
		return f
	}
	kw := func(analyzer string, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = true // sort by date

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, prose(true))
	dm.AddFieldMappingsAt(fieldTitle, prose(true))
	dm.AddFieldMappingsAt(fieldAuthor, kw(lowerKeyword, false))
	dm.AddFieldMappingsAt(fieldSource, kw(lowerKeyword, true))
	dm.AddFieldMappingsAt(fieldKind, kw(keyword.Name, true))
	dm.AddFieldMappingsAt(fieldPublished, date)
	for _, f := range []string{fieldPerson, fieldOrg, fieldPlace, fieldMisc} {
		dm.AddFieldMappingsAt(f, kw(keyword.Name, false))
	}
	for _, f := range []string{facetPerson, facetOrg, facetPlace} {
		dm.AddFieldMappingsAt(f, kw(keyword.Name, true))
	}
	im.DefaultMapping = dm
	return im
}
