package news

// The query language is parsed by hand: bleve's query-string syntax has no
// OR, no parentheses and no entity fields, and no small library parses this
// grammar with byte-accurate error positions. The grammar is
//
//	query   = [ or ]                     (empty = everything)
//	or      = and { "OR" and }
//	and     = unary { [ "AND" ] unary }  (adjacent terms are ANDed)
//	unary   = "NOT" unary | "-" unary | primary
//	primary = "(" or ")" | phrase | word | field ":" [ "=" ] ( word | phrase ) | "*"
//
// so NOT binds tighter than AND, and AND tighter than OR. A "-" negates only
// when it starts a term and is followed directly by it ("-bout", "-(a b)").

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Query is a parsed search query: a tree of And, Or, Not, Term, Phrase,
// EntityTerm, DateRange and MatchAll nodes. String returns the canonical form,
// which ParseQuery reads back to an equal tree.
type Query interface {
	String() string
	isQuery()
}

// Fields that a Term or a Phrase can be restricted to. An empty field means
// the full text, like FieldText.
const (
	FieldText   = "text"
	FieldTitle  = "title"
	FieldAuthor = "author"
	FieldSource = "source"
	FieldKind   = "kind"
	FieldID     = "id"
)

// QueryFields lists every field name the query language knows, in the order
// error messages show them.
var QueryFields = []string{
	FieldTitle, FieldAuthor, FieldSource, FieldKind, "date",
	string(Person), string(Org), string(Place), "entity", FieldText, FieldID,
}

// FuzzyAuto is Term.Fuzzy for "word~" without an explicit edit distance: the
// searcher picks one from the length of the word.
const FuzzyAuto = -1

// And matches documents that match every one of Terms.
type And struct{ Terms []Query }

// Or matches documents that match at least one of Terms.
type Or struct{ Terms []Query }

// Not matches documents that do not match Query.
type Not struct{ Query Query }

// Term is one word. Field is "" (full text) or one of the Field constants.
// Fuzzy is 0 for an exact word, 1 or 2 for "word~1"/"word~2" and FuzzyAuto for
// "word~"; Prefix is set for "word*" (Text holds the letters before the "*").
// For FieldKind, Text is "article" or "comment"; for FieldID it is an exact
// document id.
type Term struct {
	Field  string
	Text   string
	Fuzzy  int
	Prefix bool
}

// Phrase is a quoted sequence of words, in order. Field is as for Term.
type Phrase struct {
	Field string
	Words []string
}

// EntityTerm matches documents that mention a named entity. Type is "" for any
// type (the "entity:" field). Exact asks for this spelling only, without the
// name's known variants.
type EntityTerm struct {
	Type  EntityType
	Name  string
	Exact bool
}

// DateRange matches documents published in [From, To): From is inclusive, To
// exclusive. A zero From or To leaves that end open. The parser produces UTC
// midnights: "date:2011-09" is [2011-09-01, 2011-10-01).
type DateRange struct {
	From, To time.Time
}

// MatchAll matches every document.
type MatchAll struct{}

func (And) isQuery()        {}
func (Or) isQuery()         {}
func (Not) isQuery()        {}
func (Term) isQuery()       {}
func (Phrase) isQuery()     {}
func (EntityTerm) isQuery() {}
func (DateRange) isQuery()  {}
func (MatchAll) isQuery()   {}

func (q And) String() string { return joinQueries(q.Terms, " AND ") }
func (q Or) String() string  { return joinQueries(q.Terms, " OR ") }

func joinQueries(qs []Query, sep string) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = groupString(q)
	}
	return strings.Join(parts, sep)
}

// groupString is q.String(), parenthesised when q is an And or an Or.
func groupString(q Query) string {
	switch q.(type) {
	case And, Or:
		return "(" + q.String() + ")"
	}
	return q.String()
}

func (q Not) String() string { return "-" + groupString(q.Query) }

func (q Term) String() string {
	var b strings.Builder
	if q.Field != "" {
		b.WriteString(q.Field + ":")
	}
	if q.Field == FieldID || q.Field == FieldKind {
		b.WriteString(quoteValue(q.Text))
		return b.String()
	}
	b.WriteString(q.Text)
	switch {
	case q.Prefix:
		b.WriteString("*")
	case q.Fuzzy == FuzzyAuto:
		b.WriteString("~")
	case q.Fuzzy > 0:
		fmt.Fprintf(&b, "~%d", q.Fuzzy)
	}
	return b.String()
}

