package ner

import "slices"

// pad is the number of padding tokens on each side of a sentence, so that
// window features never index out of range.
const pad = 3

// scorer adds the weights of features to per-label scores.
type scorer interface {
	score(feats []uint64, out *[nLabels]float32)
}

// document is one document being tagged: its sentences analysed into
// token attributes, and the labels assigned so far.
type document struct {
	sents  [][]tokInfo // each padded with pad tokens on both sides
	labels [][]int
	hist   map[uint64]*[nTypes + 1]uint16 // earlier predictions per capitalised word
	feats  []uint64
	lower  []byte
	gazLen [][numGaz]uint8
	beams  [][]beamEntry
	cands  []beamEntry
	trans  *transitions // for training
}

func newDocument() *document {
	return &document{hist: map[uint64]*[nTypes + 1]uint16{}}
}

// reset prepares d for a new document of n sentences.
func (d *document) reset(n int) {
	for i := range d.sents {
		d.sents[i] = d.sents[i][:0]
	}
	if cap(d.sents) < n {
		d.sents = append(d.sents[:cap(d.sents)], make([][]tokInfo, n-cap(d.sents))...)
		d.labels = append(d.labels[:cap(d.labels)], make([][]int, n-cap(d.labels))...)
	}
	d.sents = d.sents[:n]
	d.labels = d.labels[:n]
	clear(d.hist)
}

// analyze fills in the token attributes of a document whose sentences have
// the given (normalised) token texts.
func (d *document) analyze(m *Model, texts [][]string) {
	d.reset(len(texts))
	for si, toks := range texts {
		s := d.sents[si][:0]
		for range pad {
			s = append(s, padStart)
		}
		for _, t := range toks {
			s = append(s, tokInfo{})
			d.lower = analyze(t, &s[len(s)-1], d.lower)
			m.lexicon(&s[len(s)-1])
		}
		for range pad {
			s = append(s, padEnd)
		}
		d.sents[si] = s
		if cap(d.labels[si]) < len(toks) {
			d.labels[si] = make([]int, len(toks))
		}
		d.labels[si] = d.labels[si][:len(toks)]
		clear(d.labels[si])
		body := s[pad : len(s)-pad]
		markSentence(body)
		d.matchGazetteer(m, body)
	}
	d.markDocCase()
}

// markSentence sets the sentence-start and headline flags.
func markSentence(s []tokInfo) {
	for i := range s {
		if s[i].flags&flPunct == 0 {
			s[i].flags |= flSentStart
			break
		}
	}
	letters, long := 0, false
	for i := range s {
		f := s[i].flags
		if f&(flInitCap|flLower) == 0 && f&flAllCap == 0 {
			continue // no leading letter
		}
		if f&flAllCap == 0 {
			return // a word with lower case: not a headline
		}
		letters++
		if f&flMulti != 0 {
			long = true
		}
	}
	if letters == 0 || !long {
		return
	}
	for i := range s {
		s[i].flags |= flHeadline
	}
}

// markDocCase records, for every token, whether its word occurs elsewhere
// in the document in lower case, or capitalised in mid-sentence.
func (d *document) markDocCase() {
	seen := map[uint64]uint8{}
	for _, s := range d.sents {
		for i := pad; i < len(s)-pad; i++ {
			t := &s[i]
			if t.flags&flHeadline != 0 {
				continue
			}
			switch {
			case t.flags&flLower != 0:
				seen[t.lower] |= docLowerSeen
			case t.flags&flInitCap != 0 && t.flags&(flSentStart|flAllCap) == 0:
				seen[t.lower] |= docCapSeen
			}
		}
	}
	for _, s := range d.sents {
		for i := pad; i < len(s)-pad; i++ {
			s[i].docCase = seen[s[i].lower]
		}
	}
}

// matchGazetteer marks, per category, the longest gazetteer matches.
func (d *document) matchGazetteer(m *Model, s []tokInfo) {
	if len(m.gaz.keys) == 0 {
		return
	}
	n := len(s)
	if cap(d.gazLen) < n {
		d.gazLen = make([][numGaz]uint8, n)
	}
	lens := d.gazLen[:n]
	clear(lens)
	for i := range s {
		h := uint64(gazSeed)
		for l := 1; l <= m.gazMax && i+l <= n; l++ {
			h = gazStep(h, s[i+l-1].lower)
			v, ok := m.gaz.get(h)
			if !ok {
				break
			}
			for c := range numGaz {
				if v&(1<<c) != 0 {
					lens[i][c] = uint8(l)
				}
			}
			if v&gazPrefix == 0 {
				break
			}
		}
	}
	for c := range numGaz {
		for i := 0; i < n; {
			l := int(lens[i][c])
			if l == 0 {
				i++
				continue
			}
			if l == 1 {
				s[i].gaz |= 1 << uint(4*c+posU)
			} else {
				s[i].gaz |= 1 << uint(4*c+posB)
				for k := i + 1; k < i+l-1; k++ {
					s[k].gaz |= 1 << uint(4*c+posI)
				}
				s[i+l-1].gaz |= 1 << uint(4*c+posL)
			}
			i += l
		}
	}
}

const (
	gazSeed   = 0x51ed270b27ef3b4d
	gazPrefix = 1 << 15 // the key is a proper prefix of a longer entry
)

func gazStep(h, lower uint64) uint64 { return mix(h*31 + lower) }

