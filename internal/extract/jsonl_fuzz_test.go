package extract_test

import (
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
)

func FuzzReadJSONL(f *testing.F) {
	addSeeds(f, "jsonl")
	f.Add([]byte(`{"title":"t","comments":[{"id":1,"parent":1,"text":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, extract.JSONL) })
}
