package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/morgue-archive/morgue/internal/news"
)

// testExpander knows two people with variants, the way package entity's keys
// would: "Bout" and "Viktor Bout" are one man; "Klychev" and "Khlychev"
// are two spellings of another, each with its own key.
func testExpander(typ news.EntityType, name string, exact bool) []string {
	n := strings.ToLower(name)
	switch {
	case (typ == news.Person || typ == "") && (n == "bout" || n == "viktor bout" || n == "victor bout"):
		return []string{"viktor bout"}
	case (typ == news.Person || typ == "") && (n == "klychev" || n == "khlychev"):
		if exact {
			return []string{"andrei " + n}
		}
		return []string{"andrei klychev", "andrei khlychev"}
	case n == "nobody":
		return nil
	}
	return []string{n}
}

func TestBleveQueryGolden(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"match_all", ""},
		{"word", "Bout"},
		{"words", "viktor bout"},
		{"or", "bout OR klychev"},
		{"precedence", "swap bout OR death"},
		{"phrase", `"merchant of death"`},
		{"not", "NOT bout"},
		{"minus_in_and", "bout -title"},
		{"only_negations", "-bout -klychev"},
		{"not_in_or", "bout OR -klychev"},
		{"group_negated", "swap -(bout OR kind:comment)"},
		{"stop_word_dropped", "the bout"},
		{"stop_word_alone", "the"},
		{"star_and_word", "* bout"},
		{"title", "title:swap"},
		{"title_phrase", `title:"prisoner swap"`},
		{"text_field", "text:rates"},
		{"author", `author:"Peter Wallerberger"`},
		{"source", "source:intelNews"},
		{"source_prefix", "source:Intel*"},
		{"author_fuzzy", "author:Wallerberger~1"},
		{"kind", "kind:comment"},
		{"id", "id:3f2a#c2"},
		{"person", "person:Bout"},
		{"person_variants", "person:Klychev"},
		{"person_exact", "person:=Khlychev"},
		{"person_unknown", "person:Nobody"},
		{"org", "org:DEA"},
		{"entity_any", `entity:"Viktor Bout"`},
		{"date_year", "date:2011"},
		{"date_range", "date:2011-09..2011-10"},
		{"date_open_end", "date:2011-09-14.."},
		{"date_open_start", "date:..2011-10"},
		{"date_before_bleve", "date:1500..1600"},
		{"date_after_bleve", "date:1500..2500"},
		{"fuzzy_short", "bout~"},
		{"fuzzy_long", "klychev~"},
		{"fuzzy_explicit", "klychev~1"},
		{"prefix", "Swa*"},
		{"hyphenated", "anti-war"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := news.ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			bq, err := bleveQuery(q, testExpander)
			if err != nil {
				t.Fatalf("bleveQuery(%s): %v", q, err)
			}
			got, err := json.MarshalIndent(bq, "", "  ")
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			got = append(got, '\n')
			golden := filepath.Join("..", "..", "testdata", "golden", "query", tt.name+".json")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("bleveQuery(%q) =\n%s\nwant (%s)\n%s", tt.in, got, golden, want)
			}
		})
	}
}

func TestBleveQueryNilExpander(t *testing.T) {
	q, err := news.ParseQuery(`person:"Viktor  Bout"`)
	if err != nil {
		t.Fatal(err)
	}
	bq, err := bleveQuery(q, nil)
	if err != nil {
		t.Fatal(err)
	}
	tq, ok := bq.(*query.TermQuery)
	if !ok || tq.Term != "viktor bout" || tq.FieldVal != fieldPerson {
		t.Errorf("bleveQuery(%s, nil) = %#v, want the term %q in %q", q, bq, "viktor bout", fieldPerson)
	}
}

func TestBleveQueryErrors(t *testing.T) {
	tests := []struct {
		name string
		q    news.Query
	}{
		{"nil", nil},
		{"empty and", news.And{}},
		{"empty or", news.Or{}},
		{"unknown field", news.Term{Field: "colour", Text: "red"}},
		{"unknown field in a phrase", news.Phrase{Field: "colour", Words: []string{"red"}}},
		{"edit distance", news.Term{Text: "bout", Fuzzy: 3}},
		{"entity type", news.EntityTerm{Type: "ship", Name: "Ever Given"}},
		{"nested", news.Or{Terms: []news.Query{news.Term{Text: "a"}, news.Not{Query: news.And{}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bq, err := bleveQuery(tt.q, nil)
			if !errors.Is(err, news.ErrBadQuery) {
				t.Errorf("bleveQuery(%#v) = %v, %v; want an error wrapping ErrBadQuery", tt.q, bq, err)
			}
		})
	}
}

// testMapping is a small mapping of its own, so that these tests pin down
// what the translation needs from any mapping: en on text and title, a
// lower-cased keyword on author and source, keyword on kind and the entity
// fields, datetime on published.
func testMapping(t testing.TB) mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer("keyword_lower", map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		t.Fatal(err)
	}
	field := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, field(en.AnalyzerName))
	dm.AddFieldMappingsAt(fieldTitle, field(en.AnalyzerName))
	dm.AddFieldMappingsAt(fieldAuthor, field("keyword_lower"))
	dm.AddFieldMappingsAt(fieldSource, field("keyword_lower"))
	for _, f := range []string{fieldKind, fieldPerson, fieldOrg, fieldPlace, fieldMisc} {
		dm.AddFieldMappingsAt(f, field(keyword.Name))
	}
	dm.AddFieldMappingsAt(fieldPublished, bleve.NewDateTimeFieldMapping())
	im.DefaultMapping = dm
	return im
}

