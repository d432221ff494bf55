// Package store keeps morgue's source of truth in a single bbolt file:
// articles, comments, the raw input they came from (compressed, so a better
// extractor can re-parse it later), what was ingested from which file, and
// the ids whose index entries are not yet known to be up to date. It is the
// only package that imports bbolt.
package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/morgue-archive/morgue/internal/news"
)

// SchemaVersion is the layout version written to the meta bucket.
const SchemaVersion = 1

var (
	bucketMeta     = []byte("meta")
	bucketArticles = []byte("articles")
	bucketComments = []byte("comments")
	bucketRaw      = []byte("raw")
	bucketSources  = []byte("sources")
	bucketPending  = []byte("pending")
	bucketEntities = []byte("entities")
	allBuckets     = [][]byte{bucketMeta, bucketArticles, bucketComments, bucketRaw, bucketSources, bucketPending, bucketEntities}
)

// Store is an open archive store.
type Store struct {
	db    *bolt.DB
	path  string // db.Path() names the file the store was opened as, which Compact renames
	codec atomic.Pointer[codec]
}

// Open opens (creating when writable) the store at path. A read-only store
// shares the file with other readers. Returns news.ErrLocked when another
// process holds the file for writing (or, for a writer, for anything) for
// longer than a second, and news.ErrNoArchive when a read-only open finds no
// file.
func Open(path string, readOnly bool) (*Store, error) {
	if readOnly {
		if fi, err := os.Stat(path); errors.Is(err, os.ErrNotExist) || (err == nil && fi.Size() == 0) {
			return nil, fmt.Errorf("%s: %w", path, news.ErrNoArchive)
		}
	}
	db, err := openBolt(path, readOnly)
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", path, news.ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	s.codec.Store(plainCodec)
	if readOnly {
		return s, s.checkSchema()
	}
	os.Remove(path + compactSuffix) // left by a compaction that did not finish
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if meta.Get([]byte("schema")) == nil {
			return meta.Put([]byte("schema"), []byte(strconv.Itoa(SchemaVersion)))
		}
		return nil
	})
	if err == nil {
		err = s.checkSchema()
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// openBolt opens the bbolt file at path, waiting up to a second for the
// lock. A file that Compact replaced while this process waited for its lock
// is given up for the one now at path.
func openBolt(path string, readOnly bool) (*bolt.DB, error) {
	deadline := time.Now().Add(time.Second)
	for {
		before, _ := os.Stat(path)
		db, err := bolt.Open(path, 0o600, &bolt.Options{
			Timeout:      max(time.Until(deadline), 10*time.Millisecond),
			ReadOnly:     readOnly,
			FreelistType: bolt.FreelistMapType,
		})
		if err != nil {
			return nil, err
		}
		now, err := os.Stat(path)
		if err == nil && (before == nil || os.SameFile(before, now)) {
			return db, nil
		}
		db.Close()
		if time.Now().After(deadline) {
			return nil, berrors.ErrTimeout
		}
	}
}

func (s *Store) checkSchema() error {
	return s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%s: %w (no meta bucket)", s.path, news.ErrNoArchive)
		}
		v, _ := strconv.Atoi(string(meta.Get([]byte("schema"))))
		if v != SchemaVersion {
			return fmt.Errorf("store schema %d, this morgue reads %d", v, SchemaVersion)
		}
		return nil
	})
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the store's file name.
func (s *Store) Path() string { return s.path }

// Size returns the store file's size in bytes.
func (s *Store) Size() int64 {
	fi, err := os.Stat(s.path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// record is what the articles bucket holds for one article (comments live
// in their own bucket).
type record struct {
	Hash     string         `json:"hash"` // of the extracted content, to tell updates from re-ingests
	Article  *news.Article  `json:"article"`
	Entities []storedEntity `json:"ents,omitempty"` // the article's, compacted
	NumCom   int            `json:"ncomments"`
}

func (r *record) expand() { r.Article.Entities = expandEntities(r.Entities) }

// commentKey orders a thread's comments by number under the article id.
func commentKey(articleID string, n int) []byte {
	k := make([]byte, 0, len(articleID)+5)
	k = append(k, articleID...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint32(k, uint32(n))
}

func commentPrefix(articleID string) []byte { return append([]byte(articleID), 0) }

func hasPrefix(k, p []byte) bool { return bytes.HasPrefix(k, p) }

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// Remap closes and reopens a read-only store. Reading a whole large store
// maps every page of it into the process; long sequential reads (export)
// call this now and then so that the pages they are done with stop counting
// against the process's memory.
func (s *Store) Remap() error {
	path := s.path
	if !s.db.IsReadOnly() {
		return nil
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	ns, err := Open(path, true)
	if err != nil {
		return err
	}
	s.db = ns.db
	return nil
}
