package entity

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/morgue-archive/morgue/internal/news"
)

// Registry is the archive's list of entity names, each with its type and a
// count (of documents, say, as the caller decides), indexed so that a name
// can be expanded to its stored spelling variants without scanning every
// name: by key, by the key of each token, by the phonetic key of each
// token, and by the light key (Fold) for exact queries. The zero value is
// not usable; call NewRegistry. A Registry is safe for concurrent use.
type Registry struct {
	mu     sync.RWMutex
	names  []regName
	byName map[string]int32   // type + "\x00" + name → index
	byKey  map[string][]int32 // Key → names
	byFold map[string][]int32 // Fold → names
	byTok  map[string][]int32 // token of a Key → names holding it
	byFTok map[string][]int32 // token of a Fold → names holding it
	byPhon map[string][]string
}

type regName struct {
	name  string
	typ   news.EntityType
	count int
	key   string
	fold  string
}

// Variant is a stored name with its type and count.
type Variant struct {
	Name  string          `json:"name"`
	Type  news.EntityType `json:"type"`
	Count int             `json:"count"`
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{
		byName: make(map[string]int32),
		byKey:  make(map[string][]int32),
		byFold: make(map[string][]int32),
		byTok:  make(map[string][]int32),
		byFTok: make(map[string][]int32),
		byPhon: make(map[string][]string),
	}
}

// Add counts one more occurrence of name as an entity of type typ (a
// canonical name from Annotate, or any spelling). Names whose Canonical
// form is empty are ignored.
func (r *Registry) Add(name string, typ news.EntityType) { r.AddN(name, typ, 1) }

// AddN adds n occurrences (n may be negative to remove them; a name whose
// count drops to zero or below is no longer returned).
func (r *Registry) AddN(name string, typ news.EntityType, n int) {
	name = Canonical(name, typ)
	if name == "" || n == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := r.byName[string(typ)+"\x00"+name]
	if !ok {
		if n < 0 {
			return
		}
		id = r.insert(regName{name: name, typ: typ, key: Key(name), fold: Fold(name)})
	}
	r.names[id].count = max(0, r.names[id].count+n)
}

// Remove takes one occurrence of name away.
func (r *Registry) Remove(name string, typ news.EntityType) { r.AddN(name, typ, -1) }

// insert indexes e and returns its index. The caller holds the lock.
func (r *Registry) insert(e regName) int32 {
	id := int32(len(r.names))
	r.names = append(r.names, e)
	r.byName[string(e.typ)+"\x00"+e.name] = id
	if e.key == "" {
		return id
	}
	r.byKey[e.key] = append(r.byKey[e.key], id)
	r.byFold[e.fold] = append(r.byFold[e.fold], id)
	for tok := range strings.FieldsSeq(e.key) {
		ids := r.byTok[tok]
		if len(ids) == 0 {
			p := phoneticToken(tok)
			r.byPhon[p] = append(r.byPhon[p], tok)
		}
		if len(ids) == 0 || ids[len(ids)-1] != id {
			r.byTok[tok] = append(ids, id)
		}
	}
	for tok := range strings.FieldsSeq(e.fold) {
		ids := r.byFTok[tok]
		if len(ids) == 0 || ids[len(ids)-1] != id {
			r.byFTok[tok] = append(ids, id)
		}
	}
	return id
}

// Len returns the number of names with a positive count.
func (r *Registry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := 0
	for _, e := range r.names {
		if e.count > 0 {
			n++
		}
	}
	return n
}

// Variants returns the stored names that a query for name of type typ
// ("" for any type) should match, most counted first: what the archive
// needs to expand person:Klychev into every spelling it holds.
//
// With exact set, only the query's own spelling counts (case, diacritics,
// punctuation and possessives aside): a one-word query matches every name
// holding that word ("Khlychev" → "Andrei Khlychev", not "Andrei
// Klychev"), a longer one matches names equal to it.
//
// Otherwise variants count too. A one-word query (particles aside: "Bout",
// "al-Assad") matches every name holding a word that matches it (equal
// keys, or a fuzzy match found through the phonetic index and confirmed as
// in SameEntity): "Klychev" → "Andrei Klychev", "Andrei Khlychev",
// "Klychev". A longer query matches the names SameEntity accepts: "Viktor
// Bout" → "Victor Bout", not "Bout" alone and not "Andrei Bout".
func (r *Registry) Variants(name string, typ news.EntityType, exact bool) []string {
	vs := r.Lookup(name, typ, exact)
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if !slices.Contains(out, v.Name) {
			out = append(out, v.Name)
		}
	}
	return out
}

// Lookup is Variants with each name's type and count.
func (r *Registry) Lookup(name string, typ news.EntityType, exact bool) []Variant {
	mode := modeVariants
	if exact {
		mode = modeExact
	}
	return r.lookup(name, typ, mode)
}

