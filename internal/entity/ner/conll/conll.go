// Package conll reads CoNLL-2003-style NER files and scores tagged output the
// way the shared task's conlleval script does: an entity counts as correct
// only when its span and its type both match the gold standard exactly.
//
// Format: one token per line, whitespace-separated columns, the token in the
// first column and the NER tag in the last; a blank line ends a sentence; a
// line whose first column is -DOCSTART- ends a document. Tags may be IOB1
// (I-X everywhere, B-X only between two adjacent entities of one type), IOB2
// (B-X starts every entity) or BIOES/BILOU; "O" is outside.
package conll

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Token is one token with its tag.
type Token struct {
	Text, Tag string
}

// Sentence is a sequence of tokens.
type Sentence []Token

// Document is a sequence of sentences; documents are separated by
// -DOCSTART- lines.
type Document []Sentence

// Read parses a CoNLL file into documents. Columns are separated by tabs
// when the line has any (so a token may be an unusual space character),
// else by spaces; a line with one column is a token whose tag is missing,
// which is an error.
func Read(r io.Reader) ([]Document, error) {
	var (
		docs []Document
		doc  Document
		sent Sentence
	)
	endSentence := func() {
		if len(sent) > 0 {
			doc = append(doc, sent)
			sent = nil
		}
	}
	endDocument := func() {
		endSentence()
		if len(doc) > 0 {
			docs = append(docs, doc)
			doc = nil
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		var fields []string
		if strings.Contains(text, "\t") {
			// Tab-separated: a token may itself be an odd space character.
			fields = strings.Split(strings.TrimRight(text, " \t\r"), "\t")
			if strings.TrimSpace(text) == "" {
				fields = nil
			}
		} else {
			fields = strings.Fields(text)
		}
		if len(fields) == 0 {
			endSentence()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			endDocument()
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("line %d: want a token and a tag, got %q", line, sc.Text())
		}
		sent = append(sent, Token{Text: fields[0], Tag: strings.TrimSpace(fields[len(fields)-1])})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	endDocument()
	return docs, nil
}

// Chunk is an entity: tokens [Start, End) of a sentence, and its type.
type Chunk struct {
	Start, End int
	Type       string
}

// split separates a tag into its prefix ("B", "I", "E", "S", "L", "U" or "O")
// and type. A tag without a prefix ("PER") is read as I-PER.
func split(tag string) (prefix, typ string) {
	if tag == "O" || tag == "" {
		return "O", ""
	}
	if len(tag) > 2 && tag[1] == '-' {
		return tag[:1], tag[2:]
	}
	return "I", tag
}

// Chunks returns the entities encoded by tags, in order. It accepts IOB1,
// IOB2 and BIOES/BILOU and mixtures of them, following conlleval: a chunk
// starts at B/S/U, at an I/E/L after O, or where the type changes, and it
// ends before the next start, at O, or after E/L/S/U.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	start := -1
	prevP, prevT := "O", ""
	for i, tag := range tags {
		p, t := split(tag)
		if start >= 0 && endsBefore(prevP, prevT, p, t) {
			out = append(out, Chunk{start, i, prevT})
			start = -1
		}
		if p != "O" && startsAt(prevP, prevT, p, t) {
			start = i
		}
		prevP, prevT = p, t
	}
	if start >= 0 {
		out = append(out, Chunk{start, len(tags), prevT})
	}
	return out
}

func endsBefore(prevP, prevT, p, t string) bool {
	switch {
	case prevP == "O":
		return false
	case prevP == "E" || prevP == "L" || prevP == "S" || prevP == "U":
		return true
	case p == "O" || p == "B" || p == "S" || p == "U":
		return true
	}
	return t != prevT
}

func startsAt(prevP, prevT, p, t string) bool {
	switch {
	case p == "B" || p == "S" || p == "U":
		return true
	case prevP == "O" || prevP == "E" || prevP == "L" || prevP == "S" || prevP == "U":
		return true
	}
	return t != prevT
}
