package extract_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
	"github.com/morgue-archive/morgue/internal/news"
)

// goldenRecord is what a golden file holds for one extract.Record.
type goldenRecord struct {
	Offset   int64         `json:"offset"`
	Skip     string        `json:"skip,omitempty"`
	Err      string        `json:"error,omitempty"`
	RawBytes int           `json:"raw_bytes"`
	Article  *news.Article `json:"article,omitempty"`
}

// TestGolden runs every fixture under testdata/{html,warc,jsonl} through
// Extract and compares the records with testdata/golden/<dir>/<file>.json
// (UPDATE_GOLDEN=1 rewrites them).
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		file string
		opt  extract.Options
	}{
		{name: "wordpress nested replies", file: "html/wordpress.html"},
		{name: "disqus rendered", file: "html/disqus.html"},
		{name: "blogger dt/dd", file: "html/blogger.html"},
		{name: "phpbb posts", file: "html/phpbb.html"},
		{name: "latin-1 page", file: "html/latin1.html"},
		{name: "plain comment divs under a heading", file: "html/zone-heading.html"},
		{name: "threaded list in a named section", file: "html/zone-thread.html"},
		{name: "warc", file: "warc/tiny.warc"},
		{name: "wet", file: "warc/tiny.wet"},
		{name: "jsonl field variants and a bad line", file: "jsonl/posts.jsonl"},
		{name: "json array", file: "jsonl/posts.json"},
		{name: "jsonl mapped fields", file: "jsonl/mapped.jsonl", opt: extract.Options{Map: map[string]string{
			"url": "meta.address", "title": "meta.heading", "body": "payload.paragraphs", "published": "when", "authors": "who",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := filepath.Join("..", "..", "testdata", tt.file)
			raw, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			opt := tt.opt
			opt.Name = filepath.Base(tt.file)
			var got []goldenRecord
			err = extract.Extract(bytes.NewReader(raw), opt, func(r extract.Record) error {
				g := goldenRecord{Offset: r.Offset, Skip: r.Skip, RawBytes: len(r.Raw), Article: r.Article}
				if r.Err != nil {
					g.Err = r.Err.Error()
				}
				got = append(got, g)
				return nil
			})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			b, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			b = append(b, '\n')
			golden := filepath.Join("..", "..", "testdata", "golden", strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+filepath.Ext(tt.file)+".json")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("records differ from %s (UPDATE_GOLDEN=1 rewrites it):\n%s", golden, b)
			}
		})
	}
}
