package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of raw text: its byte span in the text and its
// normalised form (curly quotes and dashes folded to ASCII, as in the
// CoNLL-2003 training data).
type Token struct {
	Start, End int
	Text       string
}

// Tokenize splits text into sentences of tokens, in the style of the
// CoNLL-2003 (Penn Treebank) tokenisation the model was trained on:
// punctuation and quotes are separate tokens, clitics ('s, n't, 're, 'll,
// 've, 'm, 'd) are split off, hyphenated words, numbers with separators
// ("1,000.5", "1996-08-22"), abbreviations and initials ("U.S.", "Mr.",
// "J."), URLs, e-mail addresses, @handles and #hashtags stay whole.
// Sentences end after ., ! or ? (and any closing quotes) before a word that
// does not start in lower case, at blank lines, and at a line break before a
// line that does not start in lower case.
func Tokenize(text string) [][]Token {
	var (
		sents [][]Token
		cur   []Token
	)
	flush := func() {
		if len(cur) > 0 {
			sents = append(sents, cur)
			cur = nil
		}
	}
	i := 0
	newlines := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isSpace(r) {
			if r == '\n' {
				newlines++
			}
			i += size
			continue
		}
		// A line break before a line that does not start in lower case
		// ends the sentence (headlines, captions, list items); a blank
		// line always does.
		if newlines > 0 && len(cur) > 0 && (newlines > 1 || !unicode.IsLower(r)) {
			flush()
		}
		newlines = 0
		end := scanToken(text, i, r, size)
		tok := Token{Start: i, End: end, Text: normalize(text[i:end])}
		// Sentence break before this token?
		if len(cur) > 0 && endsSentence(cur) && startsSentence(tok.Text) {
			flush()
		}
		cur = append(cur, tok)
		i = end
	}
	flush()
	return sents
}

// endsSentence reports whether the tokens so far end with sentence-final
// punctuation, possibly followed by closing quotes or brackets.
func endsSentence(cur []Token) bool {
	for j := len(cur) - 1; j >= 0 && j >= len(cur)-3; j-- {
		switch t := cur[j].Text; t {
		case ".", "!", "?", "...", "!!", "?!", "!?", "??", "!!!":
			return true
		case "'", "\"", ")", "]", "''":
			continue
		default:
			return false
		}
	}
	return false
}

// startsSentence reports whether a token can begin a sentence after
// sentence-final punctuation: a word not in lower case, a number, or an
// opening bracket (not a quote, which may be closing).
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsLetter(r):
		return !unicode.IsLower(r)
	case unicode.IsDigit(r):
		return true
	}
	return r == '(' || r == '[' || r == '@' || r == '#' || r == '-' || r == '*'
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// scanToken returns the end of the token that starts at i with rune r.
func scanToken(s string, i int, r rune, size int) int {
	if !isWordRune(r) {
		switch {
		case (r == '@' || r == '#') && i+1 < len(s):
			if r2, _ := runeAt(s, i+1); isWordRune(r2) {
				return scanWord(s, i+1)
			}
		case isApostrophe(r):
			if end, ok := clitic(s, i, size); ok {
				return end
			}
		}
		// Runs of the same punctuation (..., --, !!) are one token.
		j := i + size
		if r == '.' || r == '-' || r == '!' || r == '?' || r == '*' || r == '=' || r == '_' || r == '~' {
			for j < len(s) && rune(s[j]) == r {
				j++
			}
		}
		return j
	}
	if r == 'h' || r == 'w' {
		if end := scanURL(s, i); end > i {
			return end
		}
	}
	return scanWord(s, i)
}

