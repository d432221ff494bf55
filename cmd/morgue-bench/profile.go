package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"

	"github.com/morgue-archive/morgue/internal/bench"
)

// profileMorgue takes CPU profiles of morgue's slow stages at one corpus
// size: ingest and export as whole commands (through the CLI's
// MORGUE_CPUPROFILE hook), and search in this process over the 1,000-query
// mix (a single search is too short for the profiler's 100 Hz sampling). It
// writes <work>/profile-<size>/{ingest,export,search}.pprof and prints the
// top of each by cumulative time.
func profileMorgue(ctx context.Context, cfg *config, gen *bench.Generator, m *morgueTool, n int, w io.Writer, logf bench.Progress) error {
	c, err := gen.Build(ctx, corpusDir(cfg, n), n, logf)
	if err != nil {
		return err
	}
	dir := filepath.Join(cfg.work, "profile-"+bench.SizeLabel(n))
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clean %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("make %s: %w", dir, err)
	}
	archive := filepath.Join(dir, "archive")
	var profiles []string

	ingest := m.cmd(archive, "-q", "ingest", c.PostsDir(), "--jobs", fmt.Sprint(m.jobs))
	ingest.Env = []string{"MORGUE_CPUPROFILE=" + filepath.Join(dir, "ingest.pprof")}
	logf("profile %s: %s", bench.SizeLabel(n), ingest)
	if _, err := bench.Run(ctx, ingest); err != nil {
		return err
	}
	profiles = append(profiles, "ingest")

	export := m.cmd(archive, "export", "--format", "jsonl", c.Queries.Export.String())
	export.Env = []string{"MORGUE_CPUPROFILE=" + filepath.Join(dir, "export.pprof")}
	export.Stdout = io.Discard
	logf("profile %s: %s", bench.SizeLabel(n), export)
	if _, err := bench.Run(ctx, export); err != nil {
		return err
	}
	profiles = append(profiles, "export")

	f, err := os.Create(filepath.Join(dir, "search.pprof"))
	if err != nil {
		return fmt.Errorf("create search profile: %w", err)
	}
	logf("profile %s: %d searches in process", bench.SizeLabel(n), len(c.Mix))
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("start profile: %w", err)
	}
	_, _, _, err = inProcessMorgue(ctx, archive, c.Mix)
	pprof.StopCPUProfile()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	profiles = append(profiles, "search")

	for _, p := range profiles {
		path := filepath.Join(dir, p+".pprof")
		fmt.Fprintf(w, "\n## %s at %s: %s (top 30 by cumulative time)\n\n```\n", p, bench.SizeLabel(n), path)
		top := exec.CommandContext(ctx, goTool(), "tool", "pprof", "-top", "-cum", "-nodecount=30", path)
		top.Stdout, top.Stderr = w, w
		if err := top.Run(); err != nil {
			fmt.Fprintf(w, "go tool pprof: %v\n", err)
		}
		fmt.Fprintln(w, "```")
	}
	return nil
}
