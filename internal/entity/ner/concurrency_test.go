package ner_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestTagConcurrent checks that one model tags many texts at once with the
// same results as one at a time (run with -race to check for data races).
func TestTagConcurrent(t *testing.T) {
	m := defaultModel(t)
	texts := []string{
		"Anna Weber flew from Zurich to Lagos on Monday.",
		"The United Nations said Kenya and Uganda signed the deal.",
		"nothing here at all",
		"Bout was held in Bangkok.\n\nViktor Bout denied it.",
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = fmt.Sprint(m.Tag(text))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (g + k) % len(texts)
				if got := fmt.Sprint(m.Tag(texts[i])); got != want[i] {
					errs <- fmt.Sprintf("text %d: got %s, want %s", i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	var all []string
	for e := range errs {
		all = append(all, e)
	}
	slices.Sort(all)
	for _, e := range all {
		t.Error(e)
	}
}
