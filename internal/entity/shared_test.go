package entity_test

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/news"
)

// sharedDir returns the third-party test data folder ($MORGUE_SHARED, else
// ../../../shared from this package), skipping the test when it is absent.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
		tb.Skipf("shared test data not found at %s (set MORGUE_SHARED): %v", dir, err)
	}
	return dir
}

// readLines reads up to max non-empty lines of a file (gzip when named
// .gz) under the shared data folder.
func readLines(tb testing.TB, rel string, max int) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join(sharedDir(tb), "data", rel))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(rel, ".gz") {
		g, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatalf("open %s: %v", rel, err)
		}
		r = g
	}
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() && len(out) < max {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			out = append(out, s)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", rel, err)
	}
	return out
}

// censusNames returns n "First Last" names built from the US Census 1990
// lists (a first name for each surname in turn, cycling).
func censusNames(tb testing.TB, n int) []string {
	tb.Helper()
	first := readLines(tb, "person_names/census1990_first_male.txt", 2000)
	first = append(first, readLines(tb, "person_names/census1990_first_female.txt", 5000)...)
	last := readLines(tb, "person_names/census1990_last.txt.gz", 100000)
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		f := first[(i*7919)%len(first)]
		l := last[i%len(last)]
		out = append(out, fmt.Sprintf("%s %s", title(f), title(l)))
	}
	return out
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

// TestSurnameFuzzRate guards against over-eager fuzzy matching: among the
// 20,000 most common US surnames, all distinct, few may find a fuzzy
// (not key-equal) partner, and those found must be close spellings.
func TestSurnameFuzzRate(t *testing.T) {
	names := readLines(t, "person_names/census1990_last.txt.gz", 20000)
	r := entity.NewRegistry()
	for _, n := range names {
		r.Add(title(n), news.Person)
	}
	fuzzy := 0
	for _, n := range names {
		for _, v := range r.Group(title(n), news.Person) {
			if entity.Key(v.Name) != entity.Key(n) {
				fuzzy++
				break
			}
		}
	}
	rate := float64(fuzzy) / float64(len(names))
	t.Logf("%d of %d surnames (%.1f%%) have a fuzzy partner", fuzzy, len(names), 100*rate)
	if rate > 0.16 {
		t.Errorf("%.1f%% of distinct surnames fuzz-match another; want at most 16%%", 100*rate)
	}
	for _, pair := range [][2]string{{"Miller", "Muller"}, {"Jones", "Janes"}, {"Davis", "Dawes"}, {"Wilson", "Filson"}, {"Mitchell", "Michael"}, {"Martin", "Martino"}} {
		if entity.SameEntity(pair[0], pair[1]) {
			t.Errorf("SameEntity(%q, %q) = true, want false", pair[0], pair[1])
		}
	}
}
