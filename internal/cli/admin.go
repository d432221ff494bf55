package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set by the build (-ldflags "-X …/internal/cli.version=…").
var version = ""

func newStatsCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "stats",
		Short:   "Count articles, comments, sources and entities, and the archive's size",
		Example: `  $ morgue stats --json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := g.open(cmd, true)
			if err != nil {
				return err
			}
			defer a.Close()
			s, err := a.Stats()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if g.json {
				return writeJSON(out, s, nil)
			}
			fmt.Fprintf(out, "articles  %d\ncomments  %d\nsources   %d\nentities  %d\nstore     %s\nindex     %s\n",
				s.Articles, s.Comments, s.Sources, s.Entities, human(s.StoreBytes), human(s.IndexBytes))
			return nil
		},
	}
}

func newCheckCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Compare store and index (after repairing what a crash left); exit 1 on a difference",
		Example: `  $ morgue check
  $ morgue check || morgue reindex`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := g.open(cmd, true)
			if err != nil {
				return err
			}
			defer a.Close()
			r, err := a.Check(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if g.json {
				if err := writeJSON(out, r, map[string]any{"ok": r.OK()}); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(out, "store %d documents, index %d documents\n", r.StoreDocs, r.IndexDocs)
				for i, id := range r.MissingInIndex {
					if i == 20 {
						fmt.Fprintf(out, "… and %d more missing from the index\n", len(r.MissingInIndex)-20)
						break
					}
					fmt.Fprintf(out, "missing from the index: %s\n", id)
				}
				for i, id := range r.ExtraInIndex {
					if i == 20 {
						fmt.Fprintf(out, "… and %d more in the index only\n", len(r.ExtraInIndex)-20)
						break
					}
					fmt.Fprintf(out, "in the index, not in the store: %s\n", id)
				}
				if r.OK() {
					fmt.Fprintln(out, "ok")
				} else {
					fmt.Fprintln(out, "store and index differ: run morgue reindex")
				}
			}
			if !r.OK() {
				return silentExit{exitError}
			}
			return nil
		},
	}
}

func newReindexCommand(g *globalOptions) *cobra.Command {
	var entities bool
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the index from the store",
		Long: `Reindex rebuilds the search index and the entity registry from the store.
With --entities it first runs the entity tagger again over every stored
article and comment, which a newer morgue with a better model may want.`,
		Example: `  $ morgue reindex
  $ morgue reindex --entities`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := g.open(cmd, false)
			if err != nil {
				return err
			}
			defer a.Close()
			if entities {
				if err := a.Reannotate(cmd.Context(), g.progress(cmd.ErrOrStderr(), "entities", false)); err != nil {
					return err
				}
			}
			n, err := a.Reindex(cmd.Context(), g.progress(cmd.ErrOrStderr(), "reindex", false))
			if err != nil {
				return err
			}
			if !g.quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "reindexed %d articles\n", n)
			}
			return a.Close()
		},
	}
	cmd.Flags().BoolVar(&entities, "entities", false, "run the entity tagger again first")
	return cmd
}

func newDeleteCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "delete ID...",
		Short:   "Remove articles (with their comments) from the archive",
		Example: `  $ morgue delete 3f9a1c2b7d4e 77d0e1a2b3c4`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := g.open(cmd, false)
			if err != nil {
				return err
			}
			defer a.Close()
			n, err := a.Delete(cmd.Context(), args)
			if !g.quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "deleted %d articles\n", n)
			}
			return err
		},
	}
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print morgue's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "morgue", buildVersion())
			return nil
		},
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
