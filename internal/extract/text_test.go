package extract_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/morgue-archive/morgue/internal/extract"
	"github.com/morgue-archive/morgue/internal/news"
)

// seedPath returns the user's example dump, or skips the test when the
// shared folder is not there.
func seedPath(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	p := filepath.Join(dir, "seeds", "intelnews-bout-swap.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("seed dump not found at %s (set MORGUE_SHARED): %v", p, err)
	}
	return p
}

func parseFile(t testing.TB, p string) (*news.Article, []byte) {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s, err := extract.DecodeText(raw)
	if err != nil {
		t.Fatalf("decode %s: %v", p, err)
	}
	a, err := extract.ParseText(s)
	if err != nil {
		t.Fatalf("parse %s: %v", p, err)
	}
	return a, raw
}

// boilerplate that must not leak into any text field.
var boilerplate = []string{
	"We welcome informed comments", "Fill in your details below", "You are commenting using",
	"Connecting to %s", "bloggers like this", "Twitter picture", "Facebook photo", "Log Out", "Change )",
	"About intelNews", "Expert news and commentary", "Responses to",
}

// seedParagraphs reads, from the seed itself, the indented text under the
// header line that starts with head: wrapped lines joined with a space,
// paragraphs split at blank lines.
func seedParagraphs(t *testing.T, seed, head string) []string {
	t.Helper()
	lines := strings.Split(strings.ReplaceAll(seed, "\u00a0", " "), "\n")
	start := -1
	for i, l := range lines {
		if strings.Contains(l, head) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		t.Fatalf("seed has no line %q", head)
	}
	var paras, cur []string
	for _, l := range lines[start:] {
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		if !strings.HasPrefix(l, "    ") {
			break
		}
		cur = append(cur, strings.TrimSpace(l))
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	return paras
}

func TestParseTextSeed(t *testing.T) {
	a, raw := parseFile(t, seedPath(t))
	seed := string(raw)

	if want := "Russia may swap convicted spy for ‘merchant of death’ held in US"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if want := []string{"Viktor Bout", "Viktor Bout"}; !equalStrings(a.Captions, want) {
		t.Errorf("captions = %q, want %q", a.Captions, want)
	}
	var body string
	for _, l := range strings.Split(seed, "\n") {
		if strings.HasPrefix(l, "Moscow and Washington") {
			body = l
		}
	}
	if a.Body != body {
		t.Errorf("body = %q, want the article paragraph %q", a.Body, body)
	}
	if a.Source != "intelNews" {
		t.Errorf("source = %q, want intelNews", a.Source)
	}
	if a.ResponseCount != 4 {
		t.Errorf("response count = %d, want 4", a.ResponseCount)
	}
	if a.Language != "en" {
		t.Errorf("language = %q, want en", a.Language)
	}
	if a.ID != "" || a.Origin != (news.Origin{}) {
		t.Errorf("id %q / origin %+v set; the archive assigns them", a.ID, a.Origin)
	}
	want := []struct {
		author string
		head   string
	}{
		{"Joshua Engelman", "1. Joshua Engelman says:"},
		{"Peter Wallerberger", "2. Peter Wallerberger says:"},
		{"Joshua Engelman", "3. Joshua Engelman says:"},
	}
	if len(a.Comments) != len(want) {
		t.Fatalf("%d comments, want %d: %+v", len(a.Comments), len(want), a.Comments)
	}
	for i, w := range want {
		c := a.Comments[i]
		if c.Number != i+1 || c.Author != w.author {
			t.Errorf("comment %d: number %d author %q, want %d %q", i, c.Number, c.Author, i+1, w.author)
		}
		if c.ID != "" || c.ArticleID != "" {
			t.Errorf("comment %d: ids set (%q, %q); the archive assigns them", i, c.ID, c.ArticleID)
		}
		if wb := strings.Join(seedParagraphs(t, seed, w.head), "\n\n"); c.Body != wb {
			t.Errorf("comment %d body = %q, want %q", i+1, c.Body, wb)
		}
	}
	if n := strings.Count(a.Comments[1].Body, "\n\n"); n != 1 {
		t.Errorf("comment 2 has %d paragraph breaks, want 1", n)
	}
	checkClean(t, a)
}

// checkClean fails when a text field holds an odd space or boilerplate.
func checkClean(t *testing.T, a *news.Article) {
	t.Helper()
	fields := append([]string{a.Title, a.Body, a.Source}, a.Captions...)
	for _, c := range a.Comments {
		fields = append(fields, c.Author, c.Body)
	}
	for _, f := range fields {
		if strings.ContainsAny(f, "\u00a0\u2009\u202f\u200b\t\r") {
			t.Errorf("odd space left in %q", f)
		}
		for _, b := range boilerplate {
			if strings.Contains(f, b) {
				t.Errorf("boilerplate %q left in %q", b, f)
			}
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

const fixtureDir = "../../testdata/text"

// TestParseTextFixtures checks the main fields of each invented dump; the
// golden test below pins the rest.
func TestParseTextFixtures(t *testing.T) {
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name      string
		file      string
		title     string
		authors   []string
		published time.Time
		count     int
		lang      string
		commenter []string
		firstDate time.Time
		bodyStart string
	}{
		{name: "WordPress says", file: "wordpress-says.txt", title: "Dockers vote to end the Rotterdam overtime ban",
			authors: []string{"Ilse Vermeer"}, published: day(2019, 3, 3, 0, 0), count: 3, lang: "en",
			commenter: []string{"Pieter Jansen", "Ilse Vermeer", "Marta Quintela"}, firstDate: day(2019, 3, 3, 21, 14),
			bodyStart: "Dock workers at the container terminals"},
		{name: "Blogger said", file: "blogger-said.txt", title: "Three loaves from one starter",
			authors: []string{"Hanna Lind"}, published: day(2018, 10, 14, 0, 0), count: 5, lang: "en",
			commenter: []string{"Kasper", "Hanna Lind", "Anonymous"}, firstDate: day(2018, 10, 14, 9, 12),
			bodyStart: "I fed the starter"},
		{name: "German Kommentare", file: "german-kommentare.txt", title: "Neue Radbrücke über den Kanal eröffnet",
			authors: []string{"Jonas Albrecht"}, published: day(2020, 3, 12, 0, 0), count: 2, lang: "de",
			commenter: []string{"Greta Hoffmann", "Bernd Ostermann"}, firstDate: day(2020, 3, 12, 9, 16),
			bodyStart: "Nach zwei Jahren Bauzeit"},
		{name: "French commentaires", file: "french-commentaires.txt", title: "Le prix des cerises s'envole à Céret",
			authors: []string{"Claire Dufour"}, published: day(2021, 6, 5, 0, 0), count: 3, lang: "fr",
			commenter: []string{"Marc Roig", "Élodie"}, firstDate: day(2021, 6, 5, 14, 30),
			bodyStart: "Après un printemps de gel"},
		{name: "Spanish comentarios", file: "spanish-comentarios.txt", title: "Reabre el faro de Punta Brava tras su restauración",
			authors: []string{"Lucía Ferrer"}, count: 2, lang: "es",
			commenter: []string{"Andrés Molina", "Carmen Ruiz"}, firstDate: day(2022, 6, 5, 14, 30),
			bodyStart: "El faro de Punta Brava"},
		{name: "footer bylines", file: "footer-byline.txt", title: "Why small shops should keep paper ledgers",
			authors: []string{"Tomas Berg"}, published: day(2013, 4, 2, 0, 0), lang: "en",
			commenter: []string{"Ruth Adler", "Colm Byrne", "Tomas Berg"}, firstDate: day(2013, 4, 2, 9, 41),
			bodyStart: "Every accounting package"},
		{name: "name line then date line", file: "name-date-lines.txt", title: "Leeks after the first frost",
			published: day(2016, 11, 21, 0, 0), count: 3, lang: "en",
			commenter: []string{"Frida Olsen", "Arne Dahl", "Frida Olsen"}, firstDate: day(2016, 11, 21, 18, 5),
			bodyStart: "The leeks survived"},
		{name: "written by", file: "written-by.txt", title: "Night buses return to the airport line",
			authors: []string{"Dana Whitfield"}, lang: "en",
			commenter: []string{"Owen Price", "Lena Novak", "Owen Price"}, firstDate: day(2014, 5, 12, 0, 0),
			bodyStart: "The airport night bus"},
		{name: "names alone", file: "disqus-names.txt", title: "On naming things", lang: "en",
			commenter: []string{"quietwren", "slowcoder", "Mara Kowalski", "quietwren"},
			bodyStart: "Naming is the part"},
		{name: "on DATE said", file: "on-date-said.txt", title: "A barn owl over the dyke at dusk", count: 8, lang: "en",
			commenter: []string{"Maggie Thorne", "Dev Patel"}, firstDate: day(2015, 7, 9, 22, 12),
			bodyStart: "The owl came out"},
		{name: "no comments", file: "no-comments.txt", title: "Conservators finish work on the 1842 parish map", lang: "en",
			bodyStart: "The parish map of 1842"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := parseFile(t, filepath.Join(fixtureDir, tt.file))
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if !equalStrings(a.Authors, tt.authors) {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if !a.Published.Equal(tt.published) {
				t.Errorf("published = %v, want %v", a.Published, tt.published)
			}
			if a.ResponseCount != tt.count {
				t.Errorf("response count = %d, want %d", a.ResponseCount, tt.count)
			}
			if a.Language != tt.lang {
				t.Errorf("language = %q, want %q", a.Language, tt.lang)
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) {
				t.Errorf("body starts %.60q, want %q", a.Body, tt.bodyStart)
			}
			var got []string
			for i, c := range a.Comments {
				got = append(got, c.Author)
				if c.Number != i+1 {
					t.Errorf("comment %d numbered %d", i+1, c.Number)
				}
				if c.Body == "" {
					t.Errorf("comment %d (%s) has no text", i+1, c.Author)
				}
				if strings.Contains(a.Body, c.Body) {
					t.Errorf("comment %d text is also in the body", i+1)
				}
			}
			if !equalStrings(got, tt.commenter) {
				t.Errorf("commenters = %q, want %q", got, tt.commenter)
			}
			if len(a.Comments) > 0 && !a.Comments[0].Published.Equal(tt.firstDate) {
				t.Errorf("first comment published %v, want %v", a.Comments[0].Published, tt.firstDate)
			}
			checkClean(t, a)
			for _, junk := range []string{"Reply", "Antworten", "Répondre", "Responder", "Leave a", "Share this", "[", "©", "Post a Comment"} {
				for _, c := range a.Comments {
					if strings.Contains(c.Body, junk) {
						t.Errorf("comment %d holds %q: %q", c.Number, junk, c.Body)
					}
				}
				if strings.Contains(a.Body, junk) {
					t.Errorf("body holds %q", junk)
				}
			}
		})
	}
}

// TestParseTextGolden compares the full output for every dump in
// testdata/text with testdata/golden/text/<name>.json (UPDATE_GOLDEN=1
// rewrites them).
func TestParseTextGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtureDir, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			a, _ := parseFile(t, f)
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("..", "..", "testdata", "golden", "text", name+".json")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with UPDATE_GOLDEN=1 to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it)\ngot:\n%s", golden, got)
			}
		})
	}
}

