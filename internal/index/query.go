package index

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/morgue-archive/morgue/internal/news"
)

// Expander returns the index terms (entity name keys) that an entity clause
// matches: the keys of every variant of name, or of this spelling only when
// exact is set. typ is "" for any entity type. An empty result matches
// nothing.
type Expander func(typ news.EntityType, name string, exact bool) []string

// lowerName is the Expander used when none is given: the lower-cased name
// itself.
func lowerName(_ news.EntityType, name string, _ bool) []string {
	return []string{strings.ToLower(name)}
}

// bleveQuery translates a parsed query into a bleve query over the fields of
// NewMapping:
//
//   - words and phrases (unqualified or text:) query "text", title: queries
//     "title"; both are analysed by the field's analyzer (en: lower-cased,
//     stemmed), and a word the analyzer splits ("anti-war") needs all its
//     parts. A word or phrase that is only stop words ("the") is left out of
//     an AND that has other terms; alone it matches nothing.
//   - word~ and word* are fuzzy and prefix matches on the same fields. Fuzzy
//     words are analysed first, so "rates~" is "rate" within the distance;
//     prefixes are only lower-cased, so they match the start of an indexed
//     (stemmed) term. "word~" allows 1 edit for words of up to 5 letters and
//     2 for longer ones.
//   - author: and source: match the whole value, case-insensitively: the
//     value goes through the field's analyzer (one lower-cased token).
//   - kind: and id: match exactly; id: is the document id.
//   - person:, org:, place: match any of the keys ex gives for the name in
//     that type's field; entity: in any of the four entity fields.
//   - date: matches "published" in [From, To); documents without a date
//     never match it (but do match -date:…).
//   - NOT x, on its own, is everything except x.
//
// A nil ex matches the lower-cased name as a key. Returns an error wrapping
// news.ErrBadQuery for a tree the parser cannot produce (an unknown field, an
// empty And, an edit distance over 2).
func bleveQuery(q news.Query, ex Expander) (query.Query, error) {
	if ex == nil {
		ex = lowerName
	}
	return translate(q, ex)
}

func translate(q news.Query, ex Expander) (query.Query, error) {
	switch q := q.(type) {
	case news.MatchAll:
		return query.NewMatchAllQuery(), nil
	case news.Term:
		return termQuery(q)
	case news.Phrase:
		return phraseQuery(q)
	case news.EntityTerm:
		return entityQuery(q, ex)
	case news.DateRange:
		return dateQuery(q), nil
	case news.Not:
		inner, err := translate(q.Query, ex)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{inner}), nil
	case news.And:
		return andQuery(q, ex)
	case news.Or:
		if len(q.Terms) == 0 {
			return nil, fmt.Errorf("empty OR: %w", news.ErrBadQuery)
		}
		qs := make([]query.Query, len(q.Terms))
		for i, t := range q.Terms {
			bq, err := translate(t, ex)
			if err != nil {
				return nil, err
			}
			qs[i] = bq
		}
		if len(qs) == 1 {
			return qs[0], nil
		}
		return query.NewDisjunctionQuery(qs), nil
	}
	return nil, fmt.Errorf("query node %T: %w", q, news.ErrBadQuery)
}

// andQuery is a conjunction of the positive terms minus the negated ones.
func andQuery(q news.And, ex Expander) (query.Query, error) {
	if len(q.Terms) == 0 {
		return nil, fmt.Errorf("empty AND: %w", news.ErrBadQuery)
	}
	var must, mustNot, void []query.Query
	all := false // a MatchAll term, redundant next to any other
	for _, t := range q.Terms {
		if n, ok := t.(news.Not); ok {
			bq, err := translate(n.Query, ex)
			if err != nil {
				return nil, err
			}
			mustNot = append(mustNot, bq)
			continue
		}
		bq, err := translate(t, ex)
		if err != nil {
			return nil, err
		}
		_, isAll := t.(news.MatchAll)
		switch {
		case isAll:
			all = true
		case stopWordsOnly(t):
			void = append(void, bq)
		default:
			must = append(must, bq)
		}
	}
	if len(must) == 0 {
		must = void // nothing else to match: they match nothing, as alone
	}
	if len(must) == 0 && (all || len(mustNot) > 0) {
		must = []query.Query{query.NewMatchAllQuery()}
	}
	switch {
	case len(mustNot) > 0:
		return query.NewBooleanQuery(must, nil, mustNot), nil
	case len(must) == 1:
		return must[0], nil
	}
	return query.NewConjunctionQuery(must), nil
}

// stopWordsOnly reports whether t is a word or phrase in a prose field that
// the English analyzer reduces to nothing.
func stopWordsOnly(t news.Query) bool {
	var field, text string
	switch t := t.(type) {
	case news.Term:
		if t.Prefix {
			return false
		}
		field, text = t.Field, t.Text
	case news.Phrase:
		field, text = t.Field, strings.Join(t.Words, " ")
	default:
		return false
	}
	if _, prose := proseField(field); !prose {
		return false
	}
	return len(english().Analyze([]byte(text))) == 0
}

