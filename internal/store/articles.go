package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/morgue-archive/morgue/internal/news"
)

// Outcome says what a Put did.
type Outcome int

// Result is what Write did with one Put.
type Result struct {
	Outcome     Outcome
	OldComments int // how many comments the article had before an update
}

// Outcomes of a Put.
const (
	Added Outcome = iota
	Updated
	Unchanged
)

// Put is one article (with its comments, ids assigned) to write.
type Put struct {
	Article *news.Article
	Hash    string // content hash: an equal hash means nothing changed
	Raw     []byte // input bytes; kept once per Article.Origin.SHA256
}

// Source is what was ingested from one input file.
type Source struct {
	Path   string   `json:"path"`
	Size   int64    `json:"size"`
	MTime  int64    `json:"mtime"` // unix nanoseconds
	SHA256 string   `json:"sha256"`
	IDs    []string `json:"ids"`
}

// Write stores articles and source records in one transaction and marks
// every changed article as pending for the index. In the same transaction it
// clears the pending marks of indexed, ids whose index entries are now up to
// date (saving a transaction per batch). It returns one Result per put.
func (s *Store) Write(puts []Put, sources []Source, indexed []string) ([]Result, error) {
	out := make([]Result, len(puts))
	var trained *codec
	err := s.db.Update(func(tx *bolt.Tx) error {
		cd, err := s.codecIn(tx)
		if err != nil {
			return err
		}
		if cd.dict == nil {
			if d := trainDict(puts); d != nil {
				if cd, err = newCodec(d); err != nil {
					return err
				}
				if err := tx.Bucket(bucketMeta).Put(dictKey, d); err != nil {
					return err
				}
				trained = cd
			}
		}
		arts, coms, raws := tx.Bucket(bucketArticles), tx.Bucket(bucketComments), tx.Bucket(bucketRaw)
		pend := tx.Bucket(bucketPending)
		for _, id := range indexed {
			if err := pend.Delete([]byte(id)); err != nil {
				return err
			}
		}
		for i, p := range puts {
			a := p.Article
			key := []byte(a.ID)
			oldComments := 0
			if v := arts.Get(key); v != nil {
				var old record
				if err := cd.unpack(v, &old); err != nil {
					return fmt.Errorf("article %s: %w", a.ID, err)
				}
				if old.Hash == p.Hash {
					out[i].Outcome = Unchanged
					continue
				}
				oldComments = old.NumCom
				out[i] = Result{Outcome: Updated, OldComments: old.NumCom}
				if err := deletePrefix(coms, commentPrefix(a.ID)); err != nil {
					return err
				}
			}
			js, err := articleJSON(p)
			if err != nil {
				return err
			}
			comments := a.Comments
			if err := arts.Put(key, cd.compress(js)); err != nil {
				return err
			}
			for j := range comments {
				c := &comments[j]
				cv, err := packComment(cd, c)
				if err != nil {
					return err
				}
				if err := coms.Put(commentKey(a.ID, c.Number), cv); err != nil {
					return err
				}
			}
			if sum := a.Origin.SHA256; sum != "" && p.Raw != nil && raws.Get([]byte(sum)) == nil {
				if err := raws.Put([]byte(sum), cd.compress(p.Raw)); err != nil {
					return err
				}
			}
			if err := markPending(pend, a.ID, max(oldComments, len(comments))); err != nil {
				return err
			}
		}
		return putSources(tx, sources)
	})
	if err != nil {
		return nil, fmt.Errorf("write %d articles: %w", len(puts), err)
	}
	if trained != nil {
		s.codec.Store(trained)
	}
	return out, nil
}

func putSources(tx *bolt.Tx, sources []Source) error {
	b := tx.Bucket(bucketSources)
	for _, src := range sources {
		if err := b.Put([]byte(src.Path), encodeSource(src)); err != nil {
			return err
		}
	}
	return nil
}

// markPending records that id's index entries (the article and up to
// comments comment documents) must be brought up to date.
func markPending(b *bolt.Bucket, id string, comments int) error {
	if v := b.Get([]byte(id)); len(v) == 4 {
		comments = max(comments, int(binary.BigEndian.Uint32(v)))
	}
	return b.Put([]byte(id), binary.BigEndian.AppendUint32(nil, uint32(comments)))
}

func deletePrefix(b *bolt.Bucket, prefix []byte) error {
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// Source returns what was last ingested from path.
func (s *Store) Source(path string) (Source, bool, error) {
	var src Source
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSources).Get([]byte(path))
		if v == nil {
			return nil
		}
		ok = true
		var err error
		if src, err = decodeSource(path, v); err != nil {
			return fmt.Errorf("source record of %s: %w", path, err)
		}
		return nil
	})
	return src, ok, err
}

// Article returns the article with id and its comments. Returns an error
// wrapping news.ErrNotFound when there is none.
func (s *Store) Article(id string) (*news.Article, error) {
	var a *news.Article
	err := s.view(func(tx *bolt.Tx, cd *codec) error {
		var err error
		a, err = getArticle(cd, tx, id, true)
		return err
	})
	return a, err
}

