// Package ner tags named entities (PER, ORG, LOC, MISC) in English text.
//
// Placeholder API: a capitalised-span tagger until the trained model lands.
package ner

import (
	"unicode"
	"unicode/utf8"
)

// Span is one entity mention: byte offsets into the tagged text (half-open)
// and its type, one of "PER", "ORG", "LOC", "MISC".
type Span struct {
	Start, End int
	Type       string
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct{}

// Default returns the model embedded in the binary, loading it on first use.
func Default() (*Model, error) { return &Model{}, nil }

// Tag returns the entity spans in text, in order.
func (m *Model) Tag(text string) []Span {
	var out []Span
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || r == '-' || r == '\''
		if start < 0 && word && unicode.IsUpper(r) {
			start = i
		} else if start >= 0 && !word && !(r == ' ' && i+1 < len(text) && isUpperAt(text, i+1)) {
			out = append(out, Span{start, i, "MISC"})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(text), "MISC"})
	}
	return out
}

func isUpperAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}
