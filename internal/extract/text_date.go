package extract

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Dates in text dumps. Comment headers and bylines print dates in dozens of
// shapes ("January 31, 2011 at 9:59 am", "06.01.2020 um 9:16", "11. Jul,
// 2012", "24TH JULY 2012 - 19:58", "3/12/2021 at 1:48am", "vor 2 Tagen"),
// in several languages, and always inside other text. Date libraries parse a
// string that is a date; none finds one inside a line, and the multilingual
// ones load hundreds of locales at init. So this is a small token scanner
// that finds the first date and/or time in a line.

// dateMatch is a date and/or time found in a line.
type dateMatch struct {
	start, end int       // byte span in the line, joiners between date and time included
	t          time.Time // zero unless the date has a year (UTC; pages rarely say the zone)
	date       bool      // a day and month were found
	year       bool      // ... with a year
	clock      bool      // a time of day was found
	relative   bool      // "3 days ago", "vor 2 Tagen", "yesterday"
}

type tokKind uint8

const (
	tNum tokKind = iota + 1
	tWord
	tPunct
)

type dtok struct {
	kind       tokKind
	s          string // lower-cased word, digits, or the punctuation rune
	start, end int
	n          int  // numeric value
	ord        bool // number had an ordinal suffix: 1st, 2nd, 24TH
	spaceAfter bool // whitespace follows the token
}

// tokenizeDate splits s into numbers, words and single punctuation runes.
// Digits and letters are split apart ("1:48am" → 1 : 48 am), except ordinal
// suffixes, which stay with their number.
func tokenizeDate(s string, toks []dtok) []dtok {
	toks = toks[:0]
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t':
			if len(toks) > 0 {
				toks[len(toks)-1].spaceAfter = true
			}
			i += w
		case r >= '0' && r <= '9':
			j, n := i, 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if j-i < 9 {
					n = n*10 + int(s[j]-'0')
				}
				j++
			}
			t := dtok{kind: tNum, s: s[i:j], start: i, end: j, n: n}
			if j+2 <= len(s) {
				suf := strings.ToLower(s[j : j+2])
				if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && (j+2 == len(s) || !isLetterByte(s[j+2])) {
					t.ord, t.end = true, j+2
					j += 2
				}
			}
			toks = append(toks, t)
			i = j
		case unicode.IsLetter(r):
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += w2
			}
			// a month glued to a name: "fieryredhead686October", "Make-upOctober"
			if k := gluedMonth(s[i:j]); k > 0 {
				toks = append(toks, dtok{kind: tWord, s: strings.ToLower(s[i : i+k]), start: i, end: i + k})
				i += k
			}
			toks = append(toks, dtok{kind: tWord, s: strings.ToLower(s[i:j]), start: i, end: j})
			i = j
		default:
			toks = append(toks, dtok{kind: tPunct, s: s[i : i+w], start: i, end: i + w})
			i += w
		}
	}
	return toks
}

