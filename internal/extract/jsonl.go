package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/araddon/dateparse"

	"github.com/morgue-archive/morgue/internal/news"
)

// MaxJSONLine is the longest JSON Lines record read; a longer line is
// reported as bad and skipped.
const MaxJSONLine = 64 << 20

// Field names used by common scrapers (news-please, trafilatura's JSON
// output, newspaper, custom scripts), in order of preference. Options.Map
// adds a dotted path ahead of them for any of our fields: url, title, body,
// published, authors, source, language, captions, comments, and, inside
// each comment, comment.author, comment.body, comment.published,
// comment.parent, comment.id.
var jsonFields = map[string][]string{
	"url":               {"url", "link", "canonical_url", "source_url", "uri"},
	"title":             {"title", "headline"},
	"body":              {"text", "maintext", "body", "content", "article", "raw_text", "description"},
	"published":         {"date_publish", "date", "published", "timestamp", "date_published", "datePublished", "published_at", "pubdate", "created_at", "time"},
	"authors":           {"authors", "author", "byline", "creator"},
	"source":            {"source_domain", "source", "site", "sitename", "site_name", "domain", "hostname"},
	"language":          {"language", "lang"},
	"captions":          {"captions", "image_captions"},
	"comments":          {"comments", "replies", "comment"},
	"comment.author":    {"author", "user", "username", "name", "by"},
	"comment.body":      {"text", "body", "content", "message", "comment"},
	"comment.published": {"date", "published", "timestamp", "time", "created_at", "created_utc"},
	"comment.parent":    {"parent", "parent_id", "reply_to", "in_reply_to"},
	"comment.id":        {"id", "comment_id"},
}

// readJSONL reads one post per line (or one JSON array of posts). A line
// that is not a JSON object is reported with its line number and skipped.
func readJSONL(r io.Reader, opt Options, emit func(Record) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstNonSpace(br)
	if err != nil {
		return fmt.Errorf("%w: empty input", news.ErrBadInput)
	}
	if first == '[' {
		return readJSONArray(br, opt, emit)
	}
	line := int64(0)
	for {
		b, err := readLine(br)
		if len(b) > 0 || err == nil {
			line++
		}
		if errors.Is(err, errLongLine) {
			if e := emit(Record{Err: fmt.Errorf("%w: line %d longer than %d bytes", news.ErrBadInput, line, MaxJSONLine), Offset: line}); e != nil {
				return e
			}
			continue
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			if e := emit(jsonRecord(t, line, opt)); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read line %d: %w", line+1, err)
		}
	}
}

var errLongLine = errors.New("line too long")

// readLine reads one line without its newline; a line over MaxJSONLine is
// discarded and reported as errLongLine.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxJSONLine {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err == nil || err == io.EOF {
				return nil, errLongLine
			}
			return nil, err
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

func firstNonSpace(br *bufio.Reader) (byte, error) {
	for i := 1; ; i++ {
		b, err := br.Peek(i)
		if err != nil {
			return 0, err
		}
		c := b[i-1]
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && !(i <= 3 && (c == 0xef || c == 0xbb || c == 0xbf)) {
			return c, nil
		}
		if i > 4096 {
			return 0, io.EOF
		}
	}
}

// readJSONArray reads a .json file holding one array of posts; Offset is
// the element's 1-based position in the array.
func readJSONArray(br *bufio.Reader, opt Options, emit func(Record) error) error {
	dec := json.NewDecoder(br)
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%w: %v", news.ErrBadInput, err)
	}
	for n := int64(1); dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// The decoder cannot find the next element after a syntax error.
			return emit(Record{Err: fmt.Errorf("%w: array element %d: %v", news.ErrBadInput, n, err), Offset: n})
		}
		if err := emit(jsonRecord(raw, n, opt)); err != nil {
			return err
		}
	}
	return nil
}

// jsonRecord turns one JSON object into an article.
func jsonRecord(raw []byte, n int64, opt Options) Record {
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return Record{Err: fmt.Errorf("%w: line %d: %v", news.ErrBadInput, n, err), Offset: n}
	}
	if dec.More() {
		return Record{Err: fmt.Errorf("%w: line %d: more than one JSON value", news.ErrBadInput, n), Offset: n}
	}
	if obj == nil {
		return Record{Err: fmt.Errorf("%w: line %d: not a JSON object", news.ErrBadInput, n), Offset: n}
	}
	f := func(name string) any { return jsonField(obj, name, opt.Map) }
	a := &news.Article{
		URL:      jsonString(f("url")),
		Title:    oneLine(jsonString(f("title"))),
		Body:     jsonText(f("body")),
		Source:   oneLine(jsonString(f("source"))),
		Language: jsonString(f("language")),
		Authors:  jsonNames(f("authors")),
		Captions: jsonStrings(f("captions")),
	}
	a.Published = jsonTime(f("published"))
	a.Comments = jsonComments(f("comments"), opt.Map)
	if a.Body == "" && a.Title == "" && len(a.Comments) == 0 {
		return Record{Skip: "no text: none of the fields " + strings.Join(jsonFields["body"], ", ") + " or title", Raw: raw, Offset: n}
	}
	finish(a, opt, JSONL)
	return Record{Article: a, Raw: raw, Offset: n}
}

