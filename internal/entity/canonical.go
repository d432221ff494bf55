package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/morgue-archive/morgue/internal/news"
)

// Canonical returns the display form of a name of type typ: surrounding
// quotes, brackets and punctuation trimmed (an abbreviation's final dot
// kept), a possessive removed ("Bout’s" → "Bout"), runs of white space
// (non-breaking spaces included) made one space, and, for people, leading
// honorifics and titles removed ("Dr. Joseph Fitsanakis" → "Joseph
// Fitsanakis", "Prime Minister Vladimir Putin" → "Vladimir Putin") as long
// as a capitalised name remains, and an all-caps name title-cased ("VIKTOR
// BOUT" → "Viktor Bout"). It returns "" when nothing of a name is left.
func Canonical(name string, typ news.EntityType) string {
	s, e := trimSpan(name, 0, len(name), typ == news.Person)
	out := collapseSpaces(name[s:e])
	if typ == news.Person && isAllCaps(out) {
		out = titleCase(out)
	}
	return out
}

// trimSpan narrows text[start:end] to the name it holds: surrounding
// punctuation and a possessive removed and, when person is set, leading
// honorifics.
func trimSpan(text string, start, end int, person bool) (int, int) {
	for {
		s, e := start, end
		for s < e {
			r, n := utf8.DecodeRuneInString(text[s:e])
			if isWordRune(r) {
				break
			}
			s += n
		}
		for s < e {
			r, n := utf8.DecodeLastRuneInString(text[s:e])
			if isWordRune(r) || r == '.' && keepDot(text[s:e-n]) {
				break
			}
			e -= n
		}
		// Possessive: "Bout's", "Bout’s".
		if r, n := utf8.DecodeLastRuneInString(text[s:e]); (r == 's' || r == 'S') && e-n > s {
			if a, m := utf8.DecodeLastRuneInString(text[s : e-n]); isApostrophe(a) && e-n-m > s {
				e -= n + m
			}
		}
		if person {
			s = stripHonorifics(text, s, e)
		}
		if s == start && e == end {
			return s, e
		}
		start, end = s, e
	}
}

// keepDot reports whether a name ending just before a '.' is an
// abbreviation whose dot belongs to it ("U.S.", "Jr.", "Inc.").
func keepDot(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return !isWordRune(r) && r != '.' })
	last := before[i+1:]
	if strings.Contains(last, ".") {
		return true
	}
	if utf8.RuneCountInString(last) == 1 {
		return true
	}
	switch strings.ToLower(last) {
	case "jr", "sr", "inc", "ltd", "co", "corp", "bros", "plc", "mr", "mrs", "dr", "st":
		return true
	}
	return false
}

// honorifics are titles stripped from the front of a person's name,
// lower-case and without a final dot.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "doctor": true,
	"prof": true, "professor": true, "sir": true, "dame": true, "lord": true, "lady": true,
	"rev": true, "reverend": true, "fr": true, "father": true, "sister": true, "brother": true,
	"president": true, "vice": true, "prime": true, "minister": true, "premier": true,
	"chancellor": true, "senator": true, "sen": true, "rep": true, "representative": true,
	"congressman": true, "congresswoman": true, "gov": true, "governor": true, "gen": true,
	"general": true, "col": true, "colonel": true, "maj": true, "major": true, "capt": true,
	"captain": true, "lt": true, "lieutenant": true, "sgt": true, "sergeant": true, "adm": true,
	"admiral": true, "cmdr": true, "commander": true, "judge": true, "justice": true,
	"king": true, "queen": true, "prince": true, "princess": true, "sheikh": true, "shaikh": true,
	"imam": true, "ayatollah": true, "emir": true, "sultan": true, "pope": true, "cardinal": true,
	"bishop": true, "rabbi": true, "secretary": true, "ambassador": true, "mayor": true,
	"chairman": true, "chairwoman": true, "chief": true, "deputy": true, "foreign": true,
	"defence": true, "defense": true, "interior": true, "finance": true, "agent": true,
	"officer": true, "detective": true, "inspector": true, "superintendent": true,
	"commissioner": true, "attorney": true, "former": true, "acting": true, "late": true,
	"mme": true, "mlle": true, "herr": true, "frau": true, "comrade": true, "spokesman": true,
	"spokeswoman": true, "state": true,
}

// stripHonorifics moves start past leading honorific words of
// text[start:end] while a capitalised word follows them.
func stripHonorifics(text string, start, end int) int {
	for {
		w, next := firstWord(text, start, end)
		if next >= end || !honorifics[strings.ToLower(strings.TrimSuffix(w, "."))] {
			return start
		}
		if w2, next2 := firstWord(text, next, end); w2 == "of" && next2 < end {
			// "Secretary of State Hillary Clinton"
			if w3, next3 := firstWord(text, next2, end); next3 < end && honorifics[strings.ToLower(w3)] {
				next = next3
			}
		}
		r, _ := utf8.DecodeRuneInString(text[next:end])
		if !unicode.IsUpper(r) {
			return start
		}
		start = next
	}
}

// firstWord returns the first space-delimited word of text[start:end] and
// the offset of the word after it (end when there is none).
func firstWord(text string, start, end int) (string, int) {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	w := text[start:i]
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return w, i
}

// collapseSpaces replaces each run of white space with one space.
func collapseSpaces(s string) string {
	clean := true
	prevSpace := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isAllCaps reports whether s has at least two cased letters and no
// lower-case ones.
func isAllCaps(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

// hasLowerOnly reports whether s has lower-case letters and no upper-case
// ones (names in scripts without case pass).
func hasLowerOnly(s string) bool {
	lower := false
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return false
		}
		if unicode.IsLower(r) {
			lower = true
		}
	}
	return lower
}

// titleCase upper-cases the first letter of each word of s and
// lower-cases the rest (after an apostrophe or hyphen a letter starts a
// word too: O'BRIEN → O'Brien).
func titleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if start {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
		default:
			b.WriteRune(r)
			start = unicode.IsSpace(r) || r == '-' || isApostrophe(r)
		}
	}
	return b.String()
}
