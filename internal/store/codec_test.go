package store

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/morgue-archive/morgue/internal/news"
)

// post makes an article with a body and comments drawn from a small
// vocabulary, as alike and as unlike as posts from one site.
func post(r *rand.Rand, i int) *news.Article {
	words := strings.Fields("the minister said on Tuesday that talks with the union over pay and pensions " +
		"would resume next week after a strike closed schools across the region police officials " +
		"confirmed arrests in the capital following protests against the government budget")
	text := func(n int) string {
		var b strings.Builder
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	id := fmt.Sprintf("post%04d", i)
	a := &news.Article{ID: id, Title: text(8), Body: text(300), Source: "example.com",
		Origin: news.Origin{Path: "/scrape/" + id + ".txt", Format: "text", SHA256: "sum-" + id, Parser: "2"}}
	for n := 1; n <= 3; n++ {
		a.Comments = append(a.Comments, news.Comment{ID: news.CommentID(id, n), ArticleID: id, Number: n, Author: "reader", Body: text(40)})
	}
	return a
}

func TestDictionary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "morgue.db")
	s, err := Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var want []*news.Article
	write := func(from, to int) {
		t.Helper()
		var puts []Put
		for i := from; i < to; i++ {
			a := post(r, i)
			want = append(want, a)
			puts = append(puts, Put{Article: a, Hash: a.ID, Raw: []byte(a.Title + "\n\n" + a.Body)})
		}
		if _, err := s.Write(puts, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	hasDict := func() bool {
		var ok bool
		s.db.View(func(tx *bolt.Tx) error { ok = tx.Bucket(bucketMeta).Get(dictKey) != nil; return nil })
		return ok
	}
	write(0, 10)
	if hasDict() {
		t.Fatal("a batch of 10 posts trained a dictionary")
	}
	write(10, 10+minDictPuts)
	if !hasDict() {
		t.Fatalf("a batch of %d posts trained no dictionary", minDictPuts)
	}
	write(10+minDictPuts, 20+minDictPuts)
	s.Close()

	// A fresh reader decodes values written before and after the dictionary.
	s, err = Open(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, w := range want {
		a, err := s.Article(w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Body != w.Body || len(a.Comments) != 3 || a.Comments[2].Body != w.Comments[2].Body {
			t.Fatalf("article %s does not read back as written", w.ID)
		}
		if raw, err := s.Raw("sum-" + w.ID); err != nil || string(raw) != w.Title+"\n\n"+w.Body {
			t.Fatalf("raw %s: %q, %v", w.ID, raw, err)
		}
	}

	// Values after the dictionary use it and are smaller than without it.
	var withDict, plain int
	err = s.view(func(tx *bolt.Tx, cd *codec) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var h zstd.Header
			if err := h.Decode(v); err != nil {
				return err
			}
			if k := string(k); k < "post0010" {
				if h.DictionaryID != 0 {
					t.Errorf("%s was written before the dictionary but names one", k)
				}
				return nil
			}
			if h.DictionaryID == 0 {
				t.Errorf("%s is compressed without the dictionary", k)
			}
			js, err := cd.dec.DecodeAll(v, nil)
			if err != nil {
				return err
			}
			withDict += len(v)
			plain += len(plainCodec.compress(js))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if withDict >= plain {
		t.Errorf("articles take %d bytes with the dictionary, %d without", withDict, plain)
	}
	t.Logf("articles: %d bytes with the dictionary, %d without", withDict, plain)
}
