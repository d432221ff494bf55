package entity

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/morgue-archive/morgue/internal/entity/ner"
	"github.com/morgue-archive/morgue/internal/news"
)

// Annotate tags the article's text (ArticleText: title, captions and body)
// and every comment's Body with the default model of package ner, resolves
// the mentions within the thread (Resolve, with the article's and comments'
// authors as known people), and sets a.Entities and each comment's
// Entities. Mention offsets index ArticleText(a) for the article and Body
// for a comment. It returns an error only when the model cannot be loaded.
func Annotate(a *news.Article) error {
	m, err := ner.Default()
	if err != nil {
		return fmt.Errorf("annotate %s: %w", a.ID, err)
	}
	text, _ := ArticleText(a)
	th := Thread{Docs: make([]Doc, 0, 1+len(a.Comments))}
	th.Docs = append(th.Docs, Doc{Text: text, Spans: m.Tag(text)})
	th.People = append(th.People, a.Authors...)
	for _, c := range a.Comments {
		th.Docs = append(th.Docs, Doc{Text: c.Body, Spans: m.Tag(c.Body)})
		if c.Author != "" {
			th.People = append(th.People, c.Author)
		}
	}
	ents := Resolve(th)
	a.Entities = ents[0]
	for i := range a.Comments {
		a.Comments[i].Entities = ents[i+1]
	}
	return nil
}

