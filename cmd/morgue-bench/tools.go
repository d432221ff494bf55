package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/morgue-archive/morgue/internal/bench"
)

// errNA marks a measure a tool has no way to do (ripgrep keeps no index).
var errNA = errors.New("not applicable")

// tool is morgue or one of its peers, run the way a user would run it.
// Methods return errNA for measures the tool cannot take part in.
type tool interface {
	// Name is the column title in reports.
	Name() string
	// Key names the tool in the JSON results.
	Key() string
	// Ingest indexes the posts folder into out, which does not exist yet.
	Ingest(ctx context.Context, posts, out string) (bench.Result, string, error)
	// Reingest runs the ingest again over the unchanged folder.
	Reingest(ctx context.Context, posts, out string) (bench.Result, string, error)
	// Query runs one query as a fresh process and returns the number of
	// matches the tool reports (its total when it gives one, else the hits
	// it printed).
	Query(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int, string, error)
	// Export streams every match and returns the records written.
	Export(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int64, string, error)
	// Batch runs qs in one process and returns each query's latency, or
	// only the mean when the tool cannot time single queries.
	Batch(ctx context.Context, out string, qs []bench.Query) (lat []time.Duration, mean time.Duration, cmd string, err error)
}

// ---- morgue ----

type morgueTool struct {
	bin  string
	jobs int
}

func (m *morgueTool) Name() string { return "morgue" }
func (m *morgueTool) Key() string  { return "morgue" }

func (m *morgueTool) cmd(archive string, args ...string) bench.Command {
	return bench.Command{Path: m.bin, Args: append([]string{"--archive", archive}, args...)}
}

func (m *morgueTool) Ingest(ctx context.Context, posts, out string) (bench.Result, string, error) {
	c := m.cmd(out, "-q", "ingest", posts, "--jobs", strconv.Itoa(m.jobs))
	c.PeakRSS = true
	r, err := bench.Run(ctx, c)
	return r, c.String(), err
}

func (m *morgueTool) Reingest(ctx context.Context, posts, out string) (bench.Result, string, error) {
	return m.Ingest(ctx, posts, out)
}

func (m *morgueTool) Query(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int, string, error) {
	c := m.cmd(out, "search", "--json", "--limit", "20", q.String())
	r, err := bench.Run(ctx, c)
	if err != nil {
		return r, 0, c.String(), err
	}
	var res struct {
		Schema int               `json:"schema"`
		Total  int               `json:"total"`
		Hits   []json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal(r.Stdout, &res); err != nil {
		return r, 0, c.String(), fmt.Errorf("decode morgue search output: %w", err)
	}
	return r, res.Total, c.String(), nil
}

func (m *morgueTool) Export(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int64, string, error) {
	var lc bench.LineCounter
	c := m.cmd(out, "export", "--format", "jsonl", q.String())
	c.Stdout = &lc
	c.PeakRSS = true
	r, err := bench.Run(ctx, c)
	return r, lc.Lines, c.String() + " | wc -l", err
}

func (m *morgueTool) Batch(ctx context.Context, out string, qs []bench.Query) ([]time.Duration, time.Duration, string, error) {
	return inProcessMorgue(ctx, out, qs)
}

// stats reads `morgue stats --json` for the consistency check after ingest.
func (m *morgueTool) stats(ctx context.Context, out string) (map[string]any, error) {
	r, err := bench.Run(ctx, m.cmd(out, "stats", "--json"))
	if err != nil {
		return nil, err
	}
	var st map[string]any
	if err := json.Unmarshal(r.Stdout, &st); err != nil {
		return nil, fmt.Errorf("decode morgue stats output: %w", err)
	}
	return st, nil
}

// ---- SQLite FTS5 through the sqlite3 shell ----

// sqliteTool loads the files with the shell's own fsdir() table function (no
// helper program: sqlite3 reads the files itself), splits each into title,
// body and comments with SQL string functions, and inserts all rows into an
// FTS5 table with the porter stemmer in one transaction.
type sqliteTool struct{}

func (sqliteTool) Name() string { return "SQLite FTS5" }
func (sqliteTool) Key() string  { return "sqlite_fts5" }

// sqliteLoad is the whole ingest script; %s is the posts folder. The shell's
// defaults are kept (rollback journal, synchronous=FULL), as a user would.
const sqliteLoad = `CREATE VIRTUAL TABLE posts USING fts5(path UNINDEXED, title, body, comments, tokenize='porter unicode61');
BEGIN;
INSERT INTO posts(path, title, body, comments)
WITH f AS (SELECT name, CAST(data AS TEXT) AS t FROM fsdir(%s) WHERE (mode & 61440) = 32768),
     g AS (SELECT name, t, instr(t, char(10)) AS nl, instr(t, ' Responses to ') AS rp FROM f)
SELECT name,
       substr(t, 1, nl - 1),
       CASE rp WHEN 0 THEN substr(t, nl + 1) ELSE substr(t, nl + 1, rp - nl - 1) END,
       CASE rp WHEN 0 THEN '' ELSE substr(t, rp + 1) END
FROM g;
COMMIT;
`

// sqliteDB is the database file inside the tool's output folder.
func sqliteDB(out string) string { return filepath.Join(out, "posts.db") }

func (s sqliteTool) Ingest(ctx context.Context, posts, out string) (bench.Result, string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return bench.Result{}, "", fmt.Errorf("make %s: %w", out, err)
	}
	script := fmt.Sprintf(sqliteLoad, sqlQuote(posts))
	c := bench.Command{Path: "sqlite3", Args: []string{sqliteDB(out)}, Stdin: strings.NewReader(script), PeakRSS: true}
	r, err := bench.Run(ctx, c)
	return r, c.String() + " < load.sql (fsdir + FTS5 insert in one transaction)", err
}

