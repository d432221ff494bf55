package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/extract"
)

type ingestOptions struct {
	format string
	source string
	jobs   int
	fields []string
}

func (o *ingestOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "auto", "input format: auto, text, html, jsonl or warc")
	f.StringVar(&o.source, "source", "", "source (site) name for every post, overriding what the input says")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "parallel extractors (default: one per CPU)")
	f.StringArrayVar(&o.fields, "map", nil, "JSON Lines: take our field from another path, e.g. --map body=content.text")
}

func newIngestCommand(g *globalOptions) *cobra.Command {
	o := &ingestOptions{}
	cmd := &cobra.Command{
		Use:   "ingest PATH... | -",
		Short: "Add scraped posts (text dumps, HTML, JSON Lines, WARC) to the archive",
		Long: `Ingest reads files, directories (recursively) or standard input ("-"),
extracts each post with its comments, stores it and indexes it. Files ending
in .gz are decompressed. Files unchanged since the last ingest are skipped;
the same post ingested twice is stored once; a changed file updates its post.
A bad file is reported on stderr and the others go on (exit status 1).`,
		Example: `  $ morgue ingest ~/scrapes/intelnews/
  $ morgue ingest --format warc crawl.warc.gz
  $ zcat dump.jsonl.gz | morgue ingest --format jsonl --source reuters -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), g, o, args, cmd)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runIngest(ctx context.Context, g *globalOptions, o *ingestOptions, paths []string, cmd *cobra.Command) error {
	format, err := extract.ParseFormat(o.format)
	if err != nil {
		return usageError{err}
	}
	mapping := map[string]string{}
	for _, m := range o.fields {
		k, v, ok := strings.Cut(m, "=")
		if !ok || k == "" || v == "" {
			return usagef("--map %q: want field=path", m)
		}
		mapping[k] = v
	}
	a, err := g.open(cmd, false)
	if err != nil {
		return err
	}
	defer a.Close()
	errw := cmd.ErrOrStderr()
	stats, err := a.Ingest(ctx, paths, archive.IngestOptions{
		Format: format, Source: o.source, Map: mapping, Jobs: o.jobs, Stdin: g.stdin,
		Progress: g.progress(errw, "ingest", true),
		OnError:  func(err error) { fmt.Fprintf(errw, "morgue: %v\n", err) },
	})
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	interrupted := errors.Is(err, context.Canceled)
	if err != nil && !interrupted {
		return err
	}
	printIngestSummary(cmd.OutOrStdout(), errw, g, stats, interrupted)
	switch {
	case interrupted:
		return silentExit{exitCanceled}
	case stats.Failed > 0:
		return silentExit{exitError}
	}
	return nil
}

func printIngestSummary(out, errw io.Writer, g *globalOptions, s archive.IngestStats, interrupted bool) {
	if g.json {
		extra := map[string]any{}
		if interrupted {
			extra["interrupted"] = true
		}
		writeJSON(out, s, extra)
		return
	}
	if g.quiet && s.Failed == 0 && !interrupted {
		return
	}
	prefix := ""
	if interrupted {
		prefix = "interrupted; committed: "
	}
	fmt.Fprintf(errw, "%s%d files (%d unchanged, skipped): %d posts added, %d updated, %d unchanged, %d comments; %d failed\n",
		prefix, s.Files+s.Skipped, s.Skipped, s.Added, s.Updated, s.Unchanged, s.Comments, s.Failed)
}
