package extract_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
	"github.com/morgue-archive/morgue/internal/news"
)

// addSeeds adds every fixture under testdata/<dir> to a fuzz corpus.
func addSeeds(f *testing.F, dir string) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// fuzzExtract runs Extract on data and checks the record invariants.
func fuzzExtract(t *testing.T, data []byte, format extract.Format) {
	err := extract.Extract(bytes.NewReader(data), extract.Options{Format: format, Name: "fuzz"}, func(r extract.Record) error {
		set := 0
		if r.Article != nil {
			set++
		}
		if r.Err != nil {
			set++
			if !errors.Is(r.Err, news.ErrBadInput) {
				t.Errorf("record error does not wrap ErrBadInput: %v", r.Err)
			}
		}
		if r.Skip != "" {
			set++
		}
		if set != 1 {
			t.Errorf("record has %d of Article, Err, Skip set: %+v", set, r)
		}
		if r.Offset < 0 {
			t.Errorf("negative offset %d", r.Offset)
		}
		return nil
	})
	if err != nil && !errors.Is(err, news.ErrBadInput) {
		t.Errorf("Extract error does not wrap ErrBadInput: %v", err)
	}
}

func FuzzParseHTML(f *testing.F) {
	addSeeds(f, "html")
	f.Add([]byte("<html><body><ol class=commentlist><li class=comment><ol class=children><li class=comment>x</li></ol></li></ol></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, extract.HTML) })
}
