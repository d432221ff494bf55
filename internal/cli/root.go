package cli

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
)

func newRootCommand(g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "morgue",
		Short: "Keep and search an archive of scraped news posts and their comments",
		Long: `morgue keeps an offline archive of scraped news and blog posts with their
reader comments, and finds every mention of a person, organisation or place
across them.

The archive lives in --archive DIR, else $MORGUE_ARCHIVE, else
$XDG_DATA_HOME/morgue (~/.local/share/morgue). Data goes to stdout; progress,
notices and errors go to stderr.

EXIT STATUS
  0  ok
  1  an error, or some inputs failed
  2  usage error
  3  no results (search --fail-empty only)
  130 interrupted`,
		Example: `  $ morgue ingest ~/scrapes/
  $ morgue search 'person:Bout OR "merchant of death"'
  $ morgue search --json --kind comment klychev~
  $ morgue export -o bout.jsonl person:Bout
  $ morgue show 3f9a1c2b7d4e`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&g.archive, "archive", "", "archive directory")
	f.BoolVar(&g.json, "json", false, "print JSON (a versioned contract, \"schema\": 1)")
	f.BoolVarP(&g.quiet, "quiet", "q", false, "no progress or notices")
	root.AddCommand(
		newIngestCommand(g),
		newSearchCommand(g),
		newExportCommand(g),
		newShowCommand(g),
		newEntitiesCommand(g),
		newEntityCommand(g),
		newStatsCommand(g),
		newCheckCommand(g),
		newReindexCommand(g),
		newDeleteCommand(g),
		newVersionCommand(),
	)
	return root
}

// isCobraUsage recognises cobra's own argument and command errors.
func isCobraUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires exactly", "invalid argument", "flag needs an argument"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
