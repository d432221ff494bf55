package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/morgue-archive/morgue/internal/export"
	"github.com/morgue-archive/morgue/internal/news"
)

func newShowCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Print one article with its comments (or a comment in its thread)",
		Example: `  $ morgue show 3f9a1c2b7d4e
  $ morgue show --json '3f9a1c2b7d4e#c2'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := g.open(cmd, true)
			if err != nil {
				return err
			}
			defer a.Close()
			art, focus, err := a.Show(args[0])
			if err != nil {
				return err
			}
			if g.json {
				rec := export.ArticleRecord(art, true)
				rec.Focus = focus
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rec)
			}
			printArticle(cmd.OutOrStdout(), art, focus)
			return nil
		},
	}
}

func printArticle(w io.Writer, a *news.Article, focus string) {
	fmt.Fprintln(w, a.Title)
	fmt.Fprintln(w, strings.Repeat("=", min(len([]rune(a.Title)), 78)))
	var meta []string
	for _, s := range []string{a.Source, strings.Join(a.Authors, ", "), fmtTime(a), a.URL} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	fmt.Fprintf(w, "%s\nid %s\n\n", strings.Join(meta, " · "), a.ID)
	for _, c := range a.Captions {
		fmt.Fprintf(w, "[%s]\n", c)
	}
	if len(a.Captions) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, a.Body)
	if len(a.Comments) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d comments", len(a.Comments))
	if a.ResponseCount > 0 && a.ResponseCount != len(a.Comments) {
		fmt.Fprintf(w, " (the page said %d)", a.ResponseCount)
	}
	fmt.Fprintln(w)
	for _, c := range a.Comments {
		mark := "  "
		if c.ID == focus {
			mark = "> "
		}
		when := ""
		if !c.Published.IsZero() {
			when = " · " + c.Published.UTC().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "\n%s#%d %s%s (%s)\n", mark, c.Number, orUnknown(c.Author), when, c.ID)
		for _, line := range strings.Split(c.Body, "\n") {
			fmt.Fprintf(w, "%s  %s\n", mark, line)
		}
	}
}

func fmtTime(a *news.Article) string {
	if a.Published.IsZero() {
		return ""
	}
	return a.Published.UTC().Format("2006-01-02")
}
