package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/morgue-archive/morgue/internal/bench"
)

// machine describes where the figures were taken.
type machine struct {
	CPU      string            `json:"cpu"`
	Cores    int               `json:"cores"`
	MemBytes int64             `json:"mem_bytes"`
	Kernel   string            `json:"kernel"`
	Go       string            `json:"go"`
	Versions map[string]string `json:"versions"`
	RSS      string            `json:"peak_rss_method"`
}

func machineInfo(ctx context.Context, cfg *config, versions map[string]string) machine {
	m := machine{Cores: runtime.NumCPU(), Go: output(ctx, goTool(), "version"), Versions: versions, RSS: bench.RSSMethod()}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			m.MemBytes = kb * 1024
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	return m
}

func writeJSON(cfg *config, res *sizeResult) (string, error) {
	if err := os.MkdirAll(cfg.results, 0o755); err != nil {
		return "", fmt.Errorf("make results folder: %w", err)
	}
	name := res.Date + "-" + res.Label
	if res.Quick {
		name += "-quick"
	}
	p := filepath.Join(cfg.results, name+".json")
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return "", fmt.Errorf("encode results: %w", err)
	}
	if err := os.WriteFile(p, append(b, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("write results: %w", err)
	}
	return p, nil
}

// ---- Markdown ----

// cell renders one table cell: a value, or why there is none.
func cell(s *stat, v float64, format string) string {
	switch {
	case s == nil:
		return "—"
	case s.Error != "":
		return "error"
	case s.Skipped != "":
		return "n/a"
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	}
	return fmt.Sprintf(format, v)
}

func ratioCell(a, b float64) string {
	r := bench.Ratio(a, b)
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return ""
	}
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	case r >= 0.1:
		return fmt.Sprintf("%.2f×", r)
	}
	return fmt.Sprintf("%.3f×", r)
}

// row is one measure: how to get its value from a tool's stats.
type row struct {
	label  string
	format string
	value  func(res *sizeResult, key string) (*stat, float64)
}

func measureValue(measure string, f func(s *stat) float64) func(*sizeResult, string) (*stat, float64) {
	return func(res *sizeResult, key string) (*stat, float64) {
		s := res.get(key, measure)
		if s == nil || s.Error != "" || s.Skipped != "" || !s.measured() {
			return s, math.NaN()
		}
		return s, f(s)
	}
}

func rows(res *sizeResult) []row {
	posts, mb := float64(res.Corpus.Posts), float64(res.Corpus.Bytes)/1e6
	rs := []row{
		{"ingest, posts/s", "%.0f", measureValue("ingest", func(s *stat) float64 { return posts / (s.MedianMS / 1000) })},
		{"ingest, MB/s", "%.2f", measureValue("ingest", func(s *stat) float64 { return mb / (s.MedianMS / 1000) })},
		{"ingest, peak RSS MiB", "%.0f", measureValue("ingest", func(s *stat) float64 { return float64(s.MedianRSS) / (1 << 20) })},
		{"archive size ÷ raw text", "%.2f", measureValue("size", func(s *stat) float64 { return float64(s.Bytes) / float64(res.Corpus.Bytes) })},
		{"re-ingest unchanged, s", "%.2f", measureValue("reingest", func(s *stat) float64 { return s.MedianMS / 1000 })},
	}
	for _, key := range queryKeys {
		q := pickByKey(res.Queries, key)
		if q.Kind == "" {
			continue
		}
		rs = append(rs, row{fmt.Sprintf("query %s `%s`, ms", q.Name, q.String()), "%.1f",
			measureValue("query:"+key, func(s *stat) float64 { return s.MedianMS })})
	}
	rs = append(rs,
		row{"in-process mean of 1,000 queries, ms", "%.3f", measureValue("batch", func(s *stat) float64 { return s.MeanMS })},
		row{"in-process p50, ms", "%.3f", measureValue("batch", func(s *stat) float64 { return nanIfZero(s.P50MS, s) })},
		row{"in-process p99, ms", "%.3f", measureValue("batch", func(s *stat) float64 { return nanIfZero(s.P99MS, s) })},
		row{fmt.Sprintf("export `%s`, records/s", res.Queries.Export.String()), "%.0f",
			measureValue("export", func(s *stat) float64 { return float64(s.Records) / (s.MedianMS / 1000) })},
		row{"export, s", "%.2f", measureValue("export", func(s *stat) float64 { return s.MedianMS / 1000 })},
		row{"export, peak RSS MiB", "%.0f", measureValue("export", func(s *stat) float64 { return float64(s.MedianRSS) / (1 << 20) })},
	)
	return rs
}

// nanIfZero hides percentiles a tool could not time per query.
func nanIfZero(v float64, s *stat) float64 {
	if s.Queries > 0 && v == 0 && s.MeanMS > 0 && !strings.Contains(s.Command, ".timer") {
		return math.NaN()
	}
	return v
}

