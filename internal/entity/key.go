package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Key returns the normalised key of a name, for matching spelling variants.
// Two names with equal keys are taken to be spellings of one name.
//
// Key folds, in order: Unicode (compatibility decomposition, combining marks
// removed, full case folding; letters that do not decompose such as ß, ø, ł,
// đ, æ are spelled out; Cyrillic is romanised); punctuation (hyphens, dashes
// and slashes split tokens, apostrophes join them, "U.S." becomes "us", a
// lone "&" becomes "and"); possessives ("Bout’s", "Jones'"); the suffixes
// Jr, Sr, II, III, IV; and, in each token, the common variants of
// romanisation: ye-→e- (and -ye- after a vowel), tch-→ch-, dzh→j, sch→sh, kh→k, dh→d, ph→f, ou→u, x→ks,
// w→v, y→i, q→k, hard c→k, doubled letters collapsed, -iev→-ev, -off→-ov,
// -eff→-ev, final -j→-i, and a short table of given names with many
// spellings (Alexander, Muhammad, Yuri, Mikhail, Fyodor, …). The result is
// lower-case ASCII for Latin and Cyrillic names, tokens separated by single
// spaces, and "" when the name has no letters or digits.
//
// Key does not strip honorifics, since "General" or "King" may begin an
// organisation's name; Canonical does that for people.
func Key(name string) string { return normalize(name, true) }

// Fold returns the light key of a name: Unicode, case, punctuation and
// possessives folded as in Key, but no romanisation variants, so "Khlychev"
// and "Klychev" differ. It serves exact ("this spelling only") matching.
func Fold(name string) string { return normalize(name, false) }

