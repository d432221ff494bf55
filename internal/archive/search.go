package archive

import (
	"context"
	"strings"
	"time"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/index"
	"github.com/morgue-archive/morgue/internal/news"
)

// SearchOptions shape a search.
type SearchOptions struct {
	Limit, Offset int
	Sort          string // relevance, newest, oldest
	Kind          news.Kind
	Since, Until  time.Time
	Facets        bool
}

func (o SearchOptions) index() index.Options {
	return index.Options{Limit: o.Limit, Offset: o.Offset, Sort: o.Sort, Kind: o.Kind, Since: o.Since, Until: o.Until, Facets: o.Facets}
}

// snippetWidth is the length of a hit's snippet in bytes.
const snippetWidth = 240

// Search runs a query (DESIGN.md syntax; "" or "*" matches everything) and
// returns one page of hits with snippets. A query that does not parse
// returns a *news.QueryError.
func (a *Archive) Search(ctx context.Context, qs string, opt SearchOptions) (*news.Results, error) {
	q, err := news.ParseQuery(qs)
	if err != nil {
		return nil, err
	}
	ex := a.expander()
	res, err := ex.search(ctx, q, opt.index())
	if err != nil {
		return nil, err
	}
	hits, err := a.hits(res, q, ex)
	if err != nil {
		return nil, err
	}
	out := &news.Results{Query: qs, Total: res.Total, Hits: hits}
	if opt.Facets {
		out.Facets = a.facets(res.Facets)
	}
	return out, nil
}

// highlightOf collects the words a query looks for (not those it excludes).
func highlightOf(q news.Query) index.Highlight {
	var h index.Highlight
	var walk func(news.Query)
	walk = func(q news.Query) {
		switch q := q.(type) {
		case news.And:
			for _, t := range q.Terms {
				walk(t)
			}
		case news.Or:
			for _, t := range q.Terms {
				walk(t)
			}
		case news.Term:
			if q.Field != "" && q.Field != news.FieldText && q.Field != news.FieldTitle {
				return
			}
			if q.Prefix {
				h.Prefixes = append(h.Prefixes, strings.ToLower(q.Text))
			} else {
				h.Words = append(h.Words, q.Text)
			}
		case news.Phrase:
			if q.Field == "" || q.Field == news.FieldText || q.Field == news.FieldTitle {
				h.Words = append(h.Words, q.Words...)
			}
		}
	}
	walk(q)
	return h
}

// ExportOptions shape an export.
type ExportOptions struct {
	SearchOptions
	WithComments bool
}

// Doc is one exported document: an article, or a comment with its article.
type Doc struct {
	Article *news.Article
	Comment *news.Comment
}

// Export calls fn for every document matching qs, in id order, loading a
// page of documents at a time so memory stays flat however many match.
func (a *Archive) Export(ctx context.Context, qs string, opt ExportOptions, fn func(Doc) error) error {
	q, err := news.ParseQuery(qs)
	if err != nil {
		return err
	}
	if _, all := q.(news.MatchAll); all {
		return a.exportAll(ctx, opt, fn)
	}
	loaded := 0
	return a.expander().forEachID(ctx, q, opt.index(), func(ids []string) error {
		for start := 0; start < len(ids); start += exportChunk {
			docs, err := a.st.Docs(ids[start:min(start+exportChunk, len(ids))], opt.WithComments)
			if err != nil {
				return err
			}
			for _, d := range docs {
				if d.Article == nil {
					continue
				}
				if err := fn(Doc{Article: d.Article, Comment: d.Comment}); err != nil {
					return err
				}
			}
			if err := a.remapEvery(&loaded, len(docs)); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
}

// exportChunk is how many documents an export loads from the store at once;
// remapDocs is how many it reads before letting go of the store pages read.
const (
	exportChunk = 500
	remapDocs   = 500
)

func (a *Archive) remapEvery(loaded *int, n int) error {
	*loaded += n
	if *loaded < remapDocs || !a.readOnly {
		return nil
	}
	*loaded = 0
	a.releaseRegistry()
	return a.st.Remap()
}

// exportAll walks the store rather than the index: every article, then its
// comments (unless they are inside the article's record), filtered by kind
// and date.
func (a *Archive) exportAll(ctx context.Context, opt ExportOptions, fn func(Doc) error) error {
	inRange := func(t time.Time) bool {
		if opt.Since.IsZero() && opt.Until.IsZero() {
			return true
		}
		return !t.IsZero() && (opt.Since.IsZero() || !t.Before(opt.Since)) && (opt.Until.IsZero() || t.Before(opt.Until))
	}
	loaded, after := 0, ""
	for {
		arts, err := a.st.ArticlesAfter(after, exportChunk)
		if err != nil {
			return err
		}
		if len(arts) == 0 {
			return nil
		}
		after = arts[len(arts)-1].ID
		for _, art := range arts {
			loaded += 1 + len(art.Comments)
			if opt.Kind != news.KindComment && inRange(art.Published) {
				if err := fn(Doc{Article: art}); err != nil {
					return err
				}
			}
			if opt.Kind == news.KindArticle || opt.WithComments && opt.Kind != news.KindComment {
				continue // comments are inside their article's record
			}
			for i := range art.Comments {
				if c := &art.Comments[i]; inRange(c.Published) {
					if err := fn(Doc{Article: art, Comment: c}); err != nil {
						return err
					}
				}
			}
		}
		if err := a.remapEvery(&loaded, 0); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// hits loads the documents of a page of index hits and cuts their snippets.
func (a *Archive) hits(res *index.Result, q news.Query, ex *expander) ([]news.Hit, error) {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	docs, err := a.st.Docs(ids, false)
	if err != nil {
		return nil, err
	}
	out := make([]news.Hit, 0, len(res.Hits))
	hl := highlightOf(q)
	for i, d := range docs {
		if d.Article == nil {
			continue // deleted since it was indexed: check/repair will drop it
		}
		h := news.Hit{ID: ids[i], ArticleID: d.Article.ID, Title: d.Article.Title, Source: d.Article.Source,
			URL: d.Article.URL, Score: res.Hits[i].Score}
		text, ents, base := d.Article.Body, d.Article.Entities, 0
		if c := d.Comment; c != nil {
			h.Kind, h.Published, h.Author = news.KindComment, c.Published, c.Author
			text, ents = c.Body, c.Entities
		} else {
			_, base = entity.ArticleText(d.Article)
			h.Kind, h.Published = news.KindArticle, d.Article.Published
			if len(d.Article.Authors) > 0 {
				h.Author = d.Article.Authors[0]
			}
		}
		dh := hl
		dh.Spans = ex.spans(ents, text, base)
		h.Snippet = index.Snippet(text, dh, snippetWidth)
		out = append(out, h)
	}
	return out, nil
}
