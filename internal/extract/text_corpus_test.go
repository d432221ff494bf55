package extract_test

// The benchmark corpus (cmd/morgue-bench builds it under /tmp/morgue-bench)
// is made of plain news posts in the intelNews text-dump shape: a headline,
// body paragraphs, a "Ref: n" line, then "N Responses to <title>" and
// numbered "Name says:" comments. Its layout is known, so every post can be
// checked field by field. The corpus is generated from third-party data and
// lives outside the repository; the test skips when it is absent.

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
)

// benchCorpusDir returns the posts folder of the cached 10k corpus
// ($MORGUE_BENCH_CORPUS, else /tmp/morgue-bench/corpus-10k), or skips.
func benchCorpusDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("MORGUE_BENCH_CORPUS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "morgue-bench", "corpus-10k")
	}
	posts := filepath.Join(dir, "posts")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Skipf("benchmark corpus not found at %s (run morgue-bench or set MORGUE_BENCH_CORPUS): %v", dir, err)
	}
	return posts
}

// corpusPost is what the generator wrote into one post.
type corpusPost struct {
	title    string
	body     string // paragraphs joined by "\n\n", the "Ref:" line included
	count    int    // N of "N Responses to"
	authors  []string
	comments []string
}

var corpusHeadRE = regexp.MustCompile(`^(\d+) Responses to `)
var corpusSaysRE = regexp.MustCompile(`^  (\d+)\. (.+) says:$`)

// dropListMarker drops the "- " that opens a list item (and the dashes of
// a rule, "- - -", but the last): the extractor
// keeps list items as paragraphs of their own, without the marker (as the
// HTML extractor does with <li>).
func dropListMarker(s string) string {
	for {
		t := strings.TrimLeft(s, " ")
		if !strings.HasPrefix(t, "- ") {
			return s
		}
		s = t[2:]
	}
}

// readCorpusPost reads a post by the generator's own layout (see
// internal/bench corpus.go Post).
func readCorpusPost(s string) corpusPost {
	lines := strings.Split(strings.ReplaceAll(s, "\u00a0", " "), "\n")
	var p corpusPost
	p.title = strings.Join(strings.Fields(lines[0]), " ")
	var paras, cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(strings.Fields(strings.Join(cur, " ")), " "))
			cur = nil
		}
	}
	i := 1
	for ; i < len(lines); i++ {
		if m := corpusHeadRE.FindStringSubmatch(lines[i]); m != nil && i > 0 && lines[i-1] == "" && strings.HasPrefix(lines[i-2], "Ref: ") {
			p.count, _ = strconv.Atoi(m[1])
			break
		}
		if strings.TrimSpace(lines[i]) == "" {
			flush()
			continue
		}
		cur = append(cur, dropListMarker(lines[i]))
	}
	flush()
	p.body = strings.Join(paras, "\n\n")
	for ; i < len(lines); i++ {
		if m := corpusSaysRE.FindStringSubmatch(lines[i]); m != nil {
			p.authors = append(p.authors, m[2])
			p.comments = append(p.comments, "")
			continue
		}
		if t := dropListMarker(strings.TrimSpace(lines[i])); t != "" && len(p.comments) > 0 {
			k := len(p.comments) - 1
			p.comments[k] = strings.TrimSpace(p.comments[k] + " " + t)
		}
	}
	return p
}

// TestParseTextBenchCorpus parses every post of the cached benchmark corpus
// and checks it against the layout the generator wrote.
func TestParseTextBenchCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole benchmark corpus")
	}
	dir := benchCorpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no posts under %s: %v", dir, err)
	}
	var posts, noTitle, noBody, titleOK, bodyOK, countOK, commentsOK int
	var bad []string
	note := func(f, what string) {
		if len(bad) < 20 {
			bad = append(bad, filepath.Join(filepath.Base(filepath.Dir(f)), filepath.Base(f))+": "+what)
		}
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := extract.DecodeText(raw)
		if err != nil {
			t.Fatalf("decode %s: %v", f, err)
		}
		a, err := extract.ParseText(s)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		want := readCorpusPost(s)
		posts++
		if a.Title == "" {
			noTitle++
		}
		if a.Body == "" {
			noBody++
		}
		if a.Title == want.title {
			titleOK++
		} else {
			note(f, "title "+strconv.Quote(a.Title))
		}
		if a.Body == want.body {
			bodyOK++
		} else {
			note(f, "body differs")
		}
		if a.ResponseCount != want.count {
			t.Errorf("%s: response count %d, want the stated %d", f, a.ResponseCount, want.count)
		}
		if len(a.Comments) == want.count {
			countOK++
		} else {
			note(f, "comments "+strconv.Itoa(len(a.Comments))+", stated "+strconv.Itoa(want.count))
		}
		same := len(a.Comments) == len(want.authors)
		for k := 0; same && k < len(a.Comments); k++ {
			c := a.Comments[k]
			same = c.Author == want.authors[k] && c.Body == want.comments[k] && c.Number == k+1 && c.Parent == ""
		}
		if same {
			commentsOK++
		}
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(posts) }
	t.Logf("%d posts: title exact %.2f%%, body exact %.2f%%, comment count as stated %.2f%%, comments exact %.2f%%",
		posts, pct(titleOK), pct(bodyOK), pct(countOK), pct(commentsOK))
	for _, b := range bad {
		t.Log(b)
	}
	if noTitle > 0 || noBody > 0 {
		t.Errorf("%d posts without a title, %d without a body", noTitle, noBody)
	}
	if pct(countOK) < 99 {
		t.Errorf("comment count matches the stated count for %.2f%% of posts, want >= 99%%", pct(countOK))
	}
	// Floors under the figures reached (99.99%, 99.86%, 99.98% on the 10k
	// corpus): every content line in the body, list markers aside.
	for _, f := range []struct {
		what string
		n    int
	}{{"exact titles", titleOK}, {"exact bodies", bodyOK}, {"exact comments", commentsOK}} {
		if pct(f.n) < 99 {
			t.Errorf("%s for %.2f%% of posts, want >= 99%%", f.what, pct(f.n))
		}
	}
}
