package ner_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity/ner"
)

// bbcTexts returns the BBC News articles of the shared data, skipping the
// benchmark when they are absent.
func bbcTexts(b *testing.B) ([]string, int64) {
	dir := filepath.Join(sharedDir(b), "data", "bbc_news", "bbc")
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Skipf("no BBC articles under %s", dir)
	}
	var texts []string
	var n int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		n += int64(len(data))
	}
	return texts, n
}

// BenchmarkTag measures tagging raw text, tokenisation included, one
// article at a time on one goroutine; MB/s is the figure to watch.
func BenchmarkTag(b *testing.B) {
	texts, n := bbcTexts(b)
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			m.Tag(t)
		}
	}
}

// BenchmarkTokenize measures the tokeniser alone on the same text.
func BenchmarkTokenize(b *testing.B) {
	texts, n := bbcTexts(b)
	b.SetBytes(n)
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			ner.Tokenize(t)
		}
	}
}

// BenchmarkLoad measures decoding the embedded model (what Default does
// once per process).
func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile("model.bin.zst")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for range b.N {
		if _, err := ner.Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
