package entity

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
)

// Tables of a registry index: each maps a string to a list of ids.
const (
	tFold = iota // Fold → names
	tTok         // token of a Key → names holding it
	tFTok        // token of a Fold → names holding it
	tPhon        // phonetic key of a token → indexes of tokens in tTok
	nTables
)

// memIndex is the in-memory, growable form of a registry index.
type memIndex struct {
	names  []regName
	byName map[string]int32 // type + "\x00" + name → id
	byFold map[string][]int32
	byTok  map[string][]int32
	byFTok map[string][]int32
	byPhon map[string][]string // phonetic key → distinct tokens
}

func newMemIndex() *memIndex {
	return &memIndex{
		byName: make(map[string]int32),
		byFold: make(map[string][]int32),
		byTok:  make(map[string][]int32),
		byFTok: make(map[string][]int32),
		byPhon: make(map[string][]string),
	}
}

// insert indexes e and returns its id.
func (m *memIndex) insert(e regName) int32 {
	id := int32(len(m.names))
	m.names = append(m.names, e)
	m.byName[string(e.typ)+"\x00"+e.name] = id
	if e.key == "" {
		return id
	}
	m.byFold[e.fold] = append(m.byFold[e.fold], id)
	for tok := range strings.FieldsSeq(e.key) {
		ids := m.byTok[tok]
		if len(ids) == 0 {
			p := phoneticToken(tok)
			m.byPhon[p] = append(m.byPhon[p], tok)
		}
		if len(ids) == 0 || ids[len(ids)-1] != id {
			m.byTok[tok] = append(ids, id)
		}
	}
	for tok := range strings.FieldsSeq(e.fold) {
		ids := m.byFTok[tok]
		if len(ids) == 0 || ids[len(ids)-1] != id {
			m.byFTok[tok] = append(ids, id)
		}
	}
	return id
}

// The encoded form ("frozen"), version 3. All integers in the header and
// the arrays are little-endian uint32 offsets from the start of the data:
//
//	header   "MREG" 0x03, names count, offset of the record offsets,
//	         offset of each of the nTables tables
//	records  per name: name, type (0 person, 1 org, 2 place, 3 misc),
//	         uvarint count, key, fold (strings as uvarint length + bytes)
//	strings  the tables' keys and posting lists (uvarint count, then
//	         uvarint ids, each as the gap from the previous one)
//	offsets  per name, the offset of its record
//	tables   per table: entry count m, then m pairs (key offset, posting
//	         offset), sorted by key
//
// A lookup binary-searches a table in place.
const (
	frozenMagic  = "MREG\x03"
	frozenHeader = len(frozenMagic) + 4 + 4 + 4*nTables
)

var errRegistryFormat = errors.New("not a registry")

type frozen struct {
	data   string
	n      int
	recs   int
	tables [nTables]int // offset of each table's entry array
	tlen   [nTables]int // entries in each table
}

func u32(s string, off int) int {
	return int(binary.LittleEndian.Uint32([]byte(s[off : off+4])))
}

func putU32(b []byte, off, v int) { binary.LittleEndian.PutUint32(b[off:], uint32(v)) }

// decodeFrozen checks the layout of data and returns it ready for lookups.
func decodeFrozen(data string) (*frozen, error) {
	if len(data) < frozenHeader || !strings.HasPrefix(data, frozenMagic) {
		return nil, errRegistryFormat
	}
	f := &frozen{data: data}
	p := len(frozenMagic)
	f.n = u32(data, p)
	f.recs = u32(data, p+4)
	if f.recs < frozenHeader || f.n > (len(data)-f.recs)/4 {
		return nil, errRegistryFormat
	}
	for t := 0; t < nTables; t++ {
		off := u32(data, p+8+4*t)
		if off < frozenHeader || off > len(data)-4 {
			return nil, errRegistryFormat
		}
		m := u32(data, off)
		if m > (len(data)-off-4)/8 {
			return nil, errRegistryFormat
		}
		f.tables[t], f.tlen[t] = off+4, m
	}
	return f, nil
}

// stringAt reads a uvarint-prefixed string at off.
func (f *frozen) stringAt(off int) (string, int, bool) {
	if off < 0 || off >= len(f.data) {
		return "", off, false
	}
	n, rest, ok := readUvarint(f.data[off:])
	if !ok || n > uint64(len(rest)) {
		return "", off, false
	}
	start := len(f.data) - len(rest)
	return rest[:n], start + int(n), true
}

// entry decodes name id (count not adjusted).
func (f *frozen) entry(id int32) (regName, bool) {
	if id < 0 || int(id) >= f.n {
		return regName{}, false
	}
	off := u32(f.data, f.recs+4*int(id))
	var e regName
	var ok bool
	if e.name, off, ok = f.stringAt(off); !ok || off >= len(f.data) {
		return regName{}, false
	}
	t := f.data[off]
	if t > 3 {
		return regName{}, false
	}
	e.typ = rankType[t]
	c, rest, ok := readUvarint(f.data[off+1:])
	if !ok {
		return regName{}, false
	}
	e.count = int(c)
	off = len(f.data) - len(rest)
	if e.key, off, ok = f.stringAt(off); !ok {
		return regName{}, false
	}
	if e.fold, _, ok = f.stringAt(off); !ok {
		return regName{}, false
	}
	return e, true
}

