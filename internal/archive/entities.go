package archive

import (
	"context"
	"fmt"
	"sync"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/index"
	"github.com/morgue-archive/morgue/internal/news"
)

// registryMeta is the store's name for the entity registry: every entity
// name and spelling seen, for expanding queries to spelling variants. It is
// derived (reindex rebuilds it) and saved at the end of each ingest.
const registryMeta = "registry"

// annotate finds the entities of an article and its comments.
func annotate(art *news.Article) error {
	return entity.Annotate(art)
}

// Index terms of an entity: "k:" + Key of a name matches its spelling
// variants; "f:" + Fold matches one spelling (person:=Name).
func keyTerm(name string) string  { return "k:" + entity.Key(name) }
func foldTerm(name string) string { return "f:" + entity.Fold(name) }

// indexTerms returns the entity terms to index for an article (index 0)
// and each of its comments.
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
		return index.Terms{}
	}
	t := index.Terms{Keys: map[news.EntityType][]string{}, Names: map[news.EntityType][]string{}}
	for _, e := range ents {
		seen := map[string]bool{}
		for _, n := range entity.Spellings(e) {
			for _, term := range []string{keyTerm(n), foldTerm(n)} {
				if len(term) > 2 && !seen[term] {
					seen[term] = true
					t.Keys[e.Type] = append(t.Keys[e.Type], term)
				}
			}
		}
		t.Names[e.Type] = append(t.Names[e.Type], e.Name)
	}
	return t
}

// registry loads the entity registry once per open archive. A read-only
// archive reads it in place from the store's memory map (copying a large
// registry cost tens of milliseconds per query); see releaseRegistry.
func (a *Archive) registry() (*entity.Registry, error) {
	a.regOnce.Do(func() {
		a.reg = entity.NewRegistry()
		var err error
		if a.readOnly {
			var b []byte
			b, a.regRelease, err = a.st.PinMeta(registryMeta)
			if err == nil && b != nil {
				err = a.reg.UnmarshalBinaryShared(b)
			}
		} else {
			var b []byte
			b, err = a.st.Meta(registryMeta)
			if err == nil && b != nil {
				err = a.reg.UnmarshalBinary(b)
			}
		}
		if err != nil {
			a.regErr = fmt.Errorf("load entity registry: %w", err)
		}
	})
	return a.reg, a.regErr
}

// releaseRegistry lets go of a registry read in place, before the store is
// closed or remapped; the next use loads it again.
func (a *Archive) releaseRegistry() {
	if a.regRelease != nil {
		a.regRelease()
		a.regRelease = nil
		a.reg, a.regErr = nil, nil
		a.regOnce = sync.Once{}
	}
}

// register adds an article's entities to the registry.
func (a *Archive) register(art *news.Article) error {
	reg, err := a.registry()
	if err != nil {
		return err
	}
	add := func(ents []news.Entity) {
		for _, e := range ents {
			for _, n := range entity.Spellings(e) {
				reg.Add(n, e.Type)
			}
		}
	}
	add(art.Entities)
	for i := range art.Comments {
		add(art.Comments[i].Entities)
	}
	return nil
}

// saveRegistry writes the registry back to the store.
func (a *Archive) saveRegistry() error {
	if a.reg == nil {
		return nil
	}
	b, err := a.reg.MarshalBinary()
	if err != nil {
		return err
	}
	return a.st.SetMeta(registryMeta, b)
}

// expander turns entity clauses of a query into index terms and finds the
// mentions to highlight.
type expander struct {
	a     *Archive
	mu    sync.Mutex
	terms map[string]bool // every term expanded to, for highlighting
	err   error
}

func (a *Archive) expander() *expander { return &expander{a: a, terms: map[string]bool{}} }

// search compiles q, expanding its entity clauses, and runs it.
func (e *expander) search(ctx context.Context, q news.Query, opt index.Options) (*index.Result, error) {
	cq, err := index.Compile(q, e.expand, opt)
	if err == nil {
		err = e.err
	}
	if err != nil {
		return nil, err
	}
	return e.a.ix.Search(ctx, cq, opt)
}

// forEachID compiles q, expanding its entity clauses, and walks its matches.
func (e *expander) forEachID(ctx context.Context, q news.Query, opt index.Options, fn func(ids []string) error) error {
	cq, err := index.Compile(q, e.expand, opt)
	if err == nil {
		err = e.err
	}
	if err != nil {
		return err
	}
	return e.a.ix.ForEachID(ctx, cq, fn)
}

func (e *expander) expand(typ news.EntityType, name string, exact bool) []string {
	term := keyTerm
	if exact {
		term = foldTerm
	}
	out := []string{term(name)}
	reg, err := e.a.registry()
	if err != nil {
		e.err = err
	} else {
		for _, v := range reg.Variants(name, typ, exact) {
			out = append(out, term(v))
		}
	}
	e.mu.Lock()
	for _, t := range out {
		e.terms[t] = true
	}
	e.mu.Unlock()
	return out
}

// spans returns the mentions of matched entities, as offsets into text,
// where text starts at offset base of the text the mentions index.
func (e *expander) spans(ents []news.Entity, text string, base int) [][2]int {
	if len(e.terms) == 0 {
		return nil
	}
	var out [][2]int
	for _, en := range ents {
		all := false // a variant query matched the entity: mark every mention
		for _, n := range entity.Spellings(en) {
			if e.terms[keyTerm(n)] {
				all = true
				break
			}
		}
		for _, m := range en.Mentions {
			s, t := m.Start-base, m.End-base
			if s < 0 || t > len(text) || !(all || e.terms[foldTerm(m.Text)]) {
				continue
			}
			out = append(out, [2]int{s, t})
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

func (a *Archive) entityCount() (int, error) {
	reg, err := a.registry()
	if err != nil {
		return 0, err
	}
	return reg.Len(), nil
}
