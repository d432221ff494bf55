// Command morgue-bench measures morgue against the tools a user would pick
// instead — SQLite FTS5 through the sqlite3 shell, ripgrep over the folder of
// files, and Xapian — on the same generated corpora in the same run, and
// prints medians and morgue/peer ratios as a Markdown table (stdout) and as
// JSON (bench/results/<date>-<size>.json). Progress goes to stderr.
//
// Corpora are built from ../shared/data at run time and cached in the work
// folder; see bench/README.md.
//
//	go run ./cmd/morgue-bench -quick
//	go run ./cmd/morgue-bench -sizes 10k,100k,1m
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/morgue-archive/morgue/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the parsed command line.
type config struct {
	sizes       []int
	quick       bool
	repo        string
	data        string
	work        string
	results     string
	tools       []string
	jobs        int
	ingestReps  int
	queryReps   int
	exportReps  int
	install     bool
	keep        bool
	corpusOnly  bool
	profile     bool
	noWriteJSON bool
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("morgue-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sizes, tools string
	cfg := &config{}
	fs.StringVar(&sizes, "sizes", "10k,100k,1m", "corpus sizes in posts, comma-separated (k and m suffixes)")
	fs.BoolVar(&cfg.quick, "quick", false, "10k posts only, fewer repeats (under 5 minutes)")
	fs.StringVar(&cfg.data, "data", "", "shared data folder (default: $MORGUE_SHARED/data, else <repo>/../shared/data)")
	fs.StringVar(&cfg.work, "work", filepath.Join(os.TempDir(), "morgue-bench"), "work folder: cached corpora, binaries, archives")
	fs.StringVar(&cfg.results, "results", "", "folder for the JSON results (default <repo>/bench/results)")
	fs.StringVar(&tools, "tools", "morgue,sqlite,rg,xapian", "tools to measure, comma-separated")
	fs.IntVar(&cfg.jobs, "jobs", runtime.NumCPU(), "morgue ingest --jobs")
	fs.IntVar(&cfg.ingestReps, "ingest-reps", 0, "ingest runs per tool (0: by size: 3 up to 100k, 1 above; 1 with -quick)")
	fs.IntVar(&cfg.queryReps, "query-reps", 0, "runs per query and tool (0: 5 up to 100k, 3 above; 3 with -quick)")
	fs.IntVar(&cfg.exportReps, "export-reps", 0, "export runs per tool (0: as -ingest-reps)")
	fs.BoolVar(&cfg.install, "install", true, "apt-get install missing peers when running as root")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the archives in the work folder after each size")
	fs.BoolVar(&cfg.corpusOnly, "corpus-only", false, "build (or check) the corpora and stop")
	fs.BoolVar(&cfg.noWriteJSON, "no-json", false, "do not write results JSON")
	fs.BoolVar(&cfg.profile, "profile", false, "instead of measuring, take CPU profiles of morgue's ingest, export and search")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: morgue-bench [flags]\n\nBenchmarks morgue against SQLite FTS5, ripgrep and Xapian; see bench/README.md.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if cfg.quick {
		sizes = "10k"
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := bench.ParseSize(s)
		if err != nil {
			return nil, err
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	for _, t := range strings.Split(tools, ",") {
		switch t = strings.TrimSpace(t); t {
		case "morgue", "sqlite", "rg", "xapian":
			cfg.tools = append(cfg.tools, t)
		case "":
		default:
			return nil, fmt.Errorf("unknown tool %q (want morgue, sqlite, rg, xapian)", t)
		}
	}
	repo, err := repoRoot()
	if err != nil {
		return nil, err
	}
	cfg.repo = repo
	if cfg.data == "" {
		if sh := os.Getenv("MORGUE_SHARED"); sh != "" {
			cfg.data = filepath.Join(sh, "data")
		} else {
			cfg.data = filepath.Join(repo, "..", "shared", "data")
		}
	}
	if cfg.results == "" {
		cfg.results = filepath.Join(repo, "bench", "results")
	}
	if cfg.work, err = filepath.Abs(cfg.work); err != nil {
		return nil, err
	}
	return cfg, nil
}

// reps returns the repeat counts for a corpus of n posts.
func (c *config) reps(n int) (ingest, query, export int) {
	ingest, query = 3, 5
	if n > 100000 {
		ingest, query = 1, 3
	}
	if c.quick {
		ingest, query = 1, 3
	}
	if c.ingestReps > 0 {
		ingest = c.ingestReps
	}
	if c.queryReps > 0 {
		query = c.queryReps
	}
	export = ingest
	if c.exportReps > 0 {
		export = c.exportReps
	}
	return ingest, query, export
}

// repoRoot finds the module root above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/morgue-archive/morgue") {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("run morgue-bench inside the morgue repository (no go.mod of github.com/morgue-archive/morgue above %s)", dir)
		}
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "morgue-bench: %v\n", err)
		return 2
	}
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "[%s] "+format+"\n", append([]any{time.Now().Format("15:04:05")}, a...)...)
	}
	if err := runBench(ctx, cfg, stdout, logf); err != nil {
		fmt.Fprintf(stderr, "morgue-bench: %v\n", err)
		return 1
	}
	return 0
}

