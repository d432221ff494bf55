package store

import (
	"encoding/json"
	"fmt"

	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

// Values are JSON compressed with zstd. Posts are small (a news article is a
// few KB, a comment a few hundred bytes), too small for zstd to find much to
// reuse inside one value, so each archive trains a dictionary on its first
// large batch and compresses everything after it with that dictionary: the
// JSON field names, the origin, the phrases common to one site. On news
// posts this makes articles and comments about a third smaller and raw
// input about a fifth. The dictionary is stored in the meta bucket and never
// changes once values depend on it; values written before it (or by a
// morgue without it) decode as they are.

// dictKey names the zstd dictionary in the meta bucket.
var dictKey = []byte("zstd-dict")

const (
	minDictPuts   = 200 // a batch smaller than this does not train a dictionary
	dictSize      = 64 << 10
	dictSampleMax = 4 << 20 // bytes of samples to train on (training time grows with it)
	rawSampleMax  = 16 << 10
)

// codec compresses and decompresses values, with the archive's dictionary
// when it has one. Both are safe for concurrent use.
type codec struct {
	dict []byte
	enc  *zstd.Encoder
	dec  *zstd.Decoder
}

func newCodec(d []byte) (*codec, error) {
	eopts := []zstd.EOption{zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1)}
	dopts := []zstd.DOption{zstd.WithDecoderConcurrency(0)}
	if d != nil {
		eopts = append(eopts, zstd.WithEncoderDict(d))
		dopts = append(dopts, zstd.WithDecoderDicts(d))
	}
	enc, err := zstd.NewWriter(nil, eopts...)
	if err != nil {
		return nil, fmt.Errorf("zstd dictionary: %w", err)
	}
	dec, err := zstd.NewReader(nil, dopts...)
	if err != nil {
		return nil, fmt.Errorf("zstd dictionary: %w", err)
	}
	return &codec{dict: d, enc: enc, dec: dec}, nil
}

// plainCodec has no dictionary; a store starts with it.
var plainCodec = func() *codec {
	c, err := newCodec(nil)
	if err != nil {
		panic(err)
	}
	return c
}()

func (c *codec) compress(b []byte) []byte { return c.enc.EncodeAll(b, nil) }

func (c *codec) pack(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return c.compress(b), nil
}

func (c *codec) unpack(b []byte, v any) error {
	raw, err := c.dec.DecodeAll(b, nil)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// codecIn returns the codec for reading and writing in tx. A store opened
// before another process trained the dictionary picks it up here.
func (s *Store) codecIn(tx *bolt.Tx) (*codec, error) {
	c := s.codec.Load()
	if c.dict != nil {
		return c, nil
	}
	d := tx.Bucket(bucketMeta).Get(dictKey)
	if d == nil {
		return c, nil
	}
	nc, err := newCodec(append([]byte(nil), d...))
	if err != nil {
		return nil, err
	}
	s.codec.CompareAndSwap(c, nc)
	return nc, nil
}

// trainDict builds a dictionary from the values a batch is about to store.
// It returns nil when the batch is too small to learn from or training
// fails; values are then stored without one.
func trainDict(puts []Put) []byte {
	if len(puts) < minDictPuts {
		return nil
	}
	var samples [][]byte
	total := 0
	add := func(b []byte) {
		if len(b) > 0 {
			samples = append(samples, b)
			total += len(b)
		}
	}
	for _, p := range puts {
		if total >= dictSampleMax {
			break
		}
		if b, err := articleJSON(p); err == nil {
			add(b)
		}
		for i := range p.Article.Comments {
			if b, err := commentJSON(&p.Article.Comments[i]); err == nil {
				add(b)
			}
		}
		add(p.Raw[:min(len(p.Raw), rawSampleMax)])
	}
	d, err := dict.BuildZstdDict(samples, dict.Options{MaxDictSize: dictSize, HashBytes: 6, ZstdLevel: zstd.SpeedFastest})
	if err != nil {
		return nil
	}
	return d
}

// view runs fn in a read transaction, with the codec for it.
func (s *Store) view(fn func(*bolt.Tx, *codec) error) error { return s.db.View(s.withCodec(fn)) }

// update runs fn in a write transaction, with the codec for it.
func (s *Store) update(fn func(*bolt.Tx, *codec) error) error { return s.db.Update(s.withCodec(fn)) }

func (s *Store) withCodec(fn func(*bolt.Tx, *codec) error) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		cd, err := s.codecIn(tx)
		if err != nil {
			return err
		}
		return fn(tx, cd)
	}
}