// gluedMonth returns where a capitalised month name starts inside a word
// that runs a lower-case letter into it ("upOctober"), or 0.
func gluedMonth(w string) int {
	prevLower := false
	for k, r := range w {
		if k > 0 && prevLower && unicode.IsUpper(r) {
			if m, ok := monthWords[strings.ToLower(w[k:])]; ok && m > 0 && len(w)-k >= 3 {
				return k
			}
		}
		prevLower = unicode.IsLower(r)
	}
	return 0
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// monthWords maps month names and abbreviations in the languages seen in
// scraped pages to 1..12. Ambiguous short forms that are common words
// ("may", "mar", "mai") are only taken next to a day number or a year.
var monthWords = map[string]int{
	// English
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	// German
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
	"oktober": 10, "dezember": 12, "mär": 3, "okt": 10, "dez": 12,
	// French
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "janv": 1, "févr": 2, "fév": 2,
	"avr": 4, "juil": 7, "déc": 12,
	// Spanish
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "ene": 1, "abr": 4,
	"ago": 8, "dic": 12,
	// Italian
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
	"ottobre": 10, "dicembre": 12, "gen": 1, "mag": 5, "giu": 6, "lug": 7, "set": 9, "ott": 10,
	// Dutch
	"januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
	// Portuguese
	"janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
	"outubro": 10, "novembro": 11, "dezembro": 12, "fev": 2, "out": 10,
}

// weekdayWords are skipped in front of a date.
var weekdayWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true, "samstag": true, "sonntag": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"lunes": true, "martes": true, "miércoles": true, "jueves": true, "viernes": true, "sábado": true, "domingo": true,
	// abbreviations; a weekday counts only in front of a date
	"mo": true, "di": true, "mi": true, "do": true, "fr": true, "sa": true, "so": true,
	"lun": true, "mer": true, "jeu": true, "ven": true, "sam": true, "dim": true, "mié": true, "jue": true, "vie": true, "sáb": true, "dom": true,
}

// dateJoinWords may stand between a date and its time: "at", "um", "à", "a las"...
var dateJoinWords = map[string]bool{
	"at": true, "um": true, "à": true, "a": true, "las": true, "la": true, "alle": true, "om": true, "às": true,
	"kl": true, "klo": true, "o": true,
}

var relUnits = map[string]bool{
	"second": true, "seconds": true, "sec": true, "secs": true, "minute": true, "minutes": true, "min": true, "mins": true,
	"hour": true, "hours": true, "hr": true, "hrs": true, "day": true, "days": true, "week": true, "weeks": true,
	"month": true, "months": true, "year": true, "years": true,
	"sekunde": true, "sekunden": true, "minuten": true, "stunde": true, "stunden": true, "tag": true, "tagen": true,
	"woche": true, "wochen": true, "monat": true, "monaten": true, "jahr": true, "jahren": true,
	"seconde": true, "secondes": true, "heure": true, "heures": true, "jour": true, "jours": true,
	"semaine": true, "semaines": true, "mois": true, "an": true, "ans": true,
	"segundo": true, "segundos": true, "minuto": true, "minutos": true, "hora": true, "horas": true, "día": true,
	"días": true, "dia": true, "dias": true, "semana": true, "semanas": true, "mes": true, "meses": true, "año": true, "años": true,
}

// scanDateQuick is scanDate for the many lines that hold no date: a date
// needs a digit, except a few relative forms.
func scanDateQuick(s string) (dateMatch, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			return scanDate(s)
		}
	}
	if strings.Contains(s, " ago") || strings.Contains(s, "vor ") || strings.Contains(s, "Vor ") || strings.Contains(s, "hace ") || strings.Contains(s, "Hace ") {
		return scanDate(s)
	}
	return dateMatch{}, false
}

// scanDate returns the first date or time of day in s.
func scanDate(s string) (dateMatch, bool) {
	var buf [48]dtok
	toks := tokenizeDate(s, buf[:0])
	for i := range toks {
		if i > 0 && toks[i].kind == tNum && (toks[i-1].kind == tNum || toks[i-1].s == "_" || toks[i-1].s == "." && i > 1 && toks[i-2].kind == tNum && !toks[i-1].spaceAfter) {
			continue // inside a longer number or name: "2020.1.20", "img_12-05-2008"
		}
		if m, ok := dateAt(s, toks, i); ok {
			if glued(s, m.end) {
				continue
			}
			return m, true
		}
	}
	return dateMatch{}, false
}

// glued reports whether a date that ends at byte end runs on into a file
// name or a version number ("12-05-2008_1.jpg", "2020.1.20.35817").
func glued(s string, end int) bool {
	if end >= len(s) {
		return false
	}
	switch c := s[end]; c {
	case '_':
		return true
	case '.', '-', '/':
		return end+1 < len(s) && (s[end+1] >= '0' && s[end+1] <= '9' || isLetterByte(s[end+1]))
	default:
		return c >= '0' && c <= '9'
	}
}

