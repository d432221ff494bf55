package store

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/news"
)

func TestCompact(t *testing.T) {
	path := filepath.Join(t.TempDir(), "morgue.db")
	s, err := Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	r := rand.New(rand.NewPCG(3, 4))
	var ids []string
	// Small batches at random keys, as an incremental ingest writes them.
	for b := range 20 {
		var puts []Put
		for range 50 {
			a := post(r, r.IntN(1_000_000))
			a.ID = a.ID + "-" + string(rune('a'+b))
			ids = append(ids, a.ID)
			puts = append(puts, Put{Article: a, Hash: a.ID})
		}
		if _, err := s.Write(puts, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	before, after, err := s.Compact()
	if err != nil {
		t.Fatal(err)
	}
	if after >= before || after != s.Size() {
		t.Errorf("Compact: %d bytes before, %d after, Size %d", before, after, s.Size())
	}
	t.Logf("%d bytes before, %d after", before, after)
	if _, err := os.Stat(path + compactSuffix); !os.IsNotExist(err) {
		t.Errorf("the copy is left behind: %v", err)
	}
	// The store goes on in the new file: reads, writes, and a second writer
	// that was waiting for the old file's lock ends up in the new one.
	if _, err := s.Write([]Put{{Article: &news.Article{ID: "after", Title: "written after"}, Hash: "x"}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan error, 1)
	go func() {
		w, err := Open(path, false)
		if err == nil {
			_, err = w.Write([]Put{{Article: &news.Article{ID: "waiter", Title: "second writer"}, Hash: "y"}}, nil, nil)
			w.Close()
		}
		waiting <- err
	}()
	time.Sleep(100 * time.Millisecond) // let it wait for the lock (either order must work)
	if _, _, err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := <-waiting; err != nil {
		t.Fatalf("second writer: %v", err)
	}
	s, err = Open(path, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range append(ids, "after", "waiter") {
		if _, err := s.ArticleOnly(id); err != nil {
			t.Errorf("after compaction: %v", err)
		}
	}
}

// A compaction killed before its rename leaves a partial copy beside the
// store; the next writer removes it and the store is as it was.
func TestCompactLeftover(t *testing.T) {
	path := filepath.Join(t.TempDir(), "morgue.db")
	s, err := Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write([]Put{{Article: &news.Article{ID: "a1", Title: "kept"}, Hash: "h"}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.WriteFile(path+compactSuffix, []byte("half a copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path + compactSuffix); !os.IsNotExist(err) {
		t.Errorf("leftover copy still there: %v", err)
	}
	if a, err := s.ArticleOnly("a1"); err != nil || a.Title != "kept" {
		t.Errorf("article after a failed compaction: %+v, %v", a, err)
	}
}
