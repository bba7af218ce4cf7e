// Command autogen-bench measures autogen on generated schemas and prints a
// table of figures: reflection of 100, 1,000 and 5,000 tables on
// PostgreSQL and SQLite (time and statements sent), the in-memory
// comparison of a mutated 1,000-table schema, peak memory of reflection
// plus comparison in a child process, and, when asked, Alembic's
// autogenerate comparison on the same databases in the same run, with the
// ratio; and `autogen check` on a project.
//
// Usage:
//
//	go run ./cmd/autogen-bench                        # autogen alone
//	go run ./cmd/autogen-bench -alembic               # side by side with Alembic (python3-alembic)
//	go run ./cmd/autogen-bench -install-alembic       # apt-get install it first (root), then as -alembic
//	go run ./cmd/autogen-bench -tables 1000 -runs 9   # other sizes, more runs
//	go run ./cmd/autogen-bench -check-project DIR     # time `autogen check` in DIR instead of the Prefect copy
//
// PostgreSQL: the server at -pg, else AUTOGEN_PG_DEV_URL, else a private
// throwaway cluster; without one, PostgreSQL rows are left out and the
// reason is printed. Schemas come from internal/schemagen with a fixed
// seed, so every run measures the same schemas. Times are medians.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/internal/pgserver"
	"github.com/autogen-dev/autogen/internal/schemagen"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// config holds the command line.
type config struct {
	tables         []int
	dialects       []schema.Dialect
	runs           int
	changes        int
	diffTables     int
	pgURL          string
	alembic        bool
	installAlembic bool
	alembicMax     int
	checkProject   string
	prefectChain   int
	autogenBin     string
	jsonOut        bool
	workdir        string
}

func main() {
	// A child process measuring peak memory (see memory.go).
	if len(os.Args) > 1 && os.Args[1] == memoryChildArg {
		os.Exit(memoryChild(os.Args[2:]))
	}
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "autogen-bench:", err)
		os.Exit(2)
	}
	if err := run(context.Background(), cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "autogen-bench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("autogen-bench", flag.ContinueOnError)
	var tables, dialects string
	cfg := &config{}
	fs.StringVar(&tables, "tables", "100,1000,5000", "table counts to reflect, comma-separated")
	fs.StringVar(&dialects, "dialects", "postgresql,sqlite", "dialects, comma-separated")
	fs.IntVar(&cfg.runs, "runs", 5, "runs per measurement (the median is printed)")
	fs.IntVar(&cfg.changes, "changes", 100, "changes in the mutated schema for the comparison")
	fs.IntVar(&cfg.diffTables, "diff-tables", 1000, "tables in the schema the comparison and the memory figure use")
	fs.StringVar(&cfg.pgURL, "pg", "", "PostgreSQL server `URL` to create databases on (default: $AUTOGEN_PG_DEV_URL, else a throwaway cluster)")
	fs.BoolVar(&cfg.alembic, "alembic", false, "run Alembic's autogenerate comparison on the same databases (needs python3 with alembic, sqlalchemy and psycopg2)")
	fs.BoolVar(&cfg.installAlembic, "install-alembic", false, "install Debian's python3-alembic and python3-psycopg2 with apt-get (as root), then run as -alembic")
	fs.IntVar(&cfg.alembicMax, "alembic-max-tables", 1000, "largest schema Alembic is run on (it takes about 10 s per 1,000 tables)")
	fs.StringVar(&cfg.checkProject, "check-project", "", "also time `autogen check` in this project `DIR` (its env compiled by a first, untimed run)")
	fs.IntVar(&cfg.prefectChain, "prefect-chain", 100, "time `autogen check` on a copy of examples/prefect whose chains grow by this many migrations (0: skip)")
	fs.StringVar(&cfg.autogenBin, "autogen", "", "autogen binary for -check-project (default: built from this module)")
	fs.BoolVar(&cfg.jsonOut, "json", false, "print the rows as JSON instead of a table")
	fs.StringVar(&cfg.workdir, "workdir", "", "keep the SQLite databases and the project copy in this `DIR` (default: a temporary directory, removed)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: autogen-bench [flags]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	for _, s := range strings.Split(tables, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-tables: %q is not a positive number", s)
		}
		cfg.tables = append(cfg.tables, n)
	}
	for _, s := range strings.Split(dialects, ",") {
		d := schema.Dialect(strings.TrimSpace(s))
		if !d.Valid() {
			return nil, fmt.Errorf("-dialects: unknown dialect %q (postgresql, sqlite)", s)
		}
		cfg.dialects = append(cfg.dialects, d)
	}
	if cfg.runs < 1 {
		return nil, errors.New("-runs must be at least 1")
	}
	if cfg.installAlembic {
		cfg.alembic = true
	}
	return cfg, nil
}

