package bench_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/bench"
)

// testStats counts 20 invented posts: "harbour" is in all of them, a few
// names are in 1–3 posts, "lantern" is a word (lower case) even though one
// sentence starts with it, and "Downing" is a name a stemmer would cut down.
func testStats() *bench.Stats {
	st := bench.NewStats(20)
	for i := 0; i < 20; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Harbour Notes For Day %d\n\nThe harbour on day %d.", i, i)
		if i < 1 {
			b.WriteString(" Officials met Quellmark at noon.")
		}
		if i < 3 {
			b.WriteString(" Talks with Brindle went on.")
		}
		if i >= 3 && i < 6 {
			b.WriteString(" A note from Ostrova arrived.")
		}
		if i >= 6 && i < 8 {
			b.WriteString(" Crowds gathered near Downing at dusk.")
		}
		if i < 4 {
			b.WriteString(" A lantern was lit.")
		}
		if i == 5 {
			b.WriteString(" Lantern oil ran out.")
		}
		if i >= 6 && i < 9 {
			b.WriteString(" The ferry schedule changed.")
		}
		fmt.Fprintf(&b, "\n\nRef: %d\n\n1 Responses to Harbour Notes\n\n  1. Ana Adler says:\n\n    Nice harbour.\n", i+1)
		st.Add([]byte(b.String()))
	}
	st.AddSample(bench.Doc{Title: "Ferry schedule revised", Paras: []string{"The tide tables were printed. New tide tables came, and the ferry ran."}})
	st.AddSample(bench.Doc{Title: "Quiet day", Paras: []string{"Old tide tables help. Nobody read the tide tables."}})
	return st
}

func TestStatsCounts(t *testing.T) {
	st := testStats()
	tests := []struct {
		word              string
		df, cap, lower, o int
	}{
		{"harbour", 20, 0, 40, 0}, // body and comment; headlines are not counted
		{"quellmark", 1, 1, 0, 0},
		{"brindle", 3, 3, 0, 0},
		{"lantern", 5, 0, 4, 1}, // "Lantern" at a sentence start is not a name
		{"downing", 2, 2, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			w := st.Words[tt.word]
			if w == nil {
				t.Fatalf("%q not counted", tt.word)
			}
			if w.DF != tt.df || w.Cap != tt.cap || w.Lower != tt.lower || w.Other != tt.o {
				t.Errorf("%q: df %d cap %d lower %d other %d; want %d %d %d %d", tt.word, w.DF, w.Cap, w.Lower, w.Other, tt.df, tt.cap, tt.lower, tt.o)
			}
		})
	}
	if st.Bigrams["tide tables"] != 2 {
		t.Errorf("bigram \"tide tables\" in %d sample docs, want 2", st.Bigrams["tide tables"])
	}
	if _, ok := st.Bigrams["the tide"]; ok {
		t.Error("a bigram with a stop word was counted")
	}
}

func TestPick(t *testing.T) {
	st := testStats()
	p := st.Pick(7)
	t.Run("rare name", func(t *testing.T) {
		names := map[string]bool{"Quellmark": true, "Brindle": true, "Ostrova": true}
		if p.Rare.Kind != bench.KindWord || len(p.Rare.Terms) != 1 || !names[p.Rare.Terms[0]] {
			t.Errorf("rare = %+v, want one of %v", p.Rare, names)
		}
	})
	t.Run("common word", func(t *testing.T) {
		if want := (bench.Query{Name: "common word", Kind: bench.KindWord, Terms: []string{"harbour"}, DF: 20}); !reflect.DeepEqual(p.Common, want) {
			t.Errorf("common = %+v, want %+v", p.Common, want)
		}
	})
	t.Run("phrase", func(t *testing.T) {
		if p.Phrase.Kind != bench.KindPhrase || p.Phrase.String() != `"tide tables"` {
			t.Errorf("phrase = %+v", p.Phrase)
		}
	})
	t.Run("and", func(t *testing.T) {
		if p.And.Kind != bench.KindAnd || p.And.String() != "ferry schedule" {
			t.Errorf("and = %+v, want ferry schedule", p.And)
		}
	})
	t.Run("or: two names, none that a stemmer cuts", func(t *testing.T) {
		if p.Or.Kind != bench.KindOr || len(p.Or.Terms) != 2 || p.Or.Terms[0] == p.Or.Terms[1] {
			t.Fatalf("or = %+v", p.Or)
		}
		for _, w := range p.Or.Terms {
			if w != "Quellmark" && w != "Brindle" && w != "Ostrova" {
				t.Errorf("or term %q is not a name in 1–3 posts", w)
			}
		}
	})
	t.Run("export everything in a small corpus", func(t *testing.T) {
		if p.Export.Kind != bench.KindAll || p.Export.String() != "*" {
			t.Errorf("export = %+v", p.Export)
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		if again := testStats().Pick(7); !reflect.DeepEqual(again, p) {
			t.Errorf("second pick differs:\n%+v\n%+v", again, p)
		}
	})
	if got := len(p.List()); got != 5 {
		t.Errorf("List() has %d queries, want 5", got)
	}
}

func TestMix(t *testing.T) {
	st := testStats()
	mix := st.Mix(3, 25)
	if len(mix) != 25 {
		t.Fatalf("len = %d", len(mix))
	}
	kinds := map[string]int{}
	for _, q := range mix {
		kinds[q.Name]++
		if len(q.Terms) == 0 {
			t.Errorf("query without terms: %+v", q)
		}
	}
	for _, k := range []string{"rare name", "common word", "two-word AND", "phrase", "OR"} {
		if kinds[k] != 5 {
			t.Errorf("%d %q queries of 25, want 5", kinds[k], k)
		}
	}
	if !reflect.DeepEqual(mix, testStats().Mix(3, 25)) {
		t.Error("Mix is not deterministic")
	}
}

func TestQueryString(t *testing.T) {
	tests := []struct {
		name string
		q    bench.Query
		want string
	}{
		{"word", bench.Query{Kind: bench.KindWord, Terms: []string{"harbour"}}, "harbour"},
		{"and", bench.Query{Kind: bench.KindAnd, Terms: []string{"ferry", "schedule"}}, "ferry schedule"},
		{"phrase", bench.Query{Kind: bench.KindPhrase, Terms: []string{"tide", "tables"}}, `"tide tables"`},
		{"or", bench.Query{Kind: bench.KindOr, Terms: []string{"Brindle", "Ostrova"}}, "Brindle OR Ostrova"},
		{"all", bench.Query{Kind: bench.KindAll}, "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
