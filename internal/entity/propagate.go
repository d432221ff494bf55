package entity

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/morgue-archive/morgue/internal/news"
)

// propagate adds the mentions the tagger missed: every occurrence, in any
// document of the thread, of a name the thread already has in mixed case
// (the exact text of a mention, or, for a person's full name, each of its
// capitalised words of three letters or more), matched case-sensitively as
// whole words and not overlapping a tagged span. A one-word name at the
// start of a sentence is only taken when its lower-case form is nowhere in
// the thread ("Bout of flu…" after "a bout of flu" is the word, not the
// man).
func (r *resolver) propagate() {
	type cand struct {
		text string
		typ  news.EntityType
	}
	byFirst := make(map[string][]cand)
	seen := make(map[string]bool)
	add := func(text string, typ news.EntityType) {
		if seen[text] || text == "" {
			return
		}
		c, _ := utf8.DecodeRuneInString(text)
		if !unicode.IsUpper(c) {
			return
		}
		seen[text] = true
		first := text
		if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
			first = text[:i]
		}
		byFirst[first] = append(byFirst[first], cand{text, typ})
	}
	n := len(r.mentions)
	for i := 0; i < n; i++ {
		m := &r.mentions[i]
		if m.caps {
			continue
		}
		raw := r.t.Docs[m.doc].Text[m.start:m.end]
		add(raw, m.typ)
		if m.typ == news.Person {
			words := strings.Fields(raw)
			if len(words) < 2 {
				continue
			}
			for _, w := range words {
				if utf8.RuneCountInString(w) >= 3 && !honorifics[strings.ToLower(w)] {
					add(w, news.Person)
				}
			}
		}
	}
	if len(byFirst) == 0 {
		return
	}
	for _, cs := range byFirst {
		sort.Slice(cs, func(a, b int) bool { return len(cs[a].text) > len(cs[b].text) })
	}
	lowerSeen := make(map[string]int8) // 1 found, -1 not found
	lowerInThread := func(w string) bool {
		lw := strings.ToLower(w)
		if v, ok := lowerSeen[lw]; ok {
			return v > 0
		}
		found := false
		for _, d := range r.t.Docs {
			if containsWord(d.Text, lw) {
				found = true
				break
			}
		}
		lowerSeen[lw] = -1
		if found {
			lowerSeen[lw] = 1
		}
		return found
	}
	for d, doc := range r.t.Docs {
		text := doc.Text
		for i := 0; i < len(text); {
			c, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsUpper(c) || i > 0 && wordBefore(text, i) {
				i += size
				continue
			}
			j := i + size
			for j < len(text) {
				c2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isWordRune(c2) {
					break
				}
				j += s2
			}
			for _, cd := range byFirst[text[i:j]] {
				end := i + len(cd.text)
				if !strings.HasPrefix(text[i:], cd.text) || end < len(text) && wordAt(text, end) {
					continue
				}
				if overlapsSpan(doc.Spans, i, end) {
					break
				}
				if !strings.ContainsFunc(cd.text, unicode.IsSpace) && sentenceStart(text, i) && lowerInThread(cd.text) {
					break
				}
				m := mention{doc: d, start: i, end: end, typ: cd.typ, surface: collapseSpaces(cd.text), group: -1}
				m.key = Key(m.surface)
				if m.key != "" {
					r.mentions = append(r.mentions, m)
				}
				j = end
				break
			}
			i = j
		}
	}
}

// wordBefore reports whether the rune before text[i] is part of a word.
func wordBefore(text string, i int) bool {
	c, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(c)
}

// wordAt reports whether the rune at text[i] is part of a word.
func wordAt(text string, i int) bool {
	c, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(c)
}

func overlapsSpan(spans []nerSpan, s, e int) bool {
	for _, sp := range spans {
		if sp.Start < e && s < sp.End {
			return true
		}
	}
	return false
}

// sentenceStart reports whether text[i] begins a sentence or a line:
// only spaces, quotes and brackets stand between it and the start of the
// text, a newline, or a full stop, question or exclamation mark or colon.
func sentenceStart(text string, i int) bool {
	for i > 0 {
		c, size := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case c == '\n' || c == '.' || c == '!' || c == '?' || c == ':':
			return true
		case unicode.IsSpace(c) || unicode.Is(unicode.Quotation_Mark, c) || c == '(' || c == '[' || c == '‘' || c == '“':
			i -= size
		default:
			return false
		}
	}
	return true
}

// containsWord reports whether w occurs in text as a whole word.
func containsWord(text, w string) bool {
	for off := 0; ; {
		k := strings.Index(text[off:], w)
		if k < 0 {
			return false
		}
		s, e := off+k, off+k+len(w)
		if (s == 0 || !wordBefore(text, s)) && (e == len(text) || !wordAt(text, e)) {
			return true
		}
		off = s + 1
	}
}