// testDocs are invented posts and comments.
func testDocs() map[string]map[string]any {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	return map[string]map[string]any{
		"a1": {
			fieldKind: "article", fieldTitle: "Prisoner swap talks stall",
			fieldText:   "Officials discussed a prisoner swap involving the arms dealer Viktor Bout. Interest rates rose the same week.",
			fieldAuthor: []string{"Jane Roe"}, fieldSource: "ColdWire", fieldPublished: at("2011-09-14T10:00:00Z"),
			fieldPerson: []string{"viktor bout"}, fieldPlace: []string{"moscow"},
		},
		"a1#c1": {
			fieldKind: "comment", fieldTitle: "Prisoner swap talks stall",
			fieldText:   "Klychev was a pilot, not a dealer. The rate of swaps is rising.",
			fieldAuthor: []string{"Viktor"}, fieldSource: "ColdWire", fieldPublished: at("2011-09-15T08:00:00Z"),
			fieldPerson: []string{"andrei klychev"},
		},
		"a1#c2": {
			fieldKind: "comment", fieldTitle: "Prisoner swap talks stall",
			fieldText:   "Khlychev flew cargo for years.",
			fieldAuthor: []string{"Cargo Fan"}, fieldSource: "ColdWire", fieldPublished: at("2011-09-30T23:30:00Z"),
			fieldPerson: []string{"andrei khlychev"},
		},
		"a2": {
			fieldKind: "article", fieldTitle: "Title fight in Bangkok",
			fieldText:   "The title bout in Bangkok lasted twelve rounds.",
			fieldAuthor: []string{"Sam Hook"}, fieldSource: "RingNews", fieldPublished: at("2011-10-02T20:00:00+07:00"),
			fieldPlace: []string{"bangkok"},
		},
		"a3": {
			fieldKind: "article", fieldTitle: "Merchant of death",
			fieldText:   "The merchant of death was flown to New York. The DEA ran the sting.",
			fieldAuthor: []string{"Jane Roe"}, fieldSource: "ColdWire", fieldPublished: at("2012-01-05T12:00:00Z"),
			fieldOrg: []string{"dea"}, fieldPlace: []string{"new york"},
		},
		"a4": { // no date
			fieldKind: "article", fieldTitle: "Swahili radio",
			fieldText:  "A Swahili radio station in Nairobi aired the interview.",
			fieldPlace: []string{"nairobi"}, fieldMisc: []string{"swahili"},
		},
	}
}

