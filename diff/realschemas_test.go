package diff_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/cmd/autogen/cli"
	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/internal/realschemas"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

// fixture is one loadable dialect file of testdata/realschemas.
type fixture struct {
	file string
	d    schema.Dialect
}

// name is the fixture as a Go package name: "sakila_postgresql".
func (f fixture) name() string {
	return strings.NewReplacer("/", "_", "-", "_", ".sql", "").Replace(f.file)
}

var fixtures = []fixture{
	{"prefect/postgresql.sql", schema.Postgres},
	{"prefect/sqlite.sql", schema.SQLite},
	{"sakila/postgresql.sql", schema.Postgres},
	{"sakila/sqlite.sql", schema.SQLite},
	{"chinook/postgresql.sql", schema.Postgres},
	{"chinook/postgresql-serial.sql", schema.Postgres},
	{"chinook/sqlite.sql", schema.SQLite},
	{"chinook/sqlite-autoincrement.sql", schema.SQLite},
	{"northwind/postgresql.sql", schema.Postgres},
	{"northwind/sqlite.sql", schema.SQLite},
	{"pagila/postgresql.sql", schema.Postgres},
}

// TestRealSchemasRoundTrip takes every fixture through what a user
// adopting autogen on an existing database does, with the CLI:
//
//  1. inspect --format go writes a model of the database;
//  2. with that model compiled into an env program, check --db against
//     the same database passes (exit 0);
//  3. revision -m "initial schema" writes the initial migration; applied to
//     a fresh database, it reproduces the managed part of the schema
//     exactly: the fresh database reflects equal to the original, less the
//     objects autogen lists as unmanaged (views, triggers, functions,
//     rules, partitions, inheritance children, unused sequences and
//     domains).
//
// The models and migrations are compiled into two programs (one per step
// that needs them), under testdata/ so that they can import autogen.
func TestRealSchemasRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	pgURL := pgtest.Server(t).URL()
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := os.MkdirTemp("testdata", "realschemas_")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	pkg := "github.com/autogen-dev/autogen/diff/" + filepath.ToSlash(root)
	ctx := context.Background()

	// Load each fixture and write its model with inspect.
	urls := map[string]string{}
	for _, fx := range fixtures {
		url := freshURL(t, fx.d, "fixture")
		load(t, fx, url)
		urls[fx.name()] = url
		out := filepath.Join(root, fx.name(), "model", "schema.go")
		var stderr bytes.Buffer
		if code := cli.Run(ctx, []string{"inspect", "--db", url, "--format", "go", "--package", "model", "-o", out}, nil, &bytes.Buffer{}, &stderr); code != 0 {
			t.Fatalf("%s: inspect --format go: exit %d: %s", fx.file, code, stderr.String())
		}
		writeProject(t, filepath.Join(root, fx.name(), "migrations"), fx.d)
	}

	// Program 1: each model in an env, running the CLI in its project.
	var imports, entries strings.Builder
	for i, fx := range fixtures {
		fmt.Fprintf(&imports, "\tm%d %q\n", i, pkg+"/"+fx.name()+"/model")
		fmt.Fprintf(&entries, "\t%q: m%d.Schema,\n", fx.name(), i)
	}
	envMain := fmt.Sprintf(`package main

import (
	"os"

	"github.com/autogen-dev/autogen/cmd/autogen/cli"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
%s)

var models = map[string]*schema.Schema{
%s}

// main runs autogen for the fixture os.Args[1] of dialect os.Args[2]
// with the arguments that follow, the fixture's model in its env.
func main() {
	d := schema.Dialect(os.Args[2])
	env := &cli.Env{Model: models[os.Args[1]]}
	if d == schema.Postgres {
		env.Postgres = migrations.NewChain(d)
	} else {
		env.SQLite = migrations.NewChain(d)
	}
	os.Exit(cli.Main(os.Args[3:], env))
}
`, imports.String(), entries.String())
	envBin := build(t, goTool, root, "envprog", envMain)

	for _, fx := range fixtures {
		project := filepath.Join(root, fx.name())
		runEnv := func(args ...string) (int, string) {
			cmd := exec.Command(envBin, append([]string{fx.name(), string(fx.d)}, args...)...)
			cmd.Dir = project
			cmd.Env = append(os.Environ(), "AUTOGEN_PG_DEV_URL="+pgURL)
			out, err := cmd.CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("%s: %v", fx.file, err)
			}
			return code, string(out)
		}
		if code, out := runEnv("check", "--db", urls[fx.name()]); code != 0 {
			t.Errorf("%s: check --db against the database the model came from: exit %d\n%s", fx.file, code, out)
			continue
		}
		if code, out := runEnv("revision", "-m", "initial schema"); code != 0 {
			t.Fatalf("%s: revision: exit %d\n%s", fx.file, code, out)
		}
	}
	if t.Failed() {
		return
	}

	// Program 2: each fixture's initial migration applied to a fresh
	// database, which is then reflected.
	imports.Reset()
	entries.Reset()
	for i, fx := range fixtures {
		fmt.Fprintf(&imports, "\tc%d %q\n", i, pkg+"/"+fx.name()+"/migrations/versions/"+string(fx.d))
		fmt.Fprintf(&entries, "\t%q: c%d.Chain,\n", fx.name(), i)
	}
	upgradeMain := fmt.Sprintf(`package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
%s)

var chains = map[string]*migrations.Chain{
%s}

// main upgrades the database os.Args[2] along the chain of fixture
// os.Args[1] and prints its reflected schema as JSON.
func main() {
	ctx := context.Background()
	db, d, err := migrations.OpenDB(os.Args[2])
	if err == nil {
		var r *migrations.Runner
		if r, err = migrations.NewRunner(db, chains[os.Args[1]]); err == nil {
			if _, err = r.Upgrade(ctx, "head"); err == nil {
				var s any
				if s, err = reflect.Database(ctx, d, db, reflect.Options{}); err == nil {
					err = json.NewEncoder(os.Stdout).Encode(s)
				}
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
`, imports.String(), entries.String())
	upgradeBin := build(t, goTool, root, "upgradeprog", upgradeMain)

	for _, fx := range fixtures {
		fresh := freshURL(t, fx.d, "fresh")
		cmd := exec.Command(upgradeBin, fx.name(), fresh)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("%s: upgrade a fresh database with the initial migration: %v\n%s", fx.file, err, stderr.String())
			continue
		}
		var got schema.Schema
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		want := reflectURL(t, fx.d, urls[fx.name()])
		t.Logf("%s: %d tables, %d unmanaged objects left to the database", fx.file, len(want.Tables), len(want.Unmanaged))
		want.Unmanaged = nil
		if diff := cmp.Diff(want, &got); diff != "" {
			t.Errorf("%s: the initial migration does not reproduce the schema (-original +migrated):\n%s", fx.file, diff)
		}
	}
}

