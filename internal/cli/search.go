package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/export"
	"github.com/morgue-archive/morgue/internal/news"
)

type searchOptions struct {
	limit, offset int
	sort          string
	kind          string
	since, until  string
	facets        bool
	format        string
	failEmpty     bool
}

func (o *searchOptions) AddFlags(f *pflag.FlagSet) {
	f.IntVarP(&o.limit, "limit", "n", 10, "hits to show")
	f.IntVar(&o.offset, "offset", 0, "hits to skip")
	f.StringVar(&o.sort, "sort", "relevance", "relevance, newest or oldest")
	f.StringVar(&o.kind, "kind", "any", "article, comment or any")
	f.StringVar(&o.since, "since", "", "only posts published on or after DATE (2011, 2011-09, 2011-09-14)")
	f.StringVar(&o.until, "until", "", "only posts published before the end of DATE")
	f.BoolVar(&o.facets, "facets", false, "also count sources, kinds and top entities of all hits")
	f.StringVar(&o.format, "format", "text", "text, json, jsonl or csv")
	f.BoolVar(&o.failEmpty, "fail-empty", false, "exit with status 3 when nothing matches")
}

func newSearchCommand(g *globalOptions) *cobra.Command {
	o := &searchOptions{}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Show the best matches for a query, with highlighted snippets",
		Long: `Search prints ranked hits with the matched words marked in a snippet.

QUERY syntax:
  bout                    words: stemmed, case-insensitive; several words = all of them
  "merchant of death"     phrase
  Bout OR Klychev, (a OR b) AND NOT c, -word
  person:Bout             a person named Bout, spelling variants included
  person:=Khlychev        this spelling only
  org:DEA place:Thailand entity:Rosatom
  author:"Peter Wallerberger" source:intelNews title:swap kind:comment
  date:2011  date:2011-09..2011-10
  klychev~  swa*          fuzzy, prefix
  *                       everything`,
		Example: `  $ morgue search bout
  $ morgue search --kind comment --sort newest 'person:Bout'
  $ morgue search --json --limit 20 '"merchant of death" OR klychev~'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := ""
			if len(args) == 1 {
				q = args[0]
			}
			return runSearch(cmd.Context(), g, o, q, cmd)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func (o *searchOptions) archiveOptions() (archive.SearchOptions, error) {
	opt := archive.SearchOptions{Limit: o.limit, Offset: o.offset, Facets: o.facets}
	switch o.sort {
	case "relevance", "newest", "oldest":
		opt.Sort = o.sort
	default:
		return opt, usagef("--sort %q: want relevance, newest or oldest", o.sort)
	}
	switch o.kind {
	case "any", "":
	case "article", "comment":
		opt.Kind = news.Kind(o.kind)
	default:
		return opt, usagef("--kind %q: want article, comment or any", o.kind)
	}
	var err error
	if opt.Since, _, err = parseDate(o.since); err != nil {
		return opt, usagef("--since: %v", err)
	}
	if _, opt.Until, err = parseDate(o.until); err != nil {
		return opt, usagef("--until: %v", err)
	}
	if o.limit < 0 || o.offset < 0 {
		return opt, usagef("--limit and --offset must not be negative")
	}
	return opt, nil
}

// parseDate reads 2011, 2011-09 or 2011-09-14 (or RFC 3339) and returns the
// start and the end (exclusive) of that period.
func parseDate(s string) (from, to time.Time, err error) {
	if s == "" {
		return time.Time{}, time.Time{}, nil
	}
	for _, l := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{time.RFC3339, func(t time.Time) time.Time { return t.Add(time.Second) }},
	} {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.next(t), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("%q is not a date (want 2011, 2011-09 or 2011-09-14)", s)
}

func runSearch(ctx context.Context, g *globalOptions, o *searchOptions, q string, cmd *cobra.Command) error {
	opt, err := o.archiveOptions()
	if err != nil {
		return err
	}
	format := o.format
	if g.json {
		format = "json"
	}
	switch format {
	case "text", "json", "jsonl", "csv":
	default:
		return usagef("--format %q: want text, json, jsonl or csv", format)
	}
	a, err := g.open(cmd, true)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Search(ctx, q, opt)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	switch format {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(export.Results{Schema: export.Schema, Results: *res})
	case "jsonl":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for _, h := range res.Hits {
			if err = enc.Encode(h); err != nil {
				break
			}
		}
	case "csv":
		err = writeHitsCSV(out, res.Hits)
	default:
		printHits(out, g, res, opt)
	}
	if err != nil {
		return err
	}
	if o.failEmpty && res.Total == 0 {
		return errNoResults
	}
	return nil
}

func printHits(w io.Writer, g *globalOptions, res *news.Results, opt archive.SearchOptions) {
	color := g.isTTY(w) && os.Getenv("NO_COLOR") == ""
	for _, h := range res.Hits {
		date := "          "
		if !h.Published.IsZero() {
			date = h.Published.UTC().Format("2006-01-02")
		}
		head := h.Title
		if h.Kind == news.KindComment {
			head = fmt.Sprintf("comment by %s on %q", orUnknown(h.Author), h.Title)
		}
		fmt.Fprintf(w, "%-18s %s  %-10s %s\n", h.ID, date, trim(h.Source, 10), head)
		snip := h.Snippet
		if color {
			snip = strings.NewReplacer("[[", "\x1b[1;31m", "]]", "\x1b[0m").Replace(snip)
		}
		fmt.Fprintf(w, "    %s\n\n", snip)
	}
	if len(res.Facets) > 0 {
		for _, name := range sortedKeys(res.Facets) {
			fmt.Fprintf(w, "%s:", name)
			for _, v := range res.Facets[name] {
				fmt.Fprintf(w, "  %s (%d)", v.Name, v.Count)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	shown := len(res.Hits)
	switch {
	case res.Total == 0:
		fmt.Fprintln(w, "no matches")
	case shown < res.Total:
		fmt.Fprintf(w, "%d–%d of %d matches (--offset %d for more)\n", opt.Offset+1, opt.Offset+shown, res.Total, opt.Offset+shown)
	default:
		fmt.Fprintf(w, "%d matches\n", res.Total)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func trim(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
