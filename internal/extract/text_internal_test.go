package extract

import (
	"slices"
	"testing"
	"time"
)

func TestScanDate(t *testing.T) {
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		in    string
		want  time.Time // zero: no year, so no time
		found bool
		clock bool
	}{
		{name: "US with at", in: "January 31, 2011 at 9:59 am.", want: at(2011, 1, 31, 9, 59), found: true, clock: true},
		{name: "ordinal", in: "Chris Huang — July 10th, 2012, 1:26 am", want: at(2012, 7, 10, 1, 26), found: true, clock: true},
		{name: "German numeric um", in: "06.01.2020 um 9:16", want: at(2020, 1, 6, 9, 16), found: true, clock: true},
		{name: "German month name", in: "23. Juni 2016 um 17:21 Uhr", want: at(2016, 6, 23, 17, 21), found: true, clock: true},
		{name: "day dot month comma year", in: "11. Jul, 2012 / Courtney says:", want: at(2012, 7, 11, 0, 0), found: true},
		{name: "upper-case ordinal", in: "24TH JULY 2012 - 19:58", want: at(2012, 7, 24, 19, 58), found: true, clock: true},
		{name: "US slashes", in: "3/12/2021 at 1:48am", want: at(2021, 3, 12, 1, 48), found: true, clock: true},
		{name: "month first dots", in: "DKB @ NYU 07.21.12 at 17:46", want: at(2012, 7, 21, 17, 46), found: true, clock: true},
		{name: "ISO", in: "2012-10-09 at 9:03 am", want: at(2012, 10, 9, 9, 3), found: true, clock: true},
		{name: "ISO T", in: "2009-05-02T00:53:18", want: time.Date(2009, 5, 2, 0, 53, 18, 0, time.UTC), found: true, clock: true},
		{name: "weekday", in: "Tue Jul 24, 2012 10:14 AM EDT", want: at(2012, 7, 24, 10, 14), found: true, clock: true},
		{name: "French", in: "le 5 juin 2021 à 14:30", want: at(2021, 6, 5, 14, 30), found: true, clock: true},
		{name: "Spanish", in: "5 de junio de 2022 a las 14:30", want: at(2022, 6, 5, 14, 30), found: true, clock: true},
		{name: "glued to a name", in: "fieryredhead686October 22, 2012 1:23 PM", want: at(2012, 10, 22, 13, 23), found: true, clock: true},
		{name: "glued month", in: "Kiss and Make-upOctober 22, 2012 10:46 AM", want: at(2012, 10, 22, 10, 46), found: true, clock: true},
		{name: "noon pm", in: "October 10, 2012 at 12:16 pm", want: at(2012, 10, 10, 12, 16), found: true, clock: true},
		{name: "midnight am", in: "May 2, 2009 at 12:09 am", want: at(2009, 5, 2, 0, 9), found: true, clock: true},
		{name: "no year", in: "Monday July 23, @08:25PM", found: true, clock: true},
		{name: "time only", in: "7:28 PM", found: true, clock: true},
		{name: "relative", in: "vor 2 Tagen", found: true},
		{name: "relative English", in: "Jennifer H. 5 hours ago", found: true},
		{name: "yesterday needs a time", in: "I went there yesterday", found: false},
		{name: "may the verb", in: "Russia may swap convicted spy", found: false},
		{name: "month and year only", in: "In March of 2008, Bout was arrested", found: false},
		{name: "file name", in: "valkenburgh.jpg 12-05-2008_1.jpg", found: false},
		{name: "version number", in: "rev 2020.1.20.35817", found: false},
		{name: "bad day", in: "February 30, 2012", found: false},
		{name: "ratio", in: "a 3:100 mix", found: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := scanDate(tt.in)
			if ok != tt.found {
				t.Fatalf("scanDate(%q) found=%v (%+v), want %v", tt.in, ok, m, tt.found)
			}
			if !ok {
				return
			}
			if !m.t.Equal(tt.want) {
				t.Errorf("scanDate(%q) = %v, want %v", tt.in, m.t, tt.want)
			}
			if m.clock != tt.clock {
				t.Errorf("scanDate(%q) clock=%v, want %v", tt.in, m.clock, tt.clock)
			}
		})
	}
}

func TestCommentHeading(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		count int
		ref   string
		ok    bool
	}{
		{name: "responses to", in: "4 Responses to Russia may swap convicted spy", count: 4, ref: "Russia may swap convicted spy", ok: true},
		{name: "thoughts on", in: "3 thoughts on “Dockers vote”", count: 3, ref: "Dockers vote", ok: true},
		{name: "one thought", in: "One thought on “Leeks”", count: 1, ref: "Leeks", ok: true},
		{name: "German zu", in: "2 Kommentare zu „Neue Radbrücke“", count: 2, ref: "Neue Radbrücke", ok: true},
		{name: "French", in: "3 commentaires", count: 3, ok: true},
		{name: "Spanish", in: "12 comentarios", count: 12, ok: true},
		{name: "bare", in: "Comments", ok: true},
		{name: "bare with count", in: "Comments (3)", count: 3, ok: true},
		{name: "sentence", in: "Dieser Artikel hat 32 Kommentare.", count: 32, ok: true},
		{name: "reply button", in: "Reply", ok: false},
		{name: "German reply button", in: "Antworten", ok: false},
		{name: "byline with a count", in: "Posted on September 28th, 2012 • 18 Comments", ok: false},
		{name: "byline by", in: "Written by Ed Avis - One Comment", ok: false},
		{name: "prose", in: "The 3 comments he made in the interview were taken out of context by the paper", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ref, ok := commentHeading(makeLine(tt.in))
			if ok != tt.ok || ok && (c != tt.count || ref != tt.ref) {
				t.Errorf("commentHeading(%q) = %d, %q, %v; want %d, %q, %v", tt.in, c, ref, ok, tt.count, tt.ref, tt.ok)
			}
		})
	}
}

