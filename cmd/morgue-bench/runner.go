package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/morgue-archive/morgue/internal/bench"
)

// stat is one measure of one tool: the raw samples and their medians.
type stat struct {
	Command   string    `json:"command,omitempty"`
	WallMS    []float64 `json:"wall_ms,omitempty"`
	CPUMS     []float64 `json:"cpu_ms,omitempty"` // user + system
	MaxRSS    []int64   `json:"max_rss_bytes,omitempty"`
	MedianMS  float64   `json:"median_ms,omitempty"`
	MedianRSS int64     `json:"median_max_rss_bytes,omitempty"`
	Matches   *int      `json:"matches,omitempty"` // as the tool reports them
	Count     *int      `json:"count,omitempty"`   // posts matching, counted apart (sqlite)
	Records   int64     `json:"records,omitempty"`
	Bytes     int64     `json:"bytes,omitempty"`
	P50MS     float64   `json:"p50_ms,omitempty"`
	P99MS     float64   `json:"p99_ms,omitempty"`
	MeanMS    float64   `json:"mean_ms,omitempty"`
	Queries   int       `json:"queries,omitempty"`
	Note      string    `json:"note,omitempty"`
	Skipped   string    `json:"skipped,omitempty"`
	Error     string    `json:"error,omitempty"`
}

func (s *stat) add(r bench.Result) {
	s.WallMS = append(s.WallMS, ms(r.Wall))
	s.CPUMS = append(s.CPUMS, ms(r.User+r.Sys))
	s.MaxRSS = append(s.MaxRSS, r.MaxRSS)
	s.MedianMS = bench.Median(s.WallMS)
	rss := make([]float64, len(s.MaxRSS))
	for i, v := range s.MaxRSS {
		rss[i] = float64(v)
	}
	s.MedianRSS = int64(bench.Median(rss))
}

// measured reports a stat holding a figure: timed runs, a size or a batch.
func (s *stat) measured() bool { return len(s.WallMS) > 0 || s.Bytes > 0 || s.Queries > 0 }

// ok reports a measure with at least one sample and no error.
func (s *stat) ok() bool { return s != nil && s.Error == "" && s.Skipped == "" && len(s.WallMS) > 0 }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// sizeResult is everything measured at one corpus size; it is written as JSON.
type sizeResult struct {
	Schema   int                         `json:"schema"`
	Date     string                      `json:"date"`
	Quick    bool                        `json:"quick"`
	Size     int                         `json:"size"`
	Label    string                      `json:"label"`
	Machine  machine                     `json:"machine"`
	Corpus   corpusInfo                  `json:"corpus"`
	Queries  bench.Picks                 `json:"queries"`
	Repeats  map[string]int              `json:"repeats"`
	Tools    map[string]map[string]*stat `json:"tools"`              // tool key → measure key → stat
	Errors   []string                    `json:"errors,omitempty"`   // measures that failed
	Warnings []string                    `json:"warnings,omitempty"` // results that do not match the corpus
	Notes    []string                    `json:"notes,omitempty"`
	Started  time.Time                   `json:"started"`
	Finished time.Time                   `json:"finished"`
	LoadAvg  [2]string                   `json:"loadavg"` // /proc/loadavg at start and end
}

type corpusInfo struct {
	Dir          string         `json:"dir"`
	Posts        int            `json:"posts"`
	Comments     int            `json:"comments"`
	Bytes        int64          `json:"bytes"`
	Dirs         int            `json:"dirs"`
	SHA256       string         `json:"sha256"`
	Sources      map[string]int `json:"sources"`
	Copies       int            `json:"copies"`
	BuildSeconds float64        `json:"build_seconds"`
}

func (r *sizeResult) stat(t tool, measure string) *stat {
	m := r.Tools[t.Key()]
	if m == nil {
		m = map[string]*stat{}
		r.Tools[t.Key()] = m
	}
	s := m[measure]
	if s == nil {
		s = &stat{}
		m[measure] = s
	}
	return s
}

// get returns a measure or nil.
func (r *sizeResult) get(key, measure string) *stat {
	if m := r.Tools[key]; m != nil {
		return m[measure]
	}
	return nil
}

// record notes an error, or a not-applicable skip, in s.
func (r *sizeResult) record(s *stat, name string, err error) {
	switch {
	case errors.Is(err, errNA):
		s.Skipped = "not applicable"
	default:
		s.Error = err.Error()
		r.Errors = append(r.Errors, name+": "+err.Error())
	}
}

