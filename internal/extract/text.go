package extract

// The text-dump extractor. A scraped page saved as text (by hand, by w3m
// -dump, by a browser's "save as text") keeps no markup, so everything is
// decided on line shapes:
//
//   - comments are found as a repeating run of header lines ("Name says:",
//     "Name July 7, 2012 at 12:27 am", "Name" + date line, "by NAME on
//     DATE." after the text), started by an optional heading ("4 Responses
//     to …", "12 Kommentare") and ended by the comment form or the footer.
//     Outside a comment section (no heading above, no numbered list) a
//     header must carry a name that is one (short, no sentence punctuation,
//     not opening with a function word), so that a headline ending in
//     "…, Chairman Says" or a paragraph ending in "the department said:" stays
//     article text; the first line of the dump is never a header. Reply
//     nesting is read from the indentation of the header lines;
//   - the article body is the densest run of prose lines before the
//     comments (a maximum-sum segment over per-line scores: prose counts
//     for, menus, share buttons and form furniture count against). In a
//     dump without site furniture (a post saved as text) every line after
//     the title is body but for captions and the dateline: rows of
//     figures, number-only lines, "Ref: 335" lines are content;
//   - the title is the line the comment heading names, the first line of
//     a dump without furniture when text starts under it, or the first
//     short line above the body; short lines between title and body are
//     captions or the byline.
//
// No library does this for plain text (readability-style extractors need the
// DOM), so it is hand-written; the phrase lists are in text_words.go and the
// date scanner in text_date.go.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/morgue-archive/morgue/internal/news"
)

// ParseText extracts one article and its comments from a page saved as
// plain text. s must be valid UTF-8. It returns an error wrapping
// news.ErrBadInput when s holds no text at all.
func ParseText(s string) (*news.Article, error) {
	d, err := parseTextDoc(s)
	if err != nil {
		return nil, err
	}
	return d.article(), nil
}

// textDoc is the extractor's reading of one dump.
type textDoc struct {
	lines     []tline
	title     string
	captions  []string
	authors   []string
	published time.Time
	body      []string // paragraphs
	source    string
	count     int // comment count stated by the page
	comments  []textComment
	artEnd    int // the article is in lines[:artEnd]
}

// textComment is one comment: its header lines and its text.
type textComment struct {
	head      []string // header lines as printed ("Name says:", "July 7, 2012 at 9:59 am")
	author    string
	published time.Time
	body      []string // paragraphs
	parent    int      // number of the comment this one replies to, or 0
}

func parseTextDoc(s string) (*textDoc, error) {
	d := &textDoc{lines: splitTextLines(s)}
	words := 0
	for _, l := range d.lines {
		words += l.words
	}
	if words == 0 {
		return nil, fmt.Errorf("%w: no text in the dump", news.ErrBadInput)
	}
	end, titleRef := d.findComments()
	d.findArticle(end, titleRef)
	d.source = findSource(d.lines)
	return d, nil
}

func (d *textDoc) article() *news.Article {
	a := &news.Article{
		Title:         d.title,
		Captions:      d.captions,
		Authors:       d.authors,
		Published:     d.published,
		Body:          strings.Join(d.body, "\n\n"),
		Source:        d.source,
		ResponseCount: d.count,
	}
	var text strings.Builder
	text.WriteString(a.Title)
	text.WriteString("\n")
	text.WriteString(a.Body)
	for i, c := range d.comments {
		parent := ""
		if c.parent > 0 {
			// the archive turns a comment number into that comment's id
			parent = strconv.Itoa(c.parent)
		}
		a.Comments = append(a.Comments, news.Comment{
			Number:    i + 1,
			Author:    c.author,
			Published: c.published,
			Parent:    parent,
			Body:      strings.Join(c.body, "\n\n"),
		})
		if text.Len() < 64<<10 {
			for _, p := range c.body {
				text.WriteString("\n")
				text.WriteString(p)
			}
		}
	}
	a.Language = guessLanguage(text.String())
	return a
}

// paragraphs joins the lines of lines[from:to] that keep(i) accepts into
// paragraphs: blank lines separate paragraphs, list items start a new one,
// wrapped lines are joined with a space.
func paragraphs(lines []tline, from, to int, keep func(i int) bool) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, collapseSpaces(cur.String()))
			cur.Reset()
		}
	}
	for i := from; i < to; i++ {
		l := lines[i]
		if l.text == "" {
			flush()
			continue
		}
		if l.blank || !keep(i) {
			continue
		}
		if l.marker {
			flush()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(l.body)
	}
	flush()
	return out
}
