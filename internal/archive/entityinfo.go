package archive

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/morgue-archive/morgue/internal/index"
	"github.com/morgue-archive/morgue/internal/news"
)

// EntityCount is an entity with the number of documents that mention it.
type EntityCount struct {
	Name      string          `json:"name"`
	Type      news.EntityType `json:"type"`
	Documents int             `json:"documents"`
}

// Entities returns the entities mentioned most in the documents matching
// qs ("" for all), top per type, of type typ ("" for all three of person,
// org and place), most mentioned first.
func (a *Archive) Entities(ctx context.Context, qs string, typ news.EntityType, top int) ([]EntityCount, error) {
	q, err := news.ParseQuery(qs)
	if err != nil {
		return nil, err
	}
	res, err := a.expander().search(ctx, q, index.Options{Facets: true, FacetSize: top})
	if err != nil {
		return nil, err
	}
	var out []EntityCount
	for _, f := range res.Facets {
		t := news.EntityType(f.Field)
		if t != news.Person && t != news.Org && t != news.Place || typ != "" && t != typ {
			continue
		}
		for _, term := range f.Terms {
			out = append(out, EntityCount{Name: term.Term, Type: t, Documents: term.Count})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Documents > out[j].Documents })
	if typ == "" && len(out) > top {
		out = out[:top]
	}
	return out, nil
}

// EntityReport is what the archive knows about one entity.
type EntityReport struct {
	Name        string          `json:"name"`
	Type        news.EntityType `json:"type"`
	Variants    []EntityVariant `json:"variants"`
	Documents   int             `json:"documents"`
	FirstSeen   *time.Time      `json:"first_seen,omitempty"`
	LastSeen    *time.Time      `json:"last_seen,omitempty"`
	CoOccurring []EntityCount   `json:"co_occurring"`
	Hits        []news.Hit      `json:"hits"`
}

// EntityVariant is one spelling of an entity and how often it was seen.
type EntityVariant struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Entity describes the entity called name (of type typ, or the type it is
// most often seen with when typ is ""): its canonical name, the spellings
// seen, the documents mentioning it, when it was first and last seen, and
// the entities mentioned beside it. Returns news.ErrNotFound when no
// document mentions it.
func (a *Archive) Entity(ctx context.Context, name string, typ news.EntityType, limit int) (*EntityReport, error) {
	reg, err := a.registry()
	if err != nil {
		return nil, err
	}
	vs := reg.Lookup(name, typ, false)
	if len(vs) == 0 {
		return nil, fmt.Errorf("entity %q: %w", name, news.ErrNotFound)
	}
	if typ == "" {
		byType := map[news.EntityType]int{}
		for _, v := range vs {
			byType[v.Type] += v.Count
		}
		for t, n := range byType {
			if typ == "" || n > byType[typ] || n == byType[typ] && t < typ {
				typ = t
			}
		}
	}
	r := &EntityReport{Type: typ}
	best := 0
	for _, v := range vs {
		if v.Type != typ {
			continue
		}
		r.Variants = append(r.Variants, EntityVariant{Name: v.Name, Count: v.Count})
		// The canonical name: the most seen full name.
		if n := v.Count * len(v.Name); n > best {
			best, r.Name = n, v.Name
		}
	}
	q := news.EntityTerm{Type: typ, Name: name}
	ex := a.expander()
	search := func(opt index.Options) (*index.Result, error) { return ex.search(ctx, q, opt) }
	res, err := search(index.Options{Limit: limit, Facets: true, FacetSize: 11})
	if err != nil {
		return nil, err
	}
	r.Documents = res.Total
	for _, f := range res.Facets {
		t := news.EntityType(f.Field)
		if t != news.Person && t != news.Org && t != news.Place {
			continue
		}
		named := false
		for _, term := range f.Terms {
			if t == typ && r.isVariant(term.Term) {
				// The canonical name: the one that most documents resolve to.
				if !named {
					r.Name, named = term.Term, true
				}
				continue
			}
			r.CoOccurring = append(r.CoOccurring, EntityCount{Name: term.Term, Type: t, Documents: term.Count})
		}
	}
	sort.SliceStable(r.CoOccurring, func(i, j int) bool { return r.CoOccurring[i].Documents > r.CoOccurring[j].Documents })
	if len(r.CoOccurring) > 10 {
		r.CoOccurring = r.CoOccurring[:10]
	}
	hits, err := a.hits(res, news.EntityTerm{Type: typ, Name: name}, ex)
	if err != nil {
		return nil, err
	}
	r.Hits = hits
	dated := index.Options{Limit: 1, Since: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, s := range []struct {
		sort string
		dst  **time.Time
	}{{"oldest", &r.FirstSeen}, {"newest", &r.LastSeen}} {
		dated.Sort = s.sort
		res, err := search(dated)
		if err != nil {
			return nil, err
		}
		if len(res.Hits) == 1 {
			hs, err := a.hits(res, q, ex)
			if err == nil && len(hs) == 1 && !hs[0].Published.IsZero() {
				t := hs[0].Published.UTC()
				*s.dst = &t
			}
		}
	}
	return r, nil
}

func (r *EntityReport) isVariant(name string) bool {
	for _, v := range r.Variants {
		if v.Name == name {
			return true
		}
	}
	return false
}
