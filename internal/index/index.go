// Package index is morgue's full-text and entity index, a bleve v2 (scorch)
// index derived entirely from the store. It is the only package that imports
// bleve. Articles and comments are separate documents; a comment's id is
// "<article id>#c<n>".
package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/morgue-archive/morgue/internal/news"
)

// Index is an open index.
type Index struct {
	bi       bleve.Index
	path     string
	readOnly bool
}

// Open opens the index at path, creating it when writable and absent.
// Returns news.ErrNoArchive when a read-only open finds none and
// news.ErrLocked when another process holds it.
func Open(path string, readOnly bool) (*Index, error) {
	cfg := map[string]any{"bolt_timeout": "1s"}
	if readOnly {
		cfg["read_only"] = true
	}
	bi, err := bleve.OpenUsing(path, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) {
		if readOnly {
			return nil, fmt.Errorf("index %s: %w", path, news.ErrNoArchive)
		}
		bi, err = bleve.NewUsing(path, NewMapping(), scorch.Name, scorch.Name, nil)
	}
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("index %s: %w", path, news.ErrLocked)
		}
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	return &Index{bi: bi, path: path, readOnly: readOnly}, nil
}

// Close closes the index, waiting for its files to be written.
func (ix *Index) Close() error { return ix.bi.Close() }

// Remove deletes an index directory (to rebuild it).
func Remove(path string) error { return os.RemoveAll(path) }

// Size returns the bytes the index takes on disk.
func (ix *Index) Size() int64 { return dirSize(ix.path) }

func dirSize(path string) int64 {
	var n int64
	entries, err := os.ReadDir(path)
	if err != nil {
		return 0
	}
	for _, e := range entries {
		if e.IsDir() {
			n += dirSize(path + "/" + e.Name())
			continue
		}
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// DocCount returns the number of documents (articles plus comments).
func (ix *Index) DocCount() (uint64, error) { return ix.bi.DocCount() }

// Terms are what is indexed for one document's entities, by type: the name
// keys that entity queries match, and the canonical names that facets count.
type Terms struct {
	Keys  map[news.EntityType][]string
	Names map[news.EntityType][]string
}

// Batch collects changes to apply at once.
type Batch struct {
	b *bleve.Batch
}

// NewBatch starts a batch.
func (ix *Index) NewBatch() *Batch { return &Batch{b: ix.bi.NewBatch()} }

// Size returns the number of operations in the batch.
func (b *Batch) Size() int { return b.b.Size() }

// AddArticle indexes an article and its comments; terms holds the entity
// keys of the article (index 0) and of each comment (index i+1).
// staleComments is how many comment documents the article may have had
// before: those past the current count are deleted.
func (b *Batch) AddArticle(a *news.Article, terms []Terms, staleComments int) error {
	text := a.Title
	if len(a.Captions) > 0 {
		text += "\n" + strings.Join(a.Captions, "\n")
	}
	text += "\n" + a.Body
	d := doc(news.KindArticle, a.Title, text, a.Source, a.Authors, a.Published, termsAt(terms, 0))
	if err := b.b.Index(a.ID, d); err != nil {
		return fmt.Errorf("index %s: %w", a.ID, err)
	}
	for i := range a.Comments {
		c := &a.Comments[i]
		var authors []string
		if c.Author != "" {
			authors = []string{c.Author}
		}
		d := doc(news.KindComment, a.Title, c.Body, a.Source, authors, c.Published, termsAt(terms, i+1))
		if err := b.b.Index(news.CommentID(a.ID, c.Number), d); err != nil {
			return fmt.Errorf("index %s: %w", c.ID, err)
		}
	}
	for n := len(a.Comments) + 1; n <= staleComments; n++ {
		b.b.Delete(news.CommentID(a.ID, n))
	}
	return nil
}

// DeleteArticle drops an article and up to comments comment documents.
func (b *Batch) DeleteArticle(id string, comments int) {
	b.b.Delete(id)
	for n := 1; n <= comments; n++ {
		b.b.Delete(news.CommentID(id, n))
	}
}

func termsAt(t []Terms, i int) Terms {
	if i < len(t) {
		return t[i]
	}
	return Terms{}
}

func doc(kind news.Kind, title, text, source string, authors []string, published time.Time, t Terms) map[string]any {
	d := map[string]any{fieldKind: string(kind), fieldTitle: title, fieldText: text}
	if source != "" {
		d[fieldSource] = source
	}
	if len(authors) > 0 {
		d[fieldAuthor] = authors
	}
	if !published.IsZero() {
		d[fieldPublished] = published
	}
	for typ, keys := range t.Keys {
		if len(keys) > 0 {
			d[entityField(typ)] = keys
		}
	}
	for typ, names := range t.Names {
		if f := facetField(typ); f != "" && len(names) > 0 {
			d[f] = names
		}
	}
	return d
}

// Apply commits a batch; when it returns, the changes are on disk.
func (ix *Index) Apply(b *Batch) error {
	if b.b.Size() == 0 {
		return nil
	}
	if err := ix.bi.Batch(b.b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	b.b.Reset()
	return nil
}

// idPage is how many ids ForEachID hands over at a time.
const idPage = 1000

// ForEachID calls fn with the ids of the documents matching q, a page of up
// to idPage at a time, in index order. It walks the matches once, without
// scoring or sorting them, so its memory does not grow with their number.
func (ix *Index) ForEachID(ctx context.Context, q query.Query, fn func(ids []string) error) error {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("index reader: %w", err)
	}
	defer r.Close()
	s, err := q.Searcher(ctx, r, ix.bi.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	ids := make([]string, 0, idPage)
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		if dm == nil {
			break
		}
		id, err := r.ExternalID(dm.IndexInternalID)
		sctx.DocumentMatchPool.Put(dm)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		ids = append(ids, id)
		if len(ids) == idPage {
			if err := fn(ids); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			ids = make([]string, 0, idPage)
		}
	}
	if len(ids) > 0 {
		return fn(ids)
	}
	return nil
}

// AllIDs calls fn with every document id in the index, in pages.
func (ix *Index) AllIDs(ctx context.Context, fn func(ids []string) error) error {
	return ix.ForEachID(ctx, bleve.NewMatchAllQuery(), fn)
}

func entityField(typ news.EntityType) string {
	switch typ {
	case news.Person:
		return fieldPerson
	case news.Org:
		return fieldOrg
	case news.Place:
		return fieldPlace
	}
	return fieldMisc
}

func facetField(typ news.EntityType) string {
	switch typ {
	case news.Person:
		return facetPerson
	case news.Org:
		return facetOrg
	case news.Place:
		return facetPlace
	}
	return ""
}
