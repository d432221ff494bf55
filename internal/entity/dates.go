package entity

import (
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision is how much of a date a DateMention states.
type Precision int

// Precisions, finest first.
const (
	PrecisionDay Precision = iota + 1
	PrecisionWeek
	PrecisionMonth
	PrecisionYear
)

func (p Precision) String() string {
	switch p {
	case PrecisionDay:
		return "day"
	case PrecisionWeek:
		return "week"
	case PrecisionMonth:
		return "month"
	case PrecisionYear:
		return "year"
	}
	return "unknown"
}

// DateMention is a date expression found in a text.
type DateMention struct {
	Start, End int       // byte offsets into the text (half-open)
	Text       string    // text[Start:End]
	Time       time.Time // first day of the period stated, 00:00 UTC
	Precision  Precision
	Relative   bool // resolved against the reference time
}

// Dates returns the date expressions in English text, in order, each with
// its span and the period it names:
//
//   - absolute dates: "October 11, 2011", "Oct. 11th 2011", "Wednesday,
//     October 12, 2011", "11 October 2011", "11th of Oct, 2011",
//     "2011-10-11", "2011/10/11", "11.10.2011" (day first), "10/25/2011"
//     and "25/10/2011" (only when the order is unambiguous);
//   - months: "March 2008", "March of 2008", "March, 2008";
//   - years after a preposition: "in 1967", "since 2005";
//   - relative ones, resolved against ref and left out when ref is zero:
//     "today", "yesterday", "tomorrow", "last night", "Wednesday" (the last
//     one on or before ref), "last Wednesday", "next Wednesday", "last
//     week", "this month", "next year", "three days ago", "a week ago",
//     and a month and day without a year ("October 11"), placed in the year
//     that brings it nearest to ref.
//
// Month and weekday names must be capitalised ("may" and "march" are
// verbs); relative words may have any case. Weeks start on Monday. The
// calendar day of ref is taken in ref's location.
func Dates(text string, ref time.Time) []DateMention {
	toks := dateTokens(text)
	sc := dateScanner{text: text, toks: toks, ref: ref}
	if !ref.IsZero() {
		y, m, d := ref.Date()
		sc.today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	var out []DateMention
	for i := 0; i < len(toks); {
		if !sc.mayStart(i) {
			i++
			continue
		}
		m, next, ok := sc.match(i)
		if !ok {
			i++
			continue
		}
		m.Text = text[m.Start:m.End]
		out = append(out, m)
		i = next
	}
	return out
}

// PublishedGuess returns the most likely publication date of a page from
// its text, or the zero time: the first day-precise absolute date on a line
// that reads like a byline or dateline ("Posted on …", "Published …",
// "Updated …", "By … on …") within the first 2,000 bytes, else the first
// day-precise absolute date within the first 600 bytes (title and byline).
// Dates after now are skipped. Dates further down are not used: they are
// more often events than the publication date.
func PublishedGuess(text string) time.Time {
	head := text
	if len(head) > 2000 {
		n := 2000
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		head = text[:n]
	}
	limit := time.Now().Add(24 * time.Hour)
	var first time.Time
	for _, d := range Dates(head, time.Time{}) {
		if d.Precision != PrecisionDay || d.Relative || d.Time.After(limit) {
			continue
		}
		if bylineCue(lineAround(head, d.Start, d.End)) {
			return d.Time
		}
		if first.IsZero() && d.Start < 600 {
			first = d.Time
		}
	}
	return first
}

func lineAround(text string, s, e int) string {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	le := strings.IndexByte(text[e:], '\n')
	if le < 0 {
		return text[ls:]
	}
	return text[ls : e+le]
}

func bylineCue(line string) bool {
	l := strings.ToLower(line)
	for _, cue := range []string{"posted", "published", "updated", "dateline", "written", "filed"} {
		if strings.Contains(l, cue) {
			return true
		}
	}
	return strings.HasPrefix(strings.TrimSpace(l), "by ") || strings.HasPrefix(strings.TrimSpace(l), "date")
}

// dtok is a token of the date scanner: a word of letters, a number (with
// an ordinal suffix: "11th"), or one punctuation rune. Space is skipped.
type dtok struct {
	start, end int
	kind       byte // 'w', 'n', 'p'
	word       string
	num        int
	digits     int
	ordinal    bool
}

func dateTokens(text string) []dtok {
	var toks []dtok
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case unicode.IsSpace(r):
			i += n
		case r >= '0' && r <= '9':
			j := i
			v := 0
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if j-i < 9 {
					v = v*10 + int(text[j]-'0')
				}
				j++
			}
			t := dtok{start: i, end: j, kind: 'n', num: v, digits: j - i}
			if j+2 <= len(text) {
				switch strings.ToLower(text[j : j+2]) {
				case "st", "nd", "rd", "th":
					if j+2 == len(text) || !isLetterByte(text[j+2]) {
						t.ordinal = true
						t.end = j + 2
					}
				}
			}
			toks = append(toks, t)
			i = t.end
		case unicode.IsLetter(r):
			j := i
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, dtok{start: i, end: j, kind: 'w', word: text[i:j]})
			i = j
		default:
			toks = append(toks, dtok{start: i, end: i + n, kind: 'p', word: text[i : i+n]})
			i += n
		}
	}
	return toks
}

