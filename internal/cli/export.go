package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/export"
)

type exportOptions struct {
	format       string
	output       string
	withComments bool
	kind         string
	since, until string
}

func (o *exportOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "jsonl", "jsonl, json or csv")
	f.StringVarP(&o.output, "output", "o", "", "write to FILE instead of stdout")
	f.BoolVar(&o.withComments, "with-comments", false, "put each article's comments inside its record")
	f.StringVar(&o.kind, "kind", "any", "article, comment or any")
	f.StringVar(&o.since, "since", "", "only posts published on or after DATE")
	f.StringVar(&o.until, "until", "", "only posts published before the end of DATE")
}

func newExportCommand(g *globalOptions) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export QUERY",
		Short: "Write every match of a query as JSON Lines, JSON or CSV",
		Long: `Export streams every document matching QUERY (no cap) as one record each:
an article, or a comment with its article's title. Memory use does not grow
with the number of matches. See "morgue search --help" for the query syntax.`,
		Example: `  $ morgue export person:Bout > bout.jsonl
  $ morgue export --format csv -o swap.csv 'swap AND date:2011'
  $ morgue export --with-comments --kind article '*' > archive.jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := ""
			if len(args) == 1 {
				q = args[0]
			}
			return runExport(cmd.Context(), g, o, q, cmd)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runExport(ctx context.Context, g *globalOptions, o *exportOptions, q string, cmd *cobra.Command) (err error) {
	format := o.format
	if g.json && !cmd.Flags().Changed("format") {
		format = "json"
	}
	f, err := export.ParseFormat(format)
	if err != nil {
		return usageError{err}
	}
	so := &searchOptions{kind: o.kind, since: o.since, until: o.until, sort: "relevance"}
	opt, err := so.archiveOptions()
	if err != nil {
		return err
	}
	a, err := g.open(cmd, true)
	if err != nil {
		return err
	}
	defer a.Close()
	var w io.Writer = cmd.OutOrStdout()
	if o.output != "" {
		file, err := os.Create(o.output)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := file.Close(); err == nil && cerr != nil {
				err = cerr
			}
		}()
		w = file
	}
	enc := export.NewEncoder(w, f, o.withComments)
	err = a.Export(ctx, q, archive.ExportOptions{SearchOptions: opt, WithComments: o.withComments}, func(d archive.Doc) error {
		if d.Comment != nil {
			return enc.Comment(d.Comment, d.Article)
		}
		return enc.Article(d.Article)
	})
	if cerr := enc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if o.output != "" && !g.quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "%d records written to %s\n", enc.Count(), o.output)
	}
	return nil
}
