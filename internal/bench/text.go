package bench

// token is one run of ASCII letters in a text, with what came before it.
type token struct {
	word     []byte // as written
	midSent  bool   // not at the start of a line or sentence
	afterSp1 bool   // separated from the previous token by exactly one space
}

// isWordByte reports bytes that belong to a word: ASCII letters and digits,
// and every byte of a multi-byte UTF-8 sequence.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// tokens calls fn for every word of text that is made only of ASCII letters.
// Words with digits or non-ASCII letters are skipped (they break the chain of
// adjacent tokens, so a phrase never spans them). A word is mid-sentence when
// the last non-space byte before it on its line is not sentence punctuation.
func tokens(text []byte, fn func(t token)) {
	var last byte // last non-space byte on this line; 0 at a line start
	adjacent := false
	spaces := 0
	for i := 0; i < len(text); {
		c := text[i]
		if !isWordByte(c) {
			switch {
			case c == '\n':
				last, spaces, adjacent = 0, 0, false
			case c == ' ':
				spaces++
			default:
				last, spaces, adjacent = c, 0, false
			}
			i++
			continue
		}
		j := i
		letters := true
		for j < len(text) && isWordByte(text[j]) {
			if !isLetter(text[j]) {
				letters = false
			}
			j++
		}
		if letters {
			fn(token{
				word:     text[i:j],
				midSent:  last != 0 && last != '.' && last != '!' && last != '?' && last != ':' && last != '"',
				afterSp1: adjacent && spaces == 1,
			})
			adjacent = true
		} else {
			adjacent = false
		}
		last, spaces = 'a', 0
		i = j
	}
}

// lowerASCII writes the lower case of w into buf and returns it.
func lowerASCII(buf, w []byte) []byte {
	buf = buf[:0]
	for _, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// isTitleCase reports an upper-case letter followed only by lower-case ones.
func isTitleCase(w []byte) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, c := range w[1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isLowerWord(w []byte) bool {
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stopwords are English function words and the words the corpus generator
// itself writes into every post; none of them makes a useful query term.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
		"does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
		"her", "here", "hers", "herself", "him", "himself", "his", "how", "if", "in", "into", "is", "it", "its", "itself",
		"just", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "near", "no", "nor", "not", "now",
		"of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "said", "same",
		"says", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
		"themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
		"upon", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
		"with", "would", "you", "your", "yours", "yourself", "yourselves", "one", "two", "three", "new", "last", "year",
		"years", "mln", "dlrs", "pct", "billion", "million", "told", "reuter", "reuters", "responses", "ref",
	} {
		m[w] = true
	}
	for _, n := range firstNames {
		m[lowerString(n)] = true
	}
	for _, n := range lastNames {
		m[lowerString(n)] = true
	}
	return m
}()

func lowerString(s string) string { return string(lowerASCII(nil, []byte(s))) }

// Commenters' names, invented for the generator and combined at random.
var (
	firstNames = []string{
		"Ana", "Ben", "Carla", "Dev", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lena",
		"Milo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomas", "Uma", "Vera", "Wen", "Yusuf",
	}
	lastNames = []string{
		"Adler", "Brandt", "Castell", "Dunmore", "Eskola", "Ferraro", "Galloway", "Haddad", "Ivers", "Jansen",
		"Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rahman", "Sato", "Tanaka",
	}
)
