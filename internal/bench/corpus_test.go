package bench_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/bench"
)

// writeData writes a tiny data folder in the layout of ../shared/data, with
// invented text: two BBC-style files (one Latin-1) and a repeat of the first,
// a Reuters SGML file (gzip) with one usable and one body-less record, and an
// AG News CSV with two rows.
func writeData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(p string, b []byte) {
		t.Helper()
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lantern := "Lantern makers merge in Dunwick\n\nThe two lantern makers of Dunwick agreed on Monday to merge. Harriet Quell, who runs the larger firm, called it a bright day for the harbour.\n\nWorkers at both sheds will keep their jobs, the firms said in a joint note.\n"
	write("bbc_news/bbc/business/001.txt", []byte(lantern))
	write("bbc_news/bbc/business/002.txt", []byte(strings.ToUpper(lantern[:1])+lantern[1:])) // same post again
	write("bbc_news/bbc/sport/001.txt", []byte("Rowing club wins cup\n\nThe Dunwick rowing club won the river cup and a prize of \xa3500 on Saturday.\n"))
	write("bbc_news/bbc/README.TXT", []byte("not an article\n"))
	sgml := `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="NO" NEWID="1">
<DATE> 1-MAR-1987 10:00:00.00</DATE>
<TEXT>&#2;
<TITLE>KELP HARVEST &lt;SEAWEED CO&gt; RISES</TITLE>
<DATELINE>    PORTWICK, March 1 - </DATELINE><BODY>The kelp harvest at Portwick rose
sharply in February, the Seaweed Co said.
    Output reached 40 tonnes against 31 tonnes
a year earlier.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<TEXT TYPE="BRIEF">&#2;
<TITLE>BRIEF ITEM WITHOUT BODY</TITLE>
&#3;</TEXT>
</REUTERS>
`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(sgml))
	zw.Close()
	write("reuters21578/reut2-000.sgm.gz", gz.Bytes())
	write("ag_news_test/test.csv", []byte("label,title,description\n"+
		"2,Ferry fares cut,\"The ferry company cut fares by #36;3 from May.\\Travellers welcomed the news.\"\n"+
		"4,Lighthouse gets a camera,A camera on the old lighthouse now streams the sea all day.\n"))
	return dir
}

