package migrations

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/schema"
)

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(helperMain())
	}
	pgtest.Main(m)
}

// helperEnv makes the test binary a helper process instead of running
// tests: the crash and concurrency tests start copies of it that upgrade a
// database, as services and deploy jobs do, and kill them or race them.
const helperEnv = "AUTOGEN_MIGRATIONS_HELPER"

// helperMain upgrades the database at $AUTOGEN_HELPER_URL along the chain
// named by $AUTOGEN_MIGRATIONS_HELPER to $AUTOGEN_HELPER_TARGET (default
// head); it prints the revisions it applied and exits 0, or prints the
// error and exits 2.
func helperMain() int {
	url := os.Getenv("AUTOGEN_HELPER_URL")
	db, d, err := OpenDB(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer db.Close()
	var chain *Chain
	switch name := os.Getenv(helperEnv); name {
	case "crash":
		chain = crashChain(d)
	case "book":
		chain = bookChain(d, 0, 10*time.Millisecond)
	case "cic":
		chain = cicChain(d)
	default:
		fmt.Fprintf(os.Stderr, "unknown helper chain %q\n", name)
		return 2
	}
	r, err := NewRunner(db, chain)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	target := cmp.Or(os.Getenv("AUTOGEN_HELPER_TARGET"), "head")
	res, err := r.Upgrade(context.Background(), target)
	for _, x := range res {
		fmt.Println(x.Revision)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return 0
}

// helperCmd returns a command that runs the test binary as a helper
// upgrading the database at url along the named chain.
func helperCmd(chain, url string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+chain, "AUTOGEN_HELPER_URL="+url)
	return cmd
}

// openTestDB opens a fresh database of dialect d for t: a temp file for
// SQLite, a new database on the shared server for PostgreSQL.
func openTestDB(t testing.TB, d schema.Dialect) *sql.DB {
	t.Helper()
	var url string
	switch d {
	case schema.SQLite:
		url = "sqlite://" + filepath.Join(t.TempDir(), "test.db")
	case schema.Postgres:
		url = pgtest.DB(t)
	default:
		t.Fatalf("unknown dialect %q", d)
	}
	db, got, err := OpenDB(url)
	if err != nil {
		t.Fatalf("OpenDB: %v", err)
	}
	if got != d {
		t.Fatalf("OpenDB(%q) dialect = %s, want %s", url, got, d)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// eachDialect runs f as a subtest per dialect.
func eachDialect(t *testing.T, f func(t *testing.T, d schema.Dialect)) {
	t.Helper()
	for _, d := range schema.Dialects {
		t.Run(string(d), func(t *testing.T) { f(t, d) })
	}
}

// mustExec runs statements on db.
func mustExec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// queryStrings returns the first column of a query's rows as strings.
func queryStrings(t testing.TB, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// queryInt returns a query's single integer.
func queryInt(t testing.TB, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
