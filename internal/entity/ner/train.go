package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/morgue-archive/morgue/internal/entity/ner/conll"
)

// TrainOptions control training.
type TrainOptions struct {
	Options
	Epochs int
	Seed   uint64
	// TrainBeam is the beam width used in training; 0 means Options.Beam
	// (the width used when tagging).
	TrainBeam int
	// Runs trains this many models, with seeds Seed, Seed+1, ..., and
	// averages their weights (0 or 1: one model).
	Runs int
	// Prune drops feature rows whose largest averaged weight is below
	// this magnitude (0 keeps every non-zero row).
	Prune float32
	// Domains gives each training document's corpus (parallel to the
	// documents; nil means all 0). Documents of a domain other than 0 also
	// train a copy of every feature private to that domain, which soaks up
	// the corpus's own conventions; tagging uses only the shared weights
	// (feature augmentation, Daumé 2007).
	Domains []int
	// Dev, when set, is scored after every epoch (for choosing Epochs).
	Dev []conll.Document
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// Resources are the non-annotated inputs of a model: gazetteers and the
// lexicon computed from unlabelled text.
type Resources struct {
	Gazetteer []GazEntry
	Lexicon   *Lexicon
}

// GazEntry is one gazetteer name and its category (GazCountry, ...).
type GazEntry struct {
	Name string
	Cat  int
}

// trainer holds the weights being learnt by the averaged perceptron. The
// averaged weights are w - u/c (Daumé's formulation), so an update costs
// O(1) per feature.
type trainer struct {
	rows    map[uint64]int32
	w       []int32
	u       []int64
	c       int64
	domain  uint64 // salt of the current document's private features; 0 = none
	private []bool // by row: a domain's private copy, left out of the model
}

func (tr *trainer) score(feats []uint64, out *[nLabels]float32) {
	for _, f := range feats {
		tr.scoreOne(f, out)
		if tr.domain != 0 {
			tr.scoreOne(mix(f^tr.domain), out)
		}
	}
}

func (tr *trainer) scoreOne(f uint64, out *[nLabels]float32) {
	r, ok := tr.rows[f]
	if !ok {
		return
	}
	row := tr.w[int(r)*nLabels : int(r+1)*nLabels]
	for l := range out {
		out[l] += float32(row[l])
	}
}

func (tr *trainer) update(feats []uint64, gold, pred int) {
	tr.c++
	if gold == pred {
		return
	}
	tr.add(feats, gold, 1)
	tr.add(feats, pred, -1)
}

// add adds delta to the weights of feats (and their private copies) for
// label l.
func (tr *trainer) add(feats []uint64, l int, delta int32) {
	for _, f := range feats {
		tr.addOne(f, l, delta, false)
		if tr.domain != 0 {
			tr.addOne(mix(f^tr.domain), l, delta, true)
		}
	}
}

func (tr *trainer) addOne(f uint64, l int, delta int32, private bool) {
	{
		r, ok := tr.rows[f]
		if !ok {
			r = int32(len(tr.rows))
			tr.rows[f] = r
			tr.private = append(tr.private, private)
			tr.w = append(tr.w, make([]int32, nLabels)...)
			tr.u = append(tr.u, make([]int64, nLabels)...)
		}
		o := int(r)*nLabels + l
		tr.w[o] += delta
		tr.u[o] += int64(delta) * tr.c
	}
}

// updateSeq is the structured perceptron update on the first n tokens of
// sentence s: gold labels up, predicted labels down, wherever a label or
// its context differs.
func (tr *trainer) updateSeq(m *Model, d *document, si int, gold, pred []int, n int) {
	s := d.sents[si]
	gp1, gp2, pp1, pp2 := labelStart, labelStart, labelStart, labelStart
	for i := range n {
		g, p := gold[i], pred[i]
		if g != p {
			d.feats = m.features(d.feats[:0], s, pad+i, d.hist)
			tr.add(d.feats, g, 1)
			tr.add(d.feats, p, -1)
		}
		if g != p || gp1 != pp1 || gp2 != pp2 {
			d.feats = m.dynFeatures(d.feats[:0], s, pad+i, gp1, gp2)
			tr.add(d.feats, g, 1)
			d.feats = m.dynFeatures(d.feats[:0], s, pad+i, pp1, pp2)
			tr.add(d.feats, p, -1)
		}
		gp2, gp1 = gp1, g
		pp2, pp1 = pp1, p
	}
}

// averaged returns the averaged weights of the shared (not private)
// features whose largest weight exceeds prune, keys in ascending order.
func (tr *trainer) averaged(prune float32) (keys []uint64, rows []float32) {
	c := float64(max(tr.c, 1))
	order := make([]uint64, 0, len(tr.rows))
	for f, r := range tr.rows {
		if !tr.private[r] {
			order = append(order, f)
		}
	}
	slices.Sort(order)
	row := make([]float32, nLabels)
	for _, f := range order {
		o := int(tr.rows[f]) * nLabels
		big := false
		for l := range nLabels {
			row[l] = float32(float64(tr.w[o+l]) - float64(tr.u[o+l])/c)
			if a := float32(math.Abs(float64(row[l]))); a > prune && a > 0 {
				big = true
			}
		}
		if big {
			keys = append(keys, f)
			rows = append(rows, row...)
		}
	}
	return keys, rows
}

// goldLabels converts tags (IOB1, IOB2 or BIOES, types PER/ORG/LOC/MISC;
// other types are ignored) into BILOU label ids.
func goldLabels(s conll.Sentence) []int {
	tags := make([]string, len(s))
	for i, t := range s {
		tags[i] = t.Tag
	}
	out := make([]int, len(s))
	for _, c := range conll.Chunks(tags) {
		t := typeIndex(c.Type)
		if t < 0 {
			continue
		}
		setChunk(out, chunk{c.Start, c.End, t})
	}
	return out
}

func docTexts(doc conll.Document) [][]string {
	out := make([][]string, len(doc))
	for i, s := range doc {
		out[i] = make([]string, len(s))
		for j, t := range s {
			out[i][j] = normalize(t.Text)
		}
	}
	return out
}

// Train learns a model from annotated documents with a greedy averaged
// perceptron. Documents are visited in a seeded random order each epoch;
// the same inputs and options give the same model.
func Train(docs []conll.Document, res Resources, o TrainOptions) (*Model, error) {
	if o.Epochs <= 0 {
		return nil, fmt.Errorf("train: epochs must be positive, got %d", o.Epochs)
	}
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	m := &Model{opts: o.Options}
	if !o.NoGazetteer {
		m.buildGazetteer(res.Gazetteer)
	}
	if res.Lexicon != nil {
		m.lex = res.Lexicon.table()
	}
	texts := make([][][]string, len(docs))
	gold := make([][][]int, len(docs))
	tokens := 0
	for i, doc := range docs {
		texts[i] = docTexts(doc)
		gold[i] = make([][]int, len(doc))
		for j, s := range doc {
			gold[i][j] = goldLabels(s)
			tokens += len(s)
		}
	}
	runs := max(o.Runs, 1)
	sum := map[uint64][]float32{}
	for run := range runs {
		tr, err := trainRun(m, texts, gold, tokens, o, o.Seed+uint64(run), logw)
		if err != nil {
			return nil, err
		}
		if runs == 1 {
			m.setWeights(tr.averaged(o.Prune))
			return m, nil
		}
		keys, rows := tr.averaged(0)
		for k, f := range keys {
			acc := sum[f]
			if acc == nil {
				acc = make([]float32, nLabels)
				sum[f] = acc
			}
			for l := range nLabels {
				acc[l] += rows[k*nLabels+l]
			}
		}
	}
	// The mean of the runs' averaged weights.
	keys := make([]uint64, 0, len(sum))
	for f := range sum {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	var kept []uint64
	var rows []float32
	for _, f := range keys {
		row := sum[f]
		big := false
		for l := range row {
			row[l] /= float32(runs)
			if a := float32(math.Abs(float64(row[l]))); a > o.Prune && a > 0 {
				big = true
			}
		}
		if big {
			kept = append(kept, f)
			rows = append(rows, row...)
		}
	}
	m.setWeights(kept, rows)
	if len(o.Dev) > 0 {
		s, err := Evaluate(m, o.Dev)
		if err != nil {
			return nil, err
		}
		p, r, f := s.Overall.PRF()
		fmt.Fprintf(logw, "mean of %d runs dev: precision %.2f recall %.2f F1 %.2f\n", runs, p, r, f)
	}
	return m, nil
}

// trainRun runs the perceptron epochs with one seed.
func trainRun(m *Model, texts [][][]string, gold [][][]int, tokens int, o TrainOptions, seed uint64, logw io.Writer) (*trainer, error) {
	tr := &trainer{rows: map[uint64]int32{}}
	rng := rand.New(rand.NewPCG(seed, 0x6e6572))
	d := newDocument()
	beam := o.TrainBeam
	if beam == 0 {
		beam = int(o.Beam)
	}
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		start := time.Now()
		errs := 0
		for _, di := range rng.Perm(len(texts)) {
			tr.domain = 0
			if di < len(o.Domains) && o.Domains[di] != 0 {
				tr.domain = mix(uint64(o.Domains[di]) * 0x9e3779b97f4a7c15)
			}
			d.analyze(m, texts[di])
			for si := range d.sents {
				d.decode(m, tr, si, gold[di][si], tr, beam)
				for k, l := range d.labels[si] {
					if l != gold[di][si][k] {
						errs++
					}
				}
			}
		}
		fmt.Fprintf(logw, "seed %d epoch %d: %d tokens, %.2f%% token errors, %d feature rows, %s\n",
			seed, epoch, tokens, 100*float64(errs)/float64(max(tokens, 1)), len(tr.rows), time.Since(start).Round(time.Millisecond))
		if len(o.Dev) > 0 {
			tr.domain = 0
			m.setWeights(tr.averaged(o.Prune))
			s, err := Evaluate(m, o.Dev)
			if err != nil {
				return nil, err
			}
			p, r, f := s.Overall.PRF()
			fmt.Fprintf(logw, "seed %d epoch %d dev: precision %.2f recall %.2f F1 %.2f\n", seed, epoch, p, r, f)
		}
	}
	tr.domain = 0
	return tr, nil
}

// Evaluate tags the documents and scores the result against their tags.
func Evaluate(m *Model, docs []conll.Document) (*conll.Score, error) {
	s := &conll.Score{}
	for _, doc := range docs {
		pred := m.TagDocument(docTexts(doc))
		for si, sent := range doc {
			g := make([]string, len(sent))
			for i, t := range sent {
				g[i] = t.Tag
			}
			if err := s.Add(g, pred[si]); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}
