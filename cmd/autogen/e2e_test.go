package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/internal/realschemas"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// autogenBin is the binary under test, built once by TestMain.
var autogenBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "autogen-bin-")
	if err != nil {
		panic(err)
	}
	autogenBin = filepath.Join(dir, "autogen")
	build := exec.Command("go", "build", "-o", autogenBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("build autogen: " + err.Error())
	}
	code := pgtest.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// runner runs the autogen binary in dir and returns its output and exit code.
type runner struct {
	t   *testing.T
	dir string
	env []string
}

func (c *runner) run(args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	cmd := exec.Command(autogenBin, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), c.env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		c.t.Fatalf("run autogen %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// must runs autogen and fails the test unless it exits with want.
func (c *runner) must(want int, args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != want {
		c.t.Fatalf("autogen %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out + errOut
}

// newModule makes an empty Go module for a user project.
func newModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sqliteURL returns the URL of a new SQLite file in the test's directory.
func sqliteURL(t *testing.T, name string) string {
	return "sqlite://" + filepath.Join(t.TempDir(), name)
}

func reflectURL(t *testing.T, url string) *schema.Schema {
	t.Helper()
	db, d, err := migrations.OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := reflect.Database(context.Background(), d, db, reflect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func execSQL(t *testing.T, url string, stmts ...string) {
	t.Helper()
	db, _, err := migrations.OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestEndToEnd drives the built CLI only: a real schema is loaded into a
// database, inspected into a model package, migrated on both dialects,
// changed, and migrated again, with check and downgrade along the way.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test builds Go programs; skipped with -short")
	}
	for _, src := range []schema.Dialect{schema.Postgres, schema.SQLite} {
		t.Run("from-"+string(src), func(t *testing.T) { endToEnd(t, src) })
	}
}

func endToEnd(t *testing.T, src schema.Dialect) {
	srv := pgtest.Server(t)
	module := newModule(t)
	c := &runner{t: t, dir: module, env: []string{"AUTOGEN_PG_DEV_URL=" + srv.URL(), "GOFLAGS=-mod=mod"}}

	// The source database holds the real Chinook schema.
	var sourceURL string
	if src == schema.Postgres {
		sourceURL = pgtest.DB(t)
		realschemas.LoadPostgres(t, sourceURL, "chinook/postgresql.sql")
	} else {
		sourceURL = sqliteURL(t, "source.db")
		realschemas.LoadSQLite(t, sourceURL, "chinook/sqlite.sql")
	}
	c.must(0, "inspect", "--db", sourceURL, "--format", "go", "--package", "model", "-o", "model/schema.go")
	c.must(0, "init", "--model", "example.com/app/model.Schema")
	out := c.must(0, "revision", "-m", "initial schema")
	if n := strings.Count(out, "Wrote "); n != 2 {
		t.Fatalf("revision wrote %d files; want a pair:\n%s", n, out)
	}

	targets := map[schema.Dialect]string{schema.Postgres: pgtest.DB(t), schema.SQLite: sqliteURL(t, "target.db")}
	for _, d := range schema.Dialects {
		c.must(0, "upgrade", "head", "--db", targets[d])
		c.must(0, "check", "--db", targets[d])
	}
	c.must(0, "check")

	// Change the source database and bring the model along.
	change := []string{
		`CREATE TABLE playlist_rating (id INTEGER NOT NULL PRIMARY KEY, stars INTEGER NOT NULL)`,
	}
	table, column, nullable := "artist", "country", `"album"."title"`
	if src == schema.SQLite {
		table, column, nullable = "Artist", "Country", `"Album"."Title"`
		change = append(change,
			`ALTER TABLE "Artist" ADD COLUMN "Country" NVARCHAR(40)`,
			`CREATE INDEX "IX_Genre_Name" ON "Genre" ("Name")`,
			// SQLite cannot drop NOT NULL in place: rebuild Album by hand.
			`CREATE TABLE "Album_new" ("AlbumId" INTEGER NOT NULL, "Title" NVARCHAR(160), "ArtistId" INTEGER NOT NULL,
				CONSTRAINT "PK_Album" PRIMARY KEY ("AlbumId"),
				FOREIGN KEY ("ArtistId") REFERENCES "Artist" ("ArtistId") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
			`INSERT INTO "Album_new" SELECT * FROM "Album"`,
			`DROP TABLE "Album"`,
			`ALTER TABLE "Album_new" RENAME TO "Album"`,
			`CREATE INDEX "IFK_AlbumArtistId" ON "Album" ("ArtistId")`,
		)
	} else {
		change = append(change,
			`ALTER TABLE artist ADD COLUMN country VARCHAR(40)`,
			`CREATE INDEX ix_genre_name ON genre (name)`,
			`ALTER TABLE album ALTER COLUMN title DROP NOT NULL`,
		)
	}
	execSQL(t, sourceURL, change...)
	c.must(0, "inspect", "--db", sourceURL, "--format", "go", "--package", "model", "-o", "model/schema.go")
	out = c.must(1, "check")
	for _, want := range []string{
		`add table "playlist_rating"`,
		`add column "` + table + `"."` + column + `"`,
		`add index`,
		nullable + `: nullable NOT NULL → NULL`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output does not name %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "FAIL model (PostgreSQL)") || !strings.Contains(out, "FAIL model (SQLite)") {
		t.Errorf("check should report both dialects:\n%s", out)
	}

	before := map[schema.Dialect]*schema.Schema{}
	for _, d := range schema.Dialects {
		before[d] = reflectURL(t, targets[d])
	}
	out = c.must(0, "revision", "-m", "add ratings")
	if n := strings.Count(out, "Wrote "); n != 2 {
		t.Fatalf("second revision wrote %d files; want a pair:\n%s", n, out)
	}
	for _, d := range schema.Dialects {
		c.must(0, "upgrade", "head", "--db", targets[d])
		c.must(0, "check", "--db", targets[d])
	}
	c.must(0, "check")
	for _, d := range schema.Dialects {
		c.must(0, "downgrade", "-1", "--db", targets[d])
		if diff := cmp.Diff(before[d], reflectURL(t, targets[d])); diff != "" {
			t.Errorf("%s: downgrade -1 did not restore the previous schema (-before +after):\n%s", d, diff)
		}
	}
	out = c.must(0, "history")
	if !strings.Contains(out, "add ratings") || !strings.Contains(out, "initial schema") {
		t.Errorf("history does not list both revisions:\n%s", out)
	}
}

// TestBadInput checks that bad input gets a clear message, exit 2, and
// nothing written.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go programs; skipped with -short")
	}
	srv := pgtest.Server(t)
	env := []string{"AUTOGEN_PG_DEV_URL=" + srv.URL(), "GOFLAGS=-mod=mod"}

	t.Run("revision outside a project", func(t *testing.T) {
		c := &runner{t: t, dir: t.TempDir(), env: env}
		out := c.must(2, "revision", "-m", "x")
		if !strings.Contains(out, "autogen init") {
			t.Errorf("message does not say how to fix it:\n%s", out)
		}
	})
	t.Run("unknown URL scheme", func(t *testing.T) {
		c := &runner{t: t, dir: t.TempDir(), env: env}
		out := c.must(2, "inspect", "--db", "mysql://localhost/app")
		if !strings.Contains(out, `"mysql"`) {
			t.Errorf("message does not name the scheme:\n%s", out)
		}
	})
	t.Run("unreachable server", func(t *testing.T) {
		c := &runner{t: t, dir: t.TempDir(), env: env}
		out := c.must(2, "inspect", "--db", "postgres://nobody@127.0.0.1:1/app?connect_timeout=3")
		if !strings.Contains(out, "127.0.0.1") {
			t.Errorf("message does not name the server:\n%s", out)
		}
	})
	t.Run("invalid model", func(t *testing.T) {
		module := newModule(t)
		c := &runner{t: t, dir: module, env: env}
		writeFile(t, filepath.Join(module, "model", "schema.go"), `package model

import "github.com/autogen-dev/autogen/schema"

var Schema = &schema.Schema{Tables: []*schema.Table{{
	Name:    "flow",
	Columns: []*schema.Column{{Name: "id", Type: schema.UUID}},
	Indexes: []*schema.Index{{Name: "ix_flow_missing", Keys: schema.Cols("missing")}},
}}}
`)
		c.must(0, "init", "--model", "example.com/app/model.Schema")
		notes := readFile(t, filepath.Join(module, "migrations", "MIGRATION-NOTES.md"))
		out := c.must(2, "revision", "-m", "x")
		if !strings.Contains(out, `table "flow": index "ix_flow_missing" refers to column "missing"`) {
			t.Errorf("message does not name the table and index:\n%s", out)
		}
		if got := readFile(t, filepath.Join(module, "migrations", "MIGRATION-NOTES.md")); got != notes {
			t.Errorf("notes changed after a failed revision")
		}
		for _, d := range []string{"postgresql", "sqlite"} {
			entries, _ := os.ReadDir(filepath.Join(module, "migrations", "versions", d))
			if len(entries) != 1 { // chain.go only
				t.Errorf("versions/%s has %d files after a failed revision", d, len(entries))
			}
		}
	})
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