func printSize(w io.Writer, res *sizeResult, tools []tool) {
	c := res.Corpus
	fmt.Fprintf(w, "\n## morgue bench: %s posts (%s)\n\n", res.Label, res.Date)
	var src []string
	for _, k := range slices.Sorted(maps.Keys(c.Sources)) {
		src = append(src, fmt.Sprintf("%s %d", k, c.Sources[k]))
	}
	fmt.Fprintf(w, "Corpus: %d posts, %d comments, %s of text (%.1f MB) in %d folders; sources %s; each source article used up to %d× (sha256 %.12s).\n",
		c.Posts, c.Comments, bench.FormatBytes(c.Bytes), float64(c.Bytes)/1e6, c.Dirs, strings.Join(src, ", "), c.Copies, c.SHA256)
	m := res.Machine
	var vers []string
	for _, k := range slices.Sorted(maps.Keys(m.Versions)) {
		vers = append(vers, k+" "+m.Versions[k])
	}
	fmt.Fprintf(w, "Machine: %s, %d cores, %s RAM, %s; %s. Load average %s at start, %s at end: a shared machine, so compare ratios, not absolute times.\n",
		m.CPU, m.Cores, bench.FormatBytes(m.MemBytes), m.Go, strings.Join(vers, ", "), firstField(res.LoadAvg[0]), firstField(res.LoadAvg[1]))
	fmt.Fprintf(w, "Medians of %d ingest, %d query and %d export runs per tool, tools alternated; ratio = morgue ÷ peer of the figure in that row.\n\n",
		res.Repeats["ingest"], res.Repeats["query"], res.Repeats["export"])

	var peers []tool
	header := "| measure | morgue |"
	sep := "|---|---:|"
	for _, t := range tools {
		if t.Key() == "morgue" {
			continue
		}
		peers = append(peers, t)
		header += fmt.Sprintf(" %s | morgue/%s |", t.Name(), shortName(t))
		sep += "---:|---:|"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, sep)
	for _, r := range rows(res) {
		ms, mv := r.value(res, "morgue")
		line := fmt.Sprintf("| %s | %s |", r.label, cell(ms, mv, r.format))
		for _, t := range peers {
			ps, pv := r.value(res, t.Key())
			line += fmt.Sprintf(" %s | %s |", cell(ps, pv, r.format), ratioCell(mv, pv))
		}
		fmt.Fprintln(w, line)
	}
	if s := res.get("find", "stat"); s.ok() {
		fmt.Fprintf(w, "\nRe-ingest floor: `%s` takes %.2f s (median).", s.Command, s.MedianMS/1000)
		if ms := res.get("morgue", "reingest"); ms.ok() {
			fmt.Fprintf(w, " morgue's re-ingest is %s that.", ratioCell(ms.MedianMS, s.MedianMS))
		}
		fmt.Fprintln(w)
	}

	// Matches, to see that the tools answer the same question.
	fmt.Fprintf(w, "\nMatches per query (morgue: `total`, articles and comments; SQLite: posts, counted with count(*); ripgrep: files; Xapian: quest's estimate):\n\n")
	fmt.Fprintf(w, "| query | corpus df |")
	for _, t := range tools {
		fmt.Fprintf(w, " %s |", t.Name())
	}
	fmt.Fprintf(w, "\n|---|---:|%s\n", strings.Repeat("---:|", len(tools)))
	for _, key := range queryKeys {
		q := pickByKey(res.Queries, key)
		if q.Kind == "" {
			continue
		}
		df := ""
		if q.DF > 0 {
			df = fmt.Sprint(q.DF)
		}
		fmt.Fprintf(w, "| `%s` | %s |", q.String(), df)
		for _, t := range tools {
			s := res.get(t.Key(), "query:"+key)
			v := "—"
			switch {
			case s != nil && s.Count != nil:
				v = fmt.Sprint(*s.Count)
			case s != nil && s.Matches != nil:
				v = fmt.Sprint(*s.Matches)
			case s != nil && s.Error != "":
				v = "error"
			}
			fmt.Fprintf(w, " %s |", v)
		}
		fmt.Fprintln(w)
	}
	if s := res.get("morgue", "stats"); s != nil && s.Note != "" {
		fmt.Fprintf(w, "\nmorgue stats after ingest: %s.\n", s.Note)
	}
	printTargets(w, res)
	for _, n := range res.Notes {
		fmt.Fprintf(w, "\nNote: %s\n", n)
	}
	if len(res.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings:\n\n")
		for _, e := range res.Warnings {
			fmt.Fprintf(w, "- %s\n", oneLine(e))
		}
	}
	if len(res.Errors) > 0 {
		fmt.Fprintf(w, "\nErrors:\n\n")
		for _, e := range res.Errors {
			fmt.Fprintf(w, "- %s\n", oneLine(e))
		}
	}
}