// rotate returns tools starting at index k, so that no tool always runs first.
func rotate(tools []tool, k int) []tool {
	out := make([]tool, 0, len(tools))
	for i := range tools {
		out = append(out, tools[(i+k)%len(tools)])
	}
	return out
}

// queryKeys names the query measures in report order.
var queryKeys = []string{"rare", "common", "and", "phrase", "or"}

func pickByKey(p bench.Picks, key string) bench.Query {
	switch key {
	case "rare":
		return p.Rare
	case "common":
		return p.Common
	case "and":
		return p.And
	case "phrase":
		return p.Phrase
	case "or":
		return p.Or
	}
	return bench.Query{}
}

func runSize(ctx context.Context, cfg *config, gen *bench.Generator, tools []tool, n int, mach machine, logf bench.Progress) (*sizeResult, error) {
	label := bench.SizeLabel(n)
	c, err := gen.Build(ctx, corpusDir(cfg, n), n, logf)
	if err != nil {
		return nil, err
	}
	posts := c.PostsDir()
	ingestReps, queryReps, exportReps := cfg.reps(n)
	res := &sizeResult{
		Schema: 1, Date: time.Now().Format("2006-01-02"), Quick: cfg.quick, Size: n, Label: label, Machine: mach,
		Corpus: corpusInfo{Dir: c.Dir, Posts: c.Posts, Comments: c.Comments, Bytes: c.Bytes, Dirs: c.Dirs, SHA256: c.SHA256,
			Sources: c.Sources, Copies: c.Copies, BuildSeconds: c.BuildTime},
		Queries: c.Queries,
		Repeats: map[string]int{"ingest": ingestReps, "query": queryReps, "export": exportReps, "batch_queries": len(c.Mix)},
		Tools:   map[string]map[string]*stat{},
		Started: time.Now(),
	}
	res.LoadAvg[0] = loadAvg()
	runDir := filepath.Join(cfg.work, "run-"+label)
	if err := os.RemoveAll(runDir); err != nil {
		return nil, fmt.Errorf("clean %s: %w", runDir, err)
	}
	if !cfg.keep {
		defer os.RemoveAll(runDir)
	}
	out := func(t tool) string { return filepath.Join(runDir, t.Key()) }
	broken := map[string]bool{} // tools whose ingest failed
	logf("%s: %d posts, %s; ingest ×%d, queries ×%d, export ×%d", label, c.Posts, bench.FormatBytes(c.Bytes), ingestReps, queryReps, exportReps)

	// Ingest, alternating tools; the last run's archive is the one queried.
	for rep := 0; rep < ingestReps; rep++ {
		for _, t := range rotate(tools, rep) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			s := res.stat(t, "ingest")
			if s.Skipped != "" || broken[t.Key()] {
				continue
			}
			if err := os.RemoveAll(out(t)); err != nil {
				return nil, fmt.Errorf("clean %s: %w", out(t), err)
			}
			r, cmd, err := t.Ingest(ctx, posts, out(t))
			s.Command = cmd
			if err != nil {
				res.record(s, t.Name()+" ingest", err)
				if !errors.Is(err, errNA) {
					broken[t.Key()] = true
				}
				continue
			}
			s.add(r)
			logf("%s: %s ingest %d/%d: %.1fs, peak RSS %s", label, t.Name(), rep+1, ingestReps, r.Wall.Seconds(), bench.FormatBytes(r.MaxRSS))
		}
	}
	for _, t := range tools {
		if s := res.get(t.Key(), "ingest"); s != nil && s.Skipped != "" {
			res.stat(t, "size").Skipped = s.Skipped
		} else if s.ok() {
			size, err := dirSize(out(t))
			sz := res.stat(t, "size")
			if err != nil {
				res.record(sz, t.Name()+" archive size", err)
				continue
			}
			sz.Bytes = size
		}
	}
	for _, t := range tools {
		if m, ok := t.(*morgueTool); ok && res.get(t.Key(), "ingest").ok() {
			checkMorgueStats(ctx, m, out(t), c, res)
		}
	}
	usable := func(t tool) bool {
		s := res.get(t.Key(), "ingest")
		return !broken[t.Key()] && (s.ok() || s.Skipped != "")
	}

	// Re-ingest of the unchanged folder, against stat(2) of every file.
	for rep := 0; rep < ingestReps; rep++ {
		for _, t := range rotate(tools, rep) {
			s := res.stat(t, "reingest")
			if !usable(t) || s.Skipped != "" || s.Error != "" {
				continue
			}
			r, cmd, err := t.Reingest(ctx, posts, out(t))
			s.Command = cmd
			if err != nil {
				res.record(s, t.Name()+" re-ingest", err)
				continue
			}
			s.add(r)
		}
		r, cmd, err := statFolder(ctx, posts)
		s := res.statKey("find", "stat")
		s.Command = cmd
		if err != nil {
			res.record(s, "find", err)
		} else {
			s.add(r)
		}
	}

	// Whole-process queries: every kind, every tool, alternating.
	for rep := 0; rep < queryReps; rep++ {
		for qi, key := range queryKeys {
			q := pickByKey(c.Queries, key)
			if q.Kind == "" {
				continue
			}
			for _, t := range rotate(tools, rep+qi) {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				s := res.stat(t, "query:"+key)
				if !usable(t) || s.Error != "" {
					continue
				}
				r, matches, cmd, err := t.Query(ctx, posts, out(t), q)
				s.Command = cmd
				if err != nil {
					res.record(s, t.Name()+" query "+q.String(), err)
					continue
				}
				s.add(r)
				s.Matches = &matches
			}
		}
		logf("%s: queries round %d/%d done", label, rep+1, queryReps)
	}
	for _, t := range tools {
		if sq, ok := t.(sqliteTool); ok && usable(t) {
			for _, key := range queryKeys {
				if q := pickByKey(c.Queries, key); q.Kind != "" {
					if n, err := sq.count(ctx, out(t), q); err == nil {
						res.stat(t, "query:"+key).Count = &n
					}
				}
			}
		}
	}

	// In-process latency over the 1,000-query mix.
	for _, t := range tools {
		if !usable(t) || len(c.Mix) == 0 {
			continue
		}
		s := res.stat(t, "batch")
		lat, mean, cmd, err := t.Batch(ctx, out(t), c.Mix)
		s.Command = cmd
		if err != nil {
			res.record(s, t.Name()+" in-process queries", err)
			continue
		}
		s.Queries = len(c.Mix)
		s.MeanMS = ms(mean)
		if len(lat) > 0 {
			xs := make([]float64, len(lat))
			for i, d := range lat {
				xs[i] = ms(d)
			}
			s.P50MS, s.P99MS = bench.Percentile(xs, 50), bench.Percentile(xs, 99)
		}
		logf("%s: %s in-process: mean %.3f ms, p50 %.3f ms, p99 %.3f ms", label, t.Name(), s.MeanMS, s.P50MS, s.P99MS)
	}

	// Export of every match of the export query.
	for rep := 0; rep < exportReps; rep++ {
		for _, t := range rotate(tools, rep) {
			s := res.stat(t, "export")
			if !usable(t) || s.Skipped != "" || s.Error != "" {
				continue
			}
			r, records, cmd, err := t.Export(ctx, posts, out(t), c.Queries.Export)
			s.Command = cmd
			if err != nil {
				res.record(s, t.Name()+" export", err)
				continue
			}
			s.add(r)
			s.Records = records
			logf("%s: %s export %d/%d: %d records in %.1fs", label, t.Name(), rep+1, exportReps, records, r.Wall.Seconds())
		}
	}
	res.Finished = time.Now()
	res.LoadAvg[1] = loadAvg()
	return res, nil
}

