package store

import (
	"encoding/json"
	"fmt"

	"github.com/morgue-archive/morgue/internal/news"
)

// Entities are stored compactly: a mention is [start,end], with its text
// only when it differs from the entity's name. This keeps a document's
// entities to a fraction of their JSON form.

type storedEntity struct {
	Name     string          `json:"n"`
	Type     news.EntityType `json:"t"`
	Mentions []storedMention `json:"m"`
}

type storedMention struct {
	Start, End int
	Text       string // "" when it equals the entity's name
}

func (m storedMention) MarshalJSON() ([]byte, error) {
	if m.Text == "" {
		return fmt.Appendf(nil, "[%d,%d]", m.Start, m.End), nil
	}
	t, err := json.Marshal(m.Text)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "[%d,%d,%s]", m.Start, m.End, t), nil
}

func (m *storedMention) UnmarshalJSON(b []byte) error {
	var parts []json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil {
		return err
	}
	if len(parts) < 2 || len(parts) > 3 {
		return fmt.Errorf("stored mention %s: want [start,end] or [start,end,text]", b)
	}
	if err := json.Unmarshal(parts[0], &m.Start); err != nil {
		return err
	}
	if err := json.Unmarshal(parts[1], &m.End); err != nil {
		return err
	}
	if len(parts) == 3 {
		return json.Unmarshal(parts[2], &m.Text)
	}
	return nil
}

func compactEntities(ents []news.Entity) []storedEntity {
	if len(ents) == 0 {
		return nil
	}
	out := make([]storedEntity, len(ents))
	for i, e := range ents {
		se := storedEntity{Name: e.Name, Type: e.Type, Mentions: make([]storedMention, len(e.Mentions))}
		for j, m := range e.Mentions {
			se.Mentions[j] = storedMention{Start: m.Start, End: m.End}
			if m.Text != e.Name {
				se.Mentions[j].Text = m.Text
			}
		}
		out[i] = se
	}
	return out
}

func expandEntities(ents []storedEntity) []news.Entity {
	if len(ents) == 0 {
		return nil
	}
	out := make([]news.Entity, len(ents))
	for i, se := range ents {
		e := news.Entity{Name: se.Name, Type: se.Type, Mentions: make([]news.Mention, len(se.Mentions))}
		for j, m := range se.Mentions {
			text := m.Text
			if text == "" {
				text = se.Name
			}
			e.Mentions[j] = news.Mention{Start: m.Start, End: m.End, Text: text}
		}
		out[i] = e
	}
	return out
}

// commentRecord is what the comments bucket holds for one comment.
type commentRecord struct {
	Comment  *news.Comment  `json:"c"`
	Entities []storedEntity `json:"e,omitempty"`
}

func packComment(cd *codec, c *news.Comment) ([]byte, error) {
	js, err := commentJSON(c)
	if err != nil {
		return nil, err
	}
	return cd.compress(js), nil
}

// commentJSON is the comments bucket's record for c, before compression.
func commentJSON(c *news.Comment) ([]byte, error) {
	ents := c.Entities
	c.Entities = nil
	defer func() { c.Entities = ents }()
	return json.Marshal(commentRecord{Comment: c, Entities: compactEntities(ents)})
}

// articleJSON is the articles bucket's record for p's article (its comments
// go to their own bucket), before compression.
func articleJSON(p Put) ([]byte, error) {
	a := p.Article
	comments, ents := a.Comments, a.Entities
	a.Comments, a.Entities = nil, nil
	defer func() { a.Comments, a.Entities = comments, ents }()
	return json.Marshal(record{Hash: p.Hash, Article: a, Entities: compactEntities(ents), NumCom: len(comments)})
}

func unpackComment(cd *codec, b []byte) (*news.Comment, error) {
	var r commentRecord
	if err := cd.unpack(b, &r); err != nil {
		return nil, err
	}
	if r.Comment == nil {
		return nil, fmt.Errorf("empty comment record")
	}
	r.Comment.Entities = expandEntities(r.Entities)
	return r.Comment, nil
}