// row is one line of the result table.
type row struct {
	Work       string  `json:"work"`
	Seconds    float64 `json:"seconds,omitempty"`
	Statements int64   `json:"statements,omitempty"`
	MiB        float64 `json:"peak_mib,omitempty"`
	// Alembic's figures on the same database, when run.
	AlembicSeconds    float64 `json:"alembic_seconds,omitempty"`
	AlembicStatements int64   `json:"alembic_statements,omitempty"`
	Target            string  `json:"target,omitempty"`
	Note              string  `json:"note,omitempty"`
}

// bench is one run of the command.
type bench struct {
	cfg     *config
	log     io.Writer
	pg      *pgserver.Server
	pgErr   error
	dir     string
	alembic *alembicRunner
	rows    []row
	// dbs keeps the databases built for the comparison, by dialect and
	// tag ("a", "b"), for the memory child.
	urls map[string]string
}

func run(ctx context.Context, cfg *config, out io.Writer) error {
	b := &bench{cfg: cfg, log: os.Stderr, urls: map[string]string{}}
	if cfg.workdir != "" {
		if err := os.MkdirAll(cfg.workdir, 0o755); err != nil {
			return err
		}
		b.dir = cfg.workdir
	} else {
		dir, err := os.MkdirTemp("", "autogen-bench-")
		if err != nil {
			return err
		}
		b.dir = dir
		defer os.RemoveAll(dir)
	}
	dir := b.dir
	if slices.Contains(cfg.dialects, schema.Postgres) {
		b.pg, b.pgErr = openServer(ctx, cfg.pgURL)
		if b.pgErr != nil {
			fmt.Fprintf(b.log, "PostgreSQL rows left out: %v\n", b.pgErr)
		} else {
			defer b.pg.Close()
		}
	}
	if cfg.alembic {
		a, err := newAlembic(ctx, cfg.installAlembic, dir, b.log)
		if err != nil {
			return err
		}
		b.alembic = a
	}
	fmt.Fprintf(b.log, "autogen-bench: %s, %d CPUs, %d runs per figure (medians)\n", runtime.Version(), runtime.NumCPU(), cfg.runs)

	for _, d := range cfg.dialects {
		if d == schema.Postgres && b.pg == nil {
			continue
		}
		for _, n := range cfg.tables {
			if err := b.reflectRow(ctx, d, n); err != nil {
				return err
			}
		}
	}
	for _, d := range cfg.dialects {
		if d == schema.Postgres && b.pg == nil {
			continue
		}
		if err := b.diffRows(ctx, d); err != nil {
			return err
		}
	}
	if cfg.checkProject != "" || cfg.prefectChain > 0 {
		if err := b.checkRow(ctx); err != nil {
			return err
		}
	}
	if cfg.jsonOut {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(b.rows)
	}
	printTable(out, b.rows, b.alembic)
	return nil
}

func openServer(ctx context.Context, url string) (*pgserver.Server, error) {
	if url == "" {
		url = os.Getenv("AUTOGEN_PG_DEV_URL")
	}
	if url != "" {
		return pgserver.Open(ctx, url)
	}
	return pgserver.StartTemp(ctx)
}

