package archive

import (
	"strings"

	"github.com/morgue-archive/morgue/internal/index"
	"github.com/morgue-archive/morgue/internal/news"
)

// annotate finds the entities of an article and its comments.
func annotate(art *news.Article) {}

// indexTerms returns the entity keys to index for an article (index 0) and
// each of its comments.
func indexTerms(art *news.Article) []index.Terms {
	out := make([]index.Terms, 1+len(art.Comments))
	out[0] = termsOf(art.Entities)
	for i := range art.Comments {
		out[i+1] = termsOf(art.Comments[i].Entities)
	}
	return out
}

func termsOf(ents []news.Entity) index.Terms {
	if len(ents) == 0 {
		return nil
	}
	t := index.Terms{}
	for _, e := range ents {
		t[e.Type] = append(t[e.Type], strings.ToLower(e.Name))
	}
	return t
}

// expander turns entity clauses of a query into index terms and finds the
// mentions to highlight.
type expander struct {
	a    *Archive
	keys map[string]bool // expanded terms, for highlighting
}

func (a *Archive) expander() *expander { return &expander{a: a, keys: map[string]bool{}} }

func (e *expander) expand(typ news.EntityType, name string, exact bool) []string {
	k := strings.ToLower(name)
	e.keys[k] = true
	return []string{k}
}

// spans returns the mentions of matched entities in a document's text.
func (e *expander) spans(ents []news.Entity, text string) [][2]int {
	var out [][2]int
	for _, en := range ents {
		if !e.keys[strings.ToLower(en.Name)] {
			continue
		}
		for _, m := range en.Mentions {
			if m.End <= len(text) {
				out = append(out, [2]int{m.Start, m.End})
			}
		}
	}
	return out
}

func (a *Archive) facets(fs []index.Facet) map[string][]news.FacetValue {
	out := map[string][]news.FacetValue{}
	for _, f := range fs {
		for _, t := range f.Terms {
			out[f.Field] = append(out[f.Field], news.FacetValue{Name: t.Term, Count: t.Count})
		}
	}
	return out
}

func (a *Archive) entityCount() (int, error) { return 0, nil }
