package ner

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/klauspost/compress/zstd"
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
	NoAcronyms    bool  // in that pass, do not type bracketed acronyms after entities
	Beam          uint8 // beam width for decoding; 0 or 1 is greedy
	// ClusterPrefixes are the bit-path prefix lengths used as cluster
	// features (Brown-style); 255 stands for the class itself, 0 for no
	// feature.
	ClusterPrefixes [4]uint8
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	opts   Options
	w      wtable // feature hash -> nLabels quantised weights
	lex    u64map // lower-cased word hash -> capClass | pathLen<<8 | class<<16 | path<<32
	gaz    u64map // token-sequence hash -> category bits | gazPrefix
	gazMax int
	trans  *transitions // label-transition weights, from w
	pool   sync.Pool    // *document
}

// score implements scorer for a loaded model.
func (m *Model) score(feats []uint64, out *[nLabels]float32) {
	for _, f := range feats {
		row := m.w.row(f)
		if row == nil {
			continue
		}
		for l := range out {
			out[l] += float32(row[l])
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

//go:embed model.bin.zst
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

const magic = "morgue-ner\x00\x04"

// Save writes the model, zstd-compressed. The hash tables are stored as
// their occupied entries in key order and rebuilt by Load.
func (m *Model) Save(w io.Writer) error {
	zw, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return fmt.Errorf("write model: %w", err)
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
	// Weights: keys in order, then their rows in the same order.
	wkeys, rows := m.w.entries()
	put(uint32(len(wkeys)))
	put(wkeys)
	put(rows)
	keys, vals := m.lex.entries()
	put(uint32(len(keys)))
	put(keys)
	put(vals)
	keys, vals = m.gaz.entries()
	put(uint32(len(keys)))
	put(keys)
	small := make([]uint16, len(vals))
	for i, v := range vals {
		small[i] = uint16(v)
	}
	put(small)
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
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<20)
	le := binary.LittleEndian
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, le, v)
		}
	}
	count := func(limit uint32) int {
		var n uint32
		get(&n)
		if err == nil && n > limit {
			err = fmt.Errorf("bad count %d", n)
		}
		return int(n)
	}
	head := make([]byte, len(magic))
	get(head)
	if err == nil && string(head) != magic {
		return nil, errors.New("read model: not a morgue NER model of this version")
	}
	m := &Model{}
	if n := count(1 << 16); err == nil {
		opts := make([]byte, n)
		get(opts)
		if err == nil {
			if jerr := json.Unmarshal(opts, &m.opts); jerr != nil {
				return nil, fmt.Errorf("read model: options: %w", jerr)
			}
		}
	}
	m.gazMax = count(maxGazTokens)
	if n := count(1 << 26); err == nil {
		keys := make([]uint64, n)
		get(keys)
		rows := make([]int16, n*nLabels)
		get(rows)
		m.w = newWTable(keys, rows)
	}
	if n := count(1 << 26); err == nil {
		m.lex = readMap[uint64](n, get)
	}
	if n := count(1 << 26); err == nil {
		m.gaz = readMap[uint16](n, get)
	}
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	m.trans = new(transitions)
	m.trans.compute(m)
	return m, nil
}

// setWeights quantises averaged weights (one row of nLabels per key) to
// int16 and indexes them. Decoding compares sums of weights, so the common
// scale factor is dropped.
func (m *Model) setWeights(keys []uint64, rows []float32) {
	maxAbs := float32(0)
	for _, w := range rows {
		maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
	}
	scale := float32(0)
	if maxAbs > 0 {
		scale = math.MaxInt16 / maxAbs
	}
	q := make([]int16, len(rows))
	for i, w := range rows {
		q[i] = int16(math.Round(float64(w * scale)))
	}
	m.w = newWTable(keys, q)
	m.trans = new(transitions)
	m.trans.compute(m)
}

// readMap reads n keys and then n values with get into a u64map.
func readMap[V uint16 | uint64](n int, get func(any)) u64map {
	keys, vals := make([]uint64, n), make([]V, n)
	get(keys)
	get(vals)
	m := newU64Map(n)
	for i, k := range keys {
		m.put(k, uint64(vals[i]))
	}
	return m
}
