package archive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/extract"
	"github.com/morgue-archive/morgue/internal/news"
	"github.com/morgue-archive/morgue/internal/store"
)

// IngestOptions control an ingest.
type IngestOptions struct {
	Format   extract.Format    // Auto detects per file
	Source   string            // overrides the source name of every post
	Map      map[string]string // JSON Lines field mapping
	Jobs     int               // parallel extractors; 0 means one per CPU
	Stdin    io.Reader         // read for the path "-"
	Progress news.Progress     // counts input bytes
	// OnError is called, from one goroutine at a time, for every input or
	// record that could not be ingested; the ingest goes on.
	OnError func(err error)
}

// IngestStats counts what an ingest did.
type IngestStats struct {
	Files     int   `json:"files"`     // inputs read
	Skipped   int   `json:"skipped"`   // inputs unchanged since the last ingest, not read again
	Added     int   `json:"added"`     // new posts
	Updated   int   `json:"updated"`   // posts whose content changed
	Unchanged int   `json:"unchanged"` // posts read again with nothing new
	Comments  int   `json:"comments"`  // comments in added and updated posts
	Failed    int   `json:"failed"`    // inputs or records that could not be ingested
	Ignored   int   `json:"ignored"`   // records skipped on purpose (e.g. WARC requests)
	Bytes     int64 `json:"bytes"`     // input bytes read
}

// input is one file (or stdin) to ingest.
type input struct {
	path string // as given, or "-"
	key  string // absolute path, the sources bucket key
	size int64
	mod  time.Time
}

// post is one extracted article ready to store, or a count of unchanged ones.
type batchItem struct {
	put       *store.Put
	unchanged bool
	source    *store.Source // set on the last item of an input
	err       error
	ignored   bool
	bytes     int64
}

// Ingest reads every path (files, directories recursively, "-" for
// opt.Stdin) and stores and indexes the posts found. Bad inputs are reported
// through opt.OnError and counted; the others go on. When ctx is cancelled,
// Ingest stops after the batch being written and returns ctx's error with
// the stats of what was committed.
func (a *Archive) Ingest(ctx context.Context, paths []string, opt IngestOptions) (IngestStats, error) {
	var stats IngestStats
	if opt.Progress == nil {
		opt.Progress = news.NoProgress
	}
	if opt.OnError == nil {
		opt.OnError = func(error) {}
	}
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	size0 := a.st.Size()
	inputs, total, errs := listInputs(paths)
	for _, err := range errs {
		stats.Failed++
		opt.OnError(err)
	}
	opt.Progress.SetTotal(total)
	defer opt.Progress.Done()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan input)
	items := make(chan batchItem, 256)
	go func() {
		defer close(work)
		for _, in := range inputs {
			select {
			case work <- in:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for in := range work {
				if ctx.Err() != nil {
					return
				}
				a.extractInput(ctx, in, opt, items)
			}
		}()
	}
	go func() { wg.Wait(); close(items) }()

	err := a.writeLoop(ctx, items, &stats, opt)
	if err != nil {
		cancel()
		for range items { // let the extractors finish
		}
		return stats, err
	}
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	// A bulk ingest leaves the store's pages about a third empty (see
	// store.Compact); when this one grew the file by a quarter or more,
	// rewriting it is worth the time (about 2% of the ingest's).
	if size := a.st.Size(); size >= compactMin && (size-size0)*4 >= size {
		if _, _, err := a.st.Compact(); err != nil {
			a.Notice("%v (the archive is fine, only larger than it needs to be)", err)
		}
	}
	return stats, nil
}

// compactMin is the store size below which compaction is not worth doing.
const compactMin = 1 << 20

// listInputs expands paths into files, in a stable order.
func listInputs(paths []string) (out []input, total int64, errs []error) {
	for _, p := range paths {
		if p == "-" {
			out = append(out, input{path: "-", key: "-"})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, errors.Unwrap(err)))
			continue
		}
		if !fi.IsDir() {
			abs, _ := filepath.Abs(p)
			out = append(out, input{path: p, key: abs, size: fi.Size(), mod: fi.ModTime()})
			total += fi.Size()
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, errors.Unwrap(err)))
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, err))
				return nil
			}
			abs, _ := filepath.Abs(path)
			out = append(out, input{path: path, key: abs, size: fi.Size(), mod: fi.ModTime()})
			total += fi.Size()
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return out, total, errs
}