func (sqliteTool) Reingest(context.Context, string, string) (bench.Result, string, error) {
	return bench.Result{}, "", errNA
}

// ftsMatch renders q in FTS5 query syntax (bare words are ANDed).
func ftsMatch(q bench.Query) string {
	switch q.Kind {
	case bench.KindPhrase:
		return `"` + strings.Join(q.Terms, " ") + `"`
	case bench.KindOr:
		return strings.Join(q.Terms, " OR ")
	}
	return strings.Join(q.Terms, " ")
}

func sqliteSearchSQL(q bench.Query) string {
	return fmt.Sprintf("SELECT path, title, snippet(posts, -1, '[[', ']]', '…', 12) AS snippet, rank AS score FROM posts WHERE posts MATCH %s ORDER BY rank LIMIT 20;",
		sqlQuote(ftsMatch(q)))
}

func (sqliteTool) Query(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int, string, error) {
	c := bench.Command{Path: "sqlite3", Args: []string{"-readonly", "-json", sqliteDB(out), sqliteSearchSQL(q)}}
	r, err := bench.Run(ctx, c)
	if err != nil {
		return r, 0, c.String(), err
	}
	var rows []json.RawMessage
	if len(bytes.TrimSpace(r.Stdout)) > 0 {
		if err := json.Unmarshal(r.Stdout, &rows); err != nil {
			return r, 0, c.String(), fmt.Errorf("decode sqlite3 -json output: %w", err)
		}
	}
	return r, len(rows), c.String(), nil
}

// count returns how many posts match q (not timed; for the sanity table).
func (sqliteTool) count(ctx context.Context, out string, q bench.Query) (int, error) {
	sql := "SELECT count(*) FROM posts"
	if q.Kind != bench.KindAll {
		sql += " WHERE posts MATCH " + sqlQuote(ftsMatch(q))
	}
	r, err := bench.Run(ctx, bench.Command{Path: "sqlite3", Args: []string{"-readonly", sqliteDB(out), sql + ";"}})
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(r.Stdout)))
}

func (sqliteTool) Export(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int64, string, error) {
	sql := "SELECT path, title, body, comments FROM posts"
	if q.Kind != bench.KindAll {
		sql += " WHERE posts MATCH " + sqlQuote(ftsMatch(q))
	}
	var lc bench.LineCounter
	// .mode json writes one row per line inside a JSON array.
	c := bench.Command{Path: "sqlite3", Args: []string{"-readonly", "-json", sqliteDB(out), sql + ";"}, Stdout: &lc, PeakRSS: true}
	r, err := bench.Run(ctx, c)
	return r, lc.Lines, c.String() + " | wc -l", err
}

var sqliteTimer = regexp.MustCompile(`Run Time: real ([0-9.]+)`)