// jsonField finds our field in obj: the mapped path first, then the usual
// names.
func jsonField(obj map[string]any, name string, m map[string]string) any {
	if p, ok := m[name]; ok {
		if v := jsonPath(obj, p); v != nil {
			return v
		}
	}
	for _, k := range jsonFields[name] {
		if v, ok := obj[k]; ok && v != nil {
			return v
		}
	}
	return nil
}

// jsonPath follows a dotted path ("meta.byline.0.name") through objects
// and arrays.
func jsonPath(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	case []any:
		if len(x) > 0 {
			return jsonString(x[0])
		}
	case map[string]any:
		for _, k := range []string{"name", "value", "text"} {
			if s := jsonString(x[k]); s != "" {
				return s
			}
		}
	}
	return ""
}

// jsonText is a text field: a string, or an array of paragraphs.
func jsonText(v any) string {
	var paras []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if s := jsonString(e); s != "" {
				paras = append(paras, s)
			}
		}
	default:
		paras = []string{jsonString(v)}
	}
	return tidyText(strings.Join(paras, "\n\n"))
}

// tidyText normalises line ends and trims white space around lines,
// keeping blank lines as paragraph breaks.
func tidyText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// jsonNames reads authors: "A, B", ["A", "B"] or [{"name": "A"}].
func jsonNames(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		for _, p := range strings.FieldsFunc(x, func(r rune) bool { return r == ';' || r == '|' }) {
			if p = oneLine(p); p != "" {
				out = append(out, p)
			}
		}
	case []any:
		for _, e := range x {
			if s := oneLine(jsonString(e)); s != "" {
				out = append(out, s)
			}
		}
	case map[string]any:
		if s := oneLine(jsonString(x)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func jsonStrings(v any) []string {
	var out []string
	if x, ok := v.([]any); ok {
		for _, e := range x {
			if s := oneLine(jsonString(e)); s != "" {
				out = append(out, s)
			}
		}
	} else if s := oneLine(jsonString(v)); s != "" {
		out = append(out, s)
	}
	return out
}

// jsonTime reads a date string in any common layout, or a Unix time in
// seconds or milliseconds.
func jsonTime(v any) time.Time {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil || f <= 0 {
			return time.Time{}
		}
		if f > 1e12 {
			return time.UnixMilli(int64(f)).UTC()
		}
		return time.Unix(int64(f), 0).UTC()
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return time.Time{}
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.UTC()
		}
		if t, err := dateparse.ParseIn(s, time.UTC); err == nil {
			return t.UTC()
		}
	case map[string]any:
		return jsonTime(x["$date"])
	}
	return time.Time{}
}

// jsonComments reads comments given as an array of objects or strings, or
// as one block of text (kept as a single comment).
func jsonComments(v any, m map[string]string) []news.Comment {
	var out []news.Comment
	ids := map[string]int{}
	type pending struct {
		i      int
		parent string
	}
	var parents []pending
	add := func(c news.Comment, id, parent string) {
		if c.Body == "" {
			return
		}
		c.Number = len(out) + 1
		if id != "" {
			ids[id] = c.Number
		}
		if parent != "" {
			parents = append(parents, pending{len(out), parent})
		}
		out = append(out, c)
	}
	switch x := v.(type) {
	case string:
		add(news.Comment{Body: tidyText(x)}, "", "")
	case []any:
		for _, e := range x {
			switch y := e.(type) {
			case string:
				add(news.Comment{Body: tidyText(y)}, "", "")
			case map[string]any:
				g := func(name string) any { return jsonField(y, name, m) }
				c := news.Comment{
					Author:    oneLine(jsonString(g("comment.author"))),
					Body:      jsonText(g("comment.body")),
					Published: jsonTime(g("comment.published")),
				}
				add(c, jsonString(g("comment.id")), jsonString(g("comment.parent")))
			}
		}
	}
	// A parent is named by id when the comments carry ids, else taken as
	// the 1-based number of the comment replied to.
	for _, p := range parents {
		if n, ok := ids[p.parent]; ok {
			out[p.i].Parent = strconv.Itoa(n)
		} else if n, err := strconv.Atoi(p.parent); err == nil && len(ids) == 0 && n >= 1 && n <= len(out) && n != p.i+1 {
			out[p.i].Parent = strconv.Itoa(n)
		}
	}
	return out
}