// extractInput reads one input and sends its posts (or its error) to items.
func (a *Archive) extractInput(ctx context.Context, in input, opt IngestOptions, items chan<- batchItem) {
	fail := func(err error) {
		items <- batchItem{err: fmt.Errorf("%s: %w", in.path, err), bytes: in.size}
	}
	src := &store.Source{Path: in.key, Size: in.size, MTime: in.mod.UnixNano()}
	var old store.Source
	var known bool
	if in.key != "-" {
		var err error
		old, known, err = a.st.Source(in.key)
		if err != nil {
			fail(err)
			return
		}
		if known && old.Size == in.size && old.MTime == src.MTime {
			items <- batchItem{unchanged: true, bytes: in.size, source: nil, put: nil, ignored: false, err: errSkipFile}
			return
		}
	}
	var r io.Reader
	if in.key == "-" {
		if opt.Stdin == nil {
			fail(errors.New("no standard input"))
			return
		}
		r = opt.Stdin
	} else {
		f, err := os.Open(in.path)
		if err != nil {
			fail(errors.Unwrap(err))
			return
		}
		defer f.Close()
		r = f
	}
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, h), 64<<10)
	name := in.path
	gz := false
	if head, _ := br.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
		gz = true
		zr, err := gzip.NewReader(br)
		if err != nil {
			fail(fmt.Errorf("gzip: %w", err))
			return
		}
		defer zr.Close()
		r = zr
		name = strings.TrimSuffix(name, ".gz")
	} else if strings.HasSuffix(name, ".gz") {
		fail(fmt.Errorf("%w: named .gz but not gzip data", news.ErrBadInput))
		return
	} else {
		r = br
	}
	var posts []*store.Put
	var recErrs []error
	ignored := 0
	err := extract.Extract(r, extract.Options{Name: name, Format: opt.Format, Source: opt.Source, Map: opt.Map}, func(rec extract.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		switch {
		case rec.Err != nil: // the error says where in the input
			recErrs = append(recErrs, fmt.Errorf("%s: %w", in.path, rec.Err))
		case rec.Skip != "":
			ignored++
		default:
			posts = append(posts, &store.Put{Article: rec.Article, Raw: rec.Raw})
		}
		return nil
	})
	for _, e := range recErrs {
		items <- batchItem{err: e}
	}
	for range ignored {
		items <- batchItem{ignored: true}
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		if gz && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.EOF)) {
			err = fmt.Errorf("corrupt or truncated gzip data: %w", err)
		}
		fail(err)
		return
	}
	src.SHA256 = hex.EncodeToString(h.Sum(nil))
	reuse := ""
	if known && len(old.IDs) == 1 && len(posts) == 1 {
		reuse = old.IDs[0]
	}
	now := time.Now().UTC().Truncate(time.Second)
	for i, p := range posts {
		art := p.Article
		art.Origin.Path = in.key
		if art.Origin.SHA256 == "" || len(posts) == 1 {
			sum := sha256.Sum256(p.Raw)
			art.Origin.SHA256 = hex.EncodeToString(sum[:])
		}
		art.Origin.IngestedAt = now
		if err := a.prepare(art, reuse); err != nil {
			fail(err)
			return
		}
		p.Hash = contentHash(art)
		src.IDs = append(src.IDs, art.ID)
		it := batchItem{put: p}
		if i == len(posts)-1 {
			it.source, it.bytes = src, in.size
		}
		items <- it
	}
	if len(posts) == 0 {
		if len(recErrs) == 0 && ignored == 0 {
			fail(fmt.Errorf("%w: no post found", news.ErrBadInput))
			return
		}
		items <- batchItem{source: src, bytes: in.size, ignored: true, unchanged: true, err: errSkipFile}
	}
}

// errSkipFile marks an item that only accounts for a file's bytes.
var errSkipFile = errors.New("skip")

