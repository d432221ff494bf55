// Package export writes articles, comments and search results as JSON, JSON
// Lines and CSV: the versioned JSON contract (schema 1) of DESIGN.md lives
// here.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/morgue-archive/morgue/internal/news"
)

// Schema is the version of the JSON contract.
const Schema = 1

// Format is an export format.
type Format string

// Export formats.
const (
	JSONL Format = "jsonl"
	JSON  Format = "json"
	CSV   Format = "csv"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case JSONL, JSON, CSV:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want jsonl, json or csv)", s)
}

// Article is the JSON form of an article.
type Article struct {
	Schema        int          `json:"schema"`
	ID            string       `json:"id"`
	Kind          news.Kind    `json:"kind"`
	URL           string       `json:"url,omitempty"`
	Source        string       `json:"source,omitempty"`
	Title         string       `json:"title"`
	Authors       []string     `json:"authors,omitempty"`
	Published     *time.Time   `json:"published,omitempty"`
	Captions      []string     `json:"captions,omitempty"`
	Body          string       `json:"body"`
	ResponseCount int          `json:"response_count,omitempty"`
	Language      string       `json:"language,omitempty"`
	Entities      []Entity     `json:"entities"`
	Comments      []Comment    `json:"comments,omitempty"`
	Focus         string       `json:"focus,omitempty"`
	Origin        *news.Origin `json:"origin,omitempty"`
}

// Comment is the JSON form of a comment.
type Comment struct {
	Schema       int        `json:"schema,omitempty"` // only on top-level records
	ID           string     `json:"id"`
	Kind         news.Kind  `json:"kind"`
	ArticleID    string     `json:"article_id"`
	ArticleTitle string     `json:"article_title,omitempty"` // on top-level records
	Number       int        `json:"number"`
	Author       string     `json:"author,omitempty"`
	Published    *time.Time `json:"published,omitempty"`
	Parent       string     `json:"parent,omitempty"`
	Body         string     `json:"body"`
	Entities     []Entity   `json:"entities"`
}

// Entity is the JSON form of an entity in one document.
type Entity = news.Entity

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

func entities(e []news.Entity) []Entity {
	if e == nil {
		return []Entity{}
	}
	return e
}

// ArticleRecord converts an article; withComments includes its comments.
func ArticleRecord(a *news.Article, withComments bool) Article {
	out := Article{
		Schema: Schema, ID: a.ID, Kind: news.KindArticle, URL: a.URL, Source: a.Source, Title: a.Title,
		Authors: a.Authors, Published: timePtr(a.Published), Captions: a.Captions, Body: a.Body,
		ResponseCount: a.ResponseCount, Language: a.Language, Entities: entities(a.Entities),
	}
	if a.Origin != (news.Origin{}) {
		o := a.Origin
		out.Origin = &o
	}
	if withComments {
		out.Comments = make([]Comment, 0, len(a.Comments))
		for i := range a.Comments {
			out.Comments = append(out.Comments, CommentRecord(&a.Comments[i], "", false))
		}
	}
	return out
}

// CommentRecord converts a comment; top makes it a top-level record (with
// schema and article_title).
func CommentRecord(c *news.Comment, articleTitle string, top bool) Comment {
	out := Comment{
		ID: c.ID, Kind: news.KindComment, ArticleID: c.ArticleID, Number: c.Number, Author: c.Author,
		Published: timePtr(c.Published), Parent: c.Parent, Body: c.Body, Entities: entities(c.Entities),
	}
	if top {
		out.Schema, out.ArticleTitle = Schema, articleTitle
	}
	return out
}

// Results is the JSON form of search results.
type Results struct {
	Schema int `json:"schema"`
	news.Results
}

// Encoder writes a stream of export records.
type Encoder struct {
	f     Format
	bw    *bufio.Writer
	enc   *json.Encoder
	cw    *csv.Writer
	n     int
	comms bool
}

// NewEncoder starts writing records in format f to w. withComments puts
// each article's comments inside its record.
func NewEncoder(w io.Writer, f Format, withComments bool) *Encoder {
	bw := bufio.NewWriterSize(w, 64<<10)
	e := &Encoder{f: f, bw: bw, comms: withComments}
	switch f {
	case CSV:
		e.cw = csv.NewWriter(bw)
	default:
		e.enc = json.NewEncoder(bw)
		e.enc.SetEscapeHTML(false)
	}
	return e
}

var csvHeader = []string{"id", "kind", "article_id", "title", "source", "url", "published", "author", "body"}

func (e *Encoder) begin() error {
	if e.n > 0 {
		if e.f == JSON {
			_, err := e.bw.WriteString(",\n")
			return err
		}
		return nil
	}
	switch e.f {
	case JSON:
		_, err := e.bw.WriteString("[\n")
		return err
	case CSV:
		return e.cw.Write(csvHeader)
	}
	return nil
}

// Article writes one article record.
func (e *Encoder) Article(a *news.Article) error {
	if err := e.begin(); err != nil {
		return err
	}
	e.n++
	if e.f == CSV {
		return e.cw.Write([]string{a.ID, string(news.KindArticle), a.ID, a.Title, a.Source, a.URL, csvTime(a.Published), join(a.Authors), a.Body})
	}
	return e.encode(ArticleRecord(a, e.comms))
}

// Comment writes one comment record.
func (e *Encoder) Comment(c *news.Comment, a *news.Article) error {
	if err := e.begin(); err != nil {
		return err
	}
	e.n++
	if e.f == CSV {
		return e.cw.Write([]string{c.ID, string(news.KindComment), c.ArticleID, a.Title, a.Source, a.URL, csvTime(c.Published), c.Author, c.Body})
	}
	return e.encode(CommentRecord(c, a.Title, true))
}

func (e *Encoder) encode(v any) error {
	if e.f == JSON {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, err = e.bw.Write(b)
		return err
	}
	return e.enc.Encode(v)
}

// Close ends the stream and flushes it.
func (e *Encoder) Close() error {
	switch e.f {
	case JSON:
		if e.n == 0 {
			e.bw.WriteString("[")
		}
		e.bw.WriteString("\n]\n")
	case CSV:
		if e.n == 0 {
			e.cw.Write(csvHeader)
		}
		e.cw.Flush()
		if err := e.cw.Error(); err != nil {
			return err
		}
	}
	return e.bw.Flush()
}

// Count returns the number of records written.
func (e *Encoder) Count() int { return e.n }

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "; "
		}
		out += x
	}
	return out
}
