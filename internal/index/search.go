package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/morgue-archive/morgue/internal/news"
)

// Options shape a search.
type Options struct {
	Limit, Offset int
	Sort          string // "relevance" (default), "newest" or "oldest"
	Kind          news.Kind
	Since, Until  time.Time // published in [Since, Until); zero leaves an end open
	Facets        bool
	FacetSize     int // values per facet (default 10)
}

var facetFields = []string{facetPerson, facetOrg, facetPlace, fieldSource, fieldKind}

// Hit is one matching document id and its score.
type Hit struct {
	ID    string
	Score float64
}

// Facet is one facet's top values: entity keys for the entity facets.
type Facet struct {
	Field string
	Terms []FacetTerm
}

// FacetTerm is one facet value and its count.
type FacetTerm struct {
	Term  string
	Count int
}

// Result is one page of hits.
type Result struct {
	Total  int
	Hits   []Hit
	Facets []Facet
}

// Compile turns a parsed query, with the filters of opt, into the query the
// index runs. ex expands entity clauses into name keys.
func Compile(q news.Query, ex Expander, opt Options) (query.Query, error) {
	bq, err := bleveQuery(q, ex)
	if err != nil {
		return nil, err
	}
	var filters []query.Query
	if opt.Kind != "" {
		t := bleve.NewTermQuery(string(opt.Kind))
		t.SetField(fieldKind)
		filters = append(filters, t)
	}
	if !opt.Since.IsZero() || !opt.Until.IsZero() {
		r := bleve.NewDateRangeQuery(opt.Since, opt.Until)
		r.SetField(fieldPublished)
		filters = append(filters, r)
	}
	if len(filters) == 0 {
		return bq, nil
	}
	return bleve.NewConjunctionQuery(append([]query.Query{bq}, filters...)...), nil
}

// Search runs a compiled query.
func (ix *Index) Search(ctx context.Context, q query.Query, opt Options) (*Result, error) {
	req := bleve.NewSearchRequestOptions(q, opt.Limit, opt.Offset, false)
	switch opt.Sort {
	case "newest":
		req.SortBy([]string{"-" + fieldPublished, "-_score"})
	case "oldest":
		req.SortBy([]string{fieldPublished, "-_score"})
	}
	if opt.Facets {
		for _, f := range facetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, max(opt.FacetSize, 10)))
		}
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &Result{Total: int(res.Total), Hits: make([]Hit, len(res.Hits))}
	for i, h := range res.Hits {
		out.Hits[i] = Hit{ID: h.ID, Score: h.Score}
	}
	for _, f := range facetFields {
		fr, ok := res.Facets[f]
		if !ok || fr.Terms == nil {
			continue
		}
		facet := Facet{Field: strings.TrimSuffix(f, "_name")}
		for _, t := range fr.Terms.Terms() {
			facet.Terms = append(facet.Terms, FacetTerm{Term: t.Term, Count: t.Count})
		}
		out.Facets = append(out.Facets, facet)
	}
	return out, nil
}