// Batch runs all queries in one sqlite3 process with .timer on. The shell
// prints each statement's wall time with millisecond resolution; the mean is
// taken from the whole process's time less that of an empty run.
func (sqliteTool) Batch(ctx context.Context, out string, qs []bench.Query) ([]time.Duration, time.Duration, string, error) {
	var script strings.Builder
	script.WriteString(".timer on\n")
	for _, q := range qs {
		script.WriteString(sqliteSearchSQL(q))
		script.WriteByte('\n')
	}
	c := bench.Command{Path: "sqlite3", Args: []string{"-readonly", "-json", sqliteDB(out)}, Stdin: strings.NewReader(script.String())}
	r, err := bench.Run(ctx, c)
	if err != nil {
		return nil, 0, c.String(), err
	}
	empty, err := bench.Run(ctx, bench.Command{Path: "sqlite3", Args: []string{"-readonly", "-json", sqliteDB(out)}, Stdin: strings.NewReader(".timer on\n")})
	if err != nil {
		return nil, 0, c.String(), err
	}
	var lat []time.Duration
	for _, m := range sqliteTimer.FindAllSubmatch(r.Stdout, -1) {
		f, _ := strconv.ParseFloat(string(m[1]), 64)
		lat = append(lat, time.Duration(f*float64(time.Second)))
	}
	if len(lat) != len(qs) {
		return nil, 0, c.String(), fmt.Errorf("sqlite3 printed %d timings for %d queries", len(lat), len(qs))
	}
	mean := (r.Wall - empty.Wall) / time.Duration(len(qs))
	return lat, mean, c.String() + " < 1000 queries with .timer on", nil
}

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ---- ripgrep over the folder ----

// rgTool searches the files directly (no index): case-insensitive whole-word
// matches, listing matching files. Two-word AND is the usual pipe,
// rg -l0 a | xargs -0 rg -l b; a phrase is a fixed string; OR is two -e
// patterns. rg prints no ranking, so every matching file is listed.
type rgTool struct{}

func (rgTool) Name() string { return "ripgrep" }
func (rgTool) Key() string  { return "ripgrep" }

func (rgTool) Ingest(context.Context, string, string) (bench.Result, string, error) {
	return bench.Result{}, "", errNA
}

func (rgTool) Reingest(context.Context, string, string) (bench.Result, string, error) {
	return bench.Result{}, "", errNA
}

func rgCommand(posts string, q bench.Query) bench.Command {
	switch q.Kind {
	case bench.KindAnd:
		// Each later word filters the files the earlier ones matched.
		line := "rg -l0 -i -w -- " + shellQuote(q.Terms[0]) + " " + shellQuote(posts)
		for _, t := range q.Terms[1:] {
			line += " | xargs -0 -r rg -l0 -i -w -- " + shellQuote(t)
		}
		line += " | tr '\\0' '\\n'"
		return bench.Command{Path: "sh", Args: []string{"-c", line}}
	case bench.KindPhrase:
		return bench.Command{Path: "rg", Args: []string{"-l", "-i", "-w", "-F", "--", strings.Join(q.Terms, " "), posts}}
	case bench.KindOr:
		args := []string{"-l", "-i", "-w"}
		for _, t := range q.Terms {
			args = append(args, "-e", t)
		}
		return bench.Command{Path: "rg", Args: append(args, "--", posts)}
	}
	return bench.Command{Path: "rg", Args: []string{"-l", "-i", "-w", "--", strings.Join(q.Terms, " "), posts}}
}

func (rgTool) Query(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int, string, error) {
	c := rgCommand(posts, q)
	r, err := bench.Run(ctx, c)
	var ee interface{ ExitCode() int }
	if err != nil && errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil // rg exits 1 when nothing matched
	}
	return r, bytes.Count(r.Stdout, []byte{'\n'}), c.String(), err
}

func (rgTool) Export(context.Context, string, string, bench.Query) (bench.Result, int64, string, error) {
	return bench.Result{}, 0, "", errNA
}