// ArticleText returns the text that an article's mention offsets index:
// the title, each caption and the body, joined by blank lines ("\n\n"),
// empty parts left out; and the offset at which the body starts in it.
func ArticleText(a *news.Article) (text string, bodyStart int) {
	var b strings.Builder
	add := func(s string) {
		if strings.TrimSpace(s) == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	add(a.Title)
	for _, c := range a.Captions {
		add(c)
	}
	add(a.Body)
	text = b.String()
	if strings.TrimSpace(a.Body) == "" {
		return text, len(text)
	}
	return text, len(text) - len(a.Body)
}

type nerSpan = ner.Span

// Doc is one document of a thread, an article's text or a comment's body,
// with the spans a tagger found in it.
type Doc struct {
	Text  string
	Spans []ner.Span
}

// Thread is an article and its comments, tagged, for Resolve.
type Thread struct {
	Docs   []Doc    // the article first, then its comments
	People []string // names known to be people (authors): resolution targets, never mentions
}

// Resolve groups the tagged mentions of a thread into entities and returns
// each document's entities, in the order of Docs; within a document,
// entities are in order of first mention and mentions in order of offset.
//
// The rules:
//   - Names the tagger found are also looked for where it missed them:
//     every whole-word, same-case occurrence in the thread of a mention's
//     text, or of a capitalised word (three letters or more) of a person's
//     full name, becomes a mention of the same type, unless it overlaps a
//     tagged span, or is one word starting a sentence while the thread also
//     uses it in lower case ("Bout of flu…").
//   - Span types map PER→person, ORG→org, LOC→place, anything else→misc.
//   - A span is trimmed of surrounding punctuation and a possessive
//     ("Bout’s" → "Bout") and, for a person, of leading honorifics ("Mr",
//     "Dr.", "President"); the mention is the trimmed span.
//   - A mention with lower-case letters and no capital never counts:
//     "bout" is never Bout, whatever the tagger says.
//   - Mentions with equal keys (Key) form one group, typed by majority
//     (misc only when no other type is seen; ties go person, org, place).
//   - People's full names whose keys are SameEntity form one person
//     ("Andrei Klychev", "Andrei Khlychev"), named by the most frequent
//     spelling, the first on a tie.
//   - A surname-only person ("Bout", "Klychev") joins the full name whose
//     surname matches; failing that, a first-name-only person ("Viktor")
//     joins the full name with that first name. With several candidates
//     the most mentioned wins; on a tie the mention stays as it is. A misc
//     group whose key equals a person's surname joins that person too.
//   - An all-caps mention (more than one word, or more than five letters,
//     or any in a line that is all capitals, such as a shouted headline)
//     counts only when its key names an entity that the thread spells in
//     mixed case ("VIKTOR BOUT", "BOUT", "GRU" in a caps headline);
//     otherwise it is dropped. A short all-caps word in ordinary text is an
//     acronym and stands on its own.
func Resolve(t Thread) [][]news.Entity {
	r := resolver{t: t}
	r.collect()
	r.propagate()
	r.groupByKey()
	r.clusterPeople()
	r.attachShort()
	r.attachCaps()
	return r.emit()
}

type mention struct {
	doc        int
	start, end int
	typ        news.EntityType
	surface    string // trimmed text, spaces collapsed
	key        string
	caps       bool
	group      int // index into resolver.groups; -1 when dropped
}

type group struct {
	key      string
	typ      news.EntityType
	members  []int // mention indexes
	given    []string
	surname  string
	full     bool // a person with given name(s)
	parent   int  // union-find parent (itself when a root)
	people   bool // from Thread.People only
	weight   int  // mentions counted for choosing among candidates
	name     string
	firstPos int // order of first mention in the thread
}

type resolver struct {
	t        Thread
	mentions []mention
	groups   []group
	byKey    map[string]int
	// Full-name person groups by the first letter of the surname and of
	// the first given name (vowels as 'a'): matching tokens begin alike.
	bySurname, byGiven map[byte][]int
}

// bucket is the index letter of a key token.
func bucket(tok string) byte {
	if tok == "" || isVowel(tok[0]) {
		return 'a'
	}
	return tok[0]
}

func typeOf(t string) news.EntityType {
	switch t {
	case "PER":
		return news.Person
	case "ORG":
		return news.Org
	case "LOC":
		return news.Place
	}
	return news.Misc
}

func (r *resolver) collect() {
	for d, doc := range r.t.Docs {
		for _, sp := range doc.Spans {
			if sp.Start < 0 || sp.End > len(doc.Text) || sp.Start >= sp.End {
				continue
			}
			typ := typeOf(sp.Type)
			s, e := trimSpan(doc.Text, sp.Start, sp.End, typ == news.Person)
			if s >= e {
				continue
			}
			raw := doc.Text[s:e]
			if hasLowerOnly(raw) {
				continue
			}
			m := mention{doc: d, start: s, end: e, typ: typ, surface: collapseSpaces(raw), group: -1}
			m.key = Key(m.surface)
			if m.key == "" {
				continue
			}
			if isAllCaps(raw) {
				letters := 0
				for _, c := range raw {
					if unicode.IsLetter(c) {
						letters++
					}
				}
				switch {
				case capsLine(doc.Text, s, e), strings.ContainsFunc(raw, unicode.IsSpace):
					m.caps = true
				default:
					// One all-caps word in ordinary text: an acronym when
					// short or tagged as an organisation or place.
					m.caps = letters > 5 && typ != news.Org && typ != news.Place
				}
			}
			r.mentions = append(r.mentions, m)
		}
	}
}

// capsLine reports whether the line holding text[s:e] is written in
// capitals: at least eight capitals outside the span, and lower-case
// letters no more than a tenth of them.
func capsLine(text string, s, e int) bool {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	le := strings.IndexByte(text[e:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += e
	}
	upper, lower := 0, 0
	count := func(part string) {
		for _, c := range part {
			if unicode.IsUpper(c) {
				upper++
			} else if unicode.IsLower(c) {
				lower++
			}
		}
	}
	count(text[ls:s])
	count(text[e:le])
	return upper >= 8 && lower*10 <= upper
}

// groupByKey puts the mixed-case mentions with equal keys into groups and
// types each group by majority.
func (r *resolver) groupByKey() {
	r.byKey = make(map[string]int)
	for i := range r.mentions {
		m := &r.mentions[i]
		if m.caps {
			continue
		}
		g, ok := r.byKey[m.key]
		if !ok {
			g = r.newGroup(m.key, i)
			r.byKey[m.key] = g
		}
		m.group = g
		r.groups[g].members = append(r.groups[g].members, i)
	}
	for g := range r.groups {
		var n [4]int
		for _, i := range r.groups[g].members {
			n[typeRank(r.mentions[i].typ)]++
		}
		best := 3 // misc
		for k := 0; k < 3; k++ {
			if n[k] > 0 && (best == 3 || n[k] > n[best]) {
				best = k
			}
		}
		r.groups[g].typ = rankType[best]
		r.groups[g].weight = len(r.groups[g].members)
	}
	// Known people from the thread's authors: targets only.
	for _, p := range r.t.People {
		k := Key(Canonical(p, news.Person))
		if k == "" {
			continue
		}
		if _, ok := r.byKey[k]; ok {
			continue
		}
		g := r.newGroup(k, -1)
		r.groups[g].typ = news.Person
		r.groups[g].people = true
		r.groups[g].name = Canonical(p, news.Person)
		r.byKey[k] = g
	}
	r.bySurname, r.byGiven = make(map[byte][]int), make(map[byte][]int)
	for g := range r.groups {
		gr := &r.groups[g]
		if gr.typ != news.Person {
			continue
		}
		gr.given, gr.surname = splitName(strings.Fields(gr.key))
		gr.full = len(gr.given) > 0
		if gr.full {
			r.bySurname[bucket(gr.surname)] = append(r.bySurname[bucket(gr.surname)], g)
			r.byGiven[bucket(gr.given[0])] = append(r.byGiven[bucket(gr.given[0])], g)
		}
	}
}

var rankType = [4]news.EntityType{news.Person, news.Org, news.Place, news.Misc}

func typeRank(t news.EntityType) int {
	switch t {
	case news.Person:
		return 0
	case news.Org:
		return 1
	case news.Place:
		return 2
	}
	return 3
}

func (r *resolver) newGroup(key string, first int) int {
	g := len(r.groups)
	pos := 1 << 30
	if first >= 0 {
		pos = first
	}
	r.groups = append(r.groups, group{key: key, parent: g, firstPos: pos})
	return g
}

func (r *resolver) find(g int) int {
	for r.groups[g].parent != g {
		r.groups[g].parent = r.groups[r.groups[g].parent].parent
		g = r.groups[g].parent
	}
	return g
}

// union puts b's cluster under a's root.
func (r *resolver) union(a, b int) {
	a, b = r.find(a), r.find(b)
	if a == b {
		return
	}
	r.groups[b].parent = a
	r.groups[a].weight += r.groups[b].weight
	r.groups[a].people = r.groups[a].people && r.groups[b].people
}

// clusterPeople merges full-name person groups that SameEntity accepts.
func (r *resolver) clusterPeople() {
	for _, full := range r.bySurname {
		for i := 0; i < len(full); i++ {
			for j := i + 1; j < len(full); j++ {
				if sameKeys(r.groups[full[i]].key, r.groups[full[j]].key) {
					r.union(full[i], full[j])
				}
			}
		}
	}
}

// attachShort joins surname-only and first-name-only person groups (and
// misc groups equal to a surname) to full-name people.
func (r *resolver) attachShort() {
	for g := range r.groups {
		gr := &r.groups[g]
		if gr.people || gr.full || r.find(g) != g {
			continue
		}
		switch gr.typ {
		case news.Person:
			if t := r.target(gr.key, true); t >= 0 {
				r.union(t, g)
			}
		case news.Misc:
			if t := r.target(gr.key, false); t >= 0 {
				r.union(t, g)
				gr.typ = news.Person
			}
		}
	}
}

// target returns the full-name person that the single name key refers to,
// or -1: the one whose surname matches, else (when firstNames is set and key
// is one token) the one whose first given name matches; among several, the
// most mentioned, none on a tie. Without firstNames, only exact surname
// keys count.
func (r *resolver) target(key string, firstNames bool) int {
	toks := strings.Fields(key)
	given, sur := splitName(toks)
	pick := func(cands []int, match func(gr *group) bool) int {
		best, bestW, tie := -1, -1, false
		for _, g := range cands {
			gr := &r.groups[g]
			if !match(gr) {
				continue
			}
			root := r.find(g)
			if root == best {
				continue
			}
			w := r.groups[root].weight
			switch {
			case w > bestW:
				best, bestW, tie = root, w, false
			case w == bestW:
				tie = true
			}
		}
		if tie {
			return -1
		}
		return best
	}
	bySur := r.bySurname[bucket(sur)]
	if len(given) > 0 {
		return pick(bySur, func(gr *group) bool { return sameKeys(gr.key, key) })
	}
	if !firstNames {
		return pick(bySur, func(gr *group) bool { return gr.surname == sur })
	}
	if t := pick(bySur, func(gr *group) bool { return tokensMatch(gr.surname, sur) }); t >= 0 {
		return t
	}
	if len(toks) != 1 {
		return -1
	}
	return pick(r.byGiven[bucket(toks[0])], func(gr *group) bool { return tokensMatch(gr.given[0], toks[0]) })
}

// attachCaps resolves all-caps mentions against the mixed-case groups.
func (r *resolver) attachCaps() {
	for i := range r.mentions {
		m := &r.mentions[i]
		if !m.caps {
			continue
		}
		if g, ok := r.byKey[m.key]; ok && !r.groups[g].people {
			m.group = g
		} else if t := r.target(m.key, m.typ == news.Person); t >= 0 {
			m.group = t
		} else {
			continue
		}
		root := r.find(m.group)
		r.groups[root].weight++
	}
}

// emit names each root group and lists each document's entities.
func (r *resolver) emit() [][]news.Entity {
	// Name each root by its most frequent mixed-case surface; for people,
	// full names win over short ones.
	type tally struct {
		n, first int
	}
	counts := make(map[int]map[string]*tally)
	for i, m := range r.mentions {
		if m.group < 0 || m.caps {
			continue
		}
		root := r.find(m.group)
		surface := m.surface
		if r.groups[root].typ == news.Person || r.groups[m.group].typ == news.Person {
			surface = Canonical(surface, news.Person)
		}
		rank := 0
		if r.groups[root].full && !r.groups[m.group].full {
			rank = 1 << 20 // a short form names the entity only without a full one
		}
		c := counts[root]
		if c == nil {
			c = make(map[string]*tally)
			counts[root] = c
		}
		t := c[surface]
		if t == nil {
			t = &tally{first: i + rank}
			c[surface] = t
		}
		if rank == 0 {
			t.n++
		}
	}
	for root, c := range counts {
		best, bn, bf := "", -1, 0
		for s, t := range c {
			if t.n > bn || t.n == bn && t.first < bf {
				best, bn, bf = s, t.n, t.first
			}
		}
		if bn == 0 && r.groups[root].name != "" {
			continue // only short forms of a known person (an author)
		}
		r.groups[root].name = best
	}
	out := make([][]news.Entity, len(r.t.Docs))
	for d := range r.t.Docs {
		var idx []int
		for i, m := range r.mentions {
			if m.doc == d && m.group >= 0 {
				idx = append(idx, i)
			}
		}
		sort.SliceStable(idx, func(a, b int) bool { return r.mentions[idx[a]].start < r.mentions[idx[b]].start })
		pos := make(map[int]int) // root → index in ents
		var ents []news.Entity
		for _, i := range idx {
			m := r.mentions[i]
			root := r.find(m.group)
			gr := &r.groups[root]
			if gr.name == "" {
				continue
			}
			k, ok := pos[root]
			if !ok {
				k = len(ents)
				pos[root] = k
				ents = append(ents, news.Entity{Name: gr.name, Type: gr.typ})
			}
			text := r.t.Docs[d].Text[m.start:m.end]
			ents[k].Mentions = append(ents[k].Mentions, news.Mention{Start: m.start, End: m.end, Text: text})
		}
		out[d] = ents
	}
	return out
}
