package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// GeneratorVersion changes whenever the generator writes different bytes for
// the same input or picks queries differently; cached corpora of another
// version are rebuilt.
const GeneratorVersion = 4

// Seed is the fixed seed of every random choice the generator makes.
const Seed uint64 = 0x6d6f72677565 // "morgue"

// PostsPerDir is how many post files share one directory.
const PostsPerDir = 1000

// Corpus describes a built corpus; it is stored as manifest.json beside the
// posts/ folder and is written last, so its presence marks a complete build.
type Corpus struct {
	Version   int            `json:"version"`
	Seed      uint64         `json:"seed"`
	DataHash  string         `json:"data_hash"` // of the source documents the corpus was built from
	Posts     int            `json:"posts"`
	Comments  int            `json:"comments"`
	Dirs      int            `json:"dirs"`
	Bytes     int64          `json:"bytes"`
	SHA256    string         `json:"sha256"` // of all posts' bytes in order
	BaseDocs  int            `json:"base_docs"`
	Sources   map[string]int `json:"sources"` // posts per source data set
	Copies    int            `json:"copies"`  // most times one source document is used
	BuildTime float64        `json:"build_seconds"`
	Queries   Picks          `json:"queries"`
	Mix       []Query        `json:"mix"` // for the 1,000-query in-process runs

	Dir string `json:"-"` // folder holding manifest.json and posts/
}

// PostsDir is the folder of post files that every tool ingests or searches.
func (c *Corpus) PostsDir() string { return filepath.Join(c.Dir, "posts") }

// Generator turns source documents into numbered posts. Post i depends only on
// i, the documents and the seed, so corpora of different sizes share their
// first posts.
type Generator struct {
	docs      []Doc
	perm      []int
	sentences []string
	seed      uint64
	hash      string
}

// NewGenerator shuffles docs with seed and collects the sentences that
// comments are sampled from.
func NewGenerator(docs []Doc, seed uint64) (*Generator, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("%w: no source documents", ErrNoData)
	}
	g := &Generator{docs: docs, seed: seed}
	rng := rand.New(rand.NewPCG(seed, 0))
	g.perm = rng.Perm(len(docs))
	h := sha256.New()
	for _, d := range docs {
		h.Write([]byte(d.Source + "\x00" + d.Title + "\x00"))
		for _, p := range d.Paras {
			h.Write([]byte(p + "\x00"))
			g.sentences = appendSentences(g.sentences, p)
		}
	}
	if len(g.sentences) == 0 {
		return nil, fmt.Errorf("%w: source documents have no sentences", ErrNoData)
	}
	g.hash = hex.EncodeToString(h.Sum(nil))
	return g, nil
}

// appendSentences splits a paragraph at ". " before a capital letter and keeps
// sentences of 40 to 300 bytes.
func appendSentences(out []string, p string) []string {
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if (p[i] == '.' || p[i] == '?' || p[i] == '!') && p[i+1] == ' ' && p[i+2] >= 'A' && p[i+2] <= 'Z' {
			out = keepSentence(out, p[start:i+1])
			start = i + 2
		}
	}
	return keepSentence(out, p[start:])
}

func keepSentence(out []string, s string) []string {
	if s = strings.TrimSpace(s); len(s) >= 40 && len(s) <= 300 {
		out = append(out, s)
	}
	return out
}

// Post writes post i (0-based) as a scraped page dumped to text and returns
// the number of comments in it and the source document's index:
//
//	Title
//
//	Body paragraph…
//
//	Ref: 1234
//
//	3 Responses to Title
//
//	  1. Name says:
//
//	    Comment text…
//
// Copies of a source document after the first get " #2", " #3"… after the
// title, and every post has its own "Ref:" line, so no two posts are equal.
func (g *Generator) Post(i int, buf *bytes.Buffer) (comments, doc int) {
	nb := len(g.perm)
	doc = g.perm[i%nb]
	d := g.docs[doc]
	title := d.Title
	if c := i / nb; c > 0 {
		title += " #" + strconv.Itoa(c+1)
	}
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)+1))
	buf.WriteString(title)
	buf.WriteString("\n\n")
	for _, p := range d.Paras {
		buf.WriteString(p)
		buf.WriteString("\n\n")
	}
	fmt.Fprintf(buf, "Ref: %d\n", i+1)
	comments = [...]int{0, 0, 1, 1, 2, 2, 3, 3, 4, 5}[rng.IntN(10)]
	if comments == 0 {
		return 0, doc
	}
	fmt.Fprintf(buf, "\n%d Responses to %s\n", comments, title)
	for k := 1; k <= comments; k++ {
		name := firstNames[rng.IntN(len(firstNames))] + " " + lastNames[rng.IntN(len(lastNames))]
		fmt.Fprintf(buf, "\n  %d. %s says:\n\n    ", k, name)
		for s := 0; s <= rng.IntN(2); s++ {
			if s > 0 {
				buf.WriteByte(' ')
			}
			buf.WriteString(g.sentences[rng.IntN(len(g.sentences))])
		}
		buf.WriteByte('\n')
	}
	return comments, doc
}

