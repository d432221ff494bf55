package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/news"
)

func parseEntityType(s string) (news.EntityType, error) {
	switch t := news.EntityType(s); t {
	case "", news.Person, news.Org, news.Place:
		return t, nil
	}
	return "", usagef("--type %q: want person, org or place", s)
}

func newEntitiesCommand(g *globalOptions) *cobra.Command {
	var typ, query string
	var top int
	cmd := &cobra.Command{
		Use:   "entities",
		Short: "List the people, organisations and places mentioned most",
		Long: `Entities counts the documents mentioning each person, organisation and
place — in the whole archive, or in the documents matching --query.`,
		Example: `  $ morgue entities --type person --top 20
  $ morgue entities --query 'swap AND date:2011'
  $ morgue entities --json --query person:Bout`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := parseEntityType(typ)
			if err != nil {
				return err
			}
			if top <= 0 {
				return usagef("--top must be positive")
			}
			return runEntities(cmd.Context(), g, cmd, query, t, top)
		},
	}
	cmd.Flags().StringVar(&typ, "type", "", "person, org or place (default: all three)")
	cmd.Flags().IntVar(&top, "top", 20, "how many")
	cmd.Flags().StringVar(&query, "query", "", "count only in the documents matching this query")
	return cmd
}

func runEntities(ctx context.Context, g *globalOptions, cmd *cobra.Command, query string, typ news.EntityType, top int) error {
	a, err := g.open(cmd, true)
	if err != nil {
		return err
	}
	defer a.Close()
	ents, err := a.Entities(ctx, query, typ, top)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if g.json {
		if ents == nil {
			ents = []archive.EntityCount{}
		}
		return writeJSON(out, map[string]any{"query": query, "entities": ents}, nil)
	}
	for _, e := range ents {
		fmt.Fprintf(out, "%6d  %-6s  %s\n", e.Documents, e.Type, e.Name)
	}
	if len(ents) == 0 {
		fmt.Fprintln(out, "no entities")
	}
	return nil
}

func newEntityCommand(g *globalOptions) *cobra.Command {
	var typ string
	var limit int
	cmd := &cobra.Command{
		Use:   "entity NAME",
		Short: "Show one entity: its spellings, documents, first and last mention, company",
		Example: `  $ morgue entity Bout
  $ morgue entity --type person --json Klychev`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := parseEntityType(typ)
			if err != nil {
				return err
			}
			a, err := g.open(cmd, true)
			if err != nil {
				return err
			}
			defer a.Close()
			r, err := a.Entity(cmd.Context(), args[0], t, limit)
			if err != nil {
				return err
			}
			if g.json {
				return writeJSON(cmd.OutOrStdout(), r, nil)
			}
			printEntity(cmd.OutOrStdout(), r)
			return nil
		},
	}
	cmd.Flags().StringVar(&typ, "type", "", "person, org or place (default: the type it is most seen as)")
	cmd.Flags().IntVarP(&limit, "limit", "n", 10, "documents to list")
	return cmd
}

func printEntity(w io.Writer, r *archive.EntityReport) {
	fmt.Fprintf(w, "%s (%s), in %d documents\n", r.Name, r.Type, r.Documents)
	if r.FirstSeen != nil {
		fmt.Fprintf(w, "first seen %s, last seen %s\n", r.FirstSeen.Format("2006-01-02"), r.LastSeen.Format("2006-01-02"))
	}
	fmt.Fprint(w, "spellings:")
	for _, v := range r.Variants {
		fmt.Fprintf(w, "  %s (%d)", v.Name, v.Count)
	}
	fmt.Fprintln(w)
	if len(r.CoOccurring) > 0 {
		fmt.Fprint(w, "mentioned with:")
		for _, e := range r.CoOccurring {
			fmt.Fprintf(w, "  %s (%s, %d)", e.Name, e.Type, e.Documents)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	for _, h := range r.Hits {
		fmt.Fprintf(w, "%-18s %s\n    %s\n", h.ID, h.Title, h.Snippet)
	}
}