// newDB returns the URL of a new empty database of dialect d.
func (b *bench) newDB(ctx context.Context, d schema.Dialect, tag string) (string, error) {
	if d == schema.SQLite {
		return filepath.Join(b.dir, tag+".db"), nil
	}
	_, url, err := b.pg.CreateDatabase(ctx, "autogen_bench_"+tag)
	return url, err
}

func open(d schema.Dialect, url string) (*sql.DB, error) {
	if d == schema.SQLite {
		return sql.Open("sqlite", url)
	}
	return sql.Open("pgx", url)
}

// build creates a database of dialect d holding model and returns its URL.
func (b *bench) build(ctx context.Context, d schema.Dialect, tag string, model *schema.Schema) (string, error) {
	url, err := b.newDB(ctx, d, tag)
	if err != nil {
		return "", err
	}
	db, err := open(d, url)
	if err != nil {
		return "", err
	}
	defer db.Close()
	start := time.Now()
	if _, err := schemagen.Build(ctx, db, d, model); err != nil {
		return "", err
	}
	fmt.Fprintf(b.log, "  built %s on %s in %s\n", schemagen.Describe(model), d.Title(), time.Since(start).Round(time.Millisecond))
	return url, nil
}

// reflectRow measures reflection of an n-table schema on d.
func (b *bench) reflectRow(ctx context.Context, d schema.Dialect, n int) error {
	model := schemagen.Generate(schemagen.Config{Tables: n, Seed: 1})
	tag := fmt.Sprintf("%s_%d", d, n)
	url, err := b.build(ctx, d, tag, model)
	if err != nil {
		return err
	}
	if n == b.cfg.diffTables {
		b.urls[string(d)+"/a"] = url
	}
	b.urls[fmt.Sprintf("%s/%d", d, n)] = url
	db, err := open(d, url)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	var times []float64
	var stmts int64
	for range b.cfg.runs {
		q := &schemagen.CountingQuerier{Q: db}
		start := time.Now()
		s, err := reflect.Database(ctx, d, q, reflect.Options{})
		if err != nil {
			return err
		}
		times = append(times, time.Since(start).Seconds())
		stmts = q.Count()
		if len(s.Tables) != n {
			return fmt.Errorf("reflected %d tables, want %d", len(s.Tables), n)
		}
	}
	r := row{Work: fmt.Sprintf("reflect %s tables, %s", thousands(n), d.Title()), Seconds: median(times), Statements: stmts}
	switch {
	case d == schema.Postgres && n == 1000:
		r.Target = "≤ 0.4 s, ≤ 12 statements, ≥ 25× Alembic"
	case d == schema.SQLite && n == 1000:
		r.Target = "≤ 0.25 s, ≥ 25× Alembic"
	case n == 5000:
		r.Target = "≤ 5.5× the 1,000-table time"
		if small := b.urls[fmt.Sprintf("%s/%d", d, 1000)]; small != "" {
			ratio, err := b.scaling(ctx, d, small, url)
			if err != nil {
				return err
			}
			r.Note = fmt.Sprintf("%.2f× the 1,000-table time (interleaved runs)", ratio)
		}
	}
	if b.alembic != nil && n <= b.cfg.alembicMax {
		res, err := b.alembic.compare(ctx, d, url, b.cfg.runs)
		if err != nil {
			return err
		}
		if res.Tables != n {
			return fmt.Errorf("Alembic saw %d tables, want %d", res.Tables, n)
		}
		r.AlembicSeconds, r.AlembicStatements = median(res.Seconds), res.Statements
	}
	b.add(r)
	return nil
}

// scaling returns the median ratio of reflection times of the databases
// at large and small, measured in alternation so that load from other
// work on the machine weighs on both alike.
func (b *bench) scaling(ctx context.Context, d schema.Dialect, small, large string) (float64, error) {
	dbs := make([]*sql.DB, 2)
	for i, url := range []string{small, large} {
		db, err := open(d, url)
		if err != nil {
			return 0, err
		}
		defer db.Close()
		dbs[i] = db
	}
	var ratios []float64
	for range b.cfg.runs {
		var secs [2]float64
		for i, db := range dbs {
			start := time.Now()
			if _, err := reflect.Database(ctx, d, db, reflect.Options{}); err != nil {
				return 0, err
			}
			secs[i] = time.Since(start).Seconds()
		}
		ratios = append(ratios, secs[1]/secs[0])
	}
	return median(ratios), nil
}