// TestRealSchemaForNewerServer: pagila's head needs PostgreSQL 18
// (uuidv7(), virtual generated columns) and pgvector; on an older server it
// does not load, and the error says what is missing.
func TestRealSchemaForNewerServer(t *testing.T) {
	url := pgtest.DB(t)
	db, _, err := migrations.OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version string
	if err := db.QueryRow("SHOW server_version_num").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(version); n >= 180000 {
		t.Skipf("the server is PostgreSQL %s, new enough for the fixture", version)
	}
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Skip("no psql")
	}
	out, err := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url,
		"-f", realschemas.Path(t, "pagila/postgresql-head-pg18.sql")).CombinedOutput()
	if err == nil {
		t.Fatal("pagila/postgresql-head-pg18.sql loaded on a server older than PostgreSQL 18")
	}
	if !strings.Contains(string(out), "function uuidv7() does not exist") {
		t.Errorf("the error does not say what the older server lacks:\n%s", out)
	}
}

func freshURL(t *testing.T, d schema.Dialect, name string) string {
	t.Helper()
	if d == schema.Postgres {
		return pgtest.DB(t)
	}
	dir, err := os.MkdirTemp(t.TempDir(), name)
	if err != nil {
		t.Fatal(err)
	}
	return "sqlite://" + filepath.Join(dir, "db.sqlite")
}

func load(t *testing.T, fx fixture, url string) {
	t.Helper()
	if fx.d == schema.Postgres {
		realschemas.LoadPostgres(t, url, fx.file)
	} else {
		realschemas.LoadSQLite(t, url, fx.file)
	}
}

func reflectURL(t *testing.T, d schema.Dialect, url string) *schema.Schema {
	t.Helper()
	db, _, err := migrations.OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return reflectDB(t, d, db)
}

func reflectDB(t *testing.T, d schema.Dialect, db *sql.DB) *schema.Schema {
	t.Helper()
	s, err := reflect.Database(context.Background(), d, db, reflect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeProject writes an autogen project keeping one chain, for dialect d,
// in dir (what init writes, less the env program, which the test builds).
func writeProject(t *testing.T, dir string, d schema.Dialect) {
	t.Helper()
	chain, err := render.ChainFile(string(d), d)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"autogen.toml":       fmt.Sprintf("dialects = [%q]\n", d),
		"MIGRATION-NOTES.md": render.NotesHeader,
		filepath.Join("versions", string(d), "chain.go"): string(chain),
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// -C changes the process's directory: go back afterwards.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"-C", dir, "hash"}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("hash: exit %d: %s", code, stderr.String())
	}
}

// build writes a main package under root and builds it.
func build(t *testing.T, goTool, root, name, src string) string {
	t.Helper()
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), name)
	cmd := exec.Command(goTool, "build", "-o", bin, "./"+filepath.ToSlash(dir))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", name, err, out)
	}
	return bin
}

// reflectOptions are the options tests reflect with.
var reflectOptions = reflect.Options{}

// openDB opens a fresh database of dialect d, closed when the test ends.
func openDB(t *testing.T, d schema.Dialect) *sql.DB {
	t.Helper()
	db, _, err := migrations.OpenDB(freshURL(t, d, "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
