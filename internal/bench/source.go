package bench

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ErrNoData is returned when the shared data folder (or one of the three data
// sets the corpora are built from) is missing.
var ErrNoData = errors.New("benchmark data not found")

// Doc is one source article: a title and its body paragraphs.
type Doc struct {
	Source string // "bbc", "reuters" or "agnews"
	Title  string
	Paras  []string
}

// Data set folders inside the data directory.
const (
	bbcDir     = "bbc_news/bbc"
	reutersDir = "reuters21578"
	agFile     = "ag_news_test/test.csv"
)

// LoadDocs reads the BBC News, Reuters-21578 and AG News sets from dataDir in
// a fixed order (BBC by path, Reuters by file and record, AG News by row).
// Records without a title or body are skipped, and so are repeats of a
// record with the same title and body (Reuters and BBC both have some): an
// archive would rightly treat those as one post. It returns ErrNoData
// (wrapped) when a set is missing.
func LoadDocs(dataDir string) ([]Doc, error) {
	for _, p := range []string{bbcDir, reutersDir, agFile} {
		if _, err := os.Stat(filepath.Join(dataDir, p)); err != nil {
			return nil, fmt.Errorf("%w: %s (want BBC News, Reuters-21578 and AG News under %s)", ErrNoData, filepath.Join(dataDir, p), dataDir)
		}
	}
	var docs []Doc
	bbc, err := loadBBC(filepath.Join(dataDir, bbcDir))
	if err != nil {
		return nil, err
	}
	docs = append(docs, bbc...)
	reu, err := loadReuters(filepath.Join(dataDir, reutersDir))
	if err != nil {
		return nil, err
	}
	docs = append(docs, reu...)
	ag, err := loadAGNews(filepath.Join(dataDir, agFile))
	if err != nil {
		return nil, err
	}
	docs = append(docs, ag...)
	return dedup(docs), nil
}

// dedup keeps the first of the documents whose title and body are equal
// ignoring case.
func dedup(docs []Doc) []Doc {
	seen := make(map[[32]byte]bool, len(docs))
	out := docs[:0]
	for _, d := range docs {
		k := sha256.Sum256([]byte(strings.ToLower(d.Title + "\x00" + strings.Join(d.Paras, "\n"))))
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// loadBBC reads bbc/<category>/<n>.txt: headline, blank line, paragraphs.
func loadBBC(dir string) ([]Doc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") && filepath.Dir(p) != dir {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", dir, err)
	}
	slices.Sort(paths)
	docs := make([]Doc, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		s := toUTF8(b)
		lines := strings.Split(s, "\n")
		title := clean(lines[0])
		var paras []string
		for _, l := range lines[1:] {
			if l = clean(l); l != "" {
				paras = append(paras, l)
			}
		}
		if title == "" || len(paras) == 0 {
			continue
		}
		docs = append(docs, Doc{Source: "bbc", Title: title, Paras: paras})
	}
	return docs, nil
}

// loadReuters reads reut2-NNN.sgm.gz (or .sgm) files in name order.
func loadReuters(dir string) ([]Doc, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var docs []Doc
	for _, e := range ents { // ReadDir sorts by name
		name := e.Name()
		if !strings.HasPrefix(name, "reut2-") || !(strings.HasSuffix(name, ".sgm.gz") || strings.HasSuffix(name, ".sgm")) {
			continue
		}
		p := filepath.Join(dir, name)
		b, err := readMaybeGzip(p)
		if err != nil {
			return nil, err
		}
		docs = append(docs, parseReuters(b)...)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%w: no reut2-*.sgm(.gz) records in %s", ErrNoData, dir)
	}
	return docs, nil
}

func readMaybeGzip(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", p, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(p, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("gunzip %s: %w", p, err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return b, nil
}

// parseReuters splits an SGML file into records and keeps those with both a
// TITLE and a BODY. Titles stay upper case, as the wire sent them. Body lines are wrapped at
// about 70 columns, and a new paragraph starts with an indented line.
func parseReuters(b []byte) []Doc {
	s := toUTF8(b)
	var docs []Doc
	for {
		i := strings.Index(s, "<REUTERS")
		if i < 0 {
			break
		}
		s = s[i:]
		j := strings.Index(s, "</REUTERS>")
		if j < 0 {
			break
		}
		rec := s[:j]
		s = s[j+len("</REUTERS>"):]
		title := clean(between(rec, "<TITLE>", "</TITLE>"))
		body := between(rec, "<BODY>", "</BODY>")
		if title == "" || strings.TrimSpace(body) == "" {
			continue
		}
		var paras []string
		var cur []string
		flush := func() {
			if p := clean(strings.Join(cur, " ")); p != "" {
				paras = append(paras, p)
			}
			cur = cur[:0]
		}
		for _, l := range strings.Split(html.UnescapeString(body), "\n") {
			if strings.HasPrefix(l, " ") {
				flush()
			}
			cur = append(cur, strings.TrimSpace(l))
		}
		flush()
		// The wire's sign-off ("Reuter", then a control character).
		if n := len(paras); n > 0 && (paras[n-1] == "Reuter" || paras[n-1] == "REUTER") {
			paras = paras[:n-1]
		} else if n > 0 {
			paras[n-1] = strings.TrimSuffix(strings.TrimSuffix(paras[n-1], " Reuter"), " REUTER")
		}
		if len(paras) == 0 {
			continue
		}
		docs = append(docs, Doc{Source: "reuters", Title: html.UnescapeString(title), Paras: paras})
	}
	return docs
}

func between(s, open, close string) string {
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		return ""
	}
	return s[:j]
}

// loadAGNews reads the label,title,description CSV. Descriptions use "\" for
// line breaks and "#36;" for "$" (an HTML entity that lost its ampersand).
func loadAGNews(p string) ([]Doc, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", p, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var docs []Doc
	for n := 0; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		if n == 0 && len(rec) > 0 && rec[0] == "label" {
			continue
		}
		if len(rec) < 3 {
			continue
		}
		title := clean(unescapeAG(rec[1]))
		var paras []string
		for _, part := range strings.Split(unescapeAG(rec[2]), `\`) {
			if part = clean(part); part != "" {
				paras = append(paras, part)
			}
		}
		if title == "" || len(paras) == 0 {
			continue
		}
		docs = append(docs, Doc{Source: "agnews", Title: title, Paras: []string{strings.Join(paras, " ")}})
	}
	return docs, nil
}

func unescapeAG(s string) string {
	return html.UnescapeString(agEntity.ReplaceAllString(s, "${1}&#${2};"))
}

// agEntity matches a numeric entity whose ampersand was lost ("#36;").
var agEntity = regexp.MustCompile(`(^|[^&])#([0-9]+);`)

// toUTF8 returns b as text, decoding it as Latin-1 when it is not valid UTF-8.
func toUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(out)
}

// clean drops control characters and squeezes runs of white space.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}