func (b *bench) find(work string) *row {
	for i := range b.rows {
		if b.rows[i].Work == work {
			return &b.rows[i]
		}
	}
	return nil
}

func (b *bench) add(r row) {
	b.rows = append(b.rows, r)
	fmt.Fprintf(b.log, "  %s: %s\n", r.Work, formatRow(r))
}

// diffRows measures the in-memory comparison of the generated schema with
// its mutation, and the peak memory of reflecting both and comparing them
// in a fresh process.
func (b *bench) diffRows(ctx context.Context, d schema.Dialect) error {
	n := b.cfg.diffTables
	a := schemagen.Generate(schemagen.Config{Tables: n, Seed: 1})
	m, _ := schemagen.Mutate(a, schemagen.MutateConfig{Changes: b.cfg.changes, Seed: 2})
	urlA := b.urls[string(d)+"/a"]
	var err error
	if urlA == "" {
		if urlA, err = b.build(ctx, d, fmt.Sprintf("%s_%d", d, n), a); err != nil {
			return err
		}
	}
	urlB, err := b.build(ctx, d, fmt.Sprintf("%s_%d_mutated", d, n), m)
	if err != nil {
		return err
	}
	model, err := m.Resolve()
	if err != nil {
		return err
	}
	cur, err := reflectURL(ctx, d, urlA)
	if err != nil {
		return err
	}
	want, err := reflectURL(ctx, d, urlB)
	if err != nil {
		return err
	}
	filter := diff.DefaultFilter()
	var times []float64
	var changes int
	for range max(b.cfg.runs, 5) {
		start := time.Now()
		res, err := diff.Compare(d, cur, want, diff.Options{Model: model, Filter: &filter})
		if err != nil {
			return err
		}
		times = append(times, time.Since(start).Seconds())
		changes = len(res.Changes)
	}
	b.add(row{
		Work:    fmt.Sprintf("diff %s tables + %d changes (in memory), %s", thousands(n), b.cfg.changes, d.Title()),
		Seconds: median(times), Target: "≤ 50 ms",
		Note: fmt.Sprintf("%d changes found", changes),
	})

	mem, err := measureMemory(ctx, d, urlA, urlB, b.cfg.changes)
	if err != nil {
		return err
	}
	b.add(row{
		Work: fmt.Sprintf("peak memory, reflect both + diff, %s tables, %s", thousands(n), d.Title()),
		MiB:  mem.MaxRSSMiB, Seconds: mem.Seconds, Target: "≤ 64 MiB",
		Note: fmt.Sprintf("max RSS of a child process; Go heap peak %.1f MiB", mem.HeapMiB),
	})
	return nil
}

