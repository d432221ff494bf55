package ner

// Document-level consistency. A greedy tagger sees a token once; a
// document usually names an entity several times and mostly the same way.
// After tagging, three rules make the document agree with itself:
//
//  1. the same token sequence (case-sensitive) tagged as entities of
//     different types takes the type most of its mentions got;
//  2. a capitalised token that is the last token of a multi-token person
//     name elsewhere in the document ("Viktor Bout" ... "Bout") is a
//     person where it stands alone, whatever it was tagged;
//  3. an untagged capitalised repeat of a tagged token sequence gets the
//     tag of that sequence;
//  4. an all-caps token in brackets right after an entity is its acronym
//     and gets its type: "Drug Enforcement Administration (DEA)".

func seqKey(s []tokInfo, start, end int) uint64 {
	h := uint64(0x9ae16a3b2f90404f)
	for k := start; k < end; k++ {
		h = mix(h ^ s[k].word)
	}
	return h
}

type typeVotes [nTypes]int

func (v *typeVotes) majority() (int, int) {
	best, n := 0, v[0]
	for t := 1; t < nTypes; t++ {
		if v[t] > n {
			best, n = t, v[t]
		}
	}
	return best, n
}

func (d *document) consistency(opts Options) {
	if opts.NoConsistency {
		return
	}
	if !opts.NoAcronyms {
		d.acronyms()
	}
	votes := map[uint64]*typeVotes{}
	maxLen := map[uint64]int{} // first token's word -> longest entity starting with it
	surnames := map[uint64]bool{}
	chunks := make([][]chunk, len(d.sents))
	for si, s := range d.sents {
		chunks[si] = chunksOf(d.labels[si])
		for _, c := range chunks[si] {
			k := seqKey(s, pad+c.start, pad+c.end)
			v := votes[k]
			if v == nil {
				v = &typeVotes{}
				votes[k] = v
			}
			v[c.typ]++
			first := s[pad+c.start].word
			maxLen[first] = max(maxLen[first], c.end-c.start)
			if c.typ == 0 && c.end-c.start >= 2 {
				last := &s[pad+c.end-1]
				if last.flags&flInitCap != 0 && last.flags&flMulti != 0 {
					surnames[last.word] = true
				}
			}
		}
	}
	for si, s := range d.sents {
		labels := d.labels[si]
		for _, c := range chunks[si] {
			typ := c.typ
			if best, n := votes[seqKey(s, pad+c.start, pad+c.end)].majority(); best != typ && n > votes[seqKey(s, pad+c.start, pad+c.end)][typ] {
				typ = best
			}
			if !opts.NoSurnames && c.end-c.start == 1 && surnames[s[pad+c.start].word] {
				typ = 0
			}
			if typ != c.typ {
				c.typ = typ
				setChunk(labels, c)
			}
		}
		if opts.NoPropagate && opts.NoSurnames {
			continue
		}
		for i := 0; i < len(labels); i++ {
			t := &s[pad+i]
			if t.flags&flInitCap == 0 || t.flags&flHeadline != 0 {
				continue
			}
			if labels[i] == labelO && !opts.NoSurnames && surnames[t.word] &&
				(i+1 == len(labels) || labels[i+1] == labelO) &&
				(i == 0 || labels[i-1] == labelO) && s[pad+i+1].flags&flInitCap == 0 {
				labels[i] = label(0, posU)
				continue
			}
			if opts.NoPropagate {
				continue
			}
			if l := d.propagate(si, i, votes, maxLen[t.word]); l > 0 {
				i += l - 1
			}
		}
	}
}

// propagate applies rule 3 at token i of sentence si: the longest known
// entity string starting there is tagged with its majority type when its
// tokens are untagged, or (for strings of two or more tokens) when the
// entities there lie inside it, as when "Viktor Bout" came out as "Viktor"
// alone. It returns the length tagged, or 0.
func (d *document) propagate(si, i int, votes map[uint64]*typeVotes, maxLen int) int {
	s, labels := d.sents[si], d.labels[si]
	for l := min(maxLen, len(labels)-i); l >= 1; l-- {
		first, last := labels[i], labels[i+l-1]
		if l == 1 && first != labelO {
			continue
		}
		startsFree := first == labelO || labelPos(first) == posB || labelPos(first) == posU
		endsFree := last == labelO || labelPos(last) == posL || labelPos(last) == posU
		if !startsFree || !endsFree {
			continue
		}
		v := votes[seqKey(s, pad+i, pad+i+l)]
		if v == nil {
			continue
		}
		typ, _ := v.majority()
		setChunk(labels, chunk{i, i + l, typ})
		return l
	}
	return 0
}

// acronyms applies rule 4, when the acronym is made of the initials of the
// name's capitalised words.
func (d *document) acronyms() {
	for si, s := range d.sents {
		labels := d.labels[si]
		for _, c := range chunksOf(labels) {
			a := c.end + 1 // the acronym after "("
			if c.end-c.start < 2 || a+1 >= len(labels) || !isOpenParen(&s[pad+c.end]) || !isCloseParen(&s[pad+a+1]) {
				continue
			}
			t := &s[pad+a]
			if t.flags&flAllCap == 0 || t.flags&flMulti == 0 || t.flags&flHeadline != 0 {
				continue
			}
			var initials []byte
			for k := c.start; k < c.end; k++ {
				if b := s[pad+k].initial; b != 0 {
					initials = append(initials, b)
				}
			}
			if hashBytes(initials) != t.word {
				continue
			}
			setChunk(labels, chunk{a, a + 1, c.typ})
		}
	}
}

func isOpenParen(t *tokInfo) bool  { return t.word == hashString("(") }
func isCloseParen(t *tokInfo) bool { return t.word == hashString(")") }
