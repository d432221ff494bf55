// Package extract turns raw scraped input (text dumps, HTML pages, JSON Lines,
// WARC/WET archives) into articles with their comments. It does no I/O beyond
// the reader it is given.
package extract

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/morgue-archive/morgue/internal/news"
)

// Version is the extractor version recorded in each article's origin. Bump it
// when extraction changes so that stored raw input can be re-parsed.
const Version = "2"

// Format names an input format.
type Format string

// Input formats.
const (
	Auto  Format = "auto"
	Text  Format = "text"
	HTML  Format = "html"
	JSONL Format = "jsonl"
	WARC  Format = "warc" // WARC and WET
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Auto, Text, HTML, JSONL, WARC:
		return f, nil
	case "", "txt":
		if s == "" {
			return Auto, nil
		}
		return Text, nil
	case "wet":
		return WARC, nil
	case "ndjson":
		return JSONL, nil
	}
	return "", fmt.Errorf("unknown format %q (want auto, text, html, jsonl or warc)", s)
}

// Options control extraction of one input.
type Options struct {
	Name   string            // file name, for messages and format detection
	Format Format            // Auto detects from Name and content
	Source string            // when set, overrides the source found in the input
	Map    map[string]string // JSON Lines: our field name -> input field path
}

// Record is one post found in an input, or one problem with a part of it.
// Exactly one of Article, Err and Skip is set.
type Record struct {
	Article *news.Article
	Raw     []byte // the input bytes this post was extracted from
	Offset  int64  // byte offset (WARC, counted in the decompressed stream), line number (JSON Lines) or element number (a JSON array); 0 for whole-file formats
	Err     error  // this record is bad; the rest of the input goes on
	Skip    string // this record was skipped on purpose, and why
}

// Detect guesses the format of an input from its name (without a .gz
// suffix) and its first bytes.
func Detect(name string, head []byte) Format {
	if bytes.HasPrefix(bytes.TrimLeft(head, "\ufeff \t\r\n"), []byte("WARC/")) {
		return WARC // whatever the name says (WET dumps often end in .txt)
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(name) {
	case ".warc", ".wet", ".arc":
		return WARC
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML
	case ".txt", ".text":
		return Text
	}
	h := bytes.TrimLeft(head, "\ufeff \t\r\n")
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return WARC
	case bytes.HasPrefix(h, []byte("{")):
		return JSONL
	case hasHTMLPrefix(h):
		return HTML
	}
	return Text
}

func hasHTMLPrefix(h []byte) bool {
	if len(h) > 512 {
		h = h[:512]
	}
	l := bytes.ToLower(h)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<?xml", "<!--", "<body", "<meta", "<div"} {
		if bytes.HasPrefix(l, []byte(p)) {
			return true
		}
	}
	return false
}

// Extract reads one input and calls emit for every post (or bad record) in
// it. It returns an error, without calling emit, when the input as a whole
// cannot be read (binary, empty, not text); emit's own error stops it.
func Extract(r io.Reader, opt Options, emit func(Record) error) error {
	f := opt.Format
	var head []byte
	br := newPeekReader(r)
	if f == Auto || f == "" {
		head = br.peek(4096)
		f = Detect(opt.Name, head)
	}
	switch f {
	case WARC:
		return readWARC(br, opt, emit)
	case JSONL:
		return readJSONL(br, opt, emit)
	}
	raw, err := io.ReadAll(br)
	if err != nil {
		return err
	}
	var a *news.Article
	switch f {
	case HTML:
		a, err = parseHTML(raw, opt)
	default:
		f = Text
		var s string
		s, err = DecodeText(raw)
		if err == nil {
			a, err = ParseText(s)
		}
	}
	if err != nil {
		return err
	}
	finish(a, opt, f)
	return emit(Record{Article: a, Raw: raw})
}

// finish fills the fields every format sets the same way.
func finish(a *news.Article, opt Options, f Format) {
	if opt.Source != "" {
		a.Source = opt.Source
	}
	a.Origin.Format = string(f)
	a.Origin.Parser = Version
}
