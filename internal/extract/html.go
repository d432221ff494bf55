package extract

// HTML pages: the main text and the page metadata come from go-trafilatura
// (the Go port of trafilatura, the best-scoring open extractor on the
// published benchmarks). The library finds at most one comment section and
// gives it back as one block of text, so reader comments are segmented here
// first (html_comments.go, and html_commentzone.go for sections that mark no
// single comment): every comment becomes its own news.Comment with its
// author, date and reply-to, and the comment sections are cut out of the
// page before the library sees it, so that no comment leaks into the body.
// What boilerplate the library keeps (related links, share and newsletter
// boxes, author boxes, date and copyright lines) is taken out of its output
// afterwards (html_boiler.go).

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/morgue-archive/morgue/internal/news"
)

// parseHTML extracts one article, with its comments, from an HTML page in
// any charset. Errors wrap news.ErrBadInput.
func parseHTML(raw []byte, opt Options) (*news.Article, error) {
	return parseHTMLPage(raw, "", opt)
}

// parseHTMLPage is parseHTML with the HTTP Content-Type of the page, when
// known (WARC records carry one).
func parseHTMLPage(raw []byte, contentType string, opt Options) (*news.Article, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%w: empty page", news.ErrBadInput)
	}
	text, err := decodeHTML(raw, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%w: parse html: %v", news.ErrBadInput, err)
	}
	a := &news.Article{}
	comments, count, forum := segmentComments(doc)
	a.Comments, a.ResponseCount = comments, count

	topts := trafilatura.Options{
		EnableFallback: true,
		HtmlDateMode:   trafilatura.Fast,
		Deduplicate:    false,
	}
	if u, err := url.Parse(opt.Name); err == nil && u.IsAbs() && u.Host != "" {
		topts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, topts)
	if err != nil {
		// The library gives up on pages with too little text; keep what
		// metadata and comments there are rather than losing the page.
		res = nil
	}
	if res != nil {
		m := res.Metadata
		a.Title = oneLine(m.Title)
		a.Source = oneLine(m.Sitename)
		a.Language = m.Language
		a.URL = m.URL
		if !m.Date.IsZero() {
			a.Published = m.Date.UTC()
		}
		a.Authors = splitAuthorList(m.Author)
		a.Captions = htmlCaptions(res.ContentNode)
		for _, c := range pruneBoilerplate(res.ContentNode, doc) {
			if !slices.Contains(a.Captions, c) {
				a.Captions = append(a.Captions, c)
			}
		}
		a.Body = renderBlocks(res.ContentNode)
		if len(a.Comments) == 0 && res.CommentsNode != nil {
			// The library's comment block, as one comment, unless it is a
			// copy of the article (a page whose article element carries a
			// comment-like class).
			if body := commentBlock(renderBlocks(res.CommentsNode)); body != "" && !sameOpening(body, a.Body) {
				a.Comments = []news.Comment{{Number: 1, Body: body}}
			}
		}
	}
	if forum && len(a.Comments) > 0 {
		// A forum thread: the opening post is the article, the rest reply.
		first := a.Comments[0]
		a.Body, a.Published = first.Body, first.Published
		a.Authors = nil
		if first.Author != "" {
			a.Authors = []string{first.Author}
		}
		a.Comments = a.Comments[1:]
		for i := range a.Comments {
			a.Comments[i].Number = i + 1
			a.Comments[i].Parent = ""
		}
		if len(a.Comments) == 0 {
			a.Comments = nil
		}
	}
	if a.Title == "" {
		a.Title = oneLine(domTitle(doc))
	}
	if a.Body == "" && len(a.Comments) == 0 && a.Title == "" {
		return nil, fmt.Errorf("%w: no text found in page", news.ErrBadInput)
	}
	return a, nil
}

