package reflect

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/schema"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestMain(m *testing.M) { pgtest.Main(m) }

// fixturesDir finds ../shared/realschemas by walking up from the package
// directory; it skips the test when the fixtures are not there.
func fixturesDir(t testing.TB) string {
	t.Helper()
	dir, ok := findFixtures()
	if !ok {
		t.Skip("fixtures not found: no testdata/realschemas or shared/realschemas in the package " +
			"directory or above it (they live next to the repository, at ../shared/realschemas)")
	}
	return dir
}

// findFixtures looks for shared/realschemas (next to the repository, the
// full set) or testdata/realschemas (a copy inside it, possibly without the
// large with-data files) in the working directory (the package directory
// under go test) and each directory above it.
func findFixtures() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		for _, candidate := range []string{
			filepath.Join(dir, "shared", "realschemas"),
			filepath.Join(dir, "testdata", "realschemas"),
		} {
			if st, err := os.Stat(filepath.Join(candidate, "prefect")); err == nil && st.IsDir() {
				return candidate, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// fixtureFile returns the path of a fixture file, skipping the test when
// the fixtures directory found lacks it.
func fixtureFile(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(fixturesDir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		t.Skipf("fixture %s not available: %v", rel, err)
	}
	return path
}

// openPostgres returns a connection pool to a fresh PostgreSQL database and
// its URL.
func openPostgres(t testing.TB) (*sql.DB, string) {
	t.Helper()
	url := pgtest.DB(t)
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, url
}

// openSQLite returns a fresh SQLite database in a temp file.
func openSQLite(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// psqlFile loads a SQL file with psql, which understands the COPY blocks
// and meta-commands of pg_dump output. A script that creates its own
// database and connects to it (chinook's with-data file) is loaded into the
// test's database instead: those lines are left out.
func psqlFile(t testing.TB, url, file string) {
	t.Helper()
	psql, err := exec.LookPath("psql")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("psql is required under CI=true (scripts/test installs it); it loads the PostgreSQL fixtures")
		}
		t.Skip("psql not found in PATH; it loads the PostgreSQL fixtures")
	}
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if own := ownDatabaseLine.Match(text); own {
		text = ownDatabaseLine.ReplaceAll(text, nil)
		file = filepath.Join(t.TempDir(), filepath.Base(file))
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(psql, "-X", "-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-f", file)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("psql -f %s: %v\n%s", file, err, stderr.String())
	}
}

// ownDatabaseLine matches the lines of a script that drop, create or
// connect to a database of its own.
var ownDatabaseLine = regexp.MustCompile(`(?mi)^(?:(?:DROP|CREATE) DATABASE .*|\\c(?:onnect)? .*)$`)

// execSQL runs a script of statements.
func execSQL(t testing.TB, db *sql.DB, script string) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), script); err != nil {
		t.Fatalf("exec: %v\n%s", err, truncate(script, 2000))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// countingQuerier counts the statements reflection sends.
type countingQuerier struct {
	q Querier
	n atomic.Int64
}

func (c *countingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.q.QueryContext(ctx, query, args...)
}

// checkGolden compares s, as indented JSON, with testdata/name.json, or
// rewrites the file under -update.
func checkGolden(t *testing.T, name string, s *schema.Schema) {
	t.Helper()
	got, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reflect/ -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("reflected schema differs from %s (rerun with -update if the change is intended):\n%s",
			path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of two texts with context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			from := max(0, i-3)
			return "line " + strconv.Itoa(i+1) + ":\n  context: " + strings.Join(g[from:min(i, len(g))], "\n  context: ") +
				"\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(no line differs)"
}

// counts sums the objects of a schema.
type counts struct {
	tables, columns, indexes, uniques, checks, foreignKeys, primaryKeys int
}

func countSchema(s *schema.Schema) counts {
	var c counts
	for _, t := range s.Tables {
		c.tables++
		c.columns += len(t.Columns)
		c.indexes += len(t.Indexes)
		c.uniques += len(t.Uniques)
		c.checks += len(t.Checks)
		c.foreignKeys += len(t.ForeignKeys)
		if t.PrimaryKey != nil {
			c.primaryKeys++
		}
	}
	return c
}

// mustTable returns the table named name or fails.
func mustTable(t *testing.T, s *schema.Schema, name string) *schema.Table {
	t.Helper()
	tb := s.Table(name)
	if tb == nil {
		t.Fatalf("table %q not reflected", name)
	}
	return tb
}

func mustIndex(t *testing.T, tb *schema.Table, name string) *schema.Index {
	t.Helper()
	x := tb.Index(name)
	if x == nil {
		t.Fatalf("index %q of table %q not reflected", name, tb.Name)
	}
	return x
}

func mustColumn(t *testing.T, tb *schema.Table, name string) *schema.Column {
	t.Helper()
	c := tb.Column(name)
	if c == nil {
		t.Fatalf("column %q of table %q not reflected", name, tb.Name)
	}
	return c
}

// genSchema writes DDL for n tables in dialect d, shaped like a real
// application schema: 10 columns, a primary key, a foreign key to the
// previous table, a unique constraint, a check, 3 indexes and, on every
// fifth table, a partial one (3.2 indexes a table on average).
func genSchema(d schema.Dialect, n int) string {
	var b strings.Builder
	name := func(i int) string { return fmt.Sprintf("t%04d", i) }
	for i := 0; i < n; i++ {
		tn := name(i)
		idType, ts, js := "integer", "timestamp with time zone", "jsonb"
		if d == schema.SQLite {
			idType, ts, js = "INTEGER", "DATETIME", "JSON"
		}
		b.WriteString("CREATE TABLE " + tn + " (\n")
		b.WriteString("  id " + idType + " NOT NULL,\n")
		b.WriteString("  name varchar(100) NOT NULL,\n")
		b.WriteString("  kind varchar(20) NOT NULL DEFAULT 'plain',\n")
		b.WriteString("  amount numeric(10,2) DEFAULT 0,\n")
		b.WriteString("  active boolean NOT NULL DEFAULT false,\n")
		b.WriteString("  created " + ts + " NOT NULL DEFAULT CURRENT_TIMESTAMP,\n")
		b.WriteString("  payload " + js + ",\n")
		b.WriteString("  note text,\n")
		b.WriteString("  counter integer NOT NULL DEFAULT 1,\n")
		b.WriteString("  parent_id integer,\n")
		b.WriteString("  CONSTRAINT pk_" + tn + " PRIMARY KEY (id),\n")
		b.WriteString("  CONSTRAINT uq_" + tn + "__name UNIQUE (name),\n")
		b.WriteString("  CONSTRAINT ck_" + tn + "__amount CHECK (amount >= 0)")
		if i > 0 {
			b.WriteString(",\n  CONSTRAINT fk_" + tn + "__parent_id FOREIGN KEY (parent_id) REFERENCES " +
				name(i-1) + " (id) ON DELETE CASCADE")
		}
		b.WriteString("\n);\n")
		b.WriteString("CREATE INDEX ix_" + tn + "__parent_id ON " + tn + " (parent_id);\n")
		b.WriteString("CREATE INDEX ix_" + tn + "__kind_created ON " + tn + " (kind, created DESC);\n")
		b.WriteString("CREATE INDEX ix_" + tn + "__lower_name ON " + tn + " (lower(name));\n")
		if i%5 == 0 {
			b.WriteString("CREATE INDEX ix_" + tn + "__active ON " + tn + " (created) WHERE active;\n")
		}
	}
	return b.String()
}
