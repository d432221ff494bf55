// Package cli is morgue's command line: cobra commands, flags, output
// formatting and progress rendering. It holds no archive logic; each command
// opens the archive, makes one archive call and prints.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/news"
)

// Exit codes.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitNoResult = 3
	exitCanceled = 130
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	archive string
	json    bool
	quiet   bool
	stdin   io.Reader
	isTTY   func(w io.Writer) bool
}

// usageError is a mistake on the command line: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitError carries an exit code without a message of its own (the
// command has already told the user what happened).
type silentExit struct{ code int }

func (e silentExit) Error() string { return fmt.Sprintf("exit %d", e.code) }

// errNoResults is returned by search --fail-empty when nothing matched.
var errNoResults = errors.New("no results")

// Main runs morgue with os.Args and returns its exit code.
func Main() int {
	if path := os.Getenv("MORGUE_CPUPROFILE"); path != "" {
		// For profiling whole commands: MORGUE_CPUPROFILE=cpu.prof morgue …
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globalOptions{stdin: stdin, isTTY: isTerminal}
	root := newRootCommand(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	code := exitError
	var se silentExit
	var ue usageError
	switch {
	case errors.As(err, &se):
		return se.code
	case errors.Is(err, errNoResults):
		return exitNoResult
	case errors.Is(err, context.Canceled):
		code = exitCanceled
	case errors.As(err, &ue) || isCobraUsage(err):
		code = exitUsage
	}
	printError(stderr, g, err, code)
	return code
}

func printError(w io.Writer, g *globalOptions, err error, code int) {
	msg := err.Error()
	if errors.Is(err, context.Canceled) {
		msg = "interrupted"
	}
	if g.json {
		json.NewEncoder(w).Encode(map[string]any{"schema": 1, "error": msg, "code": code})
		return
	}
	fmt.Fprintf(w, "morgue: %s\n", msg)
	switch {
	case errors.Is(err, news.ErrLocked):
		fmt.Fprintln(w, "Try: wait for the other morgue (ingest, reindex, delete) to finish.")
	case code == exitUsage:
		fmt.Fprintln(w, "Try: morgue --help")
	}
}

// archiveDir resolves --archive, $MORGUE_ARCHIVE, $XDG_DATA_HOME/morgue,
// ~/.local/share/morgue.
func (g *globalOptions) archiveDir() string {
	if g.archive != "" {
		return g.archive
	}
	if d := os.Getenv("MORGUE_ARCHIVE"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "morgue")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "morgue"
	}
	return filepath.Join(home, ".local", "share", "morgue")
}

// open opens the archive, sending notices to stderr.
func (g *globalOptions) open(cmd *cobra.Command, readOnly bool) (*archive.Archive, error) {
	errw := cmd.ErrOrStderr()
	notice := func(format string, args ...any) {
		if !g.quiet {
			fmt.Fprintf(errw, "morgue: "+format+"\n", args...)
		}
	}
	return archive.Open(cmd.Context(), g.archiveDir(), readOnly, notice)
}