// statKey is stat for a baseline that is not one of the tools.
func (r *sizeResult) statKey(key, measure string) *stat {
	m := r.Tools[key]
	if m == nil {
		m = map[string]*stat{}
		r.Tools[key] = m
	}
	if m[measure] == nil {
		m[measure] = &stat{}
	}
	return m[measure]
}

// checkMorgueStats compares `morgue stats --json` with the corpus: every post
// is one article, and every comment written is one comment. A difference is
// a warning: the figures stand, but they were taken over what morgue kept.
func checkMorgueStats(ctx context.Context, m *morgueTool, out string, c *bench.Corpus, res *sizeResult) {
	st, err := m.stats(ctx, out)
	if err != nil {
		res.Errors = append(res.Errors, "morgue stats: "+err.Error())
		return
	}
	num := func(k string) float64 {
		if v, ok := st[k].(float64); ok {
			return v
		}
		return math.NaN()
	}
	if a := num("articles"); a != float64(c.Posts) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("morgue stats: %v articles, the corpus has %d posts", a, c.Posts))
	}
	if cm := num("comments"); cm != float64(c.Comments) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("morgue stats: %v comments, the corpus has %d", cm, c.Comments))
	}
	s := res.statKey("morgue", "stats")
	s.Note = fmt.Sprintf("articles %v, comments %v, entities %v, store_bytes %v, index_bytes %v",
		st["articles"], st["comments"], st["entities"], st["store_bytes"], st["index_bytes"])
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return string(b[:len(b)-1])
}
