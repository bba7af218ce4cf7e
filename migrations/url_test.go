package migrations

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/schema"
)

func TestOpenDBSQLite(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, c := range []struct{ url, file string }{
		{"sqlite://rel.db", filepath.Join(dir, "rel.db")},
		{"sqlite://sub%20dir.db", filepath.Join(dir, "sub dir.db")},
		{"sqlite://" + filepath.Join(dir, "abs.db"), filepath.Join(dir, "abs.db")},
		{"SQLite://" + filepath.Join(dir, "case.db") + "?_pragma=journal_mode(WAL)", filepath.Join(dir, "case.db")},
	} {
		db, d, err := OpenDB(c.url)
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if d != schema.SQLite {
			t.Errorf("%s: dialect %s", c.url, d)
		}
		mustExec(t, db, `CREATE TABLE t (x)`)
		if fk := queryInt(t, db, `PRAGMA foreign_keys`); fk != 1 {
			t.Errorf("%s: foreign_keys %d", c.url, fk)
		}
		if bt := queryInt(t, db, `PRAGMA busy_timeout`); bt != sqliteBusyTimeout {
			t.Errorf("%s: busy_timeout %d", c.url, bt)
		}
		db.Close()
		if _, err := os.Stat(c.file); err != nil {
			t.Errorf("%s: %v", c.url, err)
		}
	}
	// Settings in the URL win.
	db, _, err := OpenDB("sqlite://own.db?_pragma=foreign_keys(0)&_pragma=busy_timeout(42)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if fk, bt := queryInt(t, db, `PRAGMA foreign_keys`), queryInt(t, db, `PRAGMA busy_timeout`); fk != 0 || bt != 42 {
		t.Errorf("foreign_keys %d, busy_timeout %d", fk, bt)
	}
}

func TestOpenDBMemory(t *testing.T) {
	for _, url := range []string{"sqlite::memory:", "sqlite://:memory:"} {
		db, d, err := OpenDB(url)
		if err != nil || d != schema.SQLite {
			t.Fatalf("%s: %v %s", url, err, d)
		}
		// One database across statements and through a whole upgrade.
		mustExec(t, db, `CREATE TABLE applied_log (rev VARCHAR(32), direction VARCHAR(10))`)
		r := newRunner(t, db, bookChain(schema.SQLite, 0, 0))
		if _, err := r.Upgrade(context.Background(), "head"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, r); got != bookRevs[4] {
			t.Errorf("%s: current %q", url, got)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM book`); n != 3 {
			t.Errorf("%s: %d books", url, n)
		}
		db.Close()
	}
}

func TestOpenDBErrors(t *testing.T) {
	for url, want := range map[string]string{
		"mysql://root@localhost/db": `unknown database URL scheme "mysql"; accepted: postgres://`,
		"/just/a/path.db":           "database URL has no scheme",
		"sqlite:relative.db":        "want sqlite://relative/path.db",
		"sqlite://":                 "names no file",
		"sqlite://a%3Fb.db":         "paths containing ? or # are not supported",
		"postgres://h:notaport/db":  "opening the PostgreSQL database",
	} {
		_, _, err := OpenDB(url)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", url, err, want)
		}
	}
}

func TestOpenDBPostgres(t *testing.T) {
	url := pgtest.DB(t)
	for _, u := range []string{url, strings.Replace(url, "postgres://", "postgresql://", 1)} {
		db, d, err := OpenDB(u)
		if err != nil || d != schema.Postgres {
			t.Fatalf("%v %s", err, d)
		}
		if n := queryInt(t, db, `SELECT 1`); n != 1 {
			t.Error(n)
		}
		db.Close()
	}
}