// proseField returns the index field of an analysed query field.
func proseField(f string) (string, bool) {
	switch f {
	case "", news.FieldText:
		return fieldText, true
	case news.FieldTitle:
		return fieldTitle, true
	}
	return "", false
}

// keywordField returns the index field of a whole-value, case-insensitive
// query field.
func keywordField(f string) (string, bool) {
	switch f {
	case news.FieldAuthor:
		return fieldAuthor, true
	case news.FieldSource:
		return fieldSource, true
	}
	return "", false
}

func termQuery(t news.Term) (query.Query, error) {
	fuzz, err := fuzziness(t)
	if err != nil {
		return nil, err
	}
	if field, ok := proseField(t.Field); ok {
		if t.Prefix {
			p := query.NewPrefixQuery(strings.ToLower(t.Text))
			p.SetField(field)
			return p, nil
		}
		m := query.NewMatchQuery(t.Text)
		m.SetField(field)
		m.SetOperator(query.MatchQueryOperatorAnd)
		m.SetFuzziness(fuzz)
		return m, nil
	}
	if field, ok := keywordField(t.Field); ok {
		switch {
		case t.Prefix:
			p := query.NewPrefixQuery(strings.ToLower(t.Text))
			p.SetField(field)
			return p, nil
		case fuzz > 0:
			f := query.NewFuzzyQuery(strings.ToLower(t.Text))
			f.SetField(field)
			f.SetFuzziness(fuzz)
			return f, nil
		}
		m := query.NewMatchQuery(t.Text)
		m.SetField(field)
		return m, nil
	}
	return exactQuery(t.Field, t.Text)
}

// exactQuery matches kind: or id: values as they are.
func exactQuery(field, value string) (query.Query, error) {
	switch field {
	case news.FieldKind:
		k := query.NewTermQuery(value)
		k.SetField(fieldKind)
		return k, nil
	case news.FieldID:
		return query.NewDocIDQuery([]string{value}), nil
	}
	return nil, fmt.Errorf("field %q: %w", field, news.ErrBadQuery)
}

// fuzziness returns the edit distance of a term: 0 when it is not fuzzy.
func fuzziness(t news.Term) (int, error) {
	switch {
	case t.Fuzzy == news.FuzzyAuto && utf8.RuneCountInString(t.Text) <= 5:
		return 1, nil
	case t.Fuzzy == news.FuzzyAuto:
		return 2, nil
	case t.Fuzzy < 0 || t.Fuzzy > 2:
		return 0, fmt.Errorf("edit distance %d of %q: %w", t.Fuzzy, t.Text, news.ErrBadQuery)
	}
	return t.Fuzzy, nil
}

func phraseQuery(p news.Phrase) (query.Query, error) {
	text := strings.Join(p.Words, " ")
	if field, ok := proseField(p.Field); ok {
		m := query.NewMatchPhraseQuery(text)
		m.SetField(field)
		return m, nil
	}
	if field, ok := keywordField(p.Field); ok {
		m := query.NewMatchQuery(text)
		m.SetField(field)
		return m, nil
	}
	return exactQuery(p.Field, text)
}

// entityQuery matches any key of the name in the type's field, or in every
// entity field for entity:.
func entityQuery(e news.EntityTerm, ex Expander) (query.Query, error) {
	var fields []string
	switch e.Type {
	case "":
		fields = []string{fieldPerson, fieldOrg, fieldPlace, fieldMisc}
	case news.Person:
		fields = []string{fieldPerson}
	case news.Org:
		fields = []string{fieldOrg}
	case news.Place:
		fields = []string{fieldPlace}
	case news.Misc:
		fields = []string{fieldMisc}
	default:
		return nil, fmt.Errorf("entity type %q: %w", e.Type, news.ErrBadQuery)
	}
	var qs []query.Query
	for _, f := range fields {
		for _, k := range ex(e.Type, e.Name, e.Exact) {
			t := query.NewTermQuery(k)
			t.SetField(f)
			qs = append(qs, t)
		}
	}
	switch len(qs) {
	case 0:
		return query.NewMatchNoneQuery(), nil
	case 1:
		return qs[0], nil
	}
	return query.NewDisjunctionQuery(qs), nil
}

// dateQuery matches "published" in [From, To). Ends beyond the dates bleve
// can index are left open; a range wholly beyond them matches nothing.
func dateQuery(r news.DateRange) query.Query {
	from, to := r.From, r.To
	lo, hi := query.MinRFC3339CompatibleTime, query.MaxRFC3339CompatibleTime
	if (!from.IsZero() && from.After(hi)) || (!to.IsZero() && !to.After(lo)) {
		return query.NewMatchNoneQuery()
	}
	if from.Before(lo) {
		from = time.Time{}
	}
	if to.After(hi) {
		to = time.Time{}
	}
	if from.IsZero() && to.IsZero() {
		from = lo // bleve needs one end; every indexed date is after lo
	}
	incl, excl := true, false
	d := query.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
	d.SetField(fieldPublished)
	return d
}
