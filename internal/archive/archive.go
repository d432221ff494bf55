// Package archive holds morgue's use cases — ingest, search, export, show,
// check, reindex, delete — and is the one place that composes the
// extractors, the entity tagger, the store and the index. It keeps store and
// index consistent: every change goes to the store first, marked pending, then
// to the index; whatever is still pending when an archive is opened (after a
// crash) is indexed again before anything else happens.
package archive

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/index"
	"github.com/morgue-archive/morgue/internal/news"
	"github.com/morgue-archive/morgue/internal/store"
)

// File and directory names inside an archive directory.
const (
	storeFile = "morgue.db"
	indexDir  = "index"
)

// Archive is an open archive.
type Archive struct {
	dir      string
	st       *store.Store
	ix       *index.Index
	readOnly bool

	regOnce    sync.Once
	reg        *entity.Registry
	regErr     error
	regRelease func() // set while the registry is read in place

	// Notice receives notes for the user (repairs, rebuilds); nil drops them.
	Notice func(format string, args ...any)
}

// Open opens the archive in dir. A writable archive is created when absent
// and locks out other writers; read-only archives share. Anything a crash
// left half-done (articles stored but not indexed, a missing or unreadable
// index) is repaired first, which needs a moment of write access even for a
// read-only open. Returns news.ErrNoArchive for a read-only open of a
// directory without an archive and news.ErrLocked when another process is
// writing.
func Open(ctx context.Context, dir string, readOnly bool, notice func(string, ...any)) (*Archive, error) {
	if notice == nil {
		notice = func(string, ...any) {}
	}
	if !readOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create archive: %w", err)
		}
	}
	st, err := store.Open(filepath.Join(dir, storeFile), readOnly)
	if errors.Is(err, news.ErrNoArchive) {
		return nil, fmt.Errorf("no archive in %s (run morgue ingest first, or set --archive): %w", dir, news.ErrNoArchive)
	}
	if err != nil {
		return nil, err
	}
	a := &Archive{dir: dir, st: st, readOnly: readOnly, Notice: notice}
	if readOnly {
		pending, err := st.HasPending()
		if err != nil {
			st.Close()
			return nil, err
		}
		ix, ierr := index.Open(filepath.Join(dir, indexDir), true)
		if !pending && ierr == nil {
			a.ix = ix
			return a, nil
		}
		if ierr == nil {
			ix.Close()
		}
		// Repair with write access, then reopen for reading.
		st.Close()
		w, err := Open(ctx, dir, false, notice)
		if err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		return Open(ctx, dir, true, notice)
	}
	if err := a.openIndexForWrite(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := a.repair(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *Archive) openIndexForWrite(ctx context.Context) error {
	path := filepath.Join(a.dir, indexDir)
	_, statErr := os.Stat(path)
	ix, err := index.Open(path, false)
	if errors.Is(err, news.ErrLocked) {
		return err
	}
	if err != nil {
		a.Notice("index unreadable (%v): rebuilding it from the store", err)
		if err := index.Remove(path); err != nil {
			return fmt.Errorf("remove broken index: %w", err)
		}
		if ix, err = index.Open(path, false); err != nil {
			return err
		}
	}
	a.ix = ix
	if statErr != nil {
		// A new index beside an existing store: index everything.
		c, err := a.st.Counts()
		if err != nil {
			return err
		}
		if c.Articles > 0 {
			a.Notice("index missing: rebuilding it from the store (%d articles)", c.Articles)
			_, err := a.reindexAll(ctx, news.NoProgress)
			return err
		}
	}
	return nil
}

// repair indexes (or drops from the index) whatever the store marked pending.
func (a *Archive) repair(ctx context.Context) error {
	pending, err := a.st.Pending()
	if err != nil || len(pending) == 0 {
		return err
	}
	a.Notice("repairing the index: %d articles stored but not yet indexed", len(pending))
	ids := make([]string, 0, len(pending))
	for id := range pending {
		ids = append(ids, id)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		docs, err := a.st.Docs(chunk, true)
		if err != nil {
			return err
		}
		b := a.ix.NewBatch()
		for i, id := range chunk {
			if art := docs[i].Article; art != nil {
				if err := a.register(art); err != nil {
					return err
				}
				if err := b.AddArticle(art, indexTerms(art), pending[id]); err != nil {
					return err
				}
			} else {
				b.DeleteArticle(id, pending[id])
			}
		}
		if err := a.ix.Apply(b); err != nil {
			return err
		}
		if err := a.st.ClearPending(chunk); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return a.saveRegistry()
}

// Close closes the archive. Closing it again does nothing.
func (a *Archive) Close() error {
	if a.st == nil {
		return nil
	}
	a.releaseRegistry()
	var err error
	if a.ix != nil {
		err = a.ix.Close()
		a.ix = nil
	}
	if e := a.st.Close(); err == nil {
		err = e
	}
	a.st = nil
	return err
}

// Dir returns the archive directory.
func (a *Archive) Dir() string { return a.dir }
