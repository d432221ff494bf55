package entity_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/entity/ner"
	"github.com/morgue-archive/morgue/internal/news"
)

// markedDoc turns text with spans marked as [[TYPE:words]] into a Doc:
// the plain text and a hand-made span per mark.
func markedDoc(t testing.TB, marked string) entity.Doc {
	t.Helper()
	var b strings.Builder
	var spans []ner.Span
	for {
		i := strings.Index(marked, "[[")
		if i < 0 {
			b.WriteString(marked)
			break
		}
		b.WriteString(marked[:i])
		rest := marked[i+2:]
		j := strings.Index(rest, "]]")
		c := strings.IndexByte(rest, ':')
		if j < 0 || c < 0 || c > j {
			t.Fatalf("bad mark in %q", marked)
		}
		start := b.Len()
		b.WriteString(rest[c+1 : j])
		spans = append(spans, ner.Span{Start: start, End: b.Len(), Type: rest[:c]})
		marked = rest[j+2:]
	}
	return entity.Doc{Text: b.String(), Spans: spans}
}

// summary renders one document's entities as "type Name: mention|mention"
// and checks that every mention's Text is the text at its offsets.
func summary(t testing.TB, doc string, ents []news.Entity) []string {
	t.Helper()
	var out []string
	for _, e := range ents {
		var ms []string
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(doc) || doc[m.Start:m.End] != m.Text {
				t.Errorf("mention %+v does not match the text at its offsets", m)
			}
			ms = append(ms, m.Text)
		}
		out = append(out, fmt.Sprintf("%s %s: %s", e.Type, e.Name, strings.Join(ms, "|")))
	}
	return out
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name   string
		docs   []string // the article first, then comments
		people []string
		want   [][]string // per document
	}{
		{
			name: "surname resolves to full name",
			docs: []string{"[[PER:Viktor Bout]] was arrested in [[LOC:Bangkok]]. Later [[PER:Bout]] denied it."},
			want: [][]string{{"person Viktor Bout: Viktor Bout|Bout", "place Bangkok: Bangkok"}},
		},
		{
			name: "comment first name resolves to the article's full name",
			docs: []string{
				"The dealer [[PER:Viktor Bout]] is held in [[LOC:New York]].",
				"[[PER:Viktor]] has no value as a bargaining chip.",
				"I doubt [[PER:Bout]] will ever talk.",
			},
			want: [][]string{
				{"person Viktor Bout: Viktor Bout", "place New York: New York"},
				{"person Viktor Bout: Viktor"},
				{"person Viktor Bout: Bout"},
			},
		},
		{
			name: "lower-case word never becomes a name",
			docs: []string{
				"[[PER:Viktor Bout]] was moved.",
				"I had a [[PER:bout]] of flu last week and missed the hearing.",
			},
			want: [][]string{{"person Viktor Bout: Viktor Bout"}, nil},
		},
		{
			name: "possessive stripped",
			docs: []string{"[[PER:Viktor Bout]] hired a lawyer. [[PER:Bout’s]] release is unlikely; [[PER:Bout's]] wife agrees."},
			want: [][]string{{"person Viktor Bout: Viktor Bout|Bout|Bout"}},
		},
		{
			name: "honorifics stripped",
			docs: []string{"[[PER:Dr. Nadia Kermode]] wrote it. [[PER:President Lena Voss]] and [[PER:Mr Bout]] met [[PER:Viktor Bout]]."},
			want: [][]string{{"person Nadia Kermode: Nadia Kermode", "person Lena Voss: Lena Voss", "person Viktor Bout: Bout|Viktor Bout"}},
		},
		{
			name: "spelling variants join the first full form",
			docs: []string{
				"[[PER:Andrei Klychev]], 49, was sentenced. A source spoke of swapping [[PER:Andrei Khlychev]].",
				"Why would they swap [[PER:Klychev]]?",
			},
			want: [][]string{
				{"person Andrei Klychev: Andrei Klychev|Andrei Khlychev"},
				{"person Andrei Klychev: Klychev"},
			},
		},
		{
			name: "most frequent full form names the entity",
			docs: []string{"[[PER:Andrei Klychev]] was tried. [[PER:Andrei Khlychev]] appealed. Lawyers for [[PER:Andrei Khlychev]] objected."},
			want: [][]string{{"person Andrei Khlychev: Andrei Klychev|Andrei Khlychev|Andrei Khlychev"}},
		},
		{
			name: "caps headline maps known names and drops junk",
			docs: []string{"[[MISC:SPY SWAP TALK]]: [[LOC:MOSCOW]] EYES [[PER:VIKTOR BOUT]] AND [[ORG:GRU]] MAN\n\n[[PER:Viktor Bout]] served in the [[ORG:GRU]], sources in [[LOC:Moscow]] say."},
			want: [][]string{{"place Moscow: MOSCOW|Moscow", "person Viktor Bout: VIKTOR BOUT|Viktor Bout", "org GRU: GRU|GRU"}},
		},
		{
			name: "caps surname in headline resolves",
			docs: []string{"[[PER:BOUT]] TRIAL DELAYED BY A MONTH\n\nA judge postponed the trial of [[PER:Viktor Bout]]."},
			want: [][]string{{"person Viktor Bout: BOUT|Viktor Bout"}},
		},
		{
			name: "caps headline with no known names yields nothing",
			docs: []string{"[[MISC:A BOUT OF FLU]] [[MISC:HITS]] [[ORG:CITY HALL]]\n\nThe mayor stayed home."},
			want: [][]string{nil},
		},
		{
			name: "acronym in ordinary text stands alone",
			docs: []string{"Agents of the [[ORG:DEA]] and the [[ORG:UNESCO]] office met [[MISC:FARC]] envoys."},
			want: [][]string{{"org DEA: DEA", "org UNESCO: UNESCO", "misc FARC: FARC"}},
		},
		{
			name: "shouted name needs a known match",
			docs: []string{"[[PER:Viktor Bout]] again.", "[[PER:VIKTOR BOUT]] IS A HERO. [[PER:IVAN DRAGO]] too, says [[PER:VIKTOR]]."},
			want: [][]string{{"person Viktor Bout: Viktor Bout"}, {"person Viktor Bout: VIKTOR BOUT|VIKTOR"}},
		},
		{
			name: "ambiguous surname stays as it is",
			docs: []string{"[[PER:George Hale]] and [[PER:Laura Hale]] arrived; [[PER:Hale]] spoke first."},
			want: [][]string{{"person George Hale: George Hale", "person Laura Hale: Laura Hale", "person Hale: Hale"}},
		},
		{
			name: "ambiguous surname goes to the most mentioned",
			docs: []string{"[[PER:George Hale]] and [[PER:Laura Hale]] arrived; [[PER:George Hale]] left. [[PER:Hale]] spoke."},
			want: [][]string{{"person George Hale: George Hale|George Hale|Hale", "person Laura Hale: Laura Hale"}},
		},
		{
			name: "ambiguous first name stays as it is",
			docs: []string{"[[PER:Viktor Bout]] and [[PER:Viktor Orlan]] met.", "[[PER:Viktor]] lied."},
			want: [][]string{{"person Viktor Bout: Viktor Bout", "person Viktor Orlan: Viktor Orlan"}, {"person Viktor: Viktor"}},
		},
		{
			name: "surname beats first name",
			docs: []string{"[[PER:Marcus Hale]] met [[PER:Jan Marcus]] twice; [[PER:Jan Marcus]] left.", "[[PER:Marcus]] stayed."},
			want: [][]string{{"person Marcus Hale: Marcus Hale", "person Jan Marcus: Jan Marcus|Jan Marcus"}, {"person Jan Marcus: Marcus"}},
		},
		{
			name: "type vote",
			docs: []string{"[[ORG:Interfax]] said so. [[MISC:Interfax]] quoted a source.", "Ask [[ORG:Interfax]]."},
			want: [][]string{{"org Interfax: Interfax|Interfax"}, {"org Interfax: Interfax"}},
		},
		{
			name: "mislabelled surname at sentence start follows the person",
			docs: []string{"[[PER:Viktor Bout]] was held. [[LOC:Bout]] was born in 1967. Later [[PER:Bout]] was freed."},
			want: [][]string{{"person Viktor Bout: Viktor Bout|Bout|Bout"}},
		},
		{
			name: "misc surname joins the person",
			docs: []string{"[[PER:Viktor Bout]] was held. [[MISC:Bout]] was born in 1967."},
			want: [][]string{{"person Viktor Bout: Viktor Bout|Bout"}},
		},
		{
			name: "a place named like a surname stays a place",
			docs: []string{"[[PER:Denzel Washington]] visited [[LOC:Washington]]."},
			want: [][]string{{"person Denzel Washington: Denzel Washington", "place Washington: Washington"}},
		},
		{
			name:   "authors are resolution targets, never mentions",
			docs:   []string{"The [[ORG:DEA]] set the trap.", "[[PER:Peter]] is right about the [[ORG:DEA]]."},
			people: []string{"Peter Wallberg", "Joan Engel"},
			want:   [][]string{{"org DEA: DEA"}, {"person Peter Wallberg: Peter", "org DEA: DEA"}},
		},
		{
			name:   "author spelled in a comment",
			docs:   []string{"Nothing here.", "As [[PER:Joan Engel]] said, [[PER:Engel]] is right."},
			people: []string{"Joan Engel"},
			want:   [][]string{nil, {"person Joan Engel: Joan Engel|Engel"}},
		},
		{
			name: "non-breaking space and quotes",
			docs: []string{"‘[[PER:Viktor\u00a0Bout]]’ was named; “[[PER:Bout]]” too."},
			want: [][]string{{"person Viktor Bout: Viktor\u00a0Bout|Bout"}},
		},
		{
			name: "untagged occurrences of known names are found",
			docs: []string{
				"[[PER:Viktor Bout]] was held by the [[ORG:DEA]].",
				"Did Bout's lawyers appeal? Viktor says the DEA lied. Bout was freed, DEAN said.",
			},
			want: [][]string{
				{"person Viktor Bout: Viktor Bout", "org DEA: DEA"},
				{"person Viktor Bout: Bout|Viktor|Bout", "org DEA: DEA"},
			},
		},
		{
			name: "a sentence-initial word the thread uses in lower case is not a name",
			docs: []string{
				"[[PER:Viktor Bout]] was held.",
				"Bout of flu again. I had a bout last week, and Bout's trial is off.",
			},
			want: [][]string{{"person Viktor Bout: Viktor Bout"}, {"person Viktor Bout: Bout"}},
		},
		{
			name: "empty and out-of-range spans are ignored",
			docs: []string{"[[PER:]]Nothing [[MISC:...]] here."},
			want: [][]string{nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := entity.Thread{People: tt.people}
			for _, d := range tt.docs {
				th.Docs = append(th.Docs, markedDoc(t, d))
			}
			got := entity.Resolve(th)
			if len(got) != len(tt.docs) {
				t.Fatalf("Resolve returned %d documents, want %d", len(got), len(tt.docs))
			}
			for i := range got {
				s := summary(t, th.Docs[i].Text, got[i])
				if !reflect.DeepEqual(s, tt.want[i]) {
					t.Errorf("doc %d:\n got  %q\n want %q", i, s, tt.want[i])
				}
			}
		})
	}
}