// startWords are the words a date expression can begin with, lower-case.
var startWords = func() map[string]bool {
	m := map[string]bool{
		"in": true, "since": true, "by": true, "until": true, "till": true, "from": true,
		"during": true, "before": true, "after": true, "of": true, "through": true,
		"today": true, "tonight": true, "yesterday": true, "tomorrow": true, "the": true,
		"last": true, "this": true, "next": true,
	}
	for w := range monthNames {
		m[w] = true
	}
	for w := range weekdayNames {
		m[w] = true
	}
	for w := range numberWords {
		m[w] = true
	}
	return m
}

// mayStart reports whether a date expression may begin at token i: a
// number or one of startWords. It saves trying every pattern at every word.
func (sc *dateScanner) mayStart(i int) bool {
	t := &sc.toks[i]
	switch t.kind {
	case 'n':
		return true
	case 'w':
		if len(t.word) > 9 {
			return false
		}
		var buf [9]byte
		for k := 0; k < len(t.word); k++ {
			c := t.word[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[k] = c
		}
		return startWordSet()[string(buf[:len(t.word)])]
	}
	return false
}

var startWordSet = sync.OnceValue(startWords)

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

type dateScanner struct {
	text  string
	toks  []dtok
	ref   time.Time
	today time.Time // ref's calendar day at 00:00 UTC; zero without ref
}

func (sc *dateScanner) tok(i int) *dtok {
	if i < 0 || i >= len(sc.toks) {
		return &dtok{kind: 0}
	}
	return &sc.toks[i]
}

// adjacent reports whether tokens i and i+1 touch (no space between).
func (sc *dateScanner) adjacent(i int) bool {
	return i+1 < len(sc.toks) && sc.toks[i].end == sc.toks[i+1].start
}

func (sc *dateScanner) isPunct(i int, p string) bool {
	t := sc.tok(i)
	return t.kind == 'p' && t.word == p
}

func (sc *dateScanner) isWord(i int, words ...string) bool {
	t := sc.tok(i)
	if t.kind != 'w' {
		return false
	}
	for _, w := range words {
		if strings.EqualFold(t.word, w) {
			return true
		}
	}
	return false
}

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"sun": 0, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6,
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// month returns the month named by token i and the index after it (an
// abbreviation's dot included). Only a capitalised name counts unless
// lower is set.
func (sc *dateScanner) month(i int, lower bool) (time.Month, int, bool) {
	t := sc.tok(i)
	if t.kind != 'w' || !lower && !capitalised(t.word) {
		return 0, i, false
	}
	lw := strings.ToLower(t.word)
	m, ok := monthNames[lw]
	if !ok {
		return 0, i, false
	}
	next := i + 1
	if len(lw) <= 4 && lw != "june" && lw != "july" && sc.isPunct(next, ".") && sc.adjacent(i) {
		next++
	}
	return m, next, true
}

// weekday returns the weekday named by token i (full names only unless
// abbreviations are allowed).
func (sc *dateScanner) weekday(i int, abbrev bool) (time.Weekday, int, bool) {
	t := sc.tok(i)
	if t.kind != 'w' || !capitalised(t.word) {
		return 0, i, false
	}
	lw := strings.ToLower(t.word)
	d, ok := weekdayNames[lw]
	if !ok || !abbrev && !strings.HasSuffix(lw, "day") {
		return 0, i, false
	}
	next := i + 1
	if !strings.HasSuffix(lw, "day") && sc.isPunct(next, ".") && sc.adjacent(i) {
		next++
	}
	return d, next, true
}

func (sc *dateScanner) day(i int) (int, bool) {
	t := sc.tok(i)
	if t.kind != 'n' || t.digits > 2 || t.num < 1 || t.num > 31 {
		return 0, false
	}
	return t.num, true
}

func (sc *dateScanner) year(i int) (int, bool) {
	t := sc.tok(i)
	if t.kind != 'n' || t.digits != 4 || t.ordinal || t.num < 1800 || t.num > 2199 {
		return 0, false
	}
	// Not part of a longer number ("2011-12" is a range, "1,2011" is not a year).
	if sc.adjacent(i) && sc.tok(i+1).kind == 'n' {
		return 0, false
	}
	return t.num, true
}

func validDate(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d && t.Month() == m
}

// match tries every pattern at token i and returns the longest mention and
// the token index after it.
func (sc *dateScanner) match(i int) (DateMention, int, bool) {
	if m, next, ok := sc.absolute(i); ok {
		return m, next, true
	}
	if m, next, ok := sc.relative(i); ok {
		return m, next, true
	}
	return DateMention{}, i, false
}

// absolute matches the patterns that need no reference time (and a month
// and day without a year, which does).
func (sc *dateScanner) absolute(i int) (DateMention, int, bool) {
	start := sc.tok(i).start
	// A weekday before a date: "Wednesday, October 12, 2011".
	if _, j, ok := sc.weekday(i, true); ok {
		if sc.isPunct(j, ",") {
			j++
		}
		if m, next, ok := sc.dayDate(j); ok {
			m.Start = start
			return m, next, true
		}
	}
	if m, next, ok := sc.numericDate(i); ok {
		return m, next, true
	}
	if m, next, ok := sc.dayDate(i); ok {
		return m, next, true
	}
	return DateMention{}, i, false
}

// dayDate matches month-first and day-first dates and month-year.
func (sc *dateScanner) dayDate(i int) (DateMention, int, bool) {
	start := sc.tok(i).start
	mk := func(t time.Time, p Precision, endTok int, rel bool) (DateMention, int, bool) {
		return DateMention{Start: start, End: sc.tok(endTok - 1).end, Time: t, Precision: p, Relative: rel}, endTok, true
	}
	// Month first; a lower-case month counts only with a year.
	if mon, j, ok := sc.month(i, true); ok {
		capital := capitalised(sc.tok(i).word)
		if d, ok := sc.day(j); ok {
			k := j + 1
			if sc.isPunct(k, ",") {
				k++
			}
			if y, ok := sc.year(k); ok {
				if t, ok := validDate(y, mon, d); ok {
					return mk(t, PrecisionDay, k+1, false)
				}
				return DateMention{}, i, false
			}
			// "October 11" without a year.
			if !capital || sc.isPunct(j+1, ":") || sc.isPunct(j+1, "-") && sc.adjacent(j) {
				return DateMention{}, i, false
			}
			if t, ok := sc.nearestYear(mon, d); ok {
				return mk(t, PrecisionDay, j+1, true)
			}
			return DateMention{}, i, false
		}
		k := j
		if sc.isWord(k, "of") || sc.isPunct(k, ",") {
			k++
		}
		if y, ok := sc.year(k); ok {
			return mk(time.Date(y, mon, 1, 0, 0, 0, 0, time.UTC), PrecisionMonth, k+1, false)
		}
		return DateMention{}, i, false
	}
	// Day first.
	if d, ok := sc.day(i); ok {
		j := i + 1
		if sc.isWord(j, "of") && sc.tok(i).ordinal {
			j++
		}
		mon, k, ok := sc.month(j, true)
		if !ok {
			return DateMention{}, i, false
		}
		capital := capitalised(sc.tok(j).word)
		if sc.isPunct(k, ",") {
			k++
		}
		if y, ok := sc.year(k); ok {
			if t, ok := validDate(y, mon, d); ok {
				return mk(t, PrecisionDay, k+1, false)
			}
			return DateMention{}, i, false
		}
		if t, ok := sc.nearestYear(mon, d); ok && capital {
			end := k
			if sc.isPunct(end-1, ",") {
				end--
			}
			return mk(t, PrecisionDay, end, true)
		}
	}
	return DateMention{}, i, false
}

// nearestYear places a month and day in the year that brings it nearest to
// the reference day.
func (sc *dateScanner) nearestYear(mon time.Month, d int) (time.Time, bool) {
	if sc.today.IsZero() {
		return time.Time{}, false
	}
	y := sc.today.Year()
	best, ok := validDate(y, mon, d)
	for _, yy := range []int{y - 1, y + 1} {
		t, ok2 := validDate(yy, mon, d)
		if !ok2 {
			continue
		}
		if !ok || absDur(t.Sub(sc.today)) < absDur(best.Sub(sc.today)) {
			best, ok = t, true
		}
	}
	return best, ok
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// numericDate matches 2011-10-11, 2011/10/11, 11.10.2011 and unambiguous
// 10/25/2011 or 25/10/2011, written without spaces.
func (sc *dateScanner) numericDate(i int) (DateMention, int, bool) {
	a, b, c := sc.tok(i), sc.tok(i+2), sc.tok(i+4)
	if a.kind != 'n' || b.kind != 'n' || c.kind != 'n' || a.ordinal || b.ordinal || c.ordinal {
		return DateMention{}, i, false
	}
	for k := i; k < i+4; k++ {
		if !sc.adjacent(k) {
			return DateMention{}, i, false
		}
	}
	s1, s2 := sc.tok(i+1), sc.tok(i+3)
	if s1.kind != 'p' || s1.word != s2.word || !strings.Contains("-/.", s1.word) {
		return DateMention{}, i, false
	}
	// Not part of a longer run ("1.2.3.4", "2011-10-11-2").
	if sc.adjacent(i+4) && (sc.tok(i+5).kind == 'n' || sc.isPunct(i+5, s1.word) && sc.tok(i+6).kind == 'n') {
		return DateMention{}, i, false
	}
	if i > 0 && sc.adjacent(i-1) && (sc.tok(i-1).kind == 'n' || sc.tok(i-1).kind == 'p' && sc.tok(i-2).kind == 'n' && sc.adjacent(i-2)) {
		return DateMention{}, i, false
	}
	var y, d int
	var m time.Month
	switch {
	case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
		y, m, d = a.num, time.Month(b.num), c.num
	case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
		y = c.num
		switch {
		case s1.word == ".":
			d, m = a.num, time.Month(b.num)
		case a.num > 12 && b.num <= 12:
			d, m = a.num, time.Month(b.num)
		case b.num > 12 && a.num <= 12:
			m, d = time.Month(a.num), b.num
		case a.num == b.num:
			d, m = a.num, time.Month(b.num)
		default:
			return DateMention{}, i, false // 10/11/2011: month or day first?
		}
	default:
		return DateMention{}, i, false
	}
	if y < 1800 || y > 2199 || m < 1 || m > 12 {
		return DateMention{}, i, false
	}
	t, ok := validDate(y, m, d)
	if !ok {
		return DateMention{}, i, false
	}
	return DateMention{Start: a.start, End: c.end, Time: t, Precision: PrecisionDay}, i + 5, true
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// relative matches the patterns that need the reference time, and years
// after a preposition.
func (sc *dateScanner) relative(i int) (DateMention, int, bool) {
	t := sc.tok(i)
	start := t.start
	mk := func(tm time.Time, p Precision, endTok int, rel bool) (DateMention, int, bool) {
		return DateMention{Start: start, End: sc.tok(endTok - 1).end, Time: tm, Precision: p, Relative: rel}, endTok, true
	}
	// A year after a preposition: "in 1967". The mention is the year.
	if sc.isWord(i, "in", "since", "by", "until", "till", "from", "during", "before", "after", "of", "through") {
		if y, ok := sc.year(i + 1); ok && !sc.isPunct(i+2, "-") && !sc.isPunct(i+2, "–") {
			start = sc.tok(i + 1).start
			return mk(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear, i+2, false)
		}
	}
	if sc.today.IsZero() {
		return DateMention{}, i, false
	}
	today := sc.today
	switch {
	case sc.isWord(i, "today", "tonight"):
		return mk(today, PrecisionDay, i+1, true)
	case sc.isWord(i, "yesterday"):
		return mk(today.AddDate(0, 0, -1), PrecisionDay, i+1, true)
	case sc.isWord(i, "tomorrow"):
		return mk(today.AddDate(0, 0, 1), PrecisionDay, i+1, true)
	case sc.isWord(i, "the") && sc.isWord(i+1, "day") && sc.isWord(i+2, "before") && sc.isWord(i+3, "yesterday"):
		return mk(today.AddDate(0, 0, -2), PrecisionDay, i+4, true)
	case sc.isWord(i, "last", "this", "next"):
		dir := map[string]int{"last": -1, "this": 0, "next": 1}[strings.ToLower(t.word)]
		if sc.isWord(i+1, "night") && dir == -1 {
			return mk(today.AddDate(0, 0, -1), PrecisionDay, i+2, true)
		}
		if wd, j, ok := sc.weekday(i+1, false); ok {
			return mk(weekdayNear(today, wd, dir), PrecisionDay, j, true)
		}
		switch {
		case sc.isWord(i+1, "week"):
			return mk(mondayOf(today).AddDate(0, 0, 7*dir), PrecisionWeek, i+2, true)
		case sc.isWord(i+1, "month"):
			first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
			return mk(first.AddDate(0, dir, 0), PrecisionMonth, i+2, true)
		case sc.isWord(i+1, "year"):
			return mk(time.Date(today.Year()+dir, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear, i+2, true)
		}
		if mon, j, ok := sc.month(i+1, false); ok && !sc.tok(j).ordinalOrDay() {
			y := today.Year() + dir
			if dir == -1 && mon < today.Month() || dir == 1 && mon > today.Month() {
				y = today.Year() // "last March" said in October
			}
			return mk(time.Date(y, mon, 1, 0, 0, 0, 0, time.UTC), PrecisionMonth, j, true)
		}
	case t.kind == 'n' && t.digits <= 2 && !t.ordinal || sc.isWord(i, "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"):
		n := t.num
		if t.kind == 'w' {
			n = numberWords[strings.ToLower(t.word)]
		}
		if !sc.isWord(i+2, "ago") || n == 0 {
			break
		}
		switch {
		case sc.isWord(i+1, "day", "days"):
			return mk(today.AddDate(0, 0, -n), PrecisionDay, i+3, true)
		case sc.isWord(i+1, "week", "weeks"):
			return mk(mondayOf(today.AddDate(0, 0, -7*n)), PrecisionWeek, i+3, true)
		case sc.isWord(i+1, "month", "months"):
			first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
			return mk(first.AddDate(0, -n, 0), PrecisionMonth, i+3, true)
		case sc.isWord(i+1, "year", "years"):
			return mk(time.Date(today.Year()-n, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear, i+3, true)
		}
	}
	if wd, j, ok := sc.weekday(i, false); ok {
		return mk(weekdayNear(today, wd, 0), PrecisionDay, j, true)
	}
	return DateMention{}, i, false
}

func (t *dtok) ordinalOrDay() bool { return t.kind == 'n' && t.digits <= 2 }

// weekdayNear returns the day named wd: with dir 0 the last one on or
// before today, with -1 the last one before today, with 1 the first one
// after today.
func weekdayNear(today time.Time, wd time.Weekday, dir int) time.Time {
	back := (int(today.Weekday()) - int(wd) + 7) % 7
	switch dir {
	case -1:
		if back == 0 {
			back = 7
		}
		return today.AddDate(0, 0, -back)
	case 1:
		fwd := (int(wd) - int(today.Weekday()) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		return today.AddDate(0, 0, fwd)
	}
	return today.AddDate(0, 0, -back)
}

// mondayOf returns the Monday of the week holding day.
func mondayOf(day time.Time) time.Time {
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}
