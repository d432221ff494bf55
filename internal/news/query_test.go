package news_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/news"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // canonical String()
	}{
		{"empty", "", "*"},
		{"blank", " \t\n", "*"},
		{"star", "*", "*"},
		{"word", "bout", "bout"},
		{"case kept", "Bout", "Bout"},
		{"implicit and", "viktor bout", "viktor AND bout"},
		{"explicit and", "viktor AND bout", "viktor AND bout"},
		{"or", "bout OR klychev", "bout OR klychev"},
		{"lower-case or is a word", "bout or klychev", "bout AND or AND klychev"},
		{"lower-case and not are words", "and not", "and AND not"},
		{"and binds tighter than or", "a b OR c", "(a AND b) OR c"},
		{"or then and", "a OR b c", "a OR (b AND c)"},
		{"parentheses", "(a OR b) c", "(a OR b) AND c"},
		{"nested parentheses flatten", "((a b) c)", "a AND b AND c"},
		{"or flattens", "a OR (b OR c)", "a OR b OR c"},
		{"not", "NOT bout", "-bout"},
		{"not binds tighter than and", "NOT a b", "-a AND b"},
		{"and not", "(a OR b) AND NOT c", "(a OR b) AND -c"},
		{"minus word", "-bout", "-bout"},
		{"minus phrase", `-"title bout"`, `-"title bout"`},
		{"minus field", "-kind:comment", "-kind:comment"},
		{"minus group", "-(a OR b)", "-(a OR b)"},
		{"double negation", "NOT -bout", "bout"},
		{"hyphen inside a word", "anti-war", "anti-war"},
		{"phrase", `"merchant of death"`, `"merchant of death"`},
		{"phrase spaces normalised", "\"  merchant\u00a0of\tdeath \"", `"merchant of death"`},
		{"phrase escapes", `"say \"hi\" \\ \x"`, `"say \"hi\" \\ \\x"`},
		{"phrase keywords", `"OR"`, `"OR"`},
		{"adjacent phrase", `bout"swap deal"`, `bout AND "swap deal"`},
		{"nbsp separates words", "prisoner\u00a0swap", "prisoner AND swap"},
		{"title", "title:swap", "title:swap"},
		{"title phrase", `title:"prisoner swap"`, `title:"prisoner swap"`},
		{"field name case", "Title:Swap", "title:Swap"},
		{"author phrase", `author:"Peter Wallerberger"`, `author:"Peter Wallerberger"`},
		{"source", "source:intelNews", "source:intelNews"},
		{"text", "text:bout", "text:bout"},
		{"text with colon", "text:a:b", "text:a:b"},
		{"kind", "kind:Comment", "kind:comment"},
		{"id", "id:3f2a#c2", "id:3f2a#c2"},
		{"id phrase", `id:"a b*"`, `id:"a b*"`},
		{"id keeps star", "id:abc*", `id:"abc*"`},
		{"person", "person:Bout", "person:Bout"},
		{"person phrase", `person:"Viktor  Bout"`, `person:"Viktor Bout"`},
		{"person exact", "person:=Khlychev", "person:=Khlychev"},
		{"person exact phrase", `person:="Viktor Bout"`, `person:="Viktor Bout"`},
		{"org", "org:DEA", "org:DEA"},
		{"place", "place:Thailand", "place:Thailand"},
		{"entity", "entity:Rosatom", "entity:Rosatom"},
		{"entity phrase with star", `entity:"A*B"`, `entity:"A*B"`},
		{"date year", "date:2011", "date:2011"},
		{"date month", "date:2011-09", "date:2011-09"},
		{"date day", "date:2011-09-14", "date:2011-09-14"},
		{"date month range", "date:2011-09..2011-10", "date:2011-09..2011-10"},
		{"date mixed range", "date:2011..2012-02-03", "date:2011-01-01..2012-02-03"},
		{"date months that make a year", "date:2011-01..2011-12", "date:2011"},
		{"date open end", "date:2011..", "date:2011.."},
		{"date open start", "date:..2011-10", "date:..2011-10"},
		{"date phrase", `date:"2011-09"`, "date:2011-09"},
		{"date leap day", "date:2012-02-29", "date:2012-02-29"},
		{"fuzzy", "klychev~", "klychev~"},
		{"fuzzy 1", "klychev~1", "klychev~1"},
		{"fuzzy 2", "klychev~2", "klychev~2"},
		{"prefix", "swa*", "swa*"},
		{"title prefix", "title:swa*", "title:swa*"},
		{"tilde inside a word", "a~b", "a~b"},
		{"url is a word", "http://intelnews.org/x", "http://intelnews.org/x"},
		{"time is a word", "10:30", "10:30"},
		{"trailing colon is a word", "Update: bout", "Update: AND bout"},
		{"star and words", "* bout", "* AND bout"},
		{"minus star", "-*", "-*"},
		{"everything", `(person:Bout OR org:DEA) -"title bout" date:2011.. kind:article swa*`,
			`(person:Bout OR org:DEA) AND -"title bout" AND date:2011.. AND kind:article AND swa*`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := news.ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQueryTree(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		in   string
		want news.Query
	}{
		{"term", "Bout", news.Term{Text: "Bout"}},
		{"fuzzy auto", "klychev~", news.Term{Text: "klychev", Fuzzy: news.FuzzyAuto}},
		{"fuzzy 2", "title:klychev~2", news.Term{Field: news.FieldTitle, Text: "klychev", Fuzzy: 2}},
		{"prefix", "swa*", news.Term{Text: "swa", Prefix: true}},
		{"phrase", `"Merchant of  death"`, news.Phrase{Words: []string{"Merchant", "of", "death"}}},
		{"entity any", "entity:Rosatom", news.EntityTerm{Name: "Rosatom"}},
		{"person exact", `person:="Viktor Bout"`, news.EntityTerm{Type: news.Person, Name: "Viktor Bout", Exact: true}},
		{"date year", "date:2011", news.DateRange{From: day(2011, 1, 1), To: day(2012, 1, 1)}},
		{"date december", "date:2011-12", news.DateRange{From: day(2011, 12, 1), To: day(2012, 1, 1)}},
		{"date day", "date:2011-09-14", news.DateRange{From: day(2011, 9, 14), To: day(2011, 9, 15)}},
		{"date range", "date:2011-09..2011-10", news.DateRange{From: day(2011, 9, 1), To: day(2011, 11, 1)}},
		{"date open start", "date:..2011-10-31", news.DateRange{To: day(2011, 11, 1)}},
		{"date open end", "date:2011-02-28..", news.DateRange{From: day(2011, 2, 28)}},
		{"pure negation", "-bout", news.Not{Query: news.Term{Text: "bout"}}},
		{"precedence", "a OR NOT b c", news.Or{Terms: []news.Query{
			news.Term{Text: "a"},
			news.And{Terms: []news.Query{news.Not{Query: news.Term{Text: "b"}}, news.Term{Text: "c"}}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := news.ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(q, tt.want) {
				t.Errorf("ParseQuery(%q) = %#v, want %#v", tt.in, q, tt.want)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		pos  int
		msg  string // a part of the message
	}{
		{"unclosed parenthesis", "(bout OR klychev", 0, "unbalanced parenthesis"},
		{"unclosed inner parenthesis", "a (b (c)", 2, "unbalanced parenthesis"},
		{"lone open parenthesis", "bout (", 5, "unbalanced parenthesis"},
		{"extra close parenthesis", "bout) klychev", 4, "unbalanced parenthesis"},
		{"leading close parenthesis", ") bout", 0, "unbalanced parenthesis"},
		{"empty parentheses", "bout ()", 5, "empty parentheses"},
		{"unterminated phrase", `bout "merchant of`, 5, "unterminated phrase"},
		{"empty phrase", `bout ""`, 5, "empty phrase"},
		{"blank phrase", `" "`, 0, "empty phrase"},
		{"or at start", "OR bout", 0, `expected a term before "OR"`},
		{"and at start", "AND bout", 0, `expected a term before "AND"`},
		{"or at end", "bout OR", 5, `expected a term after "OR"`},
		{"and at end", "bout AND", 5, `expected a term after "AND"`},
		{"not at end", "bout NOT", 5, `expected a term after "NOT"`},
		{"or or", "a OR OR b", 2, `expected a term after "OR"`},
		{"and or", "a AND OR b", 2, `expected a term after "AND"`},
		{"or before close", "(a OR) b", 3, `expected a term after "OR"`},
		{"or after open", "(OR a)", 1, `expected a term before "OR"`},
		{"lone minus", "bout - klychev", 5, `expected a term right after "-"`},
		{"minus at end", "bout -", 5, `expected a term right after "-"`},
		{"minus before close", "(a -)", 3, `expected a term right after "-"`},
		{"minus before or", "a -OR b", 2, `expected a term after "-"`},
		{"unknown field", "foo:bar", 0, `unknown field "foo"`},
		{"unknown field later", "bout Foo:bar", 5, `unknown field "Foo"`},
		{"unknown field phrase", `foo:"bar"`, 0, `unknown field "foo"`},
		{"missing value", "title: swap", 6, `missing value after "title:"`},
		{"missing value at end", "bout person:", 12, `missing value after "person:"`},
		{"missing exact value", "person:=", 8, `missing value after "person:="`},
		{"field group", "title:(a b)", 6, "not to a group"},
		{"exact on a word field", "title:=swap", 6, "exact spelling is for names only"},
		{"bad kind", "kind:post", 5, `kind must be article or comment, not "post"`},
		{"bad date", "date:yesterday", 5, `bad date "yesterday"`},
		{"bad month", "date:2011-13", 5, `bad date "2011-13"`},
		{"bad day", "date:2011-02-30", 5, `bad date "2011-02-30"`},
		{"short year", "date:211", 5, `bad date "211"`},
		{"year zero", "date:0000", 5, "before the year 1000"},
		{"ancient year", "date:0999", 5, "before the year 1000"},
		{"bad range end", "date:2011..2011-13", 11, `bad date "2011-13"`},
		{"empty range", "date:..", 5, "needs at least one end"},
		{"reversed range", "date:2012..2011", 5, "ends before it starts"},
		{"prefix without letters", "title:*", 6, `"*" needs letters before it`},
		{"star inside a word", "bo*ut", 2, `"*" works only at the end of a word`},
		{"double star", "bout**", 4, `"*" works only at the end of a word`},
		{"prefix and fuzzy", "bou*~", 3, `"*" works only at the end of a word`},
		{"tilde alone", "~", 0, `"~" needs a word before it`},
		{"bad edit distance", "klychev~3", 8, "must be 1 or 2"},
		{"zero edit distance", "klychev~0", 8, "must be 1 or 2"},
		{"pattern in a name", "person:Bou*", 10, `"*" does not work in a name`},
		{"fuzzy name", "person:Bout~", 11, `"~" does not work in a name`},
		{"position is in bytes", "Klüchev (", 9, "unbalanced parenthesis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := news.ParseQuery(tt.in)
			if err == nil {
				t.Fatalf("ParseQuery(%q) = %s, want an error", tt.in, q)
			}
			if !errors.Is(err, news.ErrBadQuery) {
				t.Errorf("error %v does not wrap ErrBadQuery", err)
			}
			var qe *news.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %T is not a *QueryError", err)
			}
			if qe.Pos != tt.pos {
				t.Errorf("position = %d, want %d\n%v", qe.Pos, tt.pos, err)
			}
			if qe.Query != tt.in {
				t.Errorf("Query = %q, want %q", qe.Query, tt.in)
			}
			if !strings.Contains(qe.Msg+"; "+qe.Hint, tt.msg) {
				t.Errorf("message %q, hint %q: want them to contain %q", qe.Msg, qe.Hint, tt.msg)
			}
		})
	}
}

func TestQueryErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"unbalanced", "(bout OR klychev",
			"bad query: unbalanced parenthesis at position 0; this \"(\" is never closed\n" +
				"  (bout OR klychev\n" +
				"  ^"},
		{"unknown field", "bout foo:bar",
			"bad query: unknown field \"foo\" at position 5; fields are title, author, source, kind, date, person, org, place, entity, text, id\n" +
				"  bout foo:bar\n" +
				"       ^"},
		// The caret counts characters, not bytes; tabs are shown as spaces.
		{"caret after multi-byte text", "Klüchev\t(",
			"bad query: unbalanced parenthesis at position 9; this \"(\" is never closed\n" +
				"  Klüchev (\n" +
				"          ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := news.ParseQuery(tt.in)
			if err == nil {
				t.Fatalf("ParseQuery(%q): no error", tt.in)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestQueryStringRoundTrip(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// Trees built by hand, as callers may build them, print to a string that
	// parses back to the same tree.
	tests := []struct {
		name string
		q    news.Query
	}{
		{"name with quote", news.EntityTerm{Type: news.Person, Name: `Jo "Bo" O'Neil`}},
		{"name with equals", news.EntityTerm{Type: news.Org, Name: "=x", Exact: true}},
		{"name with backslash", news.EntityTerm{Name: `a\b`}},
		{"id with space", news.Term{Field: news.FieldID, Text: "a b"}},
		{"phrase with backslash", news.Phrase{Field: news.FieldTitle, Words: []string{`a\"`, "b"}}},
		{"open end", news.DateRange{From: day(2011, 9, 14)}},
		{"odd range", news.DateRange{From: day(2011, 1, 1), To: day(2011, 1, 2)}},
		{"month to day", news.DateRange{From: day(2011, 3, 1), To: day(2011, 4, 17)}},
		{"nested", news.And{Terms: []news.Query{
			news.Or{Terms: []news.Query{news.Term{Text: "a"}, news.Not{Query: news.And{Terms: []news.Query{news.Term{Text: "b"}, news.Term{Text: "c"}}}}}},
			news.Not{Query: news.Phrase{Words: []string{"d", "e"}}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.q.String()
			q, err := news.ParseQuery(s)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", s, err)
			}
			if !reflect.DeepEqual(q, tt.q) {
				t.Errorf("ParseQuery(%q) = %#v, want %#v", s, q, tt.q)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", "*", "bout", `"merchant of death"`, "Bout OR Klychev", "(a OR b) AND NOT c", "-word",
		`person:"Viktor Bout"`, "person:=Khlychev", "org:DEA place:Thailand entity:Rosatom",
		`author:"Peter Wallerberger" source:intelNews title:swap kind:comment`,
		"date:2011", "date:2011-09..2011-10", "date:..2011-10", "klychev~ swa* klychev~2",
		`-"a \" b" -(x y) id:"q r"`, "http://x.org/a 10:30 Update:", "a~b title:a:b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := news.ParseQuery(s)
		if err != nil {
			var qe *news.QueryError
			if !errors.As(err, &qe) || !errors.Is(err, news.ErrBadQuery) {
				t.Fatalf("ParseQuery(%q): error %v is not a *QueryError wrapping ErrBadQuery", s, err)
			}
			if qe.Pos < 0 || qe.Pos > len(s) {
				t.Fatalf("ParseQuery(%q): position %d outside the query", s, qe.Pos)
			}
			_ = err.Error()
			return
		}
		s1 := q.String()
		q2, err := news.ParseQuery(s1)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %s, which does not parse: %v", s, s1, err)
		}
		if s2 := q2.String(); s2 != s1 {
			t.Fatalf("ParseQuery(%q) = %s, which parses to %s", s, s1, s2)
		}
		if !reflect.DeepEqual(q, q2) {
			t.Fatalf("ParseQuery(%q) = %#v, its String %s parses to %#v", s, q, s1, q2)
		}
	})
}