func (q Phrase) String() string {
	s := quote(strings.Join(q.Words, " "))
	if q.Field != "" {
		return q.Field + ":" + s
	}
	return s
}

func (q EntityTerm) String() string {
	field := string(q.Type)
	if field == "" {
		field = "entity"
	}
	eq := ""
	if q.Exact {
		eq = "="
	}
	return field + ":" + eq + quoteValue(q.Name)
}

func (q DateRange) String() string {
	switch {
	case q.From.IsZero() && q.To.IsZero():
		return "*"
	case q.To.IsZero():
		return "date:" + formatDate(q.From, coarsestStart(q.From)) + ".."
	case q.From.IsZero():
		u := coarsestStart(q.To)
		return "date:.." + formatDate(lastUnit(q.To, u), u)
	}
	u := min(coarsestStart(q.From), coarsestStart(q.To))
	from, to := formatDate(q.From, u), formatDate(lastUnit(q.To, u), u)
	if from == to {
		return "date:" + from
	}
	return "date:" + from + ".." + to
}

func (MatchAll) String() string { return "*" }

// quote writes s as a phrase: in double quotes, with " and \ escaped.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// quoteValue returns s as it can follow "field:" and be read back as the
// same literal value.
func quoteValue(s string) string {
	if s == "" || strings.HasPrefix(s, "=") || strings.ContainsAny(s, "\"()\\*~") {
		return quote(s)
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			return quote(s)
		}
	}
	return s
}

// Date granularities, finest first.
type dateUnit int

const (
	unitDay dateUnit = iota
	unitMonth
	unitYear
)

func (u dateUnit) add(t time.Time, n int) time.Time {
	switch u {
	case unitYear:
		return t.AddDate(n, 0, 0)
	case unitMonth:
		return t.AddDate(0, n, 0)
	}
	return t.AddDate(0, 0, n)
}

// coarsestStart is the coarsest unit whose boundary t is on.
func coarsestStart(t time.Time) dateUnit {
	t = t.UTC()
	switch {
	case t.Month() == time.January && t.Day() == 1:
		return unitYear
	case t.Day() == 1:
		return unitMonth
	}
	return unitDay
}

// lastUnit is the last whole unit u before the exclusive end t.
func lastUnit(t time.Time, u dateUnit) time.Time { return u.add(t.UTC(), -1) }

func formatDate(t time.Time, u dateUnit) string {
	t = t.UTC()
	switch u {
	case unitYear:
		return fmt.Sprintf("%04d", t.Year())
	case unitMonth:
		return fmt.Sprintf("%04d-%02d", t.Year(), t.Month())
	}
	return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day())
}

// QueryError is a query that does not parse. Pos is the byte offset in Query
// of the offending text. It wraps ErrBadQuery.
type QueryError struct {
	Pos   int
	Msg   string
	Hint  string // optional advice, e.g. the list of fields
	Query string
}

// Error returns the message, the query and a caret under the position:
//
//	bad query: unbalanced parenthesis at position 0; this "(" is never closed
//	  (bout OR klychev
//	  ^
func (e *QueryError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v: %s at position %d", ErrBadQuery, e.Msg, e.Pos)
	if e.Hint != "" {
		b.WriteString("; " + e.Hint)
	}
	if e.Query == "" {
		return b.String()
	}
	b.WriteString("\n  ")
	col := 0
	for i, r := range e.Query {
		if i < e.Pos {
			col++
		}
		switch {
		case unicode.IsSpace(r):
			r = ' '
		case !unicode.IsPrint(r):
			r = '?'
		}
		b.WriteRune(r)
	}
	b.WriteString("\n  " + strings.Repeat(" ", col) + "^")
	return b.String()
}

// Unwrap returns ErrBadQuery.
func (e *QueryError) Unwrap() error { return ErrBadQuery }

// ParseQuery parses a query in morgue's query language (see DESIGN.md). An
// empty query or "*" is MatchAll. Returns a *QueryError, which wraps
// ErrBadQuery, when s does not parse.
func ParseQuery(s string) (Query, error) {
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{src: s, toks: toks}
	if p.peek().kind == tEOF {
		return MatchAll{}, nil
	}
	q, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		// parseOr stops only at EOF or ")": anything else would have been
		// taken as one more ANDed term.
		return nil, p.errorf(t.pos, `this ")" has no matching "("`, "unbalanced parenthesis")
	}
	return q, nil
}

