package bench_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/bench"
)

func TestRun(t *testing.T) {
	t.Run("captures stdout and resources", func(t *testing.T) {
		r, err := bench.Run(context.Background(), bench.Command{Path: "sh", Args: []string{"-c", "read x; echo got $x"},
			Stdin: strings.NewReader("word\n")})
		if err != nil {
			t.Fatal(err)
		}
		if string(r.Stdout) != "got word\n" {
			t.Errorf("stdout = %q", r.Stdout)
		}
		if r.MaxRSS != 0 || r.Wall <= 0 {
			t.Errorf("MaxRSS = %d, Wall = %v; want 0 (not asked for) and > 0", r.MaxRSS, r.Wall)
		}
	})
	t.Run("peak RSS of a child that takes 200 MiB", func(t *testing.T) {
		py, err := exec.LookPath("python3")
		if err != nil {
			t.Skip("no python3 to allocate memory with")
		}
		r, err := bench.Run(context.Background(), bench.Command{Path: py, Args: []string{"-c", "x = bytearray(200 << 20)"}, PeakRSS: true})
		if err != nil {
			t.Fatal(err)
		}
		if r.MaxRSS < 200<<20 || r.MaxRSS > 400<<20 {
			t.Errorf("MaxRSS = %d MiB, want 200–400 MiB (%s)", r.MaxRSS>>20, bench.RSSMethod())
		}
		small, err := bench.Run(context.Background(), bench.Command{Path: "true", PeakRSS: true})
		if err != nil {
			t.Fatal(err)
		}
		if small.MaxRSS <= 0 || small.MaxRSS >= 100<<20 {
			t.Errorf("MaxRSS of true = %d KiB, want more than 0 and under 100 MiB (%s)", small.MaxRSS>>10, bench.RSSMethod())
		}
	})
	t.Run("non-zero exit quotes stderr", func(t *testing.T) {
		_, err := bench.Run(context.Background(), bench.Command{Path: "sh", Args: []string{"-c", "echo broken pipe dream >&2; exit 3"}})
		if err == nil || !strings.Contains(err.Error(), "broken pipe dream") || !strings.Contains(err.Error(), "exit status 3") {
			t.Errorf("err = %v, want exit status 3 and the stderr text", err)
		}
	})
	t.Run("stdout to a counter", func(t *testing.T) {
		var lc bench.LineCounter
		if _, err := bench.Run(context.Background(), bench.Command{Path: "sh", Args: []string{"-c", "printf 'a\\nb\\nc\\n'"}, Stdout: &lc}); err != nil {
			t.Fatal(err)
		}
		if lc.Lines != 3 || lc.Bytes != 6 {
			t.Errorf("lines, bytes = %d, %d; want 3, 6", lc.Lines, lc.Bytes)
		}
	})
}

func TestCommandString(t *testing.T) {
	c := bench.Command{Path: "rg", Args: []string{"-l", "-F", "united states", "it's"}}
	want := `rg -l -F 'united states' 'it'\''s'`
	if got := c.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}
