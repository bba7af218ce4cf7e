package migrations

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// needTool returns the path of a command-line client the test needs; it
// skips without it, or fails under CI=true (scripts/test installs it).
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("AUTOGEN_REQUIRE_PG") == "1" {
			t.Fatalf("%s is required under CI=true but is not installed: %v", name, err)
		}
		t.Skipf("%s is not installed: %v", name, err)
	}
	return p
}

// runScript executes an SQL script with the dialect's own client: sqlite3
// on the file at path, psql on the database at url. It fails the test on
// any error, and on any output (PRAGMA foreign_key_check prints
// violations).
func runScript(t *testing.T, d schema.Dialect, target, script string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "script.sql")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	var cmd *exec.Cmd
	if d == schema.SQLite {
		cmd = exec.Command(needTool(t, "sqlite3"), "-bail", strings.TrimPrefix(target, "sqlite://"))
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	} else {
		cmd = exec.Command(needTool(t, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target, "-f", file)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || strings.TrimSpace(out.String()) != "" {
		t.Fatalf("%s: %v\n%s", cmd.Path, err, out.String())
	}
}

// reflectDB reflects a database (without its version table).
func reflectDB(t testing.TB, db *sql.DB, d schema.Dialect) *schema.Schema {
	t.Helper()
	s, err := reflect.Database(context.Background(), d, db, reflect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openURL opens a database URL for the test.
func openURL(t testing.TB, url string) *sql.DB {
	t.Helper()
	db, _, err := OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newURL is a fresh database for the test.
func newURL(t *testing.T, d schema.Dialect) string {
	if d == schema.Postgres {
		return pgtest.DB(t)
	}
	return "sqlite://" + filepath.Join(t.TempDir(), "db.sqlite")
}

// TestOfflineSQL prints the SQL of a chain that uses every operation
// (golden files), runs it with psql or sqlite3, and checks that the
// result is the schema and version an online upgrade gives; then the same
// for the downgrade to base.
func TestOfflineSQL(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		ctx := context.Background()
		chain := everyOpChain(d)
		head := []string{everyOpRevs[len(everyOpRevs)-1]}

		var up bytes.Buffer
		if err := OfflineSQL(&up, chain, nil, "head", Up, WithLockTimeout(5*time.Second)); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "offline_upgrade_"+string(d)+".sql"), up.String())
		var down bytes.Buffer
		if err := OfflineSQL(&down, chain, head, "base", Down); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "offline_downgrade_"+string(d)+".sql"), down.String())

		onlineURL, offlineURL := newURL(t, d), newURL(t, d)
		online, offlineDB := openURL(t, onlineURL), openURL(t, offlineURL)
		r := newRunner(t, online, chain)
		if _, err := r.Upgrade(ctx, "head"); err != nil {
			t.Fatal(err)
		}
		runScript(t, d, offlineURL, up.String())
		compareDBs(t, d, online, offlineDB, "after the upgrade")
		if got := current(t, newRunner(t, offlineDB, chain)); got != head[0] {
			t.Errorf("offline upgrade left the version at %q", got)
		}

		if _, err := r.Downgrade(ctx, "base"); err != nil {
			t.Fatal(err)
		}
		runScript(t, d, offlineURL, down.String())
		compareDBs(t, d, online, offlineDB, "after the downgrade")
		if got := current(t, newRunner(t, offlineDB, chain)); got != "" {
			t.Errorf("offline downgrade left the version at %q", got)
		}
	})
}

// compareDBs fails when two databases' schemas differ.
func compareDBs(t *testing.T, d schema.Dialect, a, b *sql.DB, when string) {
	t.Helper()
	if diff := cmp.Diff(reflectDB(t, a, d), reflectDB(t, b, d)); diff != "" {
		t.Errorf("%s: the schemas differ (-online +offline):\n%s", when, diff)
	}
}

func TestOfflineSQLPartsAndErrors(t *testing.T) {
	c := everyOpChain(schema.SQLite)
	var b bytes.Buffer
	// From a revision to another: the replay knows the tables the first
	// migrations created.
	if err := OfflineSQL(&b, c, []string{everyOpRevs[9]}, everyOpRevs[10], Up); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"-- Running upgrade e0e0e0e0e010 -> e0e0e0e0e011, batch\n",
		`CREATE TABLE "_autogen_tmp_flow_run"`,
		`ALTER TABLE "flow_run" RENAME COLUMN "name" TO "label";`,
		`UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e011' WHERE "version_num" = 'e0e0e0e0e010';`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "CREATE TABLE IF NOT EXISTS") {
		t.Error("the version table is created when not starting from base")
	}
	for _, c := range []struct {
		from   []string
		target string
		dir    Direction
		want   string
	}{
		{nil, "base", Down, "an offline downgrade needs the revision to start from (FROM:TARGET"},
		{nil, "nope", Up, "revision nope is not in the SQLite chain"},
		{[]string{"ffffffffffff"}, "head", Up, "the database is at revision ffffffffffff, which the SQLite chain does not have"},
	} {
		if err := OfflineSQL(&b, everyOpChain(schema.SQLite), c.from, c.target, c.dir); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v %s %s: error %v, want %q", c.from, c.target, c.dir, err, c.want)
		}
	}
	// A table made by hand-written SQL cannot be rebuilt offline; the
	// error names the migration.
	hand := NewChain(schema.SQLite)
	hand.Add(Migration{Revision: "aaaaaaaaaaaa", Message: "by hand", Upgrade: func(op *Op) { op.Exec("CREATE TABLE t (a INTEGER)") }})
	hand.Add(Migration{Revision: "bbbbbbbbbbbb", DownRevisions: []string{"aaaaaaaaaaaa"}, Message: "not null", Upgrade: func(op *Op) {
		op.AlterColumn("t", "a", SetNotNull())
	}})
	err := OfflineSQL(&b, hand, nil, "head", Up)
	if err == nil || !strings.Contains(err.Error(), `upgrade bbbbbbbbbbbb ("not null"), operation 1`) ||
		!strings.Contains(err.Error(), `table "t" is unknown from the chain's operations`) {
		t.Errorf("hand-made table: %v", err)
	}
	var chainErr error = OfflineSQL(&b, chainOf("a1", "a1"), nil, "head", Up)
	if !errors.Is(chainErr, ErrDuplicateRevision) {
		t.Errorf("broken chain: %v", chainErr)
	}
}