// ArticleOnly returns the article with id without its comments.
func (s *Store) ArticleOnly(id string) (*news.Article, error) {
	var a *news.Article
	err := s.view(func(tx *bolt.Tx, cd *codec) error {
		var err error
		a, err = getArticle(cd, tx, id, false)
		return err
	})
	return a, err
}

func getArticle(cd *codec, tx *bolt.Tx, id string, withComments bool) (*news.Article, error) {
	v := tx.Bucket(bucketArticles).Get([]byte(id))
	if v == nil {
		return nil, fmt.Errorf("article %s: %w", id, news.ErrNotFound)
	}
	var r record
	if err := cd.unpack(v, &r); err != nil {
		return nil, fmt.Errorf("article %s: %w", id, err)
	}
	r.expand()
	if withComments {
		c := tx.Bucket(bucketComments).Cursor()
		p := commentPrefix(id)
		for k, v := c.Seek(p); k != nil && hasPrefix(k, p); k, v = c.Next() {
			cm, err := unpackComment(cd, v)
			if err != nil {
				return nil, fmt.Errorf("comment %x: %w", k, err)
			}
			r.Article.Comments = append(r.Article.Comments, *cm)
		}
	}
	return r.Article, nil
}

// Comment returns one comment. Returns an error wrapping news.ErrNotFound
// when there is none.
func (s *Store) Comment(articleID string, n int) (*news.Comment, error) {
	var cm *news.Comment
	err := s.view(func(tx *bolt.Tx, cd *codec) error {
		v := tx.Bucket(bucketComments).Get(commentKey(articleID, n))
		if v == nil {
			return fmt.Errorf("comment %s: %w", news.CommentID(articleID, n), news.ErrNotFound)
		}
		var err error
		cm, err = unpackComment(cd, v)
		return err
	})
	return cm, err
}

// Doc is either an article (without comments) or a comment with the title
// of its article, as loaded for a search hit or an export record.
type Doc struct {
	Article *news.Article
	Comment *news.Comment
}

// Docs loads the documents with the given ids (article ids or comment ids
// "<article>#c<n>") in one transaction; missing ones are nil. withComments
// loads each article's comments too.
func (s *Store) Docs(ids []string, withComments bool) ([]Doc, error) {
	out := make([]Doc, len(ids))
	err := s.view(func(tx *bolt.Tx, cd *codec) error {
		arts := map[string]*news.Article{}
		for i, id := range ids {
			aid, n := news.SplitID(id)
			a, ok := arts[aid]
			if !ok {
				var err error
				a, err = getArticle(cd, tx, aid, withComments && n == 0)
				if err != nil && !isNotFound(err) {
					return err
				}
				arts[aid] = a
			}
			if a == nil {
				continue
			}
			if n == 0 {
				out[i].Article = a
				continue
			}
			v := tx.Bucket(bucketComments).Get(commentKey(aid, n))
			if v == nil {
				continue
			}
			cm, err := unpackComment(cd, v)
			if err != nil {
				return fmt.Errorf("comment %s: %w", id, err)
			}
			out[i].Article, out[i].Comment = a, cm
		}
		return nil
	})
	return out, err
}

// ForEach calls fn for every article, with its comments, in id order.
// fn's error stops the walk and is returned.
func (s *Store) ForEach(fn func(*news.Article) error) error {
	return s.view(func(tx *bolt.Tx, cd *codec) error {
		c := tx.Bucket(bucketArticles).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			a, err := getArticle(cd, tx, string(k), true)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	})
}

// Delete removes articles (and their comments) and marks them pending so
// the index drops them too. Missing ids are reported with news.ErrNotFound
// after the others are deleted.
func (s *Store) Delete(ids []string) (deleted []string, err error) {
	var missing []string
	err = s.update(func(tx *bolt.Tx, cd *codec) error {
		arts, coms, pend := tx.Bucket(bucketArticles), tx.Bucket(bucketComments), tx.Bucket(bucketPending)
		for _, id := range ids {
			v := arts.Get([]byte(id))
			if v == nil {
				missing = append(missing, id)
				continue
			}
			var r record
			if err := cd.unpack(v, &r); err != nil {
				return fmt.Errorf("article %s: %w", id, err)
			}
			if err := arts.Delete([]byte(id)); err != nil {
				return err
			}
			if err := deletePrefix(coms, commentPrefix(id)); err != nil {
				return err
			}
			if err := markPending(pend, id, r.NumCom); err != nil {
				return err
			}
			deleted = append(deleted, id)
		}
		return nil
	})
	if err == nil && len(missing) > 0 {
		err = fmt.Errorf("%d of %d not found (%s): %w", len(missing), len(ids), missing[0], news.ErrNotFound)
	}
	return deleted, err
}

// Pending returns the ids whose index entries may be stale, each with the
// number of comment documents to refresh or drop.
func (s *Store) Pending() (map[string]int, error) {
	out := map[string]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			out[string(k)] = int(binary.BigEndian.Uint32(v))
			return nil
		})
	})
	return out, err
}

