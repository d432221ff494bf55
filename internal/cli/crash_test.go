package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/news"
)

// morgueBin returns a path that runs this test binary as morgue (see
// TestMain).
func morgueBin(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "morgue")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// writePosts writes n distinct text-dump posts with two comments each.
func writePosts(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf(`Harbour report number %d from the northern quay

The harbour office published report %d today. Ships waiting at anchor: %d. The pilots said the fog lifted early and the ferries kept their timetable, while the grain terminal loaded two bulk carriers.

2 Responses to Harbour report number %d from the northern quay

  1. Ada Pike says:

    Report %d matches what I saw from the breakwater.

  2. Tom Reyes says:

    Thanks for report %d.
`, i, i, i%37, i, i, i)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("post%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type result struct {
	code           int
	stdout, stderr string
}

func runMorgue(t *testing.T, bin, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--archive", dir}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("morgue %s hung", strings.Join(args, " "))
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// TestKillDuringIngest kills a real morgue ingest with SIGKILL at several
// moments; after each, the archive must open and check clean, and a final
// ingest must leave every post present exactly once.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes; skipped with -short")
	}
	const n = 1500
	bin := morgueBin(t)
	posts := filepath.Join(t.TempDir(), "posts")
	writePosts(t, posts, n)
	arch := filepath.Join(t.TempDir(), "archive")

	for i, delay := range []time.Duration{20 * time.Millisecond, 150 * time.Millisecond, 400 * time.Millisecond, 700 * time.Millisecond, 1200 * time.Millisecond} {
		cmd := exec.Command(bin, "--archive", arch, "-q", "ingest", "--jobs", "2", posts)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		r := runMorgue(t, bin, arch, "check")
		if r.code == exitError && strings.Contains(r.stderr, news.ErrNoArchive.Error()) {
			t.Logf("round %d (kill after %v): killed before the archive existed", i, delay)
			continue
		}
		if r.code != 0 {
			t.Fatalf("round %d (kill after %v): check exit %d\n%s%s", i, delay, r.code, r.stdout, r.stderr)
		}
		t.Logf("round %d (kill after %v): %s", i, delay, strings.TrimSpace(r.stdout+" "+r.stderr))
	}
	if r := runMorgue(t, bin, arch, "-q", "ingest", posts); r.code != 0 {
		t.Fatalf("final ingest: exit %d\n%s", r.code, r.stderr)
	}
	if r := runMorgue(t, bin, arch, "check"); r.code != 0 {
		t.Fatalf("final check: exit %d\n%s", r.code, r.stdout)
	}
	var stats struct{ Articles, Comments int }
	r := runMorgue(t, bin, arch, "stats", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &stats); err != nil {
		t.Fatalf("stats: %v: %q", err, r.stdout)
	}
	if stats.Articles != n || stats.Comments != 2*n {
		t.Errorf("stored %d articles and %d comments, want %d and %d", stats.Articles, stats.Comments, n, 2*n)
	}
	// Every post found exactly once by the index too.
	r = runMorgue(t, bin, arch, "export", "--kind", "article", "harbour")
	ids := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var rec struct{ ID string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		if ids[rec.ID] {
			t.Errorf("%s exported twice", rec.ID)
		}
		ids[rec.ID] = true
	}
	if len(ids) != n {
		t.Errorf("export found %d articles, want %d", len(ids), n)
	}
}

// TestInterruptDuringIngest sends SIGINT: morgue stops after the batch in
// hand, says what it committed, exits 130 and leaves a clean archive.
func TestInterruptDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("signals real processes; skipped with -short")
	}
	bin := morgueBin(t)
	posts := filepath.Join(t.TempDir(), "posts")
	writePosts(t, posts, 3000)
	arch := filepath.Join(t.TempDir(), "archive")
	cmd := exec.Command(bin, "--archive", arch, "ingest", posts)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.ExitCode() == exitCanceled:
		if !strings.Contains(errb.String(), "interrupted; committed:") {
			t.Errorf("stderr does not say what was committed:\n%s", errb.String())
		}
	case err == nil:
		t.Log("ingest finished before the signal arrived")
	default:
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	t.Logf("stderr: %s", strings.TrimSpace(errb.String()))
	if r := runMorgue(t, bin, arch, "check"); r.code != 0 {
		t.Fatalf("check after interrupt: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestSecondWriterFails holds the archive open for writing in this process:
// a morgue ingest must fail quickly saying the archive is in use, and must
// not hang. Readers, meanwhile, share.
func TestSecondWriterFails(t *testing.T) {
	bin := morgueBin(t)
	posts := filepath.Join(t.TempDir(), "posts")
	writePosts(t, posts, 3)
	arch := filepath.Join(t.TempDir(), "archive")
	if r := runMorgue(t, bin, arch, "-q", "ingest", posts); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}

	w, err := archive.Open(context.Background(), arch, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := runMorgue(t, bin, arch, "ingest", posts)
	took := time.Since(start)
	w.Close()
	if r.code != exitError || !strings.Contains(r.stderr, news.ErrLocked.Error()) {
		t.Fatalf("second writer: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, news.ErrLocked)
	}
	t.Logf("second writer refused after %v: %s", took.Round(time.Millisecond), strings.TrimSpace(r.stderr))

	// Two readers at once, one of them in this process.
	rd, err := archive.Open(context.Background(), arch, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if r := runMorgue(t, bin, arch, "search", "--json", "harbour"); r.code != 0 || !strings.Contains(r.stdout, `"total": 3`) {
		t.Fatalf("reader beside a reader: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