func (rgTool) Batch(context.Context, string, []bench.Query) ([]time.Duration, time.Duration, string, error) {
	return nil, 0, "", errNA
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// ---- Xapian: python3-xapian to index, quest to search ----

// xapianTool indexes with a short Python script over the Debian bindings
// (TermGenerator with the English stemmer, positions kept for phrases; the
// xapian-tools package has no plain-text indexer) and searches with quest,
// the command-line search tool, with AND as the default operator.
type xapianTool struct{ python string }

func (xapianTool) Name() string { return "Xapian" }
func (xapianTool) Key() string  { return "xapian" }

const xapianIndexPy = `import os, sys, xapian
posts, out = sys.argv[1], sys.argv[2]
db = xapian.WritableDatabase(out, xapian.DB_CREATE_OR_OPEN)
tg = xapian.TermGenerator()
tg.set_stemmer(xapian.Stem("english"))
db.begin_transaction()
for root, dirs, files in os.walk(posts):
    dirs.sort()
    for name in sorted(files):
        path = os.path.join(root, name)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        doc.set_data(path)
        db.add_document(doc)
db.commit_transaction()
db.close()
`

const xapianBatchPy = `import sys, time, xapian
db = xapian.Database(sys.argv[1])
qp = xapian.QueryParser()
qp.set_stemmer(xapian.Stem("english"))
qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
qp.set_database(db)
qp.set_default_op(xapian.Query.OP_AND)
enq = xapian.Enquire(db)
for line in sys.stdin:
    t0 = time.perf_counter_ns()
    enq.set_query(qp.parse_query(line.strip()))
    for m in enq.get_mset(0, 20):
        m.document.get_data()
    print(time.perf_counter_ns() - t0)
`

func (x xapianTool) Ingest(ctx context.Context, posts, out string) (bench.Result, string, error) {
	c := bench.Command{Path: x.python, Args: []string{"-c", xapianIndexPy, posts, out}, PeakRSS: true}
	r, err := bench.Run(ctx, c)
	return r, x.python + " index.py " + posts + " " + out + " (TermGenerator, English stemmer, one transaction)", err
}

func (xapianTool) Reingest(context.Context, string, string) (bench.Result, string, error) {
	return bench.Result{}, "", errNA
}

var questTotal = regexp.MustCompile(`(?m)^(?:Exactly|About|Between) ([0-9]+)`)

func (xapianTool) Query(ctx context.Context, posts, out string, q bench.Query) (bench.Result, int, string, error) {
	c := bench.Command{Path: "quest", Args: []string{"-d", out, "-o", "and", "-m", "20", ftsMatch(q)}}
	r, err := bench.Run(ctx, c)
	if err != nil {
		return r, 0, c.String(), err
	}
	m := questTotal.FindSubmatch(r.Stdout)
	if m == nil {
		return r, 0, c.String(), fmt.Errorf("no match count in quest output")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return r, n, c.String(), nil
}

func (xapianTool) Export(context.Context, string, string, bench.Query) (bench.Result, int64, string, error) {
	return bench.Result{}, 0, "", errNA
}

func (x xapianTool) Batch(ctx context.Context, out string, qs []bench.Query) ([]time.Duration, time.Duration, string, error) {
	var in strings.Builder
	for _, q := range qs {
		in.WriteString(ftsMatch(q))
		in.WriteByte('\n')
	}
	c := bench.Command{Path: x.python, Args: []string{"-c", xapianBatchPy, out}, Stdin: strings.NewReader(in.String())}
	r, err := bench.Run(ctx, c)
	if err != nil {
		return nil, 0, c.String(), err
	}
	var lat []time.Duration
	sc := bufio.NewScanner(bytes.NewReader(r.Stdout))
	var sum time.Duration
	for sc.Scan() {
		ns, err := strconv.ParseInt(strings.TrimSpace(sc.Text()), 10, 64)
		if err != nil {
			return nil, 0, c.String(), fmt.Errorf("read xapian timings: %w", err)
		}
		lat = append(lat, time.Duration(ns))
		sum += time.Duration(ns)
	}
	if len(lat) != len(qs) {
		return nil, 0, c.String(), fmt.Errorf("xapian printed %d timings for %d queries", len(lat), len(qs))
	}
	return lat, sum / time.Duration(len(lat)), x.python + " batch.py " + out + " < 1000 queries (Enquire, top 20)", nil
}

// ---- baselines ----

// statFolder times find(1) stating every file: the floor for a re-ingest of
// an unchanged folder.
func statFolder(ctx context.Context, posts string) (bench.Result, string, error) {
	c := bench.Command{Path: "find", Args: []string{posts, "-type", "f", "-printf", `%s %T@\n`}, Stdout: &bench.LineCounter{}}
	r, err := bench.Run(ctx, c)
	return r, c.String() + " > /dev/null", err
}

// dirSize is the disk space (allocated blocks) under p, file or folder.
func dirSize(p string) (int64, error) {
	var total int64
	err := filepath.Walk(p, func(_ string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		total += allocated(info)
		return nil
	})
	return total, err
}
