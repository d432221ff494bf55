package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Options select feature groups and post-processing. They are fixed at
// training time and stored in the model.
type Options struct {
	NoGazetteer   bool  // no gazetteer features
	NoClusters    bool  // no word-cluster features
	NoHistory     bool  // no features from earlier predictions in the document
	NoDocCase     bool  // no document casing features
	NoConsistency bool  // no document-level consistency pass
	NoSurnames    bool  // in that pass, do not make lone surnames of people PER
	NoPropagate   bool  // in that pass, do not tag untagged repeats of entities
	Beam          uint8 // beam width for decoding; 0 or 1 is greedy
	// ClusterPrefixes are the bit-path prefix lengths used as cluster
	// features (Brown-style); 255 stands for the class itself, 0 for no
	// feature.
	ClusterPrefixes [4]uint8
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	opts    Options
	w       u64map    // feature hash -> row offset into weights
	weights []float32 // nLabels per row
	lex     u64map    // lower-cased word hash -> capClass | pathLen<<8 | class<<16 | path<<32
	gaz     u64map    // token-sequence hash -> category bits | gazPrefix
	gazMax  int
	pool    sync.Pool // *document
}

// score implements scorer for a loaded model.
func (m *Model) score(feats []uint64, out *[nLabels]float32) {
	for _, f := range feats {
		off, ok := m.w.get(f)
		if !ok {
			continue
		}
		row := m.weights[off : off+nLabels : off+nLabels]
		for l := range out {
			out[l] += row[l]
		}
	}
}

// lexicon fills the corpus-derived attributes of a token.
func (m *Model) lexicon(t *tokInfo) {
	v, ok := m.lex.get(t.lower)
	if !ok {
		return
	}
	t.capClass = uint8(v)
	if m.opts.NoClusters {
		return
	}
	n := int(uint8(v >> 8))
	class := uint16(v >> 16)
	path := v >> 32 // first 32 bits, most significant first
	if class == 0 {
		return
	}
	for k, p := range m.opts.ClusterPrefixes {
		switch {
		case p == 0:
		case p == 255:
			t.cluster[k] = mix(uint64(class) | 1<<40)
		default:
			l := min(int(p), n, 32)
			t.cluster[k] = mix(path>>(32-l)<<8 | uint64(l))
		}
	}
}

//go:embed model.bin.gz
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the binary, loading it on first use.
// It returns an error only if the embedded model is corrupt.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(embedded))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("load embedded ner model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

const magic = "morgue-ner\x00\x03"

// Save writes the model, gzip-compressed.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<20)
	le := binary.LittleEndian
	put := func(v any) {
		if err == nil {
			err = binary.Write(bw, le, v)
		}
	}
	put([]byte(magic))
	opts, jerr := json.Marshal(m.opts)
	if jerr != nil {
		return fmt.Errorf("write model: %w", jerr)
	}
	put(uint32(len(opts)))
	put(opts)
	put(uint32(m.gazMax))
	for _, t := range []*u64map{&m.w, &m.lex, &m.gaz} {
		put(uint32(len(t.keys)))
		put(t.keys)
		put(t.vals)
	}
	put(uint32(len(m.weights)))
	put(m.weights)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<20)
	le := binary.LittleEndian
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, le, v)
		}
	}
	head := make([]byte, len(magic))
	get(head)
	if err == nil && string(head) != magic {
		return nil, errors.New("read model: not a morgue NER model of this version")
	}
	m := &Model{}
	var n uint32
	get(&n)
	if err == nil && n > 1<<16 {
		return nil, fmt.Errorf("read model: bad options length %d", n)
	}
	if err == nil {
		opts := make([]byte, n)
		get(opts)
		if err == nil {
			if jerr := json.Unmarshal(opts, &m.opts); jerr != nil {
				return nil, fmt.Errorf("read model: options: %w", jerr)
			}
		}
	}
	get(&n)
	m.gazMax = int(n)
	for _, t := range []*u64map{&m.w, &m.lex, &m.gaz} {
		get(&n)
		if err != nil {
			break
		}
		if n&(n-1) != 0 || n > 1<<28 {
			return nil, fmt.Errorf("read model: bad table size %d", n)
		}
		t.keys = make([]uint64, n)
		t.vals = make([]uint64, n)
		t.mask = uint64(n) - 1
		get(t.keys)
		get(t.vals)
		if n == 0 {
			t.keys, t.vals = nil, nil
		}
	}
	get(&n)
	if err == nil && n > 1<<30 {
		return nil, fmt.Errorf("read model: bad weight count %d", n)
	}
	if err == nil {
		m.weights = make([]float32, n)
		get(m.weights)
	}
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	for i, k := range m.w.keys {
		if k != 0 && m.w.vals[i]+nLabels > uint64(len(m.weights)) {
			return nil, errors.New("read model: weight offset out of range")
		}
	}
	for _, w := range m.weights {
		if math.IsNaN(float64(w)) || math.IsInf(float64(w), 0) {
			return nil, errors.New("read model: non-finite weight")
		}
	}
	return m, nil
}