// Group returns the stored names that SameEntity takes for spellings of
// name (one-word names only match one-word names), most counted first; the
// first is the display name of the group.
func (r *Registry) Group(name string, typ news.EntityType) []Variant {
	return r.lookup(name, typ, modeSame)
}

const (
	modeExact = iota
	modeVariants
	modeSame
)

func (r *Registry) lookup(name string, typ news.EntityType, mode int) []Variant {
	ctyp := typ
	if ctyp == "" {
		ctyp = news.Misc
	}
	name = Canonical(name, ctyp)
	r.mu.RLock()
	defer r.mu.RUnlock()
	var ids []int32
	switch mode {
	case modeExact:
		f := Fold(name)
		if f == "" {
			return nil
		}
		if strings.IndexByte(f, ' ') < 0 {
			ids = r.byFTok[f]
		} else {
			ids = r.byFold[f]
		}
	default:
		k := Key(name)
		if k == "" {
			return nil
		}
		given, sur := splitName(strings.Fields(k))
		single := len(given) == 0
		seen := make(map[int32]bool)
		for _, tok := range r.similarTokens(sur) {
			for _, id := range r.byTok[tok] {
				if seen[id] {
					continue
				}
				seen[id] = true
				// A one-word variants query takes every name holding a
				// matching token; otherwise the whole names must match.
				if !(single && mode == modeVariants) && !sameKeys(k, r.names[id].key) {
					continue
				}
				ids = append(ids, id)
			}
		}
	}
	var out []Variant
	for _, id := range ids {
		e := r.names[id]
		if e.count <= 0 || typ != "" && e.typ != typ {
			continue
		}
		out = append(out, Variant{Name: e.name, Type: e.typ, Count: e.count})
	}
	slices.SortFunc(out, func(a, b Variant) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(string(a.Type), string(b.Type))
	})
	return out
}

// similarTokens returns the stored tokens that match tok: itself if
// stored, and the tokens sharing its phonetic key that tokensMatch accepts.
// The caller holds the read lock.
func (r *Registry) similarTokens(tok string) []string {
	out := []string{tok}
	for _, t := range r.byPhon[phoneticToken(tok)] {
		if t != tok && tokensMatch(tok, t) {
			out = append(out, t)
		}
	}
	// Tokens whose phonetic key differs may still match when long
	// (tokensMatch allows one consonant edit from eight letters): they are
	// not looked for, which keeps lookups to one bucket.
	return out
}

// The binary form: "MREG" 1, then the number of names, then for each its
// name, type, count, key and fold (strings as uvarint length + bytes).
const regMagic = "MREG\x01"

var errRegistryFormat = errors.New("bad registry data")

// MarshalBinary encodes the names with a positive count, with their keys,
// so that UnmarshalBinary need not compute them again.
func (r *Registry) MarshalBinary() ([]byte, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	b := []byte(regMagic)
	n := 0
	for _, e := range r.names {
		if e.count > 0 {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	for _, e := range r.names {
		if e.count <= 0 {
			continue
		}
		b = appendString(b, e.name)
		b = append(b, byte(typeRank(e.typ)))
		b = binary.AppendUvarint(b, uint64(e.count))
		b = appendString(b, e.key)
		b = appendString(b, e.fold)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary replaces the registry's contents with data from
// MarshalBinary. It returns an error wrapping news.ErrBadInput when the data
// is not in that form.
func (r *Registry) UnmarshalBinary(data []byte) error {
	if !strings.HasPrefix(string(data), regMagic) {
		return fmt.Errorf("decode registry: %w: %w", news.ErrBadInput, errRegistryFormat)
	}
	s := string(data[len(regMagic):]) // one copy; names are substrings of it
	n, s, ok := readUvarint(s)
	if !ok || n > uint64(len(s)) {
		return fmt.Errorf("decode registry: %w: %w", news.ErrBadInput, errRegistryFormat)
	}
	fresh := NewRegistry()
	fresh.names = make([]regName, 0, n)
	for i := uint64(0); i < n; i++ {
		var e regName
		var t, c uint64
		e.name, s, ok = readString(s)
		if ok && len(s) > 0 {
			t, s = uint64(s[0]), s[1:]
		} else {
			ok = false
		}
		if ok {
			c, s, ok = readUvarint(s)
		}
		if ok {
			e.key, s, ok = readString(s)
		}
		if ok {
			e.fold, s, ok = readString(s)
		}
		if !ok || t > 3 {
			return fmt.Errorf("decode registry: name %d: %w: %w", i, news.ErrBadInput, errRegistryFormat)
		}
		e.typ = rankType[t]
		e.count = int(c)
		fresh.insert(e)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names, r.byName, r.byKey, r.byFold = fresh.names, fresh.byName, fresh.byKey, fresh.byFold
	r.byTok, r.byFTok, r.byPhon = fresh.byTok, fresh.byFTok, fresh.byPhon
	return nil
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

func readString(s string) (string, string, bool) {
	n, s, ok := readUvarint(s)
	if !ok || n > uint64(len(s)) {
		return "", s, false
	}
	return s[:n], s[n:], true
}
