package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Articles are keyed by content hashes, so a bulk ingest inserts at random
// places in the B+tree and leaves its pages about two thirds full. Compact
// rewrites the file in key order with full pages (bbolt's own Compact) and
// swaps it in with a rename, which a crash cannot leave half done: before
// the rename the old file is whole, after it the new one is (it was synced
// first). A process that waited for the lock on the old file notices the
// swap when it gets it and opens the new one (see Open).

// compactSuffix names the copy being written; a stale one is removed when a
// writer opens the store.
const compactSuffix = ".compact"

// Compact rewrites a writable store into a new file without the free space
// that random inserts leave in its pages, and carries on with the new file.
// It returns the file's size before and after. Needs as much free disk as
// the store's live data; on failure the store is left as it was.
func (s *Store) Compact() (before, after int64, err error) {
	if s.db.IsReadOnly() {
		return 0, 0, errors.New("compact: store is read-only")
	}
	before = s.Size()
	tmp := s.path + compactSuffix
	os.Remove(tmp)
	// The new file stays open (and locked) from here on, so that it is ours
	// the moment the rename puts it in place.
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{NoSync: true, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return before, before, fmt.Errorf("compact %s: %w", s.path, err)
	}
	err = bolt.Compact(dst, s.db, 16<<20)
	if err == nil {
		// Write the freelist and sync: the next writer opens the file
		// without scanning its pages.
		dst.NoSync, dst.NoFreelistSync = false, false
		err = dst.Update(func(*bolt.Tx) error { return nil })
	}
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		dst.Close()
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.path, err)
	}
	syncDir(filepath.Dir(s.path))
	old := s.db
	s.db = dst
	old.Close()
	return before, s.Size(), nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