func TestLoadDocs(t *testing.T) {
	docs, err := bench.LoadDocs(writeData(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []bench.Doc{
		{Source: "bbc", Title: "Lantern makers merge in Dunwick", Paras: []string{
			"The two lantern makers of Dunwick agreed on Monday to merge. Harriet Quell, who runs the larger firm, called it a bright day for the harbour.",
			"Workers at both sheds will keep their jobs, the firms said in a joint note."}},
		{Source: "bbc", Title: "Rowing club wins cup", Paras: []string{"The Dunwick rowing club won the river cup and a prize of £500 on Saturday."}},
		{Source: "reuters", Title: "KELP HARVEST <SEAWEED CO> RISES", Paras: []string{
			"The kelp harvest at Portwick rose sharply in February, the Seaweed Co said.",
			"Output reached 40 tonnes against 31 tonnes a year earlier."}},
		{Source: "agnews", Title: "Ferry fares cut", Paras: []string{"The ferry company cut fares by $3 from May. Travellers welcomed the news."}},
		{Source: "agnews", Title: "Lighthouse gets a camera", Paras: []string{"A camera on the old lighthouse now streams the sea all day."}},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d docs, want %d: %+v", len(docs), len(want), docs)
	}
	for i := range want {
		t.Run(want[i].Title, func(t *testing.T) {
			g, w := docs[i], want[i]
			if g.Source != w.Source || g.Title != w.Title || strings.Join(g.Paras, "|") != strings.Join(w.Paras, "|") {
				t.Errorf("doc %d =\n%+v\nwant\n%+v", i, g, w)
			}
		})
	}
}

func TestLoadDocsMissing(t *testing.T) {
	_, err := bench.LoadDocs(t.TempDir())
	if !errors.Is(err, bench.ErrNoData) {
		t.Errorf("err = %v, want ErrNoData", err)
	}
}

func build(t *testing.T, dataDir, dir string, n int, seed uint64) (*bench.Corpus, []string) {
	t.Helper()
	docs, err := bench.LoadDocs(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := bench.NewGenerator(docs, seed)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	c, err := g.Build(context.Background(), dir, n, func(f string, a ...any) { lines = append(lines, f) })
	if err != nil {
		t.Fatal(err)
	}
	return c, lines
}

func readPosts(t *testing.T, c *bench.Corpus) []string {
	t.Helper()
	var out []string
	for i := 0; i < c.Posts; i++ {
		b, err := os.ReadFile(bench.PostPath(c.PostsDir(), i))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

var responses = regexp.MustCompile(`(?m)^(\d+) Responses to (.*)$`)

func TestBuild(t *testing.T) {
	data := writeData(t)
	a, _ := build(t, data, t.TempDir(), 12, 42)
	b, _ := build(t, data, t.TempDir(), 12, 42)
	small, _ := build(t, data, t.TempDir(), 4, 42)
	other, _ := build(t, data, t.TempDir(), 12, 43)

	t.Run("deterministic", func(t *testing.T) {
		if a.SHA256 != b.SHA256 || a.Bytes != b.Bytes || a.Comments != b.Comments {
			t.Errorf("two builds differ: %s/%d/%d vs %s/%d/%d", a.SHA256, a.Bytes, a.Comments, b.SHA256, b.Bytes, b.Comments)
		}
		pa, pb := readPosts(t, a), readPosts(t, b)
		for i := range pa {
			if pa[i] != pb[i] {
				t.Fatalf("post %d differs between builds", i)
			}
		}
		if other.SHA256 == a.SHA256 {
			t.Error("another seed built the same corpus")
		}
	})
	t.Run("smaller corpus is a prefix", func(t *testing.T) {
		ps, pa := readPosts(t, small), readPosts(t, a)
		for i := range ps {
			if ps[i] != pa[i] {
				t.Errorf("post %d of the 4-post corpus differs from the 12-post one", i)
			}
		}
	})
	t.Run("posts, copies and comments", func(t *testing.T) {
		posts := readPosts(t, a)
		seen := map[string]bool{}
		comments, total := 0, int64(0)
		suffixed := 0
		for i, p := range posts {
			total += int64(len(p))
			if seen[p] {
				t.Errorf("post %d repeats an earlier post", i)
			}
			seen[p] = true
			title, _, _ := strings.Cut(p, "\n")
			if !strings.Contains(p, "\nRef: "+strconv.Itoa(i+1)+"\n") {
				t.Errorf("post %d has no Ref line", i)
			}
			if strings.Contains(title, " #") {
				suffixed++
			}
			if m := responses.FindStringSubmatch(p); m != nil {
				n, _ := strconv.Atoi(m[1])
				comments += n
				if m[2] != title {
					t.Errorf("post %d: responses line names %q, title is %q", i, m[2], title)
				}
				if got := strings.Count(p, " says:\n"); got != n {
					t.Errorf("post %d: %d comments for %d responses", i, got, n)
				}
			}
		}
		if comments != a.Comments || total != a.Bytes {
			t.Errorf("manifest says %d comments, %d bytes; files have %d, %d", a.Comments, a.Bytes, comments, total)
		}
		// 5 source documents, 12 posts: posts 5..11 are copies.
		if suffixed != 7 || a.Copies != 3 || a.BaseDocs != 5 {
			t.Errorf("%d titles with a copy suffix, copies %d, base docs %d; want 7, 3, 5", suffixed, a.Copies, a.BaseDocs)
		}
		if a.Dirs != 1 || a.Sources["bbc"]+a.Sources["reuters"]+a.Sources["agnews"] != 12 {
			t.Errorf("dirs %d, sources %v", a.Dirs, a.Sources)
		}
	})
	t.Run("cached", func(t *testing.T) {
		dir := t.TempDir()
		first, lines := build(t, data, dir, 6, 42)
		if strings.Contains(strings.Join(lines, "\n"), "cached") {
			t.Fatalf("first build reported a cache hit: %q", lines)
		}
		again, lines := build(t, data, dir, 6, 42)
		if !strings.Contains(strings.Join(lines, "\n"), "cached") || again.SHA256 != first.SHA256 {
			t.Errorf("second build did not reuse the corpus: %q", lines)
		}
		bigger, lines := build(t, data, dir, 8, 42)
		if strings.Contains(strings.Join(lines, "\n"), "cached") || bigger.Posts != 8 {
			t.Errorf("a build of another size reused the cache: %q", lines)
		}
		if _, err := os.Stat(bench.PostPath(bigger.PostsDir(), 7)); err != nil {
			t.Error(err)
		}
	})
}