// prepare assigns ids and derived fields (entities) to a freshly extracted
// article.
func (a *Archive) prepare(art *news.Article, reuseID string) error {
	if art.URL != "" {
		if c := extract.CanonicalURL(art.URL); c != "" {
			art.URL = c
		}
	}
	switch {
	case art.URL != "":
		art.ID = shortHash("url\x00" + art.URL)
	case reuseID != "":
		art.ID = reuseID
	case normalise(art.Title) == "" && normalise(art.Body) == "":
		// Nothing to tell copies apart by but the input itself.
		art.ID = shortHash("raw\x00" + art.Origin.SHA256)
	default:
		art.ID = shortHash("text\x00" + normalise(art.Title) + "\x00" + normalise(art.Body))
	}
	for i := range art.Comments {
		c := &art.Comments[i]
		if c.Number == 0 {
			c.Number = i + 1
		}
		c.ID = news.CommentID(art.ID, c.Number)
		c.ArticleID = art.ID
		if c.Parent != "" && !strings.Contains(c.Parent, "#c") {
			var n int
			if _, err := fmt.Sscanf(c.Parent, "%d", &n); err == nil && n > 0 {
				c.Parent = news.CommentID(art.ID, n)
			} else {
				c.Parent = ""
			}
		}
	}
	if err := annotate(art); err != nil {
		return err
	}
	if art.Published.IsZero() {
		art.Published = entity.PublishedGuess(art.Body)
	}
	return nil
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// normalise folds case and whitespace so trivially different copies of a
// post get one id.
func normalise(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// contentHash identifies an article's content, without where or when it
// was ingested.
func contentHash(art *news.Article) string {
	o := art.Origin
	art.Origin = news.Origin{Parser: o.Parser}
	b, _ := json.Marshal(art)
	art.Origin = o
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// writeLoop stores items in batches and hands each stored batch to an
// indexing goroutine, so that extraction, the store's commit and the index's
// commit overlap. Index entries are marked pending in the store's
// transaction and cleared in a later one once the index has them.
func (a *Archive) writeLoop(ctx context.Context, items <-chan batchItem, stats *IngestStats, opt IngestOptions) error {
	const maxPosts = 1000
	type indexJob struct {
		arts     []*news.Article
		old      []int
		progress int64
	}
	jobs := make(chan indexJob, 1)
	var (
		mu      sync.Mutex
		indexed []string // ids the index has, still marked pending
		ierr    error
	)
	idone := make(chan struct{})
	go func() {
		defer close(idone)
		for j := range jobs {
			if ierr != nil {
				continue
			}
			b := a.ix.NewBatch()
			ids := make([]string, len(j.arts))
			for i, art := range j.arts {
				if err := b.AddArticle(art, indexTerms(art), j.old[i]); err != nil {
					ierr = err
					break
				}
				ids[i] = art.ID
			}
			if ierr == nil {
				ierr = a.ix.Apply(b)
			}
			if ierr == nil {
				mu.Lock()
				indexed = append(indexed, ids...)
				mu.Unlock()
				opt.Progress.Add(j.progress)
			}
		}
	}()

	var puts []store.Put
	var sources []store.Source
	var progress int64
	files := 0
	flush := func() error {
		if len(puts) == 0 && len(sources) == 0 {
			return nil
		}
		mu.Lock()
		clear := indexed
		indexed = nil
		mu.Unlock()
		results, err := a.st.Write(puts, sources, clear)
		if err != nil {
			return err
		}
		var j indexJob
		for i, r := range results {
			art := puts[i].Article
			switch r.Outcome {
			case store.Added:
				stats.Added++
			case store.Updated:
				stats.Updated++
			case store.Unchanged:
				stats.Unchanged++
				continue
			}
			stats.Comments += len(art.Comments)
			if err := a.register(art); err != nil {
				return err
			}
			j.arts = append(j.arts, art)
			j.old = append(j.old, r.OldComments)
		}
		j.progress = progress
		jobs <- j
		stats.Files += files
		files, progress = 0, 0
		puts, sources = nil, nil
		return nil
	}
	err := func() error {
		for it := range items {
			stats.Bytes += it.bytes
			progress += it.bytes
			switch {
			case errors.Is(it.err, errSkipFile):
				if it.ignored {
					stats.Ignored++
					stats.Files++
				} else {
					stats.Skipped++
				}
				if it.source != nil {
					sources = append(sources, *it.source)
				}
			case it.err != nil:
				stats.Failed++
				opt.OnError(it.err)
			case it.ignored:
				stats.Ignored++
			default:
				puts = append(puts, *it.put)
				if it.source != nil {
					sources = append(sources, *it.source)
					files++
				}
			}
			if len(puts) >= maxPosts || len(sources) >= 4*maxPosts || (len(items) == 0 && len(puts) >= maxPosts/4) {
				if err := flush(); err != nil {
					return err
				}
			}
			if ctx.Err() != nil {
				break
			}
		}
		return flush()
	}()
	close(jobs)
	<-idone
	if err == nil {
		err = ierr
	}
	if err == nil && len(indexed) > 0 {
		err = a.st.ClearPending(indexed)
	}
	if err == nil {
		err = a.saveRegistry()
	}
	return err
}