// scanWord scans a word with internal hyphens, periods (abbreviations,
// numbers), commas between digits, ampersands between capitals (AT&T),
// apostrophes that are not clitics (O'Brien) and e-mail addresses.
func scanWord(s string, i int) int {
	j := i
	lastLetters := 0 // letters in the current period-separated segment
	periods := 0
	allSingle := true // every segment so far is one letter (U.S.A.)
	for j < len(s) {
		r, size := runeAt(s, j)
		if isWordRune(r) {
			j += size
			lastLetters++
			continue
		}
		next, nsize := runeAt(s, j+size)
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		switch {
		case isHyphen(r) && isWordRune(next):
			j += size
			lastLetters = 0
			continue
		case (r == ',' || r == ':' || r == '/') && unicode.IsDigit(prev) && unicode.IsDigit(next):
			j += size
			continue
		case r == '.' && isWordRune(next) && !unicode.IsUpper(next) && unicode.IsDigit(prev):
			j += size // 3.5
			continue
		case r == '.' && isWordRune(next):
			// Letters with internal periods: U.S.A., e.g., www.bbc.co.uk.
			if lastLetters > 1 {
				allSingle = false
			}
			j += size
			periods++
			lastLetters = 0
			continue
		case r == '&' && unicode.IsUpper(prev) && unicode.IsUpper(next):
			j += size
			continue
		case r == '@' && isWordRune(next) && strings.ContainsRune(s[j:min(len(s), j+64)], '.'):
			j += size
			continue
		case isApostrophe(r) && isWordRune(next):
			if _, ok := clitic(s, j, size); ok {
				return j
			}
			// n't: split "don't" as "do" + "n't".
			if (prev == 'n' || prev == 'N') && (next == 't' || next == 'T') && !isWordRuneAt(s, j+size+nsize) {
				if j-1 == i {
					return j + size + nsize // the "n't" itself
				}
				return j - 1
			}
			j += size
			continue
		case r == '.':
			// A final period belongs to the word for initials and
			// abbreviations: "J.", "U.S.", "Mr.", "Corp.".
			if periods > 0 && allSingle && lastLetters == 1 ||
				(lastLetters == 1 && unicode.IsUpper(prev)) ||
				isAbbrev(s[i:j]) {
				return j + size
			}
		}
		break
	}
	return j
}

func isWordRuneAt(s string, i int) bool {
	r, n := runeAt(s, i)
	return n > 0 && isWordRune(r)
}

// clitic reports whether an apostrophe at i starts a clitic ('s, 're, 'll,
// 've, 'm, 'd, n't handled by scanWord) and returns its end.
func clitic(s string, i, size int) (int, bool) {
	if i == 0 {
		return 0, false
	}
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); !isWordRune(prev) {
		return 0, false
	}
	j := i + size
	k := j
	for k < len(s) && k-j < 3 && ('a' <= s[k] && s[k] <= 'z' || 'A' <= s[k] && s[k] <= 'Z') {
		k++
	}
	if isWordRuneAt(s, k) {
		return 0, false
	}
	switch strings.ToLower(s[j:k]) {
	case "s", "re", "ll", "ve", "m", "d":
		return k, true
	case "":
		return j, true // plural possessive: "officials' "
	}
	return 0, false
}

// scanURL returns the end of a URL starting at i, or i.
func scanURL(s string, i int) int {
	rest := s[i:]
	if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "www.") {
		return i
	}
	j := i
	for j < len(s) {
		r, size := runeAt(s, j)
		if isSpace(r) || r == '"' || r == '<' || r == '>' || r == '“' || r == '”' {
			break
		}
		j += size
	}
	// Trailing punctuation is not part of the URL.
	for j > i {
		switch s[j-1] {
		case '.', ',', ';', ':', '!', '?', ')', '\'':
			j--
			continue
		}
		break
	}
	return j
}

// isAbbrev reports whether w followed by a period is a common abbreviation.
func isAbbrev(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Col", "Lt", "Sgt", "Capt",
		"Cmdr", "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Co", "Corp", "Inc", "Ltd", "Bros",
		"Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
		"Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc", "approx", "No", "Nos", "Vol", "Fig", "Messrs":
		return true
	}
	return false
}

// normalize folds typographic quotes, dashes and ellipses to the ASCII
// forms of the training data. It allocates only when something changes.
func normalize(t string) string {
	ascii := true
	for k := 0; k < len(t); k++ {
		if t[k] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return t
	}
	switch t {
	case "“", "”", "„", "«", "»", "″":
		return "\""
	case "‘", "’", "‚", "ʼ", "′":
		return "'"
	case "–", "—", "―", "‐", "‑", "−":
		return "-"
	case "…":
		return "..."
	}
	if strings.ContainsAny(t, "’‘ʼ‐‑") {
		return strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "‐", "-", "‑", "-").Replace(t)
	}
	return t
}