func TestBleveQuerySearch(t *testing.T) {
	all := []string{"a1", "a1#c1", "a1#c2", "a2", "a3", "a4"}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"match all", "*", all},
		{"empty", "", all},
		{"word", "bout", []string{"a1", "a2"}},
		{"word case", "BOUT", []string{"a1", "a2"}},
		{"person is not the word", "person:Bout", []string{"a1"}},
		{"person full name", `person:"Victor Bout"`, []string{"a1"}},
		{"words all must match", "bout dealer", []string{"a1"}},
		{"stemming plural query", "rates", []string{"a1", "a1#c1"}},
		{"stemming singular query", "rate", []string{"a1", "a1#c1"}},
		{"phrase", `"prisoner swap"`, []string{"a1"}},
		{"phrase order", `"swap prisoner"`, nil},
		{"phrase with stop word", `"merchant of death"`, []string{"a3"}},
		{"or", "bout OR klychev", []string{"a1", "a1#c1", "a2"}},
		{"not", "bout NOT bangkok", []string{"a1"}},
		{"minus word", "bout -title", []string{"a1"}},
		{"minus phrase", `bout -"title bout"`, []string{"a1"}},
		{"pure negation", "-bout", []string{"a1#c1", "a1#c2", "a3", "a4"}},
		{"only negations", "-bout -klychev", []string{"a1#c2", "a3", "a4"}},
		{"negation in or", "dea OR -swahili", []string{"a1", "a1#c1", "a1#c2", "a2", "a3"}},
		{"parentheses", "(bout OR dealer) -kind:comment", []string{"a1", "a2"}},
		{"and binds tighter than or", "swap bout OR death", []string{"a1", "a3"}},
		{"stop word ignored", "the bout", []string{"a1", "a2"}},
		{"stop word alone", "the", nil},
		{"kind", "kind:comment", []string{"a1#c1", "a1#c2"}},
		{"title", "title:fight", []string{"a2"}},
		{"title is not text", "title:dealer", nil},
		{"title phrase", `title:"swap talks"`, []string{"a1", "a1#c1", "a1#c2"}},
		{"author exact any case", `author:"jane ROE"`, []string{"a1", "a3"}},
		{"author part is not the author", "author:Jane", nil},
		{"author prefix", "author:Jan*", []string{"a1", "a3"}},
		{"author fuzzy", "author:Viktr~", []string{"a1#c1"}},
		{"source", "source:coldwire", []string{"a1", "a1#c1", "a1#c2", "a3"}},
		{"person variants", "person:Klychev", []string{"a1#c1", "a1#c2"}},
		{"person exact", "person:=Khlychev", []string{"a1#c2"}},
		{"person unknown", "person:Nobody", nil},
		{"org", "org:dea", []string{"a3"}},
		{"place", "place:Bangkok", []string{"a2"}},
		{"place phrase", `place:"New York"`, []string{"a3"}},
		{"entity any type", "entity:Nairobi", []string{"a4"}},
		{"entity misc", "entity:swahili", []string{"a4"}},
		{"entity person", "entity:bout", []string{"a1"}},
		{"id", "id:a1#c2", []string{"a1#c2"}},
		{"date year", "date:2011", []string{"a1", "a1#c1", "a1#c2", "a2"}},
		{"date month", "date:2011-09", []string{"a1", "a1#c1", "a1#c2"}},
		{"date day", "date:2011-09-14", []string{"a1"}},
		{"date end of day", "date:2011-09-30", []string{"a1#c2"}},
		{"date time zone", "date:2011-10-02", []string{"a2"}}, // 13:00 UTC
		{"date range", "date:2011-09-15..2011-10", []string{"a1#c1", "a1#c2", "a2"}},
		{"date open end", "date:2011-10..", []string{"a2", "a3"}},
		{"date open start", "date:..2011-09-14", []string{"a1"}},
		{"date negated keeps undated", "-date:2011", []string{"a3", "a4"}},
		{"date far past", "date:1200..", []string{"a1", "a1#c1", "a1#c2", "a2", "a3"}},
		{"date far future", "date:2500..", nil},
		{"date with words", "(klychev OR khlychev) date:2011-09-30", []string{"a1#c2"}},
		{"exact word misses variant", "klychev", []string{"a1#c1"}},
		{"fuzzy", "klychev~", []string{"a1#c1", "a1#c2"}},
		{"fuzzy one edit", "khlychev~1", []string{"a1#c1", "a1#c2"}},
		{"fuzzy plural", "rates~1", []string{"a1", "a1#c1"}},
		{"prefix", "swa*", []string{"a1", "a1#c1", "a4"}},
		{"prefix upper case", "SWA*", []string{"a1", "a1#c1", "a4"}},
		{"title prefix", "title:swa*", []string{"a1", "a1#c1", "a1#c2", "a4"}},
		{"hyphenated word needs both parts", "twelve-rounds", []string{"a2"}},
		{"hyphenated word missing part", "twelve-swaps", nil},
	}
	mappings := []struct {
		name string
		m    func(testing.TB) mapping.IndexMapping
	}{
		{"test mapping", testMapping},
		{"NewMapping", func(testing.TB) mapping.IndexMapping { return NewMapping() }},
	}
	for _, m := range mappings {
		t.Run(m.name, func(t *testing.T) {
			idx := mustIndex(t, m.m(t))
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					q, err := news.ParseQuery(tt.in)
					if err != nil {
						t.Fatalf("ParseQuery(%q): %v", tt.in, err)
					}
					bq, err := bleveQuery(q, testExpander)
					if err != nil {
						t.Fatalf("bleveQuery(%s): %v", q, err)
					}
					got := searchIDs(t, idx, bq)
					if !slices.Equal(got, tt.want) {
						t.Errorf("%s (%s) matched %q, want %q", tt.in, q, got, tt.want)
					}
				})
			}
		})
	}
}

func mustIndex(t testing.TB, m mapping.IndexMapping) bleve.Index {
	t.Helper()
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for id, d := range testDocs() {
		if err := b.Index(id, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

func searchIDs(t testing.TB, idx bleve.Index, q query.Query) []string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 100, 0, false)
	res, err := idx.SearchInContext(context.Background(), req)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}
