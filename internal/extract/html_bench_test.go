package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
)

// BenchmarkParseHTML measures HTML extraction throughput (MB/s of raw
// HTML, one goroutine) over the 181 pages of the article extraction
// benchmark in ../shared/data, or over the fixtures when it is absent.
// Run: go test -run '^$' -bench ParseHTML -cpu 1 ./internal/extract
func BenchmarkParseHTML(b *testing.B) {
	var pages [][]byte
	root := os.Getenv("MORGUE_SHARED")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(root, "data", "article_extraction_benchmark", "html", "*.html.gz"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join("..", "..", "testdata", "html", "*.html"))
	}
	var total int64
	for _, p := range files {
		raw := readMaybeGzip(b, p)
		pages = append(pages, raw)
		total += int64(len(raw))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, raw := range pages {
			_ = extract.Extract(bytes.NewReader(raw), extract.Options{Format: extract.HTML}, func(extract.Record) error { return nil })
		}
	}
	b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