// normalize implements Key (full) and Fold (!full).
func normalize(s string, full bool) string {
	if !isASCII(s) {
		s = unicodeFold(s, full)
	}
	toks := make([]byte, 0, len(s)+4)
	toks = scanTokens(toks, s)
	toks = dropSuffixes(toks)
	if !full {
		return string(toks)
	}
	out := make([]byte, 0, len(toks)+8)
	for len(toks) > 0 {
		tok := toks
		if i := indexByte(toks, ' '); i >= 0 {
			tok, toks = toks[:i], toks[i+1:]
		} else {
			toks = nil
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = romanize(out, tok)
	}
	return string(out)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// unicodeFold decomposes s, drops combining marks, case-folds it and spells
// out the letters that have no decomposition; with full set it also
// romanises Cyrillic.
func unicodeFold(s string, full bool) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	s = cases.Fold().String(b.String())
	b.Reset()
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		if sp, ok := specialLatin[r]; ok {
			b.WriteString(sp)
			continue
		}
		if full {
			if sp, ok := cyrillic[r]; ok {
				b.WriteString(sp)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// specialLatin spells out lower-case letters that Unicode does not
// decompose into a base letter and marks.
var specialLatin = map[rune]string{
	'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "dj", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ŋ': "ng", 'ħ': "h", 'ŧ': "t", 'ĸ': "k",
}

// cyrillic romanises lower-case Cyrillic letters (after decomposition, so й
// arrives as и plus a mark). The output goes through romanize, which folds
// the rest (kh→k, y→i, …).
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'є': "ye", 'ґ': "g", 'ў': "u",
	'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'ђ': "dj", 'џ': "dz", 'ѕ': "dz",
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´', '‘', 'ʻ':
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// scanTokens appends the tokens of s to dst, lower-cased and separated by
// single spaces.
func scanTokens(dst []byte, s string) []byte {
	tokStart := len(dst) // start of the current token in dst
	run := 0             // letters since the last '.' or token start
	end := func() {
		if len(dst) > tokStart {
			dst = append(dst, ' ')
		}
		tokStart = len(dst)
		run = 0
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			dst = append(dst, byte(r))
			run++
		case r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r)+'a'-'A')
			run++
		case r >= utf8.RuneSelf && isWordRune(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			run++
		case isApostrophe(r):
			// A possessive 's or a trailing apostrophe is dropped; an
			// inner apostrophe (O'Brien) joins.
			j := i + n
			if len(dst) > tokStart && j < len(s) && (s[j] == 's' || s[j] == 'S') {
				r2, _ := utf8.DecodeRuneInString(s[j+1:])
				if j+1 >= len(s) || !isWordRune(r2) {
					i = j + 1
					continue
				}
			}
		case r == '.':
			if run != 1 {
				end()
			}
			run = 0
		case r == '&':
			r2, _ := utf8.DecodeRuneInString(s[i+n:])
			if len(dst) > tokStart && i+n < len(s) && isWordRune(r2) {
				dst = append(dst, '&')
			} else {
				end()
				dst = append(dst, "and"...)
				end()
			}
		default:
			end()
		}
		i += n
	}
	if n := len(dst); n > 0 && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst
}

// dropSuffixes removes trailing generational suffixes (jr, sr, ii, iii, iv)
// from a space-separated token list of more than one token.
func dropSuffixes(toks []byte) []byte {
	for {
		i := strings.LastIndexByte(string(toks), ' ')
		if i < 0 {
			return toks
		}
		switch string(toks[i+1:]) {
		case "jr", "sr", "ii", "iii", "iv":
			toks = toks[:i]
		default:
			return toks
		}
	}
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// romanize appends the romanisation-folded form of one lower-case token.
func romanize(dst []byte, tok []byte) []byte {
	var tmp [64]byte
	b := tmp[:0]
	i := 0
	if len(tok) > 2 && tok[0] == 'y' && tok[1] == 'e' {
		b = append(b, 'e')
		i = 2
	}
	at := func(k int, s string) bool {
		return len(tok)-k >= len(s) && string(tok[k:k+len(s)]) == s
	}
	for i < len(tok) {
		c := tok[i]
		switch {
		case i == 0 && at(i, "tch"):
			b = append(b, 'c', 'h')
			i += 3
			continue
		case at(i, "dzh"):
			b = append(b, 'j')
			i += 3
			continue
		case at(i, "sch"):
			b = append(b, 's', 'h')
			i += 3
			continue
		case at(i, "kh"):
			b = append(b, 'k')
			i += 2
			continue
		case at(i, "dh"):
			b = append(b, 'd')
			i += 2
			continue
		case at(i, "ph"):
			b = append(b, 'f')
			i += 2
			continue
		case at(i, "ou"):
			b = append(b, 'u')
			i += 2
			continue
		}
		if c == 'y' && i > 0 && i+1 < len(tok) && tok[i+1] == 'e' && isVowel(tok[i-1]) {
			i++ // Dostoyevsky, Dostoevsky
			continue
		}
		switch c {
		case 'x':
			b = append(b, 'k', 's')
		case 'w':
			b = append(b, 'v')
		case 'y':
			b = append(b, 'i')
		case 'q':
			b = append(b, 'k')
		case 'c':
			next := byte(0)
			if i+1 < len(tok) {
				next = tok[i+1]
			}
			switch next {
			case 'e', 'i', 'y', 'h':
				b = append(b, 'c')
			default:
				b = append(b, 'k')
			}
		default:
			b = append(b, c)
		}
		i++
	}
	b = collapseDoubles(b)
	// Endings.
	n := len(b)
	switch {
	case n >= 7 && string(b[n-4:]) == "ieva":
		b = append(b[:n-4], "eva"...)
	case n >= 6 && string(b[n-3:]) == "iev":
		b = append(b[:n-3], "ev"...)
	case n >= 5 && (string(b[n-2:]) == "of" || string(b[n-2:]) == "ef"):
		b[n-1] = 'v'
	case n >= 3 && b[n-1] == 'j' && isVowel(b[n-2]):
		b[n-1] = 'i'
		if b[n-2] == 'i' {
			b = b[:n-1]
		}
	}
	b = collapseDoubles(b)
	if a, ok := givenNameAlias[string(b)]; ok {
		return append(dst, a...)
	}
	return append(dst, b...)
}

// givenNameAlias maps the folded spellings of given names whose
// romanisations differ by more than the rules above to one key.
var givenNameAlias = map[string]string{
	// Muhammad
	"mohamed": "muhamad", "mohamad": "muhamad", "muhamed": "muhamad", "mohd": "muhamad",
	"mohamet": "muhamad", "muhamet": "muhamad",
	// Alexander
	"aleksander": "aleksandr", "aleksandre": "aleksandr", "aleksandar": "aleksandr",
	// Yuri
	"juri": "iuri",
	// Mikhail
	"michail": "mikail", "mihail": "mikail",
	// Sergei
	"serguei": "sergei",
	// Dmitri
	"dimitri": "dmitri",
	// Pyotr
	"piotr": "petr",
	// Fyodor
	"fiodor": "fedor", "feodor": "fedor",
	// Osama, Omar, Ahmed, Hussein, Abdullah, Khalid, Yusuf
	"usama": "osama", "umar": "omar", "ahmad": "ahmed",
	"husain":  "husein",
	"abdalah": "abdulah", "abdula": "abdulah",
	"kalid": "kaled",
	"iusev": "iusuf", "iusif": "iusuf", "iosev": "iusuf",
}

// collapseDoubles replaces each run of one letter by a single letter.
func collapseDoubles(b []byte) []byte {
	w := 0
	for k := 0; k < len(b); k++ {
		if w > 0 && b[w-1] == b[k] {
			continue
		}
		b[w] = b[k]
		w++
	}
	return b[:w]
}