// decode tags sentence si: greedily left to right when beam <= 1, else
// with a beam search over label sequences (states that agree on the last
// two labels are merged, so a beam of nLabels*nLabels is exact Viterbi).
// With a trainer it also learns from the gold labels: per token when
// greedy, else per sentence (structured perceptron with early update).
func (d *document) decode(m *Model, sc scorer, si int, gold []int, tr *trainer, beam int) {
	s := d.sents[si]
	labels := d.labels[si]
	n := len(labels)
	if beam > 1 {
		var g []int
		if tr != nil {
			g = gold
		}
		if stop, ok := d.beamSearch(m, sc, si, beam, g); tr != nil {
			tr.c++
			if !ok {
				tr.updateSeq(m, d, si, gold, labels, stop)
			}
		}
	} else {
		p1, p2 := labelStart, labelStart
		var scores [nLabels]float32
		for i := range n {
			d.feats = m.features(d.feats[:0], s, pad+i, d.hist)
			d.feats = m.dynFeatures(d.feats, s, pad+i, p1, p2)
			scores = [nLabels]float32{}
			sc.score(d.feats, &scores)
			best := bestAllowed(&scores, p1, i == n-1)
			if tr != nil {
				tr.update(d.feats, gold[i], best)
			}
			labels[i] = best
			p2, p1 = p1, best
		}
	}
	for i, l := range labels {
		t := &s[pad+i]
		if t.flags&(flInitCap|flAllCap) == 0 {
			continue
		}
		h := d.hist[t.lower]
		if h == nil {
			h = new([nTypes + 1]uint16)
			d.hist[t.lower] = h
		}
		k := 0
		if l != labelO {
			k = 1 + labelType(l)
		}
		if h[k] < 65535 {
			h[k]++
		}
	}
}

// bestAllowed returns the best-scoring label that may follow prev.
func bestAllowed(scores *[nLabels]float32, prev int, last bool) int {
	if prev == labelStart {
		prev = labelO
	}
	best, bestScore := -1, float32(0)
	for l := range nLabels {
		if allowed(prev, l, last) && (best < 0 || scores[l] > bestScore) {
			best, bestScore = l, scores[l]
		}
	}
	return best
}

type beamEntry struct {
	score  float32
	l, p1  int8  // label here and before (labelStart at the start)
	gold   bool  // the path to this entry is the gold one
	parent int32 // index in the previous position's entries
}

// beamSearch fills the sentence's labels with the best sequence found.
// With gold labels (training) it stops as soon as the gold path leaves the
// beam (early update), leaving the best path up to there in the labels;
// it returns how many tokens were decoded and whether the result is the
// gold sequence.
func (d *document) beamSearch(m *Model, sc scorer, si, width int, gold []int) (int, bool) {
	s := d.sents[si]
	labels := d.labels[si]
	n := len(labels)
	if cap(d.beams) < n {
		d.beams = append(d.beams[:cap(d.beams)], make([][]beamEntry, n-cap(d.beams))...)
	}
	beams := d.beams[:n]
	trans := m.trans
	if gold != nil || trans == nil {
		// Training: the weights change after every sentence.
		if d.trans == nil {
			d.trans = new(transitions)
		}
		d.trans.compute(sc)
		trans = d.trans
	}
	prev := []beamEntry{{l: labelStart, p1: labelStart, parent: -1, gold: true}}
	var static [nLabels]float32
	var dyn [nLabels + 1][nLabels]float32
	var slot [(nLabels + 1) * (nLabels + 1)]int16
	for i := range n {
		d.feats = m.features(d.feats[:0], s, pad+i, d.hist)
		static = [nLabels]float32{}
		sc.score(d.feats, &static)
		cands := d.cands[:0]
		for k := range slot {
			slot[k] = -1
		}
		var haveDyn uint32
		last := i == n-1
		for pi, e := range prev {
			p1 := int(e.l)
			if haveDyn&(1<<p1) == 0 {
				haveDyn |= 1 << p1
				dyn[p1] = trans.t1[p1]
				d.feats = m.tokDynFeatures(d.feats[:0], s, pad+i, p1)
				sc.score(d.feats, &dyn[p1])
			}
			t2 := &trans.t2[p1*(nLabels+1)+int(e.p1)]
			pl := p1
			if pl == labelStart {
				pl = labelO
			}
			for l := range nLabels {
				if !allowed(pl, l, last) {
					continue
				}
				c := beamEntry{score: e.score + static[l] + dyn[p1][l] + t2[l], l: int8(l), p1: e.l, parent: int32(pi),
					gold: gold != nil && e.gold && gold[i] == l}
				key := l*(nLabels+1) + p1
				if k := slot[key]; k >= 0 {
					if c.score > cands[k].score {
						cands[k] = c
					}
					continue
				}
				slot[key] = int16(len(cands))
				cands = append(cands, c)
			}
		}
		d.cands = cands
		// Keep the best width entries, best first; on ties the earlier
		// candidate wins.
		top := beams[i][:0]
		for _, c := range cands {
			if len(top) == width && c.score <= top[width-1].score {
				continue
			}
			k := len(top)
			if k < width {
				top = append(top, c)
			} else {
				k = width - 1
			}
			for k > 0 && top[k-1].score < c.score {
				top[k] = top[k-1]
				k--
			}
			top[k] = c
		}
		beams[i] = top
		prev = top
		if gold != nil && !slices.ContainsFunc(top, func(e beamEntry) bool { return e.gold }) {
			backtrack(beams, labels, i)
			return i + 1, false
		}
	}
	backtrack(beams, labels, n-1)
	return n, n == 0 || beams[n-1][0].gold
}

// backtrack writes the labels of the best path ending at position end.
func backtrack(beams [][]beamEntry, labels []int, end int) {
	k := 0
	for i := end; i >= 0; i-- {
		e := beams[i][k]
		labels[i] = int(e.l)
		k = int(e.parent)
	}
}

// labelStart stands for the label before the first token in features.
const labelStart = nLabels
