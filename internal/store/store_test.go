package store_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/morgue-archive/morgue/internal/news"
	"github.com/morgue-archive/morgue/internal/store"
)

// mustOpen opens a store in a temporary directory and closes it when the
// test ends.
func mustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), "morgue.db"), false)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func article(id, body string, comments ...string) *news.Article {
	a := &news.Article{ID: id, Title: "Title " + id, Body: body, Origin: news.Origin{SHA256: "sum-" + id}}
	for i, c := range comments {
		a.Comments = append(a.Comments, news.Comment{ID: news.CommentID(id, i+1), ArticleID: id, Number: i + 1, Body: c})
	}
	return a
}

func TestWriteOutcomes(t *testing.T) {
	s := mustOpen(t)
	write := func(a *news.Article, hash string) store.Result {
		t.Helper()
		r, err := s.Write([]store.Put{{Article: a, Hash: hash, Raw: []byte("raw " + a.ID)}}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r[0]
	}
	tests := []struct {
		name    string
		article *news.Article
		hash    string
		want    store.Result
	}{
		{"new", article("a1", "body", "c1", "c2", "c3"), "h1", store.Result{Outcome: store.Added}},
		{"same hash", article("a1", "body", "c1", "c2", "c3"), "h1", store.Result{Outcome: store.Unchanged}},
		{"changed", article("a1", "new body", "c1"), "h2", store.Result{Outcome: store.Updated, OldComments: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := write(tt.article, tt.hash); got != tt.want {
				t.Errorf("Write = %+v, want %+v", got, tt.want)
			}
		})
	}
	// The update replaced the body and dropped the extra comments.
	a, err := s.Article("a1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != "new body" || len(a.Comments) != 1 {
		t.Errorf("after update: body %q, %d comments; want %q, 1", a.Body, len(a.Comments), "new body")
	}
	if _, err := s.Comment("a1", 2); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Comment(a1, 2) after update: %v, want ErrNotFound", err)
	}
	raw, err := s.Raw("sum-a1")
	if err != nil || string(raw) != "raw a1" {
		t.Errorf("Raw = %q, %v", raw, err)
	}
}

func TestPendingAndDelete(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Write([]store.Put{{Article: article("a1", "x", "c"), Hash: "1"}, {Article: article("a2", "y"), Hash: "2"}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	p, err := s.Pending()
	if err != nil || len(p) != 2 || p["a1"] != 1 {
		t.Fatalf("Pending = %v, %v; want a1:1 and a2:0", p, err)
	}
	// Clearing goes with the next write.
	if _, err := s.Write(nil, []store.Source{{Path: "/x"}}, []string{"a1", "a2"}); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(); len(p) != 0 {
		t.Fatalf("Pending after clear = %v", p)
	}
	deleted, err := s.Delete([]string{"a1", "nope"})
	if !errors.Is(err, news.ErrNotFound) || len(deleted) != 1 {
		t.Fatalf("Delete = %v, %v; want [a1] and ErrNotFound", deleted, err)
	}
	if p, _ := s.Pending(); p["a1"] != 1 {
		t.Errorf("a deleted article is pending with its comment count: %v", p)
	}
	var ids []string
	s.IDs(func(id string) error { ids = append(ids, id); return nil })
	if len(ids) != 1 || ids[0] != "a2" {
		t.Errorf("IDs after delete = %v, want [a2]", ids)
	}
}

func TestDocs(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Write([]store.Put{{Article: article("a1", "x", "first", "second"), Hash: "1"}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Docs([]string{"a1#c2", "a1", "zz", "a1#c9"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Comment == nil || docs[0].Comment.Body != "second" || docs[0].Article.ID != "a1" {
		t.Errorf("comment doc = %+v", docs[0])
	}
	if docs[1].Article == nil || docs[1].Comment != nil {
		t.Errorf("article doc = %+v", docs[1])
	}
	if docs[2].Article != nil || docs[3].Article != nil {
		t.Errorf("missing docs should be empty: %+v %+v", docs[2], docs[3])
	}
}

func TestLockedAndReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "morgue.db")
	if _, err := store.Open(path, true); !errors.Is(err, news.ErrNoArchive) {
		t.Fatalf("read-only open of nothing: %v, want ErrNoArchive", err)
	}
	w, err := store.Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(path, false); !errors.Is(err, news.ErrLocked) {
		t.Errorf("second writer: %v, want ErrLocked", err)
	}
	w.Close()
	r1, err := store.Open(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := store.Open(path, true)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	r2.Close()
}
