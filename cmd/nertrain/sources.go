package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/morgue-archive/morgue/internal/entity/ner/conll"
	"golang.org/x/text/encoding/charmap"
)

// open opens a file, decompressing .gz transparently.
func open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

func readCoNLL(path string) ([]conll.Document, error) {
	r, err := open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	docs, err := conll.Read(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// perSentence makes every sentence its own document (tweets, posts).
func perSentence(docs []conll.Document) []conll.Document {
	var out []conll.Document
	for _, d := range docs {
		for _, s := range d {
			out = append(out, conll.Document{s})
		}
	}
	return out
}

// dropBlankTokens removes tokens that are only space characters, which no
// tokeniser of ours produces.
func dropBlankTokens(docs []conll.Document) []conll.Document {
	for _, d := range docs {
		for i, s := range d {
			d[i] = slices.DeleteFunc(s, func(t conll.Token) bool { return strings.TrimSpace(t.Text) == "" })
		}
	}
	return docs
}

// dropMentions removes Twitter @-mentions, which the Broad Twitter Corpus
// splits into "@" and the user name and tags as entities of their own.
func dropMentions(docs []conll.Document) []conll.Document {
	for _, d := range docs {
		for i, s := range d {
			var out conll.Sentence
			for k := 0; k < len(s); k++ {
				if s[k].Text == "@" && k+1 < len(s) {
					k++
					continue
				}
				out = append(out, s[k])
			}
			d[i] = out
		}
	}
	return docs
}

// retag maps every tag's type with fn; an empty result makes the tag O.
func retag(docs []conll.Document, fn func(typ, word string) string) {
	for _, d := range docs {
		for _, s := range d {
			for i := range s {
				tag := s[i].Tag
				if tag == "O" || len(tag) < 3 || tag[1] != '-' {
					continue
				}
				t := fn(tag[2:], s[i].Text)
				if t == "" {
					s[i].Tag = "O"
				} else {
					s[i].Tag = tag[:2] + t
				}
			}
		}
	}
}

// source is one annotated corpus.
type source struct {
	name string
	load func(data string, demonyms map[string]bool) ([]conll.Document, error)
}

var sources = []source{
	{"conll", func(data string, _ map[string]bool) ([]conll.Document, error) {
		return readCoNLL(filepath.Join(data, "conll2003", "eng.train"))
	}},
	{"wikigold", func(data string, _ map[string]bool) ([]conll.Document, error) {
		return readCoNLL(filepath.Join(data, "wikigold", "wikigold.conll.txt"))
	}},
	{"btc", func(data string, _ map[string]bool) ([]conll.Document, error) {
		var all []conll.Document
		// Section h is held out for evaluation.
		for _, f := range []string{"a", "b", "e", "f", "g"} {
			docs, err := readCoNLL(filepath.Join(data, "broad_twitter_corpus", f+".conll"))
			if err != nil {
				return nil, err
			}
			all = append(all, perSentence(docs)...)
		}
		return dropMentions(dropBlankTokens(all)), nil
	}},
	{"wnut", func(data string, _ map[string]bool) ([]conll.Document, error) {
		var all []conll.Document
		// The test split is held out for evaluation.
		for _, f := range []string{"wnut17train.conll", "emerging.dev.conll"} {
			docs, err := readCoNLL(filepath.Join(data, "wnut17", f))
			if err != nil {
				return nil, err
			}
			all = append(all, perSentence(docs)...)
		}
		retag(all, func(t, _ string) string {
			switch t {
			case "person":
				return "PER"
			case "location":
				return "LOC"
			case "corporation", "group":
				return "ORG"
			case "product", "creative-work":
				return "MISC"
			}
			return ""
		})
		return dropBlankTokens(all), nil
	}},
	{"gmb", readGMB},
}

// readGMB reads the GMB CSV (latin-1) and maps its types to CoNLL's:
// per -> PER, org -> ORG, geo -> LOC, gpe -> MISC for nationality words
// and LOC otherwise, art/eve/nat -> MISC, tim -> O. Every sentence is its
// own document (the file has no document boundaries).
func readGMB(data string, demonyms map[string]bool) ([]conll.Document, error) {
	path := filepath.Join(data, "gmb_ner", "ner_dataset.csv.gz")
	r, err := open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cr := csv.NewReader(charmap.ISO8859_1.NewDecoder().Reader(bufio.NewReader(r)))
	cr.FieldsPerRecord = 4
	cr.LazyQuotes = true
	if _, err := cr.Read(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var (
		docs []conll.Document
		sent conll.Sentence
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if rec[0] != "" && len(sent) > 0 {
			docs = append(docs, conll.Document{sent})
			sent = nil
		}
		sent = append(sent, conll.Token{Text: rec[1], Tag: rec[3]})
	}
	if len(sent) > 0 {
		docs = append(docs, conll.Document{sent})
	}
	retag(docs, func(t, w string) string {
		switch t {
		case "per":
			return "PER"
		case "org":
			return "ORG"
		case "geo":
			return "LOC"
		case "gpe":
			if demonyms[strings.ToLower(w)] {
				return "MISC"
			}
			return "LOC"
		case "art", "eve", "nat":
			return "MISC"
		}
		return ""
	})
	return docs, nil
}