// dateAt tries to read a date (optionally followed by a time), a time
// (optionally followed by a date), or a relative date starting at token i.
func dateAt(s string, toks []dtok, i int) (dateMatch, bool) {
	if y, mo, d, hasYear, j, ok := calendarAt(toks, i); ok {
		m := dateMatch{start: toks[i].start, end: toks[j-1].end, date: true, year: hasYear}
		hh, mm, ss := 0, 0, 0
		if k := skipJoiners(toks, j); k < len(toks) {
			if h, mi, sec, e, ok := clockAt(toks, k); ok {
				hh, mm, ss, m.clock, m.end = h, mi, sec, true, toks[e-1].end
			}
		}
		if hasYear {
			m.t = time.Date(y, time.Month(mo), d, hh, mm, ss, 0, time.UTC)
		}
		return m, true
	}
	if h, mi, sec, j, ok := clockAt(toks, i); ok {
		m := dateMatch{start: toks[i].start, end: toks[j-1].end, clock: true}
		// "10:14 AM, 24 July 2012", "18:05 — 12.3.2019", "9:52 on 11/08/2020"
		k := j
		for k < len(toks) && k < j+3 && (toks[k].kind == tPunct || toks[k].s == "on" || toks[k].s == "le" || toks[k].s == "am") {
			k++
		}
		if y, mo, d, hasYear, e, ok := calendarAt(toks, k); ok && k-j <= 2 {
			m.date, m.year, m.end = true, hasYear, toks[e-1].end
			if hasYear {
				m.t = time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
			}
		}
		return m, true
	}
	if j, ok := relativeAt(toks, i); ok {
		return dateMatch{start: toks[i].start, end: toks[j-1].end, relative: true}, true
	}
	return dateMatch{}, false
}

func skipJoiners(toks []dtok, j int) int {
	for n := 0; j < len(toks) && n < 3; n++ {
		t := toks[j]
		if t.kind == tPunct && (t.s == "," || t.s == "-" || t.s == "–" || t.s == "—" || t.s == "@" || t.s == "|" || t.s == "/" || t.s == "·" || t.s == "•" || t.s == "(") {
			j++
			continue
		}
		if t.kind == tWord && dateJoinWords[t.s] {
			j++
			continue
		}
		break
	}
	return j
}