func TestResolveOffsets(t *testing.T) {
	doc := markedDoc(t, "Yes, [[PER:Bout’s]] lawyer met [[PER:Mr. Viktor Bout]].")
	got := entity.Resolve(entity.Thread{Docs: []entity.Doc{doc}})
	want := []news.Entity{{Name: "Viktor Bout", Type: news.Person, Mentions: []news.Mention{
		{Start: 5, End: 9, Text: "Bout"},
		{Start: 29, End: 40, Text: "Viktor Bout"},
	}}}
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("got %+v\nwant %+v", got[0], want)
	}
}

func TestArticleText(t *testing.T) {
	tests := []struct {
		name      string
		a         news.Article
		want      string
		bodyStart int
	}{
		{"all parts", news.Article{Title: "T", Captions: []string{"C1", "C2"}, Body: "Body."}, "T\n\nC1\n\nC2\n\nBody.", 11},
		{"no captions", news.Article{Title: "T", Body: "B"}, "T\n\nB", 3},
		{"empty parts skipped", news.Article{Title: " ", Captions: []string{""}, Body: "B"}, "B", 0},
		{"no body", news.Article{Title: "T"}, "T", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bs := entity.ArticleText(&tt.a)
			if got != tt.want || bs != tt.bodyStart {
				t.Errorf("ArticleText = %q, %d; want %q, %d", got, bs, tt.want, tt.bodyStart)
			}
			if tt.a.Body != "" && got[bs:] != tt.a.Body {
				t.Errorf("text from bodyStart = %q, want the body", got[bs:])
			}
		})
	}
}
