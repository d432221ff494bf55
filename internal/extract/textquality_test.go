package extract

// Quality of the text extractor on real third-party pages (read from
// /work/shared at test time, never copied into the repository):
//
//   - dragnet_article_comments: hand-extracted article + comments text of
//     416 pages, split by a "!@#$%^&*()  COMMENTS" line. With the line
//     removed (and the blank lines around it collapsed to one, so that the
//     gap does not give the split away) the extractor must find the split
//     again. Token F1 of the article (title + captions + authors + body)
//     against the gold article, and of the comments (header lines + bodies;
//     the gold keeps the "Name DATE" lines) against the gold comments.
//   - comment_pages_text: w3m dumps of 228 pages; no gold, so only how
//     many pages yield comments is reported.
//   - wcxb_comment_pages ground truth (86 of those dumps): token F1 of the
//     body against the benchmark's main content, and title matches.
//
// This file is white-box (package extract) because it scores the comment
// header lines, which news.Comment does not keep as text.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// textSharedDir locates the shared test data: $MORGUE_SHARED, else
// <repo>/../shared.
func textSharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
		t.Skipf("shared test data not found at %s (set MORGUE_SHARED): %v", dir, err)
	}
	return dir
}

// tokens returns the bag of lower-cased word tokens (runs of letters and
// digits) of s.
func textTokens(s string) map[string]int {
	bag := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		bag[w]++
	}
	return bag
}

// textTokenF1 is the F1 of the bags of words of got and want. Two empty texts
// agree fully.
func textTokenF1(got, want string) float64 {
	g, w := textTokens(got), textTokens(want)
	ng, nw, common := 0, 0, 0
	for k, n := range g {
		ng += n
		common += min(n, w[k])
	}
	for _, n := range w {
		nw += n
	}
	switch {
	case ng == 0 && nw == 0:
		return 1
	case ng == 0 || nw == 0 || common == 0:
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return 2 * p * r / (p + r)
}

var textDragnetDelim = regexp.MustCompile(`(?m)^[ \t]*[!@# $%^&*()]{6,}[ \t]*COMMENTS[ \t]*\r?$`)

type textDragnetPage struct {
	name, split, input, article, comments string
}

// textDragnetPages returns the dragnet pages with comments, the delimiter line
// removed.
func textDragnetPages(t testing.TB, shared string) []textDragnetPage {
	dir := filepath.Join(shared, "data", "dragnet_article_comments")
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Fatalf("open dragnet index: %v", err)
	}
	defer f.Close()
	var pages []textDragnetPage
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 3 || col[2] != "1" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, "text", col[0]))
		if err != nil {
			t.Fatalf("read %s: %v", col[0], err)
		}
		s, err := DecodeText(raw)
		if err != nil {
			t.Fatalf("decode %s: %v", col[0], err)
		}
		loc := textDragnetDelim.FindStringIndex(s)
		if loc == nil {
			t.Fatalf("%s: no delimiter", col[0])
		}
		art, com := s[:loc[0]], s[loc[1]:]
		if strings.TrimSpace(com) == "" {
			continue
		}
		in := strings.TrimRight(art, " \t\r\n") + "\n\n" + strings.TrimLeft(com, " \t\r\n")
		pages = append(pages, textDragnetPage{name: col[0], split: col[1], input: in, article: art, comments: com})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read dragnet index: %v", err)
	}
	return pages
}

// articleText is what the extractor found as the article's text.
func (d *textDoc) articleText() string {
	parts := []string{d.title}
	parts = append(parts, d.captions...)
	parts = append(parts, d.authors...)
	parts = append(parts, d.body...)
	return strings.Join(parts, "\n")
}