// tableKey returns the key of entry i of table t.
func (f *frozen) tableKey(t, i int) string {
	s, _, _ := f.stringAt(u32(f.data, f.tables[t]+8*i))
	return s
}

// find returns the index of key in table t.
func (f *frozen) find(t int, key string) (int, bool) {
	lo, hi := 0, f.tlen[t]
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch c := strings.Compare(f.tableKey(t, mid), key); {
		case c == 0:
			return mid, true
		case c < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// postingsAt decodes the posting list of entry i of table t.
func (f *frozen) postingsAt(t, i int) []int32 {
	off := u32(f.data, f.tables[t]+8*i+4)
	if off >= len(f.data) {
		return nil
	}
	s := f.data[off:]
	n, s, ok := readUvarint(s)
	if !ok || n > uint64(len(s)) {
		return nil
	}
	out := make([]int32, 0, n)
	var id uint64
	for k := uint64(0); k < n; k++ {
		var gap uint64
		if gap, s, ok = readUvarint(s); !ok {
			return nil
		}
		id += gap
		out = append(out, int32(id))
	}
	return out
}

// postings returns the ids listed under key in table t.
func (f *frozen) postings(t int, key string) []int32 {
	i, ok := f.find(t, key)
	if !ok {
		return nil
	}
	return f.postingsAt(t, i)
}

// phonTokens returns the tokens whose phonetic key is code.
func (f *frozen) phonTokens(code string) []string {
	var out []string
	for _, i := range f.postings(tPhon, code) {
		if int(i) < f.tlen[tTok] {
			out = append(out, f.tableKey(tTok, int(i)))
		}
	}
	return out
}

// encodeFrozen writes m in the frozen form.
func encodeFrozen(m *memIndex) []byte {
	b := make([]byte, frozenHeader, 64+len(m.names)*64)
	copy(b, frozenMagic)
	recOffs := make([]int, len(m.names))
	for i, e := range m.names {
		recOffs[i] = len(b)
		b = appendString(b, e.name)
		b = append(b, byte(typeRank(e.typ)))
		b = binary.AppendUvarint(b, uint64(e.count))
		b = appendString(b, e.key)
		b = appendString(b, e.fold)
	}
	type entry struct{ key, post int }
	var tables [nTables][]entry
	writeTable := func(t int, keys []string, post func(k string) []int32) {
		slices.Sort(keys)
		es := make([]entry, len(keys))
		for i, k := range keys {
			es[i].key = len(b)
			b = appendString(b, k)
			es[i].post = len(b)
			ids := post(k)
			b = binary.AppendUvarint(b, uint64(len(ids)))
			prev := int32(0)
			for _, id := range ids {
				b = binary.AppendUvarint(b, uint64(id-prev))
				prev = id
			}
		}
		tables[t] = es
	}
	lists := func(mp map[string][]int32) ([]string, func(string) []int32) {
		keys := make([]string, 0, len(mp))
		for k := range mp {
			keys = append(keys, k)
		}
		return keys, func(k string) []int32 { return mp[k] }
	}
	writeMap := func(t int, mp map[string][]int32) {
		keys, post := lists(mp)
		writeTable(t, keys, post)
	}
	writeMap(tFold, m.byFold)
	toks, tokPost := lists(m.byTok)
	writeTable(tTok, toks, tokPost) // sorts toks
	tokIndex := make(map[string]int32, len(toks))
	for i, t := range toks {
		tokIndex[t] = int32(i)
	}
	writeMap(tFTok, m.byFTok)
	codes := make([]string, 0, len(m.byPhon))
	for c := range m.byPhon {
		codes = append(codes, c)
	}
	writeTable(tPhon, codes, func(c string) []int32 {
		var ids []int32
		for _, t := range m.byPhon[c] {
			ids = append(ids, tokIndex[t])
		}
		slices.Sort(ids)
		return ids
	})
	recs := len(b)
	for _, off := range recOffs {
		b = binary.LittleEndian.AppendUint32(b, uint32(off))
	}
	p := len(frozenMagic)
	putU32(b, p, len(m.names))
	putU32(b, p+4, recs)
	for t := 0; t < nTables; t++ {
		putU32(b, p+8+4*t, len(b))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(tables[t])))
		for _, e := range tables[t] {
			b = binary.LittleEndian.AppendUint32(b, uint32(e.key))
			b = binary.LittleEndian.AppendUint32(b, uint32(e.post))
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func readUvarint(s string) (uint64, string, bool) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, s[i+1:], true
		}
	}
	return 0, s, false
}
