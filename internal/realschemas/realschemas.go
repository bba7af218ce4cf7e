// Package realschemas finds the real public schemas kept under
// testdata/realschemas (Prefect, Sakila, Chinook, Northwind, Pagila) and
// loads them into test databases: PostgreSQL files with psql (they use
// psql meta-commands), SQLite files through the SQLite driver.
package realschemas

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
)

// Dir is the directory holding the fixtures.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "realschemas")
}

// Path returns the path of a fixture, e.g. "chinook/sqlite.sql".
func Path(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Dir(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("fixture %s: %v", rel, err)
	}
	return p
}

// LoadPostgres runs a fixture against the database at url with psql.
func LoadPostgres(t testing.TB, url, rel string) {
	t.Helper()
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Fatalf("loading %s needs psql (the PostgreSQL client): %v", rel, err)
	}
	cmd := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", Path(t, rel))
	cmd.Env = append(os.Environ(), "PGOPTIONS=--client-min-messages=warning")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("load %s: %v\n%s", rel, err, out)
	}
}

// LoadSQLite executes a fixture against the SQLite database at url (a
// sqlite:// URL).
func LoadSQLite(t testing.TB, url, rel string) {
	t.Helper()
	data, err := os.ReadFile(Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	db, _, err := migrations.OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), string(data)); err != nil {
		t.Fatalf("load %s: %v", rel, err)
	}
}