func reflectURL(ctx context.Context, d schema.Dialect, url string) (*schema.Schema, error) {
	db, err := open(d, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return reflect.Database(ctx, d, db, reflect.Options{})
}

// checkRow times `autogen check` in a project: a first run compiles the
// env program and is not counted.
func (b *bench) checkRow(ctx context.Context) error {
	bin := b.cfg.autogenBin
	if bin == "" {
		bin = filepath.Join(b.dir, "autogen")
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/autogen-dev/autogen/cmd/autogen")
		build.Stderr = b.log
		if err := build.Run(); err != nil {
			return fmt.Errorf("build autogen: %w", err)
		}
	}
	project, what := b.cfg.checkProject, filepath.Base(b.cfg.checkProject)
	if project == "" {
		root, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/autogen-dev/autogen").Output()
		if err != nil {
			return fmt.Errorf("find the autogen source tree (run from inside it): %v", err)
		}
		start := time.Now()
		project, err = prefectProject(ctx, strings.TrimSpace(string(root)), b.dir, bin, b.cfg.prefectChain)
		if err != nil {
			return err
		}
		what = fmt.Sprintf("Prefect model, chains of %d migrations", b.cfg.prefectChain+1)
		fmt.Fprintf(b.log, "  copied examples/prefect and grew its chains by %d migrations in %s\n", b.cfg.prefectChain, time.Since(start).Round(time.Millisecond))
	}
	env := os.Environ()
	if b.pg != nil && os.Getenv("AUTOGEN_PG_DEV_URL") == "" {
		// Scratch databases on the benchmark's server, as a project with
		// dev.postgres_url set would have; without it every check would
		// start (and time) a throwaway cluster of its own.
		env = append(env, "AUTOGEN_PG_DEV_URL="+b.pg.URL())
	}
	checkOnce := func() (time.Duration, error) {
		cmd := exec.CommandContext(ctx, bin, "-C", project, "check")
		cmd.Env = env
		var outBuf strings.Builder
		cmd.Stdout, cmd.Stderr = &outBuf, &outBuf
		start := time.Now()
		err := cmd.Run()
		if err != nil {
			return 0, fmt.Errorf("autogen check in %s: %v\n%s", project, err, outBuf.String())
		}
		return time.Since(start), nil
	}
	if _, err := checkOnce(); err != nil { // compiles the env
		return err
	}
	var times []float64
	for range b.cfg.runs {
		d, err := checkOnce()
		if err != nil {
			return err
		}
		times = append(times, d.Seconds())
	}
	b.add(row{Work: "autogen check, both dialects, " + what, Seconds: median(times), Target: "≤ 2 s", Note: "env compiled; PostgreSQL scratch databases on a running server"})
	return nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func seconds(x float64) string {
	switch {
	case x == 0:
		return ""
	case x < 1:
		return fmt.Sprintf("%.1f ms", x*1000)
	}
	return fmt.Sprintf("%.2f s", x)
}

func formatRow(r row) string {
	parts := []string{}
	if r.Seconds > 0 {
		parts = append(parts, seconds(r.Seconds))
	}
	if r.Statements > 0 {
		parts = append(parts, fmt.Sprintf("%d statements", r.Statements))
	}
	if r.MiB > 0 {
		parts = append(parts, fmt.Sprintf("%.1f MiB", r.MiB))
	}
	if r.AlembicSeconds > 0 {
		parts = append(parts, fmt.Sprintf("Alembic %s, %d statements, %.0f×", seconds(r.AlembicSeconds), r.AlembicStatements, r.AlembicSeconds/r.Seconds))
	}
	return strings.Join(parts, ", ")
}

func printTable(out io.Writer, rows []row, a *alembicRunner) {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	alembicName := "Alembic"
	if a != nil {
		alembicName = "Alembic " + a.version
	}
	fmt.Fprintf(w, "work\tautogen\tstatements\tpeak memory\t%s\t%s statements\tratio\ttarget\tnote\n", alembicName, alembicName)
	for _, r := range rows {
		stmts, mem, as, ast, ratio := "", "", "", "", ""
		if r.Statements > 0 {
			stmts = strconv.FormatInt(r.Statements, 10)
		}
		if r.MiB > 0 {
			mem = fmt.Sprintf("%.1f MiB", r.MiB)
		}
		if r.AlembicSeconds > 0 {
			as, ast = seconds(r.AlembicSeconds), strconv.FormatInt(r.AlembicStatements, 10)
			ratio = fmt.Sprintf("%.0f×", r.AlembicSeconds/r.Seconds)
		}
		secs := seconds(r.Seconds)
		if r.MiB > 0 {
			secs = "" // the child's time includes process start; memory is the figure
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Work, secs, stmts, mem, as, ast, ratio, r.Target, r.Note)
	}
	w.Flush()
}

// maxRSS returns the peak resident set size of this process, in MiB: the
// high-water mark VmHWM of /proc/self/status, which starts afresh at exec
// (getrusage's ru_maxrss can carry the parent's figure across fork and
// exec, so it is only the fallback).
func maxRSS() float64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				var kb float64
				if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb); err == nil {
					return kb / 1024
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}