// commentsText is what the extractor found as comments: header lines and
// bodies.
func (d *textDoc) commentsText() string {
	var b strings.Builder
	for _, c := range d.comments {
		for _, h := range c.head {
			b.WriteString(h)
			b.WriteByte('\n')
		}
		for _, p := range c.body {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Floors a few points under what the extractor reaches (regression guard).
const (
	floorDragnetArticle  = 0.91
	floorDragnetComments = 0.90
	floorWCXBArticle     = 0.88
	floorTrafArticle     = 0.85 // share of article snippets found
	floorTrafComments    = 0.80 // share of comment snippets found in comments
)

func TestTextQualityDragnet(t *testing.T) {
	shared := textSharedDir(t)
	pages := textDragnetPages(t, shared)
	var sumA, sumC float64
	var zeroC []string
	split := map[string][][2]float64{}
	type worst struct {
		name string
		f    float64
	}
	var worstA, worstC []worst
	var dump *os.File
	if p := os.Getenv("TEXTQ_DUMP"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dump = f
	}
	for _, p := range pages {
		d, err := parseTextDoc(p.input)
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		fa := textTokenF1(d.articleText(), p.article)
		fc := textTokenF1(d.commentsText(), p.comments)
		sumA += fa
		sumC += fc
		split[p.split] = append(split[p.split], [2]float64{fa, fc})
		if len(d.comments) == 0 {
			zeroC = append(zeroC, p.name)
		}
		if dump != nil {
			fmt.Fprintf(dump, "%s %.3f %.3f %d\n", p.name, fa, fc, len(d.comments))
		}
		worstA = append(worstA, worst{p.name, fa})
		worstC = append(worstC, worst{p.name, fc})
	}
	n := float64(len(pages))
	fa, fc := sumA/n, sumC/n
	t.Logf("dragnet pages with comments: %d", len(pages))
	t.Logf("dragnet article token F1 (mean per page): %.4f", fa)
	t.Logf("dragnet comments token F1 (mean per page): %.4f", fc)
	t.Logf("pages where no comment was found: %d", len(zeroC))
	for _, name := range []string{"train", "test"} {
		var a, c float64
		for _, f := range split[name] {
			a += f[0]
			c += f[1]
		}
		if n := float64(len(split[name])); n > 0 {
			t.Logf("  upstream %s split: %d pages, article %.4f, comments %.4f", name, len(split[name]), a/n, c/n)
		}
	}
	if testing.Verbose() && os.Getenv("TEXTQ_WORST") != "" {
		slices.SortFunc(worstA, func(a, b worst) int { return textCmpF(a.f, b.f) })
		slices.SortFunc(worstC, func(a, b worst) int { return textCmpF(a.f, b.f) })
		for _, w := range worstA[:min(25, len(worstA))] {
			t.Logf("worst article %s %.3f", w.name, w.f)
		}
		for _, w := range worstC[:min(120, len(worstC))] {
			t.Logf("worst comments %s %.3f", w.name, w.f)
		}
	}
	if fa < floorDragnetArticle {
		t.Errorf("article F1 %.4f fell below %.2f", fa, floorDragnetArticle)
	}
	if fc < floorDragnetComments {
		t.Errorf("comments F1 %.4f fell below %.2f", fc, floorDragnetComments)
	}
}

// typoKey compares titles up to typography (quotes, ellipses, spaces).
func typoKey(s string) string {
	r := strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "…", "...", "‑", "-")
	return titleKey(r.Replace(normalizeText(s)))
}

func textCmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestTextQualityCommentPages(t *testing.T) {
	shared := textSharedDir(t)
	dir := filepath.Join(shared, "data", "comment_pages_text", "pages")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	pages, one, two, total := 0, 0, 0, 0
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s, err := DecodeText(raw)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		a, err := ParseText(s)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		pages++
		total += len(a.Comments)
		if len(a.Comments) >= 1 {
			one++
		}
		if len(a.Comments) >= 2 {
			two++
		}
		if os.Getenv("TEXTQ_LIST") != "" {
			t.Logf("%s comments=%d count=%d title=%q", e.Name(), len(a.Comments), a.ResponseCount, a.Title)
		}
	}
	t.Logf("comment_pages_text: %d pages, %d with >= 1 comment, %d with >= 2, %d comments in all", pages, one, two, total)
}

func TestTextQualityWCXB(t *testing.T) {
	shared := textSharedDir(t)
	gtDir := filepath.Join(shared, "data", "wcxb_comment_pages", "ground-truth")
	ents, err := os.ReadDir(gtDir)
	if err != nil {
		t.Fatalf("read %s: %v", gtDir, err)
	}
	// Articles: the body against the main content. Forum pages (Q&A): the
	// benchmark's main content holds the answers too, which the extractor
	// reads as comments, so body and comments against the main content.
	var sumArt, sumForum float64
	nArt, nForum, titles := 0, 0, 0
	for _, e := range ents {
		id := strings.TrimSuffix(e.Name(), ".json")
		raw, err := os.ReadFile(filepath.Join(gtDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var gt struct {
			GroundTruth struct {
				Title       string `json:"title"`
				MainContent string `json:"main_content"`
			} `json:"ground_truth"`
			Internal struct {
				PageType struct {
					Primary string `json:"primary"`
				} `json:"page_type"`
			} `json:"_internal"`
		}
		if err := json.Unmarshal(raw, &gt); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		dump, err := os.ReadFile(filepath.Join(shared, "data", "comment_pages_text", "pages", "wcxb_"+id+".txt"))
		if err != nil {
			continue
		}
		s, err := DecodeText(dump)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		d, err := parseTextDoc(s)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		got := strings.Join(d.body, "\n")
		forum := gt.Internal.PageType.Primary == "forum"
		if forum {
			got += "\n" + d.commentsText()
		}
		f := textTokenF1(got, gt.GroundTruth.MainContent)
		if forum {
			sumForum += f
			nForum++
		} else {
			sumArt += f
			nArt++
		}
		if typoKey(d.title) == typoKey(gt.GroundTruth.Title) {
			titles++
		}
		if os.Getenv("TEXTQ_LIST") != "" {
			t.Logf("%s forum=%v F1 %.3f title %q want %q", id, forum, f, d.title, gt.GroundTruth.Title)
		}
	}
	if nArt+nForum == 0 {
		t.Skip("no WCXB dumps found")
	}
	fa, ff := sumArt/float64(max(nArt, 1)), sumForum/float64(max(nForum, 1))
	t.Logf("wcxb dumps: %d articles, body token F1 (mean per page) %.4f", nArt, fa)
	t.Logf("wcxb dumps: %d forum pages, body+comments token F1 (mean per page) %.4f", nForum, ff)
	t.Logf("wcxb dumps: exact titles %d of %d", titles, nArt+nForum)
	if fa < floorWCXBArticle {
		t.Errorf("WCXB article F1 %.4f fell below %.2f", fa, floorWCXBArticle)
	}
}

// TestTextQualityTrafilatura checks the trafilatura maintainers' snippets
// against the w3m dumps of their test pages: text that must be in the
// article ("with"), must not be ("without"), and must be in the comments.
// Only snippets that occur in the dump at all are counted (w3m wraps and
// hyphenates some, and some comments are loaded by script).
func TestTextQualityTrafilatura(t *testing.T) {
	shared := textSharedDir(t)
	raw, err := os.ReadFile(filepath.Join(shared, "data", "trafilatura_eval_comments", "evaldata_comments.json"))
	if err != nil {
		t.Fatalf("read trafilatura snippets: %v", err)
	}
	var pages []struct {
		ID       string   `json:"id"`
		With     []string `json:"with"`
		Without  []string `json:"without"`
		Comments []string `json:"comments"`
	}
	if err := json.Unmarshal(raw, &pages); err != nil {
		t.Fatalf("decode trafilatura snippets: %v", err)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(normalizeText(s)), " ") }
	var withN, withOK, withoutN, withoutOK, comN, comOK, comInBody int
	for _, p := range pages {
		dump, err := os.ReadFile(filepath.Join(shared, "data", "comment_pages_text", "pages", "traf_"+p.ID+".txt"))
		if err != nil {
			continue
		}
		s, err := DecodeText(dump)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		d, err := parseTextDoc(s)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		all := norm(s)
		art := norm(d.title + "\n" + strings.Join(d.captions, "\n") + "\n" + strings.Join(d.body, "\n"))
		com := norm(d.commentsText())
		for _, w := range p.With {
			if w = norm(w); strings.Contains(all, w) {
				withN++
				if strings.Contains(art, w) {
					withOK++
				} else if os.Getenv("TEXTQ_LIST") != "" {
					t.Logf("%s: article text missed: %.70q", p.ID, w)
				}
			}
		}
		for _, w := range p.Without {
			if w = norm(w); strings.Contains(all, w) {
				withoutN++
				if !strings.Contains(art, w) {
					withoutOK++
				} else if os.Getenv("TEXTQ_LIST") != "" {
					t.Logf("%s: furniture in the article: %.70q", p.ID, w)
				}
			}
		}
		for _, c := range p.Comments {
			if c = norm(c); strings.Contains(all, c) {
				comN++
				switch {
				case strings.Contains(com, c):
					comOK++
				case strings.Contains(art, c):
					comInBody++
				}
				if os.Getenv("TEXTQ_LIST") != "" && !strings.Contains(com, c) {
					t.Logf("%s: comment snippet not in comments: %.60q", p.ID, c)
				}
			}
		}
	}
	if withN+withoutN+comN == 0 {
		t.Skip("no trafilatura dumps found")
	}
	t.Logf("trafilatura dumps: article snippets found %d/%d, furniture snippets kept out %d/%d", withOK, withN, withoutOK, withoutN)
	t.Logf("trafilatura dumps: comment snippets in comments %d/%d (%d more landed in the body)", comOK, comN, comInBody)
	if r := float64(withOK) / float64(max(withN, 1)); r < floorTrafArticle {
		t.Errorf("article snippets found %.3f, below %.2f", r, floorTrafArticle)
	}
	if r := float64(comOK) / float64(max(comN, 1)); r < floorTrafComments {
		t.Errorf("comment snippets found %.3f, below %.2f", r, floorTrafComments)
	}
}