func TestAnchorOf(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		kind   anchorKind
		author string
	}{
		{name: "says", in: "  1. Joshua Engelman says:", kind: akSays, author: "Joshua Engelman"},
		{name: "sagt with avatar", in: " • [860b3] Gitta Peyn sagt:", kind: akSays, author: "Gitta Peyn"},
		{name: "said ellipsis", in: "tRiSh said...", kind: akSays, author: "tRiSh"},
		{name: "on date said", in: "Shea on October 14, 2012 at 6:12 pm said:", kind: akSays, author: "Shea"},
		{name: "dit", in: "Marc Roig dit :", kind: akSays, author: "Marc Roig"},
		{name: "name date", in: "Nadia October 25, 2012 at 12:22 pm", kind: akDateName, author: "Nadia"},
		{name: "by on date", in: "by james on January 31, 2011 at 9:59 am.", kind: akDateName, author: "james"},
		{name: "posted by pipe", in: "Posted by: Sharon in Chicago | May 20, 2012 at 12:55 AM", kind: akDateName, author: "Sharon in Chicago"},
		{name: "written by", in: "written by Tony Hamilton, October 24, 2012", kind: akDateName, author: "Tony Hamilton"},
		{name: "dash date", in: "1. Martin - 9 December, 2011", kind: akDateName, author: "Martin"},
		{name: "date then name", in: "October 22, 2012 Ben Stopford", kind: akDateName, author: "Ben Stopford"},
		{name: "date alone", in: "    23. Juni 2016 um 17:21 Uhr", kind: akDate},
		{name: "slashdot", in: "by garaged (579941)", kind: akBy, author: "garaged"},
		{name: "points", in: "Montemalone 44 pts", kind: akBy, author: "Montemalone"},
		{name: "quote said", in: "direct air capture,” Microsoft said.", kind: 0},
		{name: "menu writes", in: "  • Jugend schreibt", kind: 0},
		{name: "label", in: "Öffnungszeiten: Di. - So. sowie feiertags: 10:00 - 17:00 Uhr", kind: 0},
		{name: "prose with date", in: "He said it was the best day since May 3, 2011 and we agreed.", kind: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := anchorOf(makeLine(tt.in))
			if tt.kind == 0 {
				if ok {
					t.Errorf("anchorOf(%q) = %+v, want no header", tt.in, a)
				}
				return
			}
			if !ok || a.kind != tt.kind || a.author != tt.author {
				t.Errorf("anchorOf(%q) = %+v, %v; want kind %d author %q", tt.in, a, ok, tt.kind, tt.author)
			}
		})
	}
}

func TestGuessLanguage(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "English", in: "The council said that the bridge is closed for the winter and that it will open in May.", want: "en"},
		{name: "German", in: "Die Stadt hat die Brücke nicht gebaut, und das ist auch gut so, sagt der Bürgermeister mit einem Lächeln.", want: "de"},
		{name: "French", in: "Les producteurs disent que la récolte est faible et que les prix sont pour le moment très hauts dans les marchés.", want: "fr"},
		{name: "too short", in: "Hello there", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guessLanguage(tt.in); got != tt.want {
				t.Errorf("guessLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStrictName(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{name: "two names", in: "Joshua Engelman", want: true},
		{name: "handle", in: "tRiSh", want: true},
		{name: "header words around", in: "Posted by: Ann Lee |", want: true},
		{name: "organisation", in: "The Harbour Trust", want: true},
		{name: "separator and link", in: "Stuart Lane http://example.org/stuart", want: true},
		{name: "comma in a headline", in: "Harbour Board to Trim Crossings by a Third, Chairman", want: false},
		{name: "sentence end", in: "In a written answer to the council, the department", want: false},
		{name: "function word first", in: "the department", want: false},
		{name: "capitalised function word first", in: "The minister", want: false},
		{name: "pronoun", in: "I think he", want: false},
		{name: "too long", in: "Anna Maria Luisa de la Vega Ortiz", want: false},
		{name: "empty", in: "Posted by:", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strictName(tt.in); got != tt.want {
				t.Errorf("strictName(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestReplyParents(t *testing.T) {
	tests := []struct {
		name  string
		heads []string
		want  []int
	}{
		{name: "flat", heads: []string{" 1. Ann says:", " 2. Bob says:", " 3. Cy says:"}, want: []int{0, 0, 0}},
		{name: "nested list", heads: []string{" 1. Ann says:", "     1. Bob says:", "         1. Ann says:", "     2. Cy says:", " 2. Di says:"},
			want: []int{0, 1, 2, 1, 0}},
		{name: "two-digit numbers line up", heads: []string{" 9. Ann says:", "10. Bob says:", "     1. Cy says:"}, want: []int{0, 0, 2}},
		{name: "indented names", heads: []string{"quietwren", "    slowcoder", "quietwren"}, want: []int{0, 1, 0}},
		{name: "first header not least indented", heads: []string{"    Ann says:", "Bob says:", "    Cy says:"}, want: []int{0, 0, 0}},
		{name: "one column apart is no nesting", heads: []string{"Ann says:", " Bob says:"}, want: []int{0, 0}},
		{name: "a list item under a plain header", heads: []string{"Ann says:", "    • 13:29 menu"}, want: []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lines []tline
			var heads []int
			for _, h := range tt.heads {
				heads = append(heads, len(lines))
				lines = append(lines, makeLine(h))
			}
			got := replyParents(lines, heads)
			if !slices.Equal(got, tt.want) {
				t.Errorf("replyParents = %v, want %v", got, tt.want)
			}
		})
	}
}
