package bench

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
)

// Query kinds. Each tool renders a Query in its own syntax.
const (
	KindWord   = "word"   // one word
	KindAnd    = "and"    // all of the terms
	KindPhrase = "phrase" // the terms adjacent, in order
	KindOr     = "or"     // any of the terms
	KindAll    = "all"    // every post
)

// MixSize is the number of queries in an in-process latency run.
const MixSize = 1000

// phraseSampleDocs is how many source documents (in shuffled order) phrases
// and two-word pairs are drawn from.
const phraseSampleDocs = 3000

// exportTarget is the number of matching posts the export query aims at.
const exportTarget = 100000

// Query is one benchmark query, independent of any tool's syntax.
type Query struct {
	Name  string   `json:"name"`
	Kind  string   `json:"kind"`
	Terms []string `json:"terms,omitempty"`
	DF    int      `json:"df,omitempty"` // posts containing the word (single words only)
}

// String renders the query in the morgue query language, which is also the
// way it is shown in reports.
func (q Query) String() string {
	switch q.Kind {
	case KindAll:
		return "*"
	case KindPhrase:
		return `"` + strings.Join(q.Terms, " ") + `"`
	case KindOr:
		return strings.Join(q.Terms, " OR ")
	}
	return strings.Join(q.Terms, " ")
}

// Picks are the whole-process queries of one corpus.
type Picks struct {
	Rare   Query `json:"rare"`   // a capitalised word (a name) in 1–5 posts, or the rarest such word
	Common Query `json:"common"` // the most frequent word that is not a stop word
	And    Query `json:"and"`    // two mid-frequency words from one headline
	Phrase Query `json:"phrase"` // the most frequent two-word phrase without stop words
	Or     Query `json:"or"`     // two capitalised mid-frequency words
	Export Query `json:"export"` // everything up to 100k posts, else a word in about 100k posts
}

// List returns the five query kinds in report order, leaving out any that
// could not be picked.
func (p Picks) List() []Query {
	var out []Query
	for _, q := range []Query{p.Rare, p.Common, p.And, p.Phrase, p.Or} {
		if q.Kind != "" {
			out = append(out, q)
		}
	}
	return out
}

// WordStat counts one lower-cased word over a corpus.
type WordStat struct {
	DF    int // posts containing it
	Cap   int // title-case occurrences inside a sentence of body or comment text
	Lower int // all-lower-case occurrences in body or comment text
	Other int // other occurrences in body or comment text
	last  int
}

// Stats collects what query picking needs from a corpus.
type Stats struct {
	Posts   int
	Words   map[string]*WordStat
	Bigrams map[string]int // "a b" → source documents of the sample containing it
	Titles  [][]string     // the sample's headlines as lower-case words
	post    int
	scratch []byte
}

// NewStats returns empty statistics for a corpus of about n posts.
func NewStats(n int) *Stats {
	return &Stats{Words: make(map[string]*WordStat, 1<<16), Bigrams: map[string]int{}}
}

// Add counts the words of one post written by Generator.Post. How a word is
// written is only counted in body and comment lines: headlines (the first
// line and the "N Responses to" line) are often title-cased or upper case.
func (s *Stats) Add(post []byte) {
	s.Posts++
	s.post++
	first := true
	for len(post) > 0 {
		line := post
		if i := bytes.IndexByte(post, '\n'); i >= 0 {
			line, post = post[:i], post[i+1:]
		} else {
			post = nil
		}
		headline := first || bytes.Contains(line, []byte(" Responses to "))
		first = false
		tokens(line, func(t token) {
			s.scratch = lowerASCII(s.scratch, t.word)
			w, ok := s.Words[string(s.scratch)]
			if !ok {
				w = &WordStat{}
				s.Words[string(s.scratch)] = w
			}
			if w.last != s.post {
				w.last = s.post
				w.DF++
			}
			switch {
			case headline:
			case isLowerWord(t.word):
				w.Lower++
			case t.midSent && isTitleCase(t.word):
				w.Cap++
			default:
				w.Other++
			}
		})
	}
}

