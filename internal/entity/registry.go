package entity

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/morgue-archive/morgue/internal/news"
)

// Registry is the archive's list of entity names, each with its type and a
// count (of documents, say, as the caller decides), indexed so that a name
// can be expanded to its stored spelling variants without scanning every
// name: by key, by the key of each token, by the phonetic key of each
// token, and by the light key (Fold) for exact queries.
//
// A registry decoded by UnmarshalBinary searches the encoded tables in
// place (sorted, addressed by offset), so loading one costs a copy of the
// data and no parsing; names added afterwards go to an in-memory overlay
// until the next MarshalBinary. The zero value is not usable; call
// NewRegistry. A Registry is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	base  *frozen       // decoded data; nil when none
	delta map[int32]int // count changes to base names
	mem   *memIndex     // names not in base; ids follow base's
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
	return &Registry{mem: newMemIndex(), delta: make(map[int32]int)}
}

// Add counts one more occurrence of name as an entity of type typ (a
// canonical name from Annotate, or any spelling). Names whose Canonical
// form is empty are ignored.
func (r *Registry) Add(name string, typ news.EntityType) { r.AddN(name, typ, 1) }

// AddN adds n occurrences (n may be negative to remove them; a name whose
// count drops to zero is no longer returned).
func (r *Registry) AddN(name string, typ news.EntityType, n int) {
	name = Canonical(name, typ)
	if name == "" || n == 0 {
		return
	}
	nameKey := string(typ) + "\x00" + name
	fold := Fold(name)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.base != nil {
		for _, id := range r.ids(tFold, fold) {
			if id >= r.baseN() {
				break
			}
			if e, ok := r.base.entry(id); ok && e.name == name && e.typ == typ {
				r.delta[id] = max(r.delta[id]+n, -e.count)
				return
			}
		}
	}
	id, ok := r.mem.byName[nameKey]
	if !ok {
		if n < 0 {
			return
		}
		id = r.mem.insert(regName{name: name, typ: typ, key: Key(name), fold: fold})
	}
	r.mem.names[id].count = max(0, r.mem.names[id].count+n)
}

// Remove takes one occurrence of name away.
func (r *Registry) Remove(name string, typ news.EntityType) { r.AddN(name, typ, -1) }

// baseN is the number of names in base. The caller holds the lock.
func (r *Registry) baseN() int32 {
	if r.base == nil {
		return 0
	}
	return int32(r.base.n)
}

// entry returns name id with its current count. The caller holds the lock.
func (r *Registry) entry(id int32) regName {
	if bn := r.baseN(); id >= bn {
		return r.mem.names[id-bn]
	}
	e, _ := r.base.entry(id)
	e.count += r.delta[id]
	return e
}

// ids returns the names listed under key in table t. The caller holds the
// lock.
func (r *Registry) ids(t int, key string) []int32 {
	var out []int32
	if r.base != nil {
		for _, id := range r.base.postings(t, key) {
			if id >= 0 && int(id) < r.base.n { // damaged data may point anywhere
				out = append(out, id)
			}
		}
	}
	var m []int32
	switch t {
	case tFold:
		m = r.mem.byFold[key]
	case tTok:
		m = r.mem.byTok[key]
	case tFTok:
		m = r.mem.byFTok[key]
	}
	bn := r.baseN()
	for _, id := range m {
		out = append(out, id+bn)
	}
	return out
}

// Len returns the number of names with a positive count.
func (r *Registry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := 0
	total := r.baseN() + int32(len(r.mem.names))
	for id := int32(0); id < total; id++ {
		if r.entry(id).count > 0 {
			n++
		}
	}
	return n
}

// All returns the stored names of type typ ("" for every type) with a
// positive count, most counted first.
func (r *Registry) All(typ news.EntityType) []Variant {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []Variant
	total := r.baseN() + int32(len(r.mem.names))
	for id := int32(0); id < total; id++ {
		e := r.entry(id)
		if e.count > 0 && (typ == "" || e.typ == typ) {
			out = append(out, Variant{Name: e.name, Type: e.typ, Count: e.count})
		}
	}
	sortVariants(out)
	return out
}