func TestParseTextBadInput(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{name: "empty", in: ""},
		{name: "blank lines", in: "\n   \n\t\n"},
		{name: "odd spaces only", in: "\u00a0\u2009\n\u200b\n"},
		{name: "markers and placeholders", in: "  •\n [gif]\n ☆ \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extract.ParseText(tt.in)
			if !errors.Is(err, news.ErrBadInput) {
				t.Errorf("ParseText(%q) = %v, %v; want an error wrapping ErrBadInput", tt.in, a, err)
			}
		})
	}
}

func TestParseTextSpaces(t *testing.T) {
	in := "Ferry\u00a0strike ends\u2009early\n\n" +
		"The ferry\u00a0crews returned to work on\u202fMonday after the union accepted the offer of a\r\n" +
		"shorter rota.\u200b Sailings to the islands resume at noon.\r\n\r\n" +
		"2 Comments\n\n" +
		"Ann\u00a0Berg says:\n\n    Good\u00a0news for the islands.\n\n" +
		"Olaf says:\n\n    About\u2009time.\n"
	a, err := extract.ParseText(in)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Ferry strike ends early" {
		t.Errorf("title = %q", a.Title)
	}
	if want := "The ferry crews returned to work on Monday after the union accepted the offer of a shorter rota. Sailings to the islands resume at noon."; a.Body != want {
		t.Errorf("body = %q, want %q", a.Body, want)
	}
	if len(a.Comments) != 2 || a.Comments[0].Author != "Ann Berg" || a.Comments[0].Body != "Good news for the islands." || a.Comments[1].Body != "About time." {
		t.Errorf("comments = %+v", a.Comments)
	}
	checkClean(t, a)
}