// errMeasures marks a run in which some measure failed; the tables are still
// printed, with the errors in them.
var errMeasures = errors.New("some measures failed (see the tables and the JSON)")

func runBench(ctx context.Context, cfg *config, stdout io.Writer, logf bench.Progress) error {
	if _, err := os.Stat(cfg.data); err != nil {
		return fmt.Errorf("%w: no data folder at %s; the corpora are built from BBC News, Reuters-21578 and AG News there (put ../shared beside the repository, or pass -data or MORGUE_SHARED)", bench.ErrNoData, cfg.data)
	}
	if err := os.MkdirAll(cfg.work, 0o755); err != nil {
		return fmt.Errorf("make work folder: %w", err)
	}
	if err := checkDisk(cfg, logf); err != nil {
		return err
	}
	logf("loading source documents from %s", cfg.data)
	docs, err := bench.LoadDocs(cfg.data)
	if err != nil {
		return err
	}
	gen, err := bench.NewGenerator(docs, bench.Seed)
	if err != nil {
		return err
	}
	logf("%d source documents", len(docs))
	if cfg.corpusOnly {
		for _, n := range cfg.sizes {
			c, err := gen.Build(ctx, corpusDir(cfg, n), n, logf)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, corpusLine(c))
		}
		return nil
	}
	if cfg.profile {
		cfg.tools = []string{"morgue"}
	}
	tools, versions, err := setupTools(ctx, cfg, logf)
	if err != nil {
		return err
	}
	if cfg.profile {
		for _, n := range cfg.sizes {
			if err := profileMorgue(ctx, cfg, gen, tools[0].(*morgueTool), n, stdout, logf); err != nil {
				return err
			}
		}
		return nil
	}
	mach := machineInfo(ctx, cfg, versions)
	var all []*sizeResult
	failed := false
	for _, n := range cfg.sizes {
		res, err := runSize(ctx, cfg, gen, tools, n, mach, logf)
		if err != nil {
			return err
		}
		all = append(all, res)
		printSize(stdout, res, tools)
		if !cfg.noWriteJSON {
			p, err := writeJSON(cfg, res)
			if err != nil {
				return err
			}
			logf("wrote %s", p)
		}
		if len(res.Errors) > 0 {
			failed = true
		}
	}
	if len(all) > 1 {
		printGrowth(stdout, all, tools)
	}
	if failed {
		return errMeasures
	}
	return nil
}

func corpusDir(cfg *config, n int) string {
	return filepath.Join(cfg.work, "corpus-"+bench.SizeLabel(n))
}

// bytesPerPost is a generous estimate of the corpus size per post, for the
// disk check before the corpus exists.
const bytesPerPost = 3500

// archiveFactor is the estimated disk space of all the tools' archives
// together, in multiples of the raw corpus.
const archiveFactor = 6

// checkDisk refuses to start when the corpora and archives would not fit.
func checkDisk(cfg *config, logf bench.Progress) error {
	var corpora, archives int64
	for _, n := range cfg.sizes {
		raw := int64(n) * bytesPerPost
		if c, err := bench.LoadCorpus(corpusDir(cfg, n)); err == nil && c.Posts == n {
			raw = c.Bytes
		} else {
			corpora += raw
		}
		if cfg.keep {
			archives += raw * archiveFactor
		} else { // archives are removed after each size
			archives = max(archives, raw*archiveFactor)
		}
	}
	need := corpora + archives
	free, err := freeBytes(cfg.work)
	if err != nil {
		return fmt.Errorf("check free space in %s: %w", cfg.work, err)
	}
	logf("disk: %s free in %s, about %s needed", bench.FormatBytes(free), cfg.work, bench.FormatBytes(need))
	if free < need+1<<30 {
		return fmt.Errorf("not enough disk space in %s: %s free, about %s needed for sizes %s (free some space or pass -work)",
			cfg.work, bench.FormatBytes(free), bench.FormatBytes(need+1<<30), sizeList(cfg.sizes))
	}
	return nil
}

func sizeList(sizes []int) string {
	var s []string
	for _, n := range sizes {
		s = append(s, bench.SizeLabel(n))
	}
	return strings.Join(s, ",")
}