// AddSample counts the two-word phrases of a source document (pairs of
// non-stop words separated by one space) and keeps its headline's words.
func (s *Stats) AddSample(d Doc) {
	seen := map[string]bool{}
	for _, p := range d.Paras {
		var prev string
		tokens([]byte(p), func(t token) {
			w := lowerString(string(t.word))
			if t.afterSp1 && prev != "" && usable(w) {
				bg := prev + " " + w
				if !seen[bg] {
					seen[bg] = true
					s.Bigrams[bg]++
				}
			}
			prev = ""
			if usable(w) {
				prev = w
			}
		})
	}
	var title []string
	tokens([]byte(d.Title), func(t token) { title = append(title, lowerString(string(t.word))) })
	s.Titles = append(s.Titles, title)
}

// usable reports words fit to be query terms: four or more letters, not a
// stop word.
func usable(w string) bool { return len(w) >= 4 && !stopwords[w] }

type wordDF struct {
	w  string
	df int
}

// words returns the usable words that pass keep, sorted by DF then word.
func (s *Stats) words(keep func(w string, st *WordStat) bool) []wordDF {
	var out []wordDF
	for w, st := range s.Words {
		if usable(w) && keep(w, st) {
			out = append(out, wordDF{w, st.DF})
		}
	}
	slices.SortFunc(out, func(a, b wordDF) int {
		return cmp.Or(cmp.Compare(a.df, b.df), strings.Compare(a.w, b.w))
	})
	return out
}

// nameLike: written title-case inside sentences and never in lower case,
// and without an English suffix that a stemmer would strip (stemmed,
// "Downing" would also match "down", and the tools would no longer answer
// the same question).
func nameLike(w string, st *WordStat) bool {
	return st.Cap > 0 && st.Lower == 0 && st.Cap*5 >= st.Other*4 && !hasSuffix(w)
}

var suffixes = []string{"s", "ing", "ed", "er", "ly", "ness", "ment", "ion", "al", "ive", "ful", "able",
	"ism", "ist", "ity", "ize", "ise", "ent", "ant", "ence", "ance", "ate", "ic"}