// PostPath is the file of post i below the posts folder.
func PostPath(postsDir string, i int) string {
	return filepath.Join(postsDir, fmt.Sprintf("%04d", i/PostsPerDir), fmt.Sprintf("%07d.txt", i))
}

// Progress receives progress lines.
type Progress func(format string, args ...any)

// Build returns the corpus of n posts in dir, building it unless dir already
// holds a complete one made by this generator version from the same data.
func (g *Generator) Build(ctx context.Context, dir string, n int, progress Progress) (*Corpus, error) {
	if progress == nil {
		progress = func(string, ...any) {}
	}
	if c, err := LoadCorpus(dir); err == nil && c.Version == GeneratorVersion && c.Seed == g.seed && c.Posts == n && c.DataHash == g.hash {
		progress("corpus %s: cached (%d posts, %s)", dir, c.Posts, FormatBytes(c.Bytes))
		return c, nil
	}
	start := time.Now()
	posts := filepath.Join(dir, "posts")
	manifest := filepath.Join(dir, "manifest.json")
	if err := os.Remove(manifest); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("remove %s: %w", manifest, err)
	}
	if err := os.RemoveAll(posts); err != nil {
		return nil, fmt.Errorf("remove %s: %w", posts, err)
	}
	c := &Corpus{Version: GeneratorVersion, Seed: g.seed, DataHash: g.hash, Posts: n, BaseDocs: len(g.docs),
		Sources: map[string]int{}, Dir: dir}
	st := NewStats(n)
	sum := sha256.New()
	var buf bytes.Buffer
	for i := 0; i < n; i++ {
		if i%PostsPerDir == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := os.MkdirAll(filepath.Dir(PostPath(posts, i)), 0o755); err != nil {
				return nil, fmt.Errorf("make corpus folder: %w", err)
			}
			c.Dirs++
		}
		if i > 0 && i%(max(n/10, PostsPerDir)) == 0 {
			progress("corpus %s: %d/%d posts", dir, i, n)
		}
		buf.Reset()
		nc, doc := g.Post(i, &buf)
		c.Comments += nc
		c.Sources[g.docs[doc].Source]++
		c.Bytes += int64(buf.Len())
		sum.Write(buf.Bytes())
		st.Add(buf.Bytes())
		if err := os.WriteFile(PostPath(posts, i), buf.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("write post: %w", err)
		}
	}
	// Phrases and two-word pairs come from the first source documents used.
	for i := 0; i < min(n, len(g.perm), phraseSampleDocs); i++ {
		st.AddSample(g.docs[g.perm[i]])
	}
	c.Copies = (n + len(g.perm) - 1) / len(g.perm)
	c.SHA256 = hex.EncodeToString(sum.Sum(nil))
	c.Queries = st.Pick(g.seed)
	c.Mix = st.Mix(g.seed, MixSize)
	c.BuildTime = time.Since(start).Seconds()
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	if err := os.WriteFile(manifest, append(b, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	progress("corpus %s: built %d posts, %s in %.1fs", dir, n, FormatBytes(c.Bytes), c.BuildTime)
	return c, nil
}

// LoadCorpus reads the manifest of the corpus in dir.
func LoadCorpus(dir string) (*Corpus, error) {
	p := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	var c Corpus
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("decode %s: %w", p, err)
	}
	c.Dir = dir
	return &c, nil
}

// ParseSize reads a corpus size: a number with an optional k or m suffix
// ("10k", "1m", "2500").
func ParseSize(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := 1
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1000, strings.TrimSuffix(t, "k")
	case strings.HasSuffix(t, "m"):
		mult, t = 1000000, strings.TrimSuffix(t, "m")
	}
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number with an optional k or m suffix", s)
	}
	return n * mult, nil
}

// SizeLabel is the inverse of ParseSize for round sizes ("10k", "1m").
func SizeLabel(n int) string {
	switch {
	case n >= 1000000 && n%1000000 == 0:
		return strconv.Itoa(n/1000000) + "m"
	case n >= 1000 && n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// FormatBytes renders a byte count with a binary unit.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