type tokenKind int

const (
	tEOF tokenKind = iota
	tWord
	tPhrase
	tLParen
	tRParen
	tMinus
	tAnd
	tOr
	tNot
)

type token struct {
	kind     tokenKind
	text     string // a word as written, or a phrase unescaped
	pos, end int    // byte offsets in the query
}

func isSpaceAt(s string, i int) (bool, int) {
	r, n := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), n
}

func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		if sp, n := isSpaceAt(s, i); sp {
			i += n
			continue
		}
		switch c := s[i]; c {
		case '(':
			toks = append(toks, token{kind: tLParen, text: "(", pos: i, end: i + 1})
			i++
		case ')':
			toks = append(toks, token{kind: tRParen, text: ")", pos: i, end: i + 1})
			i++
		case '"':
			t, err := lexPhrase(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = t.end
		case '-':
			if i+1 == len(s) || s[i+1] == ')' {
				return nil, &QueryError{Pos: i, Msg: `expected a term right after "-"`, Query: s}
			}
			if sp, _ := isSpaceAt(s, i+1); sp {
				return nil, &QueryError{Pos: i, Msg: `expected a term right after "-"`, Query: s}
			}
			toks = append(toks, token{kind: tMinus, text: "-", pos: i, end: i + 1})
			i++
		default:
			j := i
			for j < len(s) {
				if s[j] == '(' || s[j] == ')' || s[j] == '"' {
					break
				}
				sp, n := isSpaceAt(s, j)
				if sp {
					break
				}
				j += n
			}
			t := token{kind: tWord, text: s[i:j], pos: i, end: j}
			switch t.text {
			case "AND":
				t.kind = tAnd
			case "OR":
				t.kind = tOr
			case "NOT":
				t.kind = tNot
			}
			toks = append(toks, t)
			i = j
		}
	}
	return append(toks, token{kind: tEOF, pos: len(s), end: len(s)}), nil
}

// lexPhrase reads the phrase whose opening quote is at s[start]. Inside it,
// \" is a quote and \\ a backslash; any other backslash is literal.
func lexPhrase(s string, start int) (token, error) {
	var b strings.Builder
	for i := start + 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return token{kind: tPhrase, text: b.String(), pos: start, end: i + 1}, nil
		case c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return token{}, &QueryError{Pos: start, Msg: "unterminated phrase", Hint: `this '"' is never closed`, Query: s}
}

