// Command morgue keeps a searchable archive of scraped news posts and their
// reader comments. See README.md.
package main

import (
	"os"

	"github.com/morgue-archive/morgue/internal/cli"
)

func main() { os.Exit(cli.Main()) }