// printTargets compares the figures with the targets of issue 5. Each target
// names the size it is set at; at other sizes the status is indicative.
func printTargets(w io.Writer, res *sizeResult) {
	type target struct {
		text   string
		at     int
		status string
	}
	var ts []target
	morgue := func(m string) *stat { return res.get("morgue", m) }
	if mi, si := morgue("ingest"), res.get("sqlite_fts5", "ingest"); mi.ok() && si.ok() {
		r := si.MedianMS / mi.MedianMS // morgue rate ÷ sqlite rate
		ts = append(ts, target{"ingest rate ≥ 0.5× SQLite FTS5", 100000, passMiss(r >= 0.5, fmt.Sprintf("%.2f×", r))})
	}
	for _, key := range queryKeys {
		q := pickByKey(res.Queries, key)
		mq := morgue("query:" + key)
		if !mq.ok() {
			continue
		}
		if sq := res.get("sqlite_fts5", "query:"+key); sq.ok() {
			r := mq.MedianMS / sq.MedianMS
			ts = append(ts, target{fmt.Sprintf("query %s ≤ 1.0× SQLite FTS5 time", q.Name), 1000000, passMiss(r <= 1, fmt.Sprintf("%.2f×", r))})
		}
		if rq := res.get("ripgrep", "query:"+key); rq.ok() {
			r := rq.MedianMS / mq.MedianMS
			ts = append(ts, target{fmt.Sprintf("query %s ≥ 50× faster than ripgrep", q.Name), 1000000, passMiss(r >= 50, fmt.Sprintf("%.1f× faster", r))})
		}
	}
	if sz := morgue("size"); sz != nil && sz.Bytes > 0 {
		r := float64(sz.Bytes) / float64(res.Corpus.Bytes)
		ts = append(ts, target{"archive size ≤ 2.0× raw text", 0, passMiss(r <= 2, fmt.Sprintf("%.2f×", r))})
	}
	if ri := morgue("reingest"); ri.ok() {
		s := ri.MedianMS / 1000
		ts = append(ts, target{"re-ingest of an unchanged folder ≤ 3 s", 100000, passMiss(s <= 3, fmt.Sprintf("%.2f s", s))})
	}
	if len(ts) == 0 {
		return
	}
	fmt.Fprintf(w, "\nTargets (issue 5) at %s:\n\n", res.Label)
	for _, t := range ts {
		at := ""
		if t.at != 0 && t.at != res.Size {
			at = fmt.Sprintf(" (target set at %s; indicative here)", bench.SizeLabel(t.at))
		}
		fmt.Fprintf(w, "- %s: %s%s\n", t.text, t.status, at)
	}
}

func passMiss(ok bool, v string) string {
	if ok {
		return "met, " + v
	}
	return "MISSED, " + v
}

// printGrowth shows how each figure grows with the corpus.
func printGrowth(w io.Writer, all []*sizeResult, tools []tool) {
	fmt.Fprintf(w, "\n## Growth\n\n| measure | tool |")
	for _, r := range all {
		fmt.Fprintf(w, " %s |", r.Label)
	}
	fmt.Fprintf(w, "\n|---|---|%s\n", strings.Repeat("---:|", len(all)))
	base := rows(all[0])
	for i, r := range base {
		for _, t := range tools {
			var cells []string
			any := false
			for _, res := range all {
				rs := rows(res)
				if i >= len(rs) {
					cells = append(cells, "—")
					continue
				}
				s, v := rs[i].value(res, t.Key())
				c := cell(s, v, rs[i].format)
				if c != "—" && c != "n/a" {
					any = true
				}
				cells = append(cells, c)
			}
			if any {
				label := r.label
				if strings.HasPrefix(label, "query ") {
					label = label[:strings.Index(label, " `")] + ", ms"
				}
				fmt.Fprintf(w, "| %s | %s | %s |\n", label, t.Name(), strings.Join(cells, " | "))
			}
		}
	}
}

func shortName(t tool) string {
	switch t.Key() {
	case "sqlite_fts5":
		return "FTS5"
	case "ripgrep":
		return "rg"
	}
	return t.Name()
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return "?"
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}

func corpusLine(c *bench.Corpus) string {
	return fmt.Sprintf("%s: %d posts, %d comments, %d bytes (%s) in %d folders, sha256 %s, queries: rare %q (df %d), common %q (df %d), and %q, phrase %q, or %q, export %q",
		bench.SizeLabel(c.Posts), c.Posts, c.Comments, c.Bytes, bench.FormatBytes(c.Bytes), c.Dirs, c.SHA256,
		c.Queries.Rare.String(), c.Queries.Rare.DF, c.Queries.Common.String(), c.Queries.Common.DF,
		c.Queries.And.String(), c.Queries.Phrase.String(), c.Queries.Or.String(), c.Queries.Export.String())
}