func validYMD(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	if y == 0 {
		return true
	}
	return y >= 1970 && y <= 2069 && d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func fullYear(t dtok) (int, bool) {
	if t.kind != tNum || t.ord {
		return 0, false
	}
	switch len(t.s) {
	case 4:
		return t.n, t.n >= 1970 && t.n <= 2069
	case 2:
		if t.n <= 69 {
			return 2000 + t.n, true
		}
		return 1900 + t.n, t.n >= 70
	}
	return 0, false
}

func isSmallNum(t dtok) bool { return t.kind == tNum && len(t.s) <= 2 }

func punctIs(toks []dtok, i int, set string) bool {
	return i < len(toks) && toks[i].kind == tPunct && strings.Contains(set, toks[i].s)
}

// calendarAt reads a calendar date starting at token i and returns the index
// just past it.
func calendarAt(toks []dtok, i int) (y, m, d int, hasYear bool, end int, ok bool) {
	if i >= len(toks) {
		return
	}
	t := toks[i]
	if t.kind == tWord && weekdayWords[t.s] {
		j := i + 1
		for j < len(toks) && toks[j].kind == tPunct && (toks[j].s == "," || toks[j].s == ".") {
			j++
		}
		if j < len(toks) && j > i {
			if y, m, d, hy, e, ok := calendarAt(toks, j); ok {
				return y, m, d, hy, e, true
			}
		}
		return
	}
	if t.kind == tNum && !t.ord && len(t.s) == 4 {
		// 2012-10-09, 2012/10/09, 2012.10.09
		if i+4 < len(toks) && punctIs(toks, i+1, "-/.") && isSmallNum(toks[i+2]) && toks[i+3].s == toks[i+1].s && isSmallNum(toks[i+4]) {
			y, m, d = t.n, toks[i+2].n, toks[i+4].n
			if validYMD(y, m, d) && y != 0 {
				end = i + 5
				if end < len(toks) && toks[end].kind == tWord && toks[end].s == "t" && !toks[i+4].spaceAfter {
					end++ // ISO "T" before the clock
				}
				return y, m, d, true, end, true
			}
		}
		return
	}
	if t.kind == tNum && len(t.s) <= 2 {
		// numeric: D.M.Y, M/D/Y, D-M-Y (spaces allowed after dots: "14. 01. 2020")
		if !t.ord && i+4 < len(toks) && punctIs(toks, i+1, "./-") && isSmallNum(toks[i+2]) && toks[i+3].kind == tPunct && toks[i+3].s == toks[i+1].s {
			if yy, ok := fullYear(toks[i+4]); ok {
				a, b := t.n, toks[i+2].n
				sep := toks[i+1].s
				var mm, dd int
				switch {
				case sep == "/" && a <= 12:
					mm, dd = a, b
				case sep == "/":
					mm, dd = b, a
				case b <= 12:
					mm, dd = b, a
				default:
					mm, dd = a, b // 07.21.12
				}
				if validYMD(yy, mm, dd) && !(len(toks[i+4].s) == 2 && i+5 < len(toks) && toks[i+5].kind == tNum && !toks[i+4].spaceAfter) {
					return yy, mm, dd, true, i + 5, true
				}
			}
		}
		// D [.] [de] MONTH [.] [,] [de] [YYYY]: "31 January 2011", "11. Jul, 2012", "5 de enero de 2020"
		if t.n >= 1 && t.n <= 31 {
			j := i + 1
			if punctIs(toks, j, ".") {
				j++
			}
			if j < len(toks) && toks[j].kind == tWord && toks[j].s == "de" {
				j++
			}
			if j < len(toks) && toks[j].kind == tWord {
				if mo, ok := monthWords[toks[j].s]; ok {
					e := j + 1
					if punctIs(toks, e, ".") {
						e++
					}
					k := e
					if punctIs(toks, k, ",") {
						k++
					}
					if k < len(toks) && toks[k].kind == tWord && (toks[k].s == "de" || toks[k].s == "del") {
						k++
					}
					if k < len(toks) && toks[k].kind == tNum && len(toks[k].s) == 4 {
						if yy, ok := fullYear(toks[k]); ok && validYMD(yy, mo, t.n) {
							return yy, mo, t.n, true, k + 1, true
						}
					}
					if validYMD(0, mo, t.n) && len(toks[j].s) >= 3 {
						return 0, mo, t.n, false, e, true
					}
				}
			}
		}
		return
	}
	if t.kind == tWord {
		mo, known := monthWords[t.s]
		if !known {
			return
		}
		j := i + 1
		if punctIs(toks, j, ".") {
			j++
		}
		// MONTH D[th][,] [YYYY]
		if j < len(toks) && toks[j].kind == tNum && len(toks[j].s) <= 2 && toks[j].n >= 1 && toks[j].n <= 31 {
			dd := toks[j].n
			k := j + 1
			if punctIs(toks, k, ",.") {
				k++
			}
			if k < len(toks) && toks[k].kind == tNum && len(toks[k].s) == 4 {
				if yy, ok := fullYear(toks[k]); ok && validYMD(yy, mo, dd) {
					return yy, mo, dd, true, k + 1, true
				}
			}
			// a year-less "Jul 23" is a date only for unambiguous month words
			if t.s != "may" && t.s != "mar" && t.s != "mai" && t.s != "set" && t.s != "out" && t.s != "ago" &&
				(toks[j].ord || !(k < len(toks) && toks[k].kind == tNum)) {
				return 0, mo, dd, false, j + 1, true
			}
		}
	}
	return
}

// clockAt reads "9:59 am", "17:46", "08:25PM", "11:57:57 PM", "19:04 Uhr".
func clockAt(toks []dtok, i int) (h, m, sec, end int, ok bool) {
	if i+2 >= len(toks) || toks[i].kind != tNum || len(toks[i].s) > 2 || toks[i].ord || !punctIs(toks, i+1, ":") ||
		toks[i+2].kind != tNum || len(toks[i+2].s) != 2 {
		return
	}
	h, m = toks[i].n, toks[i+2].n
	end = i + 3
	if punctIs(toks, end, ":") && end+1 < len(toks) && toks[end+1].kind == tNum && len(toks[end+1].s) == 2 {
		sec = toks[end+1].n
		end += 2
	}
	if end < len(toks) && end > 0 && toks[end].kind == tNum && !toks[end-1].spaceAfter {
		return 0, 0, 0, 0, false // 12:34:567 or a ratio like 3:100
	}
	if end < len(toks) && toks[end].kind == tWord {
		switch toks[end].s {
		case "am", "pm":
			if h >= 1 && h <= 12 {
				if toks[end].s == "pm" && h != 12 {
					h += 12
				}
				if toks[end].s == "am" && h == 12 {
					h = 0
				}
				end++
			}
		case "a", "p":
			// a.m. / p.m.
			if end+3 < len(toks) && punctIs(toks, end+1, ".") && toks[end+2].s == "m" && h >= 1 && h <= 12 {
				if toks[end].s == "p" && h != 12 {
					h += 12
				}
				if toks[end].s == "a" && h == 12 {
					h = 0
				}
				end += 3
				if punctIs(toks, end, ".") {
					end++
				}
			}
		case "uhr", "h":
			end++
		}
	}
	if h > 23 || m > 59 || sec > 59 {
		return 0, 0, 0, 0, false
	}
	return h, m, sec, end, true
}

// relativeAt reads "3 days ago", "vor 2 Tagen", "il y a 3 jours", "hace 2
// días", "yesterday".
func relativeAt(toks []dtok, i int) (int, bool) {
	t := toks[i]
	if t.kind == tWord {
		switch t.s {
		case "yesterday", "gestern", "vorgestern", "hier", "ayer", "ieri", "gisteren", "today", "heute", "aujourd", "hoy", "oggi", "vandaag":
			// only with a time: "Yesterday at 5:30 pm", "heute, 10:15"
			j := i + 1
			if t.s == "aujourd" && j+1 < len(toks) && toks[j].s == "'" || t.s == "aujourd" && j+1 < len(toks) && toks[j].s == "’" {
				j += 2
			}
			if k := skipJoiners(toks, j); k < len(toks) {
				if _, _, _, e, ok := clockAt(toks, k); ok {
					return e, true
				}
			}
			return 0, false
		case "vor", "hace":
			if i+2 < len(toks) && (toks[i+1].kind == tNum || toks[i+1].s == "einem" || toks[i+1].s == "einer" || toks[i+1].s == "un" || toks[i+1].s == "una") && relUnits[toks[i+2].s] {
				return i + 3, true
			}
		case "il":
			if i+4 < len(toks) && toks[i+1].s == "y" && toks[i+2].s == "a" && toks[i+3].kind == tNum && relUnits[toks[i+4].s] {
				return i + 5, true
			}
		case "a", "an", "one":
			if i+2 < len(toks) && relUnits[toks[i+1].s] && toks[i+2].s == "ago" {
				return i + 3, true
			}
		}
		return 0, false
	}
	if t.kind == tNum && i+2 < len(toks) && relUnits[toks[i+1].s] && toks[i+2].s == "ago" {
		return i + 3, true
	}
	return 0, false
}
