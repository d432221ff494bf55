package archive

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/index"
	"github.com/morgue-archive/morgue/internal/news"
)

// Show returns the article with id and its comments. For a comment id it
// returns the comment's article and the comment's id as focus. Returns an
// error wrapping news.ErrNotFound when there is no such document.
func (a *Archive) Show(id string) (art *news.Article, focus string, err error) {
	aid, n := news.SplitID(id)
	art, err = a.st.Article(aid)
	if err != nil {
		return nil, "", err
	}
	if n > 0 {
		for _, c := range art.Comments {
			if c.Number == n {
				return art, c.ID, nil
			}
		}
		return nil, "", fmt.Errorf("comment %s: %w", id, news.ErrNotFound)
	}
	return art, "", nil
}

// Stats are the sizes of an archive.
type Stats struct {
	Articles   int   `json:"articles"`
	Comments   int   `json:"comments"`
	Sources    int   `json:"sources"`
	Entities   int   `json:"entities"`
	StoreBytes int64 `json:"store_bytes"`
	IndexBytes int64 `json:"index_bytes"`
}

// Stats counts what the archive holds.
func (a *Archive) Stats() (Stats, error) {
	c, err := a.st.Counts()
	if err != nil {
		return Stats{}, err
	}
	s := Stats{Articles: c.Articles, Comments: c.Comments, Sources: c.Sources,
		StoreBytes: a.st.Size(), IndexBytes: a.ix.Size()}
	s.Entities, err = a.entityCount()
	return s, err
}

// CheckReport lists the differences between store and index.
type CheckReport struct {
	StoreDocs      int      `json:"store_docs"`
	IndexDocs      int      `json:"index_docs"`
	MissingInIndex []string `json:"missing_in_index,omitempty"` // stored, not indexed
	ExtraInIndex   []string `json:"extra_in_index,omitempty"`   // indexed, not stored
	Pending        int      `json:"pending"`
}

// OK reports whether store and index agree.
func (r CheckReport) OK() bool {
	return len(r.MissingInIndex) == 0 && len(r.ExtraInIndex) == 0 && r.Pending == 0
}

// Check compares the documents in the store with those in the index.
func (a *Archive) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	stored := map[string]bool{}
	if err := a.st.IDs(func(id string) error { stored[id] = true; return nil }); err != nil {
		return r, fmt.Errorf("read store: %w", err)
	}
	r.StoreDocs = len(stored)
	err := a.ix.AllIDs(ctx, func(ids []string) error {
		for _, id := range ids {
			r.IndexDocs++
			if stored[id] {
				delete(stored, id)
			} else {
				r.ExtraInIndex = append(r.ExtraInIndex, id)
			}
		}
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("read index: %w", err)
	}
	for id := range stored {
		r.MissingInIndex = append(r.MissingInIndex, id)
	}
	sort.Strings(r.MissingInIndex)
	c, err := a.st.Counts()
	r.Pending = c.Pending
	return r, err
}

// Reindex rebuilds the index and the entity registry from the store and
// returns the number of articles indexed.
func (a *Archive) Reindex(ctx context.Context, p news.Progress) (int, error) {
	if a.readOnly {
		return 0, errors.New("reindex needs a writable archive")
	}
	path := filepath.Join(a.dir, indexDir)
	if err := a.ix.Close(); err != nil {
		return 0, err
	}
	a.ix = nil
	if err := index.Remove(path); err != nil {
		return 0, fmt.Errorf("remove index: %w", err)
	}
	ix, err := index.Open(path, false)
	if err != nil {
		return 0, err
	}
	a.ix = ix
	return a.reindexAll(ctx, p)
}

func (a *Archive) reindexAll(ctx context.Context, p news.Progress) (int, error) {
	c, err := a.st.Counts()
	if err != nil {
		return 0, err
	}
	p.SetTotal(int64(c.Articles))
	defer p.Done()
	n := 0
	b := a.ix.NewBatch()
	a.regOnce.Do(func() {}) // a fresh registry, rebuilt from the store
	a.reg, a.regErr = entity.NewRegistry(), nil
	err = a.st.ForEach(func(art *news.Article) error {
		if err := a.register(art); err != nil {
			return err
		}
		if err := b.AddArticle(art, indexTerms(art), 0); err != nil {
			return err
		}
		n++
		if b.Size() >= 2000 {
			if err := a.ix.Apply(b); err != nil {
				return err
			}
			p.Add(int64(n))
			n = 0
		}
		return ctx.Err()
	})
	if err == nil {
		err = a.ix.Apply(b)
		p.Add(int64(n))
	}
	if err == nil {
		err = a.saveRegistry()
	}
	if err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	pending, err := a.st.Pending()
	if err != nil {
		return 0, err
	}
	ids := make([]string, 0, len(pending))
	for id := range pending {
		ids = append(ids, id)
	}
	return c.Articles, a.st.ClearPending(ids)
}

// Delete removes articles (with their comments) from store and index.
// Returns an error wrapping news.ErrNotFound naming missing ids after
// deleting the others.
func (a *Archive) Delete(ctx context.Context, ids []string) (int, error) {
	for i, id := range ids {
		if aid, n := news.SplitID(id); n > 0 {
			return 0, fmt.Errorf("%s is a comment; delete its article %s", id, aid)
		}
		ids[i] = id
	}
	deleted, derr := a.st.Delete(ids)
	if err := a.repair(ctx); err != nil {
		return len(deleted), err
	}
	return len(deleted), derr
}

// Reannotate runs the entity tagger again over every stored article and
// its comments and stores what it finds; Reindex then brings the index and
// the registry up to date.
func (a *Archive) Reannotate(ctx context.Context, p news.Progress) error {
	ids, err := a.st.ArticleIDs()
	if err != nil {
		return err
	}
	p.SetTotal(int64(len(ids)))
	defer p.Done()
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		docs, err := a.st.Docs(chunk, true)
		if err != nil {
			return err
		}
		arts := make([]*news.Article, 0, len(docs))
		for _, d := range docs {
			if d.Article == nil {
				continue
			}
			if err := annotate(d.Article); err != nil {
				return err
			}
			arts = append(arts, d.Article)
		}
		if err := a.st.SetEntities(arts); err != nil {
			return fmt.Errorf("store entities: %w", err)
		}
		p.Add(int64(len(chunk)))
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