// BenchmarkParseText measures throughput on the seed dump (or a fixture
// when the shared folder is absent); go test -bench reports MB/s.
func BenchmarkParseText(b *testing.B) {
	p := filepath.Join(fixtureDir, "wordpress-says.txt")
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if seed := filepath.Join(dir, "seeds", "intelnews-bout-swap.txt"); fileExists(seed) {
		p = seed
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	s, err := extract.DecodeText(raw)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract.ParseText(s); err != nil {
			b.Fatal(err)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// BenchmarkParseTextPages measures throughput on the 228 real w3m dumps of
// the shared test data (skipped when absent).
func BenchmarkParseTextPages(b *testing.B) {
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "data", "comment_pages_text", "pages", "*.txt"))
	if len(files) == 0 {
		b.Skip("shared comment_pages_text not found (set MORGUE_SHARED)")
	}
	var pages []string
	total := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		s, err := extract.DecodeText(raw)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, s)
		total += len(s)
	}
	b.SetBytes(int64(total))
	for b.Loop() {
		for _, s := range pages {
			if _, err := extract.ParseText(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestParseTextBylines(t *testing.T) {
	const body = "The council approved the new timetable on Tuesday after a long debate about night services.\n"
	tests := []struct {
		name      string
		byline    string
		authors   []string
		published time.Time
	}{
		{name: "by with role", byline: "By Ann Lee, Health correspondent", authors: []string{"Ann Lee"}},
		{name: "posted on by two", byline: "Posted on May 3, 2012 by Ann Lee and Bo Chen", authors: []string{"Ann Lee", "Bo Chen"},
			published: time.Date(2012, 5, 3, 0, 0, 0, 0, time.UTC)},
		{name: "German von", byline: "Veröffentlicht am 12. März 2020 von Jonas Albrecht", authors: []string{"Jonas Albrecht"},
			published: time.Date(2020, 3, 12, 0, 0, 0, 0, time.UTC)},
		{name: "date only", byline: "March 4, 2019", published: time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC)},
		{name: "author label", byline: "Autor: gnaddrig | Abgelegt unter: Fotografie", authors: []string{"gnaddrig"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extract.ParseText("Timetable approved\n\n" + tt.byline + "\n\n" + body)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != "Timetable approved" {
				t.Errorf("title = %q", a.Title)
			}
			if !equalStrings(a.Authors, tt.authors) {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if !a.Published.Equal(tt.published) {
				t.Errorf("published = %v, want %v", a.Published, tt.published)
			}
			if a.Body != strings.TrimSpace(body) {
				t.Errorf("body = %q", a.Body)
			}
		})
	}
}

// FuzzParseText checks invariants on any text: no panic, an error only as
// ErrBadInput, comments numbered from 1, no odd spaces left in the output.
func FuzzParseText(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.txt"))
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw))
	}
	f.Add("Title\n\n2 Comments\n\nAnn says:\nMay 3, 2012 at 9:00 am\n\nHello.\n")
	f.Add("\u00a0\n• \n[ ]\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		a, err := extract.ParseText(s)
		if err != nil {
			if !errors.Is(err, news.ErrBadInput) {
				t.Fatalf("error %v does not wrap ErrBadInput", err)
			}
			return
		}
		texts := append([]string{a.Title, a.Body}, a.Captions...)
		for i, c := range a.Comments {
			if c.Number != i+1 {
				t.Fatalf("comment %d numbered %d", i+1, c.Number)
			}
			texts = append(texts, c.Author, c.Body)
		}
		for _, x := range texts {
			if strings.ContainsAny(x, "\u00a0\u2009\u202f\u200b\r\t") {
				t.Fatalf("odd space left in %q", x)
			}
			if x != strings.TrimSpace(x) {
				t.Fatalf("untrimmed %q", x)
			}
		}
	})
}

