package ner

// Span is one entity mention: byte offsets into the tagged text (half-open)
// and its type, one of "PER", "ORG", "LOC", "MISC".
type Span struct {
	Start, End int
	Type       string
}

func (m *Model) document() *document {
	if d, ok := m.pool.Get().(*document); ok {
		return d
	}
	return newDocument()
}

// tag analyses and tags a document given as sentences of normalised
// token texts, leaving the labels in d.
func (m *Model) tag(d *document, texts [][]string) {
	d.analyze(m, texts)
	for si := range d.sents {
		d.decode(m, m, si, nil, nil, int(m.opts.Beam))
	}
	d.consistency(m.opts)
}

// Tag returns the entity spans in text, in order. The whole text is one
// document: a name tagged in one place informs the tags elsewhere.
func (m *Model) Tag(text string) []Span {
	sents := Tokenize(text)
	texts := make([][]string, len(sents))
	for i, s := range sents {
		texts[i] = make([]string, len(s))
		for j, t := range s {
			texts[i][j] = t.Text
		}
	}
	d := m.document()
	defer m.pool.Put(d)
	m.tag(d, texts)
	var out []Span
	for si, s := range sents {
		for _, c := range chunksOf(d.labels[si]) {
			out = append(out, Span{Start: s[c.start].Start, End: s[c.end-1].End, Type: typeNames[c.typ]})
		}
	}
	return out
}

// TagDocument tags a pre-tokenised document, one slice of tokens per
// sentence, and returns one IOB2 tag ("B-PER", "I-PER", "O", ...) per
// token. Tokens should follow the CoNLL-2003 conventions (see Tokenize).
func (m *Model) TagDocument(sents [][]string) [][]string {
	texts := make([][]string, len(sents))
	for i, s := range sents {
		texts[i] = make([]string, len(s))
		for j, t := range s {
			texts[i][j] = normalize(t)
		}
	}
	d := m.document()
	defer m.pool.Put(d)
	m.tag(d, texts)
	out := make([][]string, len(sents))
	for si := range sents {
		out[si] = make([]string, len(sents[si]))
		for i, l := range d.labels[si] {
			out[si][i] = labelString(l)
		}
	}
	return out
}