func hasSuffix(w string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// wordLike: mostly written in lower case in body and comment text.
func wordLike(_ string, st *WordStat) bool {
	return st.Lower > 0 && st.Lower*5 >= (st.Lower+st.Cap+st.Other)*4
}

func inBand(ws []wordDF, lo, hi int) []wordDF {
	var out []wordDF
	for _, w := range ws {
		if w.df >= lo && w.df <= hi {
			out = append(out, w)
		}
	}
	return out
}

// rareNames are name-like words in 1–5 posts; when there are none (a corpus
// made of many copies) the rarest name-like words are used instead.
func (s *Stats) rareNames() []wordDF {
	names := s.words(nameLike)
	if r := inBand(names, 1, 5); len(r) > 0 {
		return r
	}
	if len(names) == 0 {
		return nil
	}
	return inBand(names, names[0].df, names[0].df)
}

// commonWords are the 50 most frequent word-like words, most frequent first.
func (s *Stats) commonWords() []wordDF {
	ws := s.words(wordLike)
	slices.SortStableFunc(ws, func(a, b wordDF) int { return cmp.Compare(b.df, a.df) })
	return ws[:min(len(ws), 50)]
}

// midNames are name-like words in 0.1%–1% of posts (at least 2).
func (s *Stats) midNames() []wordDF {
	return inBand(s.words(nameLike), max(2, s.Posts/1000), max(3, s.Posts/100))
}

// andPairs are pairs of word-like words in 0.2%–5% of posts that share a
// headline in the sample, in sample order.
func (s *Stats) andPairs() [][2]string {
	lo, hi := max(2, s.Posts/500), max(3, s.Posts/20)
	var out [][2]string
	for _, t := range s.Titles {
		var mids []string
		for _, w := range t {
			if st := s.Words[w]; st != nil && usable(w) && wordLike(w, st) && st.DF >= lo && st.DF <= hi && !slices.Contains(mids, w) {
				mids = append(mids, w)
			}
		}
		if len(mids) >= 2 {
			out = append(out, [2]string{mids[0], mids[1]})
		}
	}
	return out
}

// topBigrams are the sample's most frequent phrases, most frequent first.
func (s *Stats) topBigrams(n int) []string {
	type bg struct {
		p  string
		df int
	}
	var all []bg
	for p, df := range s.Bigrams {
		if df >= 2 {
			all = append(all, bg{p, df})
		}
	}
	slices.SortFunc(all, func(a, b bg) int { return cmp.Or(cmp.Compare(b.df, a.df), strings.Compare(a.p, b.p)) })
	out := make([]string, 0, n)
	for _, b := range all[:min(len(all), n)] {
		out = append(out, b.p)
	}
	return out
}

// Pick chooses the whole-process queries. Choices among equals are made with
// a generator seeded by seed, so the same corpus always gets the same queries.
func (s *Stats) Pick(seed uint64) Picks {
	rng := rand.New(rand.NewPCG(seed, 1))
	var p Picks
	if r := s.rareNames(); len(r) > 0 {
		w := r[rng.IntN(len(r))]
		p.Rare = Query{Name: "rare name", Kind: KindWord, Terms: []string{capitalize(w.w)}, DF: w.df}
	}
	if c := s.commonWords(); len(c) > 0 {
		p.Common = Query{Name: "common word", Kind: KindWord, Terms: []string{c[0].w}, DF: c[0].df}
	}
	if a := s.andPairs(); len(a) > 0 {
		pair := a[rng.IntN(len(a))]
		p.And = Query{Name: "two-word AND", Kind: KindAnd, Terms: pair[:]}
	}
	if b := s.topBigrams(1); len(b) > 0 {
		p.Phrase = Query{Name: "phrase", Kind: KindPhrase, Terms: strings.Fields(b[0])}
	}
	if m := s.midNames(); len(m) >= 2 {
		i := rng.IntN(len(m))
		j := (i + 1 + rng.IntN(len(m)-1)) % len(m)
		p.Or = Query{Name: "OR", Kind: KindOr, Terms: []string{capitalize(m[i].w), capitalize(m[j].w)}}
	}
	p.Export = Query{Name: "export", Kind: KindAll}
	if s.Posts > exportTarget {
		ws := s.words(wordLike)
		best := -1
		for i, w := range ws {
			if best < 0 || abs(w.df-exportTarget) < abs(ws[best].df-exportTarget) {
				best = i
			}
		}
		if best >= 0 {
			p.Export = Query{Name: "export", Kind: KindWord, Terms: []string{ws[best].w}, DF: ws[best].df}
		}
	}
	return p
}

// Mix returns n queries for an in-process latency run: the five kinds in
// turn, each drawn from a pool like the one Pick uses. Kinds with an empty
// pool are left out.
func (s *Stats) Mix(seed uint64, n int) []Query {
	rng := rand.New(rand.NewPCG(seed, 2))
	rare, common, pairs, phrases, names := s.rareNames(), s.commonWords(), s.andPairs(), s.topBigrams(200), s.midNames()
	var gens []func() Query
	if len(rare) > 0 {
		gens = append(gens, func() Query {
			w := rare[rng.IntN(len(rare))]
			return Query{Name: "rare name", Kind: KindWord, Terms: []string{capitalize(w.w)}, DF: w.df}
		})
	}
	if len(common) > 0 {
		gens = append(gens, func() Query {
			w := common[rng.IntN(len(common))]
			return Query{Name: "common word", Kind: KindWord, Terms: []string{w.w}, DF: w.df}
		})
	}
	if len(pairs) > 0 {
		gens = append(gens, func() Query {
			p := pairs[rng.IntN(len(pairs))]
			return Query{Name: "two-word AND", Kind: KindAnd, Terms: []string{p[0], p[1]}}
		})
	}
	if len(phrases) > 0 {
		gens = append(gens, func() Query {
			return Query{Name: "phrase", Kind: KindPhrase, Terms: strings.Fields(phrases[rng.IntN(len(phrases))])}
		})
	}
	if len(names) >= 2 {
		gens = append(gens, func() Query {
			i := rng.IntN(len(names))
			j := (i + 1 + rng.IntN(len(names)-1)) % len(names)
			return Query{Name: "OR", Kind: KindOr, Terms: []string{capitalize(names[i].w), capitalize(names[j].w)}}
		})
	}
	if len(gens) == 0 {
		return nil
	}
	out := make([]Query, n)
	for i := range out {
		out[i] = gens[i%len(gens)]()
	}
	return out
}

// capitalize writes a name-like word as it appears in text (ASCII only).
func capitalize(w string) string {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return w
	}
	return string(w[0]-'a'+'A') + w[1:]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
