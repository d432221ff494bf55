package ner

import (
	"encoding/gob"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Lexicon holds word statistics computed from unlabelled text: how often
// each (lower-cased) word is capitalised in mid-sentence, and optionally a
// word-cluster bit path.
type Lexicon struct {
	words  map[string]*lexWord
	names  []string // by lexWord.id
	stream []int32  // word ids of the text, -1 between sentences
	// MinCount is the number of occurrences a word needs to be kept.
	MinCount int
}

type lexWord struct {
	id                                     int32
	count, alpha, capMid, lowerMid, allCap int
	path                                   uint64 // first 32 bits of the cluster path
	pathLen                                uint8
	class                                  uint16 // cluster + 1; 0 = none
}

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon {
	return &Lexicon{words: map[string]*lexWord{}, MinCount: 3}
}

// AddText counts the words of raw text.
func (l *Lexicon) AddText(text string) {
	for _, s := range Tokenize(text) {
		toks := make([]string, len(s))
		for i, t := range s {
			toks[i] = t.Text
		}
		l.AddSentence(toks)
	}
}

// AddSentence counts the words of one tokenised sentence.
func (l *Lexicon) AddSentence(toks []string) {
	infos := make([]tokInfo, len(toks))
	var buf []byte
	lowers := make([]string, len(toks))
	for i, t := range toks {
		buf = analyze(t, &infos[i], buf)
		lowers[i] = string(buf)
	}
	markSentence(infos)
	l.stream = append(l.stream, -1)
	for i := range infos {
		f := infos[i].flags
		w := l.words[lowers[i]]
		if w == nil {
			w = &lexWord{id: int32(len(l.names))}
			l.words[lowers[i]] = w
			l.names = append(l.names, lowers[i])
		}
		w.count++
		l.stream = append(l.stream, w.id)
		if f&(flInitCap|flLower) == 0 {
			continue
		}
		w.alpha++
		if f&(flSentStart|flHeadline) != 0 {
			continue
		}
		switch {
		case f&flAllCap != 0 && f&flMulti != 0:
			w.allCap++
		case f&flInitCap != 0:
			w.capMid++
		case f&flLower != 0:
			w.lowerMid++
		}
	}
}

// capClass buckets how often a word is capitalised in mid-sentence; words
// that never start with a letter get class 9.
func (w *lexWord) capClass() uint8 {
	if w.alpha == 0 {
		return 9
	}
	mid := w.capMid + w.lowerMid + w.allCap
	if mid < 2 {
		return 1
	}
	if float64(w.allCap) >= 0.8*float64(mid) {
		return 8
	}
	r := float64(w.capMid+w.allCap) / float64(mid)
	switch {
	case r < 0.01:
		return 2
	case r < 0.1:
		return 3
	case r < 0.5:
		return 4
	case r < 0.9:
		return 5
	case r < 0.99:
		return 6
	}
	return 7
}

// table packs the lexicon for the model.
func (l *Lexicon) table() u64map {
	src := map[uint64]uint64{}
	words := make([]string, 0, len(l.words))
	for s := range l.words {
		words = append(words, s)
	}
	slices.Sort(words)
	for _, s := range words {
		w := l.words[s]
		if w.count < l.MinCount {
			continue
		}
		// capClass | pathLen<<8 | class<<16 | path<<32
		v := uint64(w.capClass())
		if w.class > 0 {
			v |= uint64(w.pathLen)<<8 | uint64(w.class)<<16 | w.path<<32
		}
		src[hashString(s)] = v
	}
	return u64mapFrom(src)
}

// lexRecord is the stored form of one lexicon word.
type lexRecord struct {
	Word                                   string
	Count, Alpha, CapMid, LowerMid, AllCap int
	Path                                   uint64
	PathLen                                uint8
	Class                                  uint16
}

// WriteTo stores the word statistics and clusters (not the text) as gob.
func (l *Lexicon) WriteTo(w io.Writer) (int64, error) {
	recs := make([]lexRecord, 0, len(l.words))
	for s, e := range l.words {
		recs = append(recs, lexRecord{s, e.count, e.alpha, e.capMid, e.lowerMid, e.allCap, e.path, e.pathLen, e.class})
	}
	slices.SortFunc(recs, func(a, b lexRecord) int { return strings.Compare(a.Word, b.Word) })
	cw := &countWriter{w: w}
	err := gob.NewEncoder(cw).Encode(recs)
	return cw.n, err
}

// ReadLexicon reads a lexicon stored with WriteTo.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	var recs []lexRecord
	if err := gob.NewDecoder(r).Decode(&recs); err != nil {
		return nil, fmt.Errorf("read lexicon: %w", err)
	}
	l := NewLexicon()
	for i, rec := range recs {
		l.words[rec.Word] = &lexWord{id: int32(i), count: rec.Count, alpha: rec.Alpha, capMid: rec.CapMid,
			lowerMid: rec.LowerMid, allCap: rec.AllCap, path: rec.Path, pathLen: rec.PathLen, class: rec.Class}
		l.names = append(l.names, rec.Word)
	}
	return l, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
