package ner_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity/ner"
	"github.com/morgue-archive/morgue/internal/entity/ner/conll"
)

// devFloor is a little under the F1 the committed model reaches on
// CoNLL-2003 eng.testa; the test catches regressions in the model, the
// features or the scorer.
const devFloor = 92.5

func TestDevF1(t *testing.T) {
	path := filepath.Join(sharedDir(t), "data", "conll2003", "eng.testa")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("eng.testa not available: %v", err)
	}
	defer f.Close()
	docs, err := conll.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := ner.Evaluate(m, docs)
	if err != nil {
		t.Fatal(err)
	}
	p, r, f1 := s.Overall.PRF()
	t.Logf("eng.testa: precision %.2f recall %.2f F1 %.2f", p, r, f1)
	if f1 < devFloor {
		t.Errorf("eng.testa F1 %.2f, want >= %.2f", f1, devFloor)
	}
	for _, typ := range []string{"PER", "ORG", "LOC", "MISC"} {
		if c := s.ByType[typ]; c == nil || c.Correct == 0 {
			t.Errorf("no correct %s entities", typ)
		}
	}
}
