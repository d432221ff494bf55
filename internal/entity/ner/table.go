package ner

import (
	"cmp"
	"slices"
)

// u64map is an open-addressing hash table from non-zero 64-bit keys (already
// well mixed) to 64-bit values, stored as two flat arrays so that a model
// loads with bulk reads and no per-entry allocation.
type u64map struct {
	keys []uint64 // 0 = empty slot
	vals []uint64
	mask uint64
}

func newU64Map(n int) u64map {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return u64map{keys: make([]uint64, size), vals: make([]uint64, size), mask: uint64(size - 1)}
}

func nonZero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func (m *u64map) get(k uint64) (uint64, bool) {
	if len(m.keys) == 0 {
		return 0, false
	}
	k = nonZero(k)
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		switch m.keys[i] {
		case k:
			return m.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put inserts or replaces; the table must have been sized for all keys.
func (m *u64map) put(k, v uint64) {
	k = nonZero(k)
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		if m.keys[i] == k || m.keys[i] == 0 {
			m.keys[i] = k
			m.vals[i] = v
			return
		}
	}
}

// or sets bits in the value of k, inserting it when absent.
func (m *u64map) or(k, bits uint64) {
	k = nonZero(k)
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		if m.keys[i] == k || m.keys[i] == 0 {
			m.keys[i] = k
			m.vals[i] |= bits
			return
		}
	}
}

func (m *u64map) len() int {
	n := 0
	for _, k := range m.keys {
		if k != 0 {
			n++
		}
	}
	return n
}

// u64mapFrom builds a table from a Go map, inserting keys in sorted order
// so that the layout (and a saved model) does not depend on map order.
func u64mapFrom(src map[uint64]uint64) u64map {
	keys := make([]uint64, 0, len(src))
	for k := range src {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	t := newU64Map(len(keys))
	for _, k := range keys {
		t.put(k, src[k])
	}
	return t
}

// entries returns the occupied keys in ascending order with their values.
func (m *u64map) entries() (keys, vals []uint64) {
	idx := make([]int, 0, len(m.keys)/2)
	for i, k := range m.keys {
		if k != 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(m.keys[a], m.keys[b]) })
	keys = make([]uint64, len(idx))
	vals = make([]uint64, len(idx))
	for j, i := range idx {
		keys[j], vals[j] = m.keys[i], m.vals[i]
	}
	return keys, vals
}

// wtable maps feature hashes to weight rows: open addressing over a compact
// key array, with each slot's row of nLabels weights at the same index in
// a parallel array, so a lookup that hits reads two places and one that
// misses reads only keys.
type wtable struct {
	keys []uint64 // 0 = empty slot
	rows []int16  // nLabels per slot
	mask uint64
}

// newWTable indexes rows (nLabels per key) by key.
func newWTable(keys []uint64, rows []int16) wtable {
	size := 16
	for size < 2*len(keys) {
		size <<= 1
	}
	t := wtable{keys: make([]uint64, size), rows: make([]int16, size*nLabels), mask: uint64(size - 1)}
	for k, key := range keys {
		key = nonZero(key)
		i := key & t.mask
		for t.keys[i] != 0 && t.keys[i] != key {
			i = (i + 1) & t.mask
		}
		t.keys[i] = key
		copy(t.rows[int(i)*nLabels:], rows[k*nLabels:(k+1)*nLabels])
	}
	return t
}

// row returns the weights of key, or nil.
func (t *wtable) row(key uint64) []int16 {
	if len(t.keys) == 0 {
		return nil
	}
	key = nonZero(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case key:
			o := int(i) * nLabels
			return t.rows[o : o+nLabels : o+nLabels]
		case 0:
			return nil
		}
	}
}

// entries returns the keys in ascending order and their rows.
func (t *wtable) entries() (keys []uint64, rows []int16) {
	idx := make([]int, 0, len(t.keys)/2)
	for i, k := range t.keys {
		if k != 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(t.keys[a], t.keys[b]) })
	for _, i := range idx {
		keys = append(keys, t.keys[i])
		rows = append(rows, t.rows[i*nLabels:(i+1)*nLabels]...)
	}
	return keys, rows
}
