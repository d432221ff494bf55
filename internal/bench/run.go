package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
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
	MaxRSS int64         // peak resident set size in bytes (largest of the process and its children)
	Stdout []byte        // captured standard output when Command.Stdout was nil
}

// Run starts c, waits for it and returns its cost. Peak memory comes from the
// rusage that wait4 reports for the child (the figure /usr/bin/time -v
// prints). A non-zero exit is an error that quotes the end of stderr.
func Run(ctx context.Context, c Command) (Result, error) {
	cmd := exec.CommandContext(ctx, c.Path, c.Args...)
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
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			res.MaxRSS = ru.Maxrss * 1024 // Linux reports kilobytes
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