type parser struct {
	src  string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errorf(pos int, hint, format string, args ...any) error {
	return &QueryError{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint, Query: p.src}
}

// startsTerm reports whether a token can begin a unary term.
func startsTerm(k tokenKind) bool {
	switch k {
	case tWord, tPhrase, tLParen, tMinus, tNot:
		return true
	}
	return false
}

// needTerm checks that a term follows the operator op.
func (p *parser) needTerm(op token) error {
	if startsTerm(p.peek().kind) {
		return nil
	}
	return p.errorf(op.pos, "", "expected a term after %q", op.text)
}

func (p *parser) parseOr() (Query, error) {
	first, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	terms := []Query{first}
	for p.peek().kind == tOr {
		op := p.next()
		if err := p.needTerm(op); err != nil {
			return nil, err
		}
		q, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		terms = appendFlat(terms, q, true)
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return Or{Terms: terms}, nil
}

func (p *parser) parseAnd() (Query, error) {
	var terms []Query
	for {
		t := p.peek()
		switch {
		case t.kind == tAnd:
			if len(terms) == 0 {
				return nil, p.errorf(t.pos, "", "expected a term before %q", t.text)
			}
			p.next()
			if err := p.needTerm(t); err != nil {
				return nil, err
			}
		case t.kind == tOr && len(terms) == 0:
			return nil, p.errorf(t.pos, "", "expected a term before %q", t.text)
		case !startsTerm(t.kind):
			if len(terms) == 0 {
				// Only ")" gets here: EOF is handled by ParseQuery and by
				// the "(" and operator checks before a term is parsed.
				return nil, p.errorf(t.pos, `this ")" has no matching "("`, "unbalanced parenthesis")
			}
			if len(terms) == 1 {
				return terms[0], nil
			}
			return And{Terms: terms}, nil
		}
		q, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		terms = appendFlat(terms, q, false)
	}
}

// appendFlat appends q to terms, splicing in q's own terms when it is of the
// same kind (an Or inside an Or, an And inside an And).
func appendFlat(terms []Query, q Query, or bool) []Query {
	if or {
		if o, ok := q.(Or); ok {
			return append(terms, o.Terms...)
		}
	} else if a, ok := q.(And); ok {
		return append(terms, a.Terms...)
	}
	return append(terms, q)
}

func (p *parser) parseUnary() (Query, error) {
	t := p.peek()
	if t.kind != tNot && t.kind != tMinus {
		return p.parsePrimary()
	}
	p.next()
	if err := p.needTerm(t); err != nil {
		return nil, err
	}
	q, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	if n, ok := q.(Not); ok {
		return n.Query, nil
	}
	return Not{Query: q}, nil
}

func (p *parser) parsePrimary() (Query, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		if p.peek().kind == tRParen {
			return nil, p.errorf(t.pos, "", "empty parentheses")
		}
		if p.peek().kind == tEOF {
			return nil, p.errorf(t.pos, `this "(" is never closed`, "unbalanced parenthesis")
		}
		q, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tRParen {
			return nil, p.errorf(t.pos, `this "(" is never closed`, "unbalanced parenthesis")
		}
		p.next()
		return q, nil
	case tPhrase:
		words := strings.Fields(t.text)
		if len(words) == 0 {
			return nil, p.errorf(t.pos, "", "empty phrase")
		}
		return Phrase{Words: words}, nil
	case tWord:
		return p.parseWord(t)
	}
	// startsTerm was checked by every caller.
	return nil, p.errorf(t.pos, "", "expected a term")
}

// parseWord turns a word token into a term, a field clause or MatchAll.
func (p *parser) parseWord(t token) (Query, error) {
	if t.text == "*" {
		return MatchAll{}, nil
	}
	colon := strings.IndexByte(t.text, ':')
	if colon <= 0 || !isFieldName(t.text[:colon]) || strings.HasPrefix(t.text[colon+1:], "//") {
		return p.parsePattern("", t.text, t.pos)
	}
	name := strings.ToLower(t.text[:colon])
	if !knownField(name) {
		if colon == len(t.text)-1 && !p.phraseFollows(t) {
			// "Update:" at the end of a word is punctuation, not a field.
			return p.parsePattern("", t.text, t.pos)
		}
		return nil, p.errorf(t.pos, "fields are "+strings.Join(QueryFields, ", "), "unknown field %q", t.text[:colon])
	}
	value, vpos := t.text[colon+1:], t.pos+colon+1
	exact := strings.HasPrefix(value, "=")
	if exact {
		if !isEntityField(name) {
			return nil, p.errorf(vpos, `"=" works with person, org, place and entity`, "exact spelling is for names only")
		}
		value, vpos = value[1:], vpos+1
	}
	phrase := false
	if value == "" {
		if !p.phraseFollows(t) {
			if p.peek().kind == tLParen && p.peek().pos == t.end {
				return nil, p.errorf(p.peek().pos, fmt.Sprintf("write %s:a OR %s:b", name, name), "a field applies to one word or phrase, not to a group")
			}
			return nil, p.errorf(vpos, "", "missing value after %q", t.text)
		}
		pt := p.next()
		words := strings.Fields(pt.text)
		if len(words) == 0 {
			return nil, p.errorf(pt.pos, "", "empty phrase")
		}
		value, vpos, phrase = strings.Join(words, " "), pt.pos+1, true
	}
	switch name {
	case "date":
		return parseDateRange(p, value, vpos)
	case FieldKind:
		v := strings.ToLower(value)
		if v != string(KindArticle) && v != string(KindComment) {
			return nil, p.errorf(vpos, "", "kind must be article or comment, not %q", value)
		}
		return Term{Field: FieldKind, Text: v}, nil
	case FieldID:
		return Term{Field: FieldID, Text: value}, nil
	case "entity":
		return p.parseEntity("", value, vpos, exact, phrase)
	case string(Person), string(Org), string(Place):
		return p.parseEntity(EntityType(name), value, vpos, exact, phrase)
	}
	if phrase {
		return Phrase{Field: name, Words: strings.Fields(value)}, nil
	}
	return p.parsePattern(name, value, vpos)
}

// phraseFollows reports whether the next token is a phrase glued to t.
func (p *parser) phraseFollows(t token) bool {
	n := p.peek()
	return n.kind == tPhrase && n.pos == t.end
}

func (p *parser) parseEntity(typ EntityType, name string, pos int, exact, phrase bool) (Query, error) {
	if !phrase {
		if i := strings.IndexAny(name, "*~"); i >= 0 {
			return nil, p.errorf(pos+i, "quote the name if it really contains it", "%q does not work in a name", name[i:i+1])
		}
	}
	return EntityTerm{Type: typ, Name: name, Exact: exact}, nil
}

// parsePattern reads a word with an optional "*" (prefix) or "~", "~1", "~2"
// (fuzzy) suffix. pos is the byte offset of w in the query.
func (p *parser) parsePattern(field, w string, pos int) (Query, error) {
	t := Term{Field: field, Text: w}
	switch {
	case strings.HasSuffix(w, "*"):
		t.Text, t.Prefix = w[:len(w)-1], true
		if t.Text == "" {
			return nil, p.errorf(pos, `use "*" alone for everything`, `"*" needs letters before it`)
		}
	default:
		i := strings.LastIndexByte(w, '~')
		if i < 0 || strings.TrimLeft(w[i+1:], "0123456789") != "" {
			break
		}
		switch w[i+1:] {
		case "":
			t.Fuzzy = FuzzyAuto
		case "1":
			t.Fuzzy = 1
		case "2":
			t.Fuzzy = 2
		default:
			return nil, p.errorf(pos+i+1, "", "edit distance after \"~\" must be 1 or 2")
		}
		t.Text = w[:i]
		if t.Text == "" {
			return nil, p.errorf(pos, "", `"~" needs a word before it`)
		}
	}
	if i := strings.IndexByte(t.Text, '*'); i >= 0 {
		return nil, p.errorf(pos+i, "", `"*" works only at the end of a word`)
	}
	return t, nil
}

func isFieldName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower case
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func knownField(name string) bool {
	for _, f := range QueryFields {
		if f == name {
			return true
		}
	}
	return false
}

func isEntityField(name string) bool {
	switch name {
	case string(Person), string(Org), string(Place), "entity":
		return true
	}
	return false
}

// parseDateRange reads YYYY, YYYY-MM, YYYY-MM-DD or a range A..B of them
// with either end left out. pos is the byte offset of v in the query.
func parseDateRange(p *parser, v string, pos int) (Query, error) {
	lo, hi, isRange := strings.Cut(v, "..")
	if !isRange {
		from, to, err := parseDate(p, v, pos)
		if err != nil {
			return nil, err
		}
		return DateRange{From: from, To: to}, nil
	}
	if lo == "" && hi == "" {
		return nil, p.errorf(pos, "", "date range needs at least one end")
	}
	var r DateRange
	var err error
	if lo != "" {
		if r.From, _, err = parseDate(p, lo, pos); err != nil {
			return nil, err
		}
	}
	if hi != "" {
		if _, r.To, err = parseDate(p, hi, pos+len(lo)+2); err != nil {
			return nil, err
		}
	}
	if lo != "" && hi != "" && !r.From.Before(r.To) {
		return nil, p.errorf(pos, "", "date range %s ends before it starts", v)
	}
	return r, nil
}

// parseDate returns the first instant of the year, month or day s names and
// the first instant after it, in UTC.
func parseDate(p *parser, s string, pos int) (from, to time.Time, err error) {
	var u dateUnit
	var layout string
	switch len(s) {
	case 4:
		u, layout = unitYear, "2006"
	case 7:
		u, layout = unitMonth, "2006-01"
	case 10:
		u, layout = unitDay, "2006-01-02"
	}
	if layout != "" && strings.Trim(s, "0123456789-") == "" {
		from, err = time.Parse(layout, s)
	}
	if layout == "" || err != nil {
		return from, to, p.errorf(pos, "use YYYY, YYYY-MM or YYYY-MM-DD, or A..B", "bad date %q", s)
	}
	if from.Year() < 1000 {
		return from, to, p.errorf(pos, "", "date %q is before the year 1000", s)
	}
	return from, u.add(from, 1), nil
}