// Spellings returns the names under which a document mentions entity e:
// its canonical name, then each distinct spelling of its mentions in the
// Canonical form ("Bout’s" → "Bout", "VIKTOR" → "Viktor"), compared by
// Fold. Indexing and registering these, not only e.Name, lets an exact
// query (person:=Khlychev) find a document whose entity is named by
// another spelling ("Andrei Klychev").
func Spellings(e news.Entity) []string {
	out := []string{e.Name}
	seen := map[string]bool{Fold(e.Name): true}
	for _, m := range e.Mentions {
		c := Canonical(m.Text, e.Type)
		if f := Fold(c); c != "" && !seen[f] {
			seen[f] = true
			out = append(out, c)
		}
	}
	return out
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
			ids = r.ids(tFTok, f)
		} else {
			ids = r.ids(tFold, f)
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
			for _, id := range r.ids(tTok, tok) {
				if seen[id] {
					continue
				}
				seen[id] = true
				// A one-word variants query takes every name holding a
				// matching token; otherwise the whole names must match.
				if !(single && mode == modeVariants) && !sameKeys(k, r.entry(id).key) {
					continue
				}
				ids = append(ids, id)
			}
		}
	}
	var out []Variant
	for _, id := range ids {
		e := r.entry(id)
		if e.count <= 0 || typ != "" && e.typ != typ {
			continue
		}
		out = append(out, Variant{Name: e.name, Type: e.typ, Count: e.count})
	}
	sortVariants(out)
	return out
}

// sortVariants orders by count (highest first), then name, then type.
func sortVariants(vs []Variant) {
	slices.SortFunc(vs, func(a, b Variant) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(string(a.Type), string(b.Type))
	})
}

// similarTokens returns the stored tokens that match tok: itself if
// stored, and the tokens sharing its phonetic key that tokensMatch accepts.
// The caller holds the read lock.
func (r *Registry) similarTokens(tok string) []string {
	out := []string{tok}
	code := phoneticToken(tok)
	var cands []string
	if r.base != nil {
		cands = r.base.phonTokens(code)
	}
	cands = append(cands, r.mem.byPhon[code]...)
	for _, t := range cands {
		if t != tok && !slices.Contains(out, t) && tokensMatch(tok, t) {
			out = append(out, t)
		}
	}
	// Tokens whose phonetic key differs may still match when long
	// (tokensMatch allows one consonant edit from eight letters): they are
	// not looked for, which keeps lookups to one bucket.
	return out
}

// MarshalBinary encodes the names with a positive count, with their keys
// and the sorted lookup tables, in the form UnmarshalBinary reads in place.
func (r *Registry) MarshalBinary() ([]byte, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	m := newMemIndex()
	total := r.baseN() + int32(len(r.mem.names))
	for id := int32(0); id < total; id++ {
		if e := r.entry(id); e.count > 0 {
			m.insert(e)
		}
	}
	return encodeFrozen(m), nil
}

// UnmarshalBinary replaces the registry's contents with data from
// MarshalBinary (it keeps a copy of data). It checks the layout, not every
// record; it returns an error wrapping news.ErrBadInput when the data is
// not in that form.
func (r *Registry) UnmarshalBinary(data []byte) error { return r.load(string(data)) }

// UnmarshalBinaryShared is UnmarshalBinary without the copy: the registry
// reads data in place, so data must stay valid and unchanged for as long as
// the registry and any name it returned are in use. For a registry read
// straight from a memory-mapped store, where copying it would cost more
// than the queries it answers.
func (r *Registry) UnmarshalBinaryShared(data []byte) error {
	if len(data) == 0 {
		return r.UnmarshalBinary(data)
	}
	return r.load(unsafe.String(&data[0], len(data)))
}

// load makes the frozen form in data the registry's whole content.
func (r *Registry) load(data string) error {
	f, err := decodeFrozen(data)
	if err != nil {
		return fmt.Errorf("decode registry: %w: %w", news.ErrBadInput, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.base, r.delta, r.mem = f, make(map[int32]int), newMemIndex()
	return nil
}