// HasPending reports whether any index entries may be stale.
func (s *Store) HasPending() (bool, error) {
	var has bool
	err := s.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketPending).Cursor().First()
		has = k != nil
		return nil
	})
	return has, err
}

// ClearPending forgets pending marks once the index is up to date.
func (s *Store) ClearPending(ids []string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		for _, id := range ids {
			if err := b.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Raw returns the stored input bytes with the given sha256.
func (s *Store) Raw(sum string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRaw).Get([]byte(sum))
		if v == nil {
			return fmt.Errorf("raw %s: %w", sum, news.ErrNotFound)
		}
		var err error
		cd, err := s.codecIn(tx)
		if err != nil {
			return err
		}
		out, err = cd.dec.DecodeAll(v, nil)
		return err
	})
	return out, err
}

// Counts are the number of things in the store.
type Counts struct {
	Articles, Comments, Sources, Raw, Pending int
}

// Counts returns how many articles, comments, sources and raw inputs the
// store holds.
func (s *Store) Counts() (Counts, error) {
	var c Counts
	err := s.db.View(func(tx *bolt.Tx) error {
		c.Articles = tx.Bucket(bucketArticles).Stats().KeyN
		c.Comments = tx.Bucket(bucketComments).Stats().KeyN
		c.Sources = tx.Bucket(bucketSources).Stats().KeyN
		c.Raw = tx.Bucket(bucketRaw).Stats().KeyN
		c.Pending = tx.Bucket(bucketPending).Stats().KeyN
		return nil
	})
	return c, err
}

// SetMeta stores a named blob (for derived state such as the entity registry).
// Blobs are kept uncompressed: the registry is read on every entity query,
// and decompressing it cost more than reading it.
func (s *Store) SetMeta(name string, v []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEntities).Put([]byte(name), v)
	})
}

// Meta returns a blob stored with SetMeta, or nil.
func (s *Store) Meta(name string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketEntities).Get([]byte(name))
		if v == nil {
			return nil
		}
		out = append([]byte(nil), v...)
		return nil
	})
	return out, err
}

func isNotFound(err error) bool { return err != nil && errorsIs(err, news.ErrNotFound) }

// IDs calls fn with every document id in the store (articles and their
// comments), in key order.
func (s *Store) IDs(fn func(id string) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error { return fn(string(k)) }); err != nil {
			return err
		}
		return tx.Bucket(bucketComments).ForEach(func(k, _ []byte) error {
			if len(k) < 5 || k[len(k)-5] != 0 {
				return fmt.Errorf("bad comment key %q", k)
			}
			return fn(news.CommentID(string(k[:len(k)-5]), int(binary.BigEndian.Uint32(k[len(k)-4:]))))
		})
	})
}

// SetEntities rewrites the stored entities of articles and their comments
// (after the tagger changed), leaving everything else as it is.
func (s *Store) SetEntities(arts []*news.Article) error {
	return s.update(func(tx *bolt.Tx, cd *codec) error {
		ab, cb := tx.Bucket(bucketArticles), tx.Bucket(bucketComments)
		for _, a := range arts {
			v := ab.Get([]byte(a.ID))
			if v == nil {
				continue // deleted meanwhile
			}
			var r record
			if err := cd.unpack(v, &r); err != nil {
				return fmt.Errorf("article %s: %w", a.ID, err)
			}
			r.Entities = compactEntities(a.Entities)
			nv, err := cd.pack(r)
			if err != nil {
				return err
			}
			if err := ab.Put([]byte(a.ID), nv); err != nil {
				return err
			}
			for i := range a.Comments {
				c := &a.Comments[i]
				k := commentKey(a.ID, c.Number)
				if cb.Get(k) == nil {
					continue
				}
				cv, err := packComment(cd, c)
				if err != nil {
					return err
				}
				if err := cb.Put(k, cv); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ArticleIDs returns the ids of every article, in order.
func (s *Store) ArticleIDs() ([]string, error) {
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	return ids, err
}

// ArticlesAfter returns up to n articles, with their comments, whose ids
// follow after in id order ("" starts at the first). Walking a large store
// this way reads it a slice at a time.
func (s *Store) ArticlesAfter(after string, n int) ([]*news.Article, error) {
	var out []*news.Article
	err := s.view(func(tx *bolt.Tx, cd *codec) error {
		c := tx.Bucket(bucketArticles).Cursor()
		k, _ := c.Seek([]byte(after))
		if k != nil && string(k) == after {
			k, _ = c.Next()
		}
		for ; k != nil && len(out) < n; k, _ = c.Next() {
			a, err := getArticle(cd, tx, string(k), true)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// PinMeta returns a blob stored with SetMeta without copying it: the bytes
// stay valid until release is called, and the store cannot be closed or
// remapped before that. Returns nil bytes when there is no such blob.
func (s *Store) PinMeta(name string) (v []byte, release func(), err error) {
	tx, err := s.db.Begin(false)
	if err != nil {
		return nil, nil, err
	}
	v = tx.Bucket(bucketEntities).Get([]byte(name))
	return v, func() { tx.Rollback() }, nil
}