// decodeHTML returns the page as UTF-8. The charset comes from a byte-order
// mark, the Content-Type, a <meta> declaration anywhere in the first 8 KB,
// or, failing those, from whether the bytes are valid UTF-8 (else
// Windows-1252).
func decodeHTML(raw []byte, contentType string) (string, error) {
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if !certain {
		if e, n := metaCharset(raw); e != nil {
			enc, name = e, n
		} else if utf8.Valid(raw) {
			return string(bytes.TrimPrefix(raw, []byte("\ufeff"))), nil
		}
	}
	if name == "utf-8" && utf8.Valid(raw) {
		return string(bytes.TrimPrefix(raw, []byte("\ufeff"))), nil
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("%w: decode %s page: %v", news.ErrBadInput, name, err)
	}
	return string(bytes.TrimPrefix(out, []byte("\ufeff"))), nil
}

// metaCharset finds charset= in the first 8 KB of a page (the standard
// prescan looks at 1 KB only, and many pages declare it later).
func metaCharset(raw []byte) (encoding.Encoding, string) {
	head := raw
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	l := bytes.ToLower(head)
	for off := 0; ; {
		i := bytes.Index(l[off:], []byte("charset="))
		if i < 0 {
			return nil, ""
		}
		off += i + len("charset=")
		rest := bytes.TrimLeft(l[off:], `"' `)
		end := bytes.IndexFunc(rest, func(r rune) bool {
			return !(r == '-' || r == '_' || r == ':' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r))
		})
		if end < 0 {
			end = len(rest)
		}
		label := string(rest[:end])
		if e, err := htmlindex.Get(label); err == nil {
			n, _ := htmlindex.Name(e)
			return e, n
		}
	}
}

// htmlBlockTags start a new paragraph in the text rendering of a tree, both in
// HTML and in the tag set trafilatura converts its output to.
var htmlBlockTags = map[string]bool{
	"p": true, "div": true, "head": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "list": true, "item": true, "ul": true, "ol": true, "li": true, "dl": true, "dt": true,
	"dd": true, "quote": true, "blockquote": true, "pre": true, "code": false, "table": true, "tr": true,
	"row": true, "section": true, "article": true, "header": true, "footer": true, "figure": true,
	"figcaption": true, "graphic": true, "aside": true, "main": true, "body": true, "address": true,
	"form": true, "fieldset": true, "nav": true, "hr": true, "details": true, "summary": true,
}

// renderBlocks turns a tree into plain text: paragraphs separated by a
// blank line, line breaks kept, runs of white space collapsed.
func renderBlocks(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	renderHTMLNode(&b, n)
	return htmlParagraphs(b.String())
}

func renderHTMLNode(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "svg", "button", "select", "textarea", "input":
			if n.Data != "head" || n.Parent == nil || n.Parent.Data == "html" {
				return
			}
		case "br", "lb":
			b.WriteString("\n")
			return
		case "td", "th", "cell":
			b.WriteString(" ")
		}
	}
	block := n.Type == html.ElementNode && htmlBlockTags[n.Data]
	if block {
		b.WriteString("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renderHTMLNode(b, c)
	}
	if block {
		b.WriteString("\n\n")
	}
}

// tidyParagraphs collapses white space inside lines, trims lines, and
// separates non-empty paragraphs with exactly one blank line.
func htmlParagraphs(s string) string {
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = oneLine(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// cleanSpace collapses runs of white space (non-breaking spaces included)
// into single spaces and trims the ends.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
	}), " ")
}

// captions collects figure captions and image titles from an extracted tree.
func htmlCaptions(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "figcaption" || n.Data == "caption") {
			if t := oneLine(domText(n)); t != "" {
				out = append(out, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// textOf concatenates the text under n, outside scripts and styles.
func domText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br":
				b.WriteString("\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func domTitle(doc *html.Node) string {
	var t string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "title" {
			t = domText(n)
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return t
}

// splitAuthors splits trafilatura's "A; B" author string.
func splitAuthorList(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = oneLine(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// sameOpening reports whether text b holds the first dozen words of text a.
func sameOpening(a, b string) bool {
	w := strings.Fields(a)
	if len(w) < 12 {
		return false
	}
	return strings.Contains(strings.Join(strings.Fields(b), " "), strings.Join(w[:12], " "))
}