// TestParseTextPlainPosts covers posts saved as plain text in the intelNews
// shape (headline, paragraphs, a "Ref:" line, "N Responses to …" and
// numbered "Name says:" comments): a headline ending in "Says" is the
// title, not a comment header; an article paragraph ending in "said:" is
// article text; every content line (figures, the reference line) stays in
// the body; a short article keeps its comments; nested replies name their
// parent comment by number.
func TestParseTextPlainPosts(t *testing.T) {
	tests := []struct {
		name     string
		file     string // a fixture in testdata/text, or
		in       string // the dump itself
		title    string
		body     []string // paragraphs
		authors  []string
		parents  []string
		captions []string
	}{
		{name: "headline ending in Says", file: "headline-says.txt",
			title: "Harbour Board to Trim Ferry Crossings by a Third, Chairman Says",
			body: []string{
				"The harbour board will run two ferry crossings an hour instead of three from the first of June, its chairman told island councillors on Thursday, blaming the price of diesel and a shortage of deckhands.",
				"Councillors asked the board to keep the early crossing that brings nurses and teachers to the mainland, and the chairman said he would look at it again before the summer timetable is printed.",
				"Ref: 4410",
			}},
		{name: "upper-case headline ending in SAYS",
			in:    "TIN OUTPUT TO FALL THIS YEAR, MINISTER SAYS\n\nTin output will fall by a tenth this year because two of the largest dredges are being rebuilt, the mines minister told parliament.\n\nRef: 88\n",
			title: "TIN OUTPUT TO FALL THIS YEAR, MINISTER SAYS",
			body:  []string{"Tin output will fall by a tenth this year because two of the largest dredges are being rebuilt, the mines minister told parliament.", "Ref: 88"}},
		{name: "paragraphs ending in said", file: "body-said.txt",
			title: "WATER BOARD RAISES SUMMER TARIFF BY 4 PCT",
			body: []string{
				"The regional water board will raise its summer tariff by four pct from July, its second increase in a year, after a dry spring left the northern reservoirs at their lowest level since 1976.",
				"In a written answer to the council, the department said:",
				"\"The increase covers the cost of pumping from the lower reservoir and will be reviewed in October.\"",
				"Most of the rise in costs came from the pumping station at Elmbridge, the department said.",
				"Farmers' groups said the increase would hit dairy herds hardest and asked for a separate agricultural rate, which the board has refused twice before.",
				"The board will publish the new rates on its notice boards and in the regional papers next week.",
				"Ref: 212",
			}},
		{name: "short article with responses", file: "short-post-responses.txt",
			title:   "CANAL LOCKS CLOSED",
			body:    []string{"Lock 14 shut for repairs.", "Ref: 279"},
			authors: []string{"Rosa Marquand", "Dev Okafor"}, parents: []string{"", ""}},
		{name: "table of figures", file: "figures.txt",
			title: "HARBOUR FREIGHT LINES <HFL> 2ND QTR NET",
			body: []string{
				"Shr 14 cts vs nine cts", "Net 1,204,000 vs 880,000", "Revs 14.2 mln vs 11.9 mln", "Six mths",
				"Shr 25 cts vs 17 cts", "Net 2,131,000 vs 1,502,000", "Revs 27.8 mln vs 23.1 mln",
				"Spot freight index", "1,412", "Record May 12", "Ref: 335",
			},
			authors: []string{"Ines Varga"}, parents: []string{""}},
		{name: "nested replies", file: "nested-replies.txt",
			title: "Broad beans under fleece",
			body: []string{
				"The broad beans went in under fleece on the last day of March, two weeks earlier than last year. Half of them were soaked overnight and half sown dry, to see whether soaking still makes the difference it did on the heavy clay of the old plot.",
				"If the frost holds off for another week I will take the fleece off during the day and put it back at night until the end of the month.",
			},
			authors: []string{"Tomas Reyes", "Nell Archer", "Tomas Reyes", "Greta Lund"},
			parents: []string{"", "1", "2", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a *news.Article
			if tt.file != "" {
				a, _ = parseFile(t, filepath.Join(fixtureDir, tt.file))
			} else {
				var err error
				if a, err = extract.ParseText(tt.in); err != nil {
					t.Fatal(err)
				}
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if want := strings.Join(tt.body, "\n\n"); a.Body != want {
				t.Errorf("body =\n%s\nwant\n%s", a.Body, want)
			}
			if !equalStrings(a.Captions, tt.captions) {
				t.Errorf("captions = %q, want %q", a.Captions, tt.captions)
			}
			var authors, parents []string
			for _, c := range a.Comments {
				authors = append(authors, c.Author)
				parents = append(parents, c.Parent)
			}
			if !equalStrings(authors, tt.authors) {
				t.Errorf("commenters = %q, want %q", authors, tt.authors)
			}
			if !equalStrings(parents, tt.parents) {
				t.Errorf("parents = %q, want %q", parents, tt.parents)
			}
		})
	}
}

// TestParseTextContentLines checks that posts differing only in a figure
// or in the reference line keep different bodies (the archive's ids hash
// the title and body, so equal bodies would merge different posts).
func TestParseTextContentLines(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "figures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	orig := string(raw)
	base, err := extract.ParseText(orig)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new string
	}{
		{name: "number-only line", old: "\n1,412\n", new: "\n1,421\n"},
		{name: "reference line", old: "Ref: 335", new: "Ref: 336"},
		{name: "figure in a row", old: "Net 1,204,000 vs 880,000", new: "Net 1,204,000 vs 808,000"},
		{name: "date row", old: "Record May 12", new: "Record May 21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(orig, tt.old, tt.new, 1)
			if in == orig {
				t.Fatalf("fixture has no %q", tt.old)
			}
			a, err := extract.ParseText(in)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != base.Title {
				t.Errorf("title = %q, want %q", a.Title, base.Title)
			}
			if a.Body == base.Body {
				t.Errorf("changing %q to %q left the body unchanged: %q", tt.old, tt.new, a.Body)
			}
			if !strings.Contains(a.Body, strings.TrimSpace(tt.new)) {
				t.Errorf("body lacks %q", strings.TrimSpace(tt.new))
			}
		})
	}
}
