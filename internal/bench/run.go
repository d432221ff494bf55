package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Command is one process to run and measure.
type Command struct {
	Path   string    // program (looked up in PATH when it has no slash)
	Args   []string  // arguments, without the program name
	Dir    string    // working directory; empty means the current one
	Env    []string  // extra environment, added to the bench's own
	Stdin  io.Reader // nil means no input
	Stdout io.Writer // nil means captured into Result.Stdout
	// PeakRSS asks for the peak resident set size, taken by running the
	// command under /usr/bin/time (which costs about a millisecond of wall
	// time, so it is for long commands); see Run.
	PeakRSS bool
}

// String renders the command as a shell-like line for reports.
func (c Command) String() string {
	parts := make([]string, 0, len(c.Args)+1)
	parts = append(parts, c.Path)
	for _, a := range c.Args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"*|&;$<>()\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// Result is what one finished process cost.
type Result struct {
	Wall   time.Duration // from start to exit, as a user waits for it
	User   time.Duration // CPU time in user mode (the process and its waited-for children)
	Sys    time.Duration // CPU time in the kernel
	MaxRSS int64         // peak resident set size in bytes (largest of the process and its children); 0 when not asked for
	Stdout []byte        // captured standard output when Command.Stdout was nil
}

// Run starts c, waits for it and returns its cost. A non-zero exit is an
// error that quotes the end of stderr.
//
// Peak memory: a child started by Go begins as a vfork of this process, and
// Linux carries the parent's peak RSS over into the child's ru_maxrss at
// exec, so wait4's figure would never be below this program's own size.
// With PeakRSS set the command therefore runs under GNU time (/usr/bin/time
// -f %M), whose fork(2)ed child starts small; without GNU time the rusage
// figure is kept, and RSSMethod says so.
func Run(ctx context.Context, c Command) (Result, error) {
	path, args := c.Path, c.Args
	var rssFile string
	if c.PeakRSS && gnuTime() != "" {
		f, err := os.CreateTemp("", "morgue-bench-rss-*")
		if err != nil {
			return Result{}, fmt.Errorf("run %s: %w", c, err)
		}
		f.Close()
		rssFile = f.Name()
		defer os.Remove(rssFile)
		path, args = gnuTime(), append([]string{"-f", "%M", "-o", rssFile, "--", c.Path}, c.Args...)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = c.Dir
	if len(c.Env) > 0 {
		cmd.Env = append(cmd.Environ(), c.Env...)
	}
	cmd.Stdin = c.Stdin
	var out bytes.Buffer
	if c.Stdout != nil {
		cmd.Stdout = c.Stdout
	} else {
		cmd.Stdout = &out
	}
	var errBuf tailBuffer
	cmd.Stderr = &errBuf
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	res := Result{Wall: wall, Stdout: out.Bytes()}
	if ps := cmd.ProcessState; ps != nil {
		res.User = ps.UserTime()
		res.Sys = ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && c.PeakRSS && rssFile == "" {
			res.MaxRSS = ru.Maxrss * 1024 // Linux reports kilobytes
		}
	}
	if rssFile != "" {
		if kb, ok := readTimeRSS(rssFile); ok {
			res.MaxRSS = kb * 1024
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return res, fmt.Errorf("run %s: %w", c, ctx.Err())
		}
		msg := strings.TrimSpace(errBuf.String())
		var ee *exec.ExitError
		if errors.As(err, &ee) && msg != "" {
			return res, fmt.Errorf("run %s: %w: %s", c, err, msg)
		}
		return res, fmt.Errorf("run %s: %w", c, err)
	}
	return res, nil
}

// RSSMethod says how Result.MaxRSS is measured on this machine.
func RSSMethod() string {
	if gnuTime() != "" {
		return "GNU time %M (" + gnuTime() + ")"
	}
	return "wait4 ru_maxrss (includes the bench's own peak RSS as a floor: no /usr/bin/time)"
}

var gnuTime = sync.OnceValue(func() string {
	const p = "/usr/bin/time"
	if err := exec.Command(p, "-f", "%M", "-o", os.DevNull, "true").Run(); err != nil {
		return ""
	}
	return p
})

// readTimeRSS reads the kilobytes GNU time wrote; when the command failed,
// a "Command exited with non-zero status" line comes first.
func readTimeRSS(p string) (int64, bool) {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0, false
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	kb, err := strconv.ParseInt(strings.TrimSpace(lines[len(lines)-1]), 10, 64)
	return kb, err == nil
}

// tailBuffer keeps the last 4 KiB written to it.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	const max = 4096
	t.b = append(t.b, p...)
	if len(t.b) > max {
		t.b = append(t.b[:0], t.b[len(t.b)-max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.b) }

// LineCounter is an io.Writer that counts newline bytes and the bytes written.
type LineCounter struct {
	Lines int64
	Bytes int64
}

func (l *LineCounter) Write(p []byte) (int, error) {
	l.Lines += int64(bytes.Count(p, []byte{'\n'}))
	l.Bytes += int64(len(p))
	return len(p), nil
}