// setupTools builds morgue and finds (or installs) the peers. It returns the
// tools in the order they are reported and their versions.
func setupTools(ctx context.Context, cfg *config, logf bench.Progress) ([]tool, map[string]string, error) {
	versions := map[string]string{}
	var tools []tool
	want := func(t string) bool { return slices.Contains(cfg.tools, t) }
	if want("morgue") {
		bin := filepath.Join(cfg.work, "bin", "morgue")
		logf("building morgue: go build -o %s ./cmd/morgue", bin)
		build := exec.CommandContext(ctx, goTool(), "build", "-o", bin, "./cmd/morgue")
		build.Dir = cfg.repo
		if out, err := build.CombinedOutput(); err != nil {
			return nil, nil, fmt.Errorf("build morgue: %w\n%s", err, out)
		}
		help, _ := exec.CommandContext(ctx, bin, "--help").CombinedOutput()
		for _, cmd := range []string{"ingest", "search", "export", "stats"} {
			if !strings.Contains(string(help), cmd) {
				return nil, nil, fmt.Errorf("morgue CLI not ready: `morgue --help` does not list %q (measure only the peers with -tools sqlite,rg,xapian)", cmd)
			}
		}
		versions["morgue"] = gitDescribe(ctx, cfg.repo)
		tools = append(tools, &morgueTool{bin: bin, jobs: cfg.jobs})
	}
	missing := map[string][]string{}
	if want("sqlite") && !sqliteOK(ctx) {
		missing["sqlite"] = []string{"sqlite3"}
	}
	if want("rg") && !commandOK(ctx, "rg", "--version") {
		missing["rg"] = []string{"ripgrep"}
	}
	if want("xapian") && (!commandOK(ctx, "quest", "--version") || xapianPython(ctx) == "") {
		missing["xapian"] = []string{"xapian-tools", "python3-xapian"}
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		missing["time"] = []string{"time"} // GNU time, for peak RSS
	}
	if len(missing) > 0 {
		installPeers(ctx, cfg, missing, logf)
	}
	logf("peak RSS: %s", bench.RSSMethod())
	if want("sqlite") {
		if sqliteOK(ctx) {
			versions["sqlite3"] = strings.Join(strings.Fields(output(ctx, "sqlite3", "--version"))[:1], "")
			tools = append(tools, sqliteTool{})
		} else {
			logf("skipping SQLite FTS5: sqlite3 with FTS5 and fsdir() not found (apt-get install sqlite3)")
		}
	}
	if want("rg") {
		if commandOK(ctx, "rg", "--version") {
			versions["ripgrep"] = strings.TrimPrefix(firstLine(output(ctx, "rg", "--version")), "ripgrep ")
			tools = append(tools, rgTool{})
		} else {
			logf("skipping ripgrep: rg not found (apt-get install ripgrep)")
		}
	}
	if want("xapian") {
		if py := xapianPython(ctx); py != "" && commandOK(ctx, "quest", "--version") {
			versions["xapian"] = strings.TrimPrefix(firstLine(output(ctx, "quest", "--version")), "quest - xapian-core ")
			tools = append(tools, xapianTool{python: py})
		} else {
			logf("skipping Xapian: quest or the python3 xapian module not found (apt-get install xapian-tools python3-xapian)")
		}
	}
	if len(tools) == 0 {
		return nil, nil, errors.New("no tool to measure")
	}
	return tools, versions, nil
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

func commandOK(ctx context.Context, name string, args ...string) bool {
	return exec.CommandContext(ctx, name, args...).Run() == nil
}

func output(ctx context.Context, name string, args ...string) string {
	b, _ := exec.CommandContext(ctx, name, args...).Output()
	return strings.TrimSpace(string(b))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// sqliteOK checks that sqlite3 has FTS5 and the shell's fsdir() function.
func sqliteOK(ctx context.Context) bool {
	return commandOK(ctx, "sqlite3", ":memory:",
		"CREATE VIRTUAL TABLE t USING fts5(a); SELECT count(*) FROM fsdir('.') LIMIT 1;")
}

// xapianPython finds a python3 that imports the xapian module; Debian's
// python3-xapian installs it for /usr/bin/python3, which may not be the
// first python3 in PATH.
func xapianPython(ctx context.Context) string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if commandOK(ctx, py, "-c", "import xapian") {
			return py
		}
	}
	return ""
}

// installPeers runs apt-get for missing peers when that is possible.
func installPeers(ctx context.Context, cfg *config, missing map[string][]string, logf bench.Progress) {
	var pkgs []string
	for _, p := range missing {
		pkgs = append(pkgs, p...)
	}
	slices.Sort(pkgs)
	if !cfg.install {
		logf("not installing %s (-install=false)", strings.Join(pkgs, " "))
		return
	}
	if os.Geteuid() != 0 {
		logf("not installing %s: not root", strings.Join(pkgs, " "))
		return
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		logf("not installing %s: no apt-get", strings.Join(pkgs, " "))
		return
	}
	install := func() error {
		c := exec.CommandContext(ctx, "apt-get", append([]string{"install", "-y", "-q"}, pkgs...)...)
		c.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := c.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w: %s", err, strings.TrimSpace(lastLines(string(out), 3)))
		}
		return nil
	}
	logf("installing %s with apt-get", strings.Join(pkgs, " "))
	if err := install(); err != nil {
		logf("apt-get install: %v; running apt-get update and trying again", err)
		if out, err := exec.CommandContext(ctx, "apt-get", "update", "-q").CombinedOutput(); err != nil {
			logf("apt-get update: %v: %s", err, lastLines(string(out), 3))
			return
		}
		if err := install(); err != nil {
			logf("apt-get install: %v", err)
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func gitDescribe(ctx context.Context, repo string) string {
	c := exec.CommandContext(ctx, "git", "describe", "--tags", "--always", "--dirty")
	c.Dir = repo
	b, err := c.Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}
