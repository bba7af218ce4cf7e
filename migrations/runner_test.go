package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/schema"
)

var bookRevs = []string{"1a1a1a1a1a1a", "2b2b2b2b2b2b", "3c3c3c3c3c3c", "4d4d4d4d4d4d", "5e5e5e5e5e5e"}

// logged wraps a migration step so that it records itself in applied_log
// (created outside the chain), for counting how often each step ran.
func logged(rev string, dir Direction, delay time.Duration, f func(op *Op)) func(op *Op) {
	return func(op *Op) {
		f(op)
		if delay > 0 {
			op.Run(func(ctx context.Context, tx *sql.Tx) error {
				select {
				case <-time.After(delay):
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
		}
		op.Exec(fmt.Sprintf("INSERT INTO applied_log (rev, direction) VALUES ('%s', '%s')", rev, dir))
	}
}

// bookChain is a five-migration chain: tables, a foreign key, a column, an
// index with a batch, an enum. The migration numbered failAt (1-5) gets a
// statement that fails after its other changes.
func bookChain(d schema.Dialect, failAt int, delay time.Duration) *Chain {
	c := NewChain(d)
	steps := []struct {
		msg      string
		up, down func(op *Op)
	}{
		{"create author", func(op *Op) {
			op.CreateTable(&schema.Table{Name: "author", Columns: []*schema.Column{
				{Name: "id", Type: schema.Integer, NotNull: true},
				{Name: "name", Type: schema.Text, NotNull: true},
			}, PrimaryKey: &schema.PrimaryKey{Name: "pk_author", Columns: []string{"id"}}})
			op.Exec(`INSERT INTO author (id, name) VALUES (1, 'Ursula'), (2, 'Stanisław')`)
		}, func(op *Op) { op.DropTable("author") }},
		{"create book", func(op *Op) {
			op.CreateTable(&schema.Table{Name: "book", Columns: []*schema.Column{
				{Name: "id", Type: schema.Integer, NotNull: true},
				{Name: "author_id", Type: schema.Integer, NotNull: true},
				{Name: "title", Type: schema.Text},
			}, PrimaryKey: &schema.PrimaryKey{Name: "pk_book", Columns: []string{"id"}},
				ForeignKeys: []*schema.ForeignKey{{Name: "fk_book__author_id__author", Columns: []string{"author_id"},
					RefTable: "author", RefColumns: []string{"id"}, OnDelete: schema.Cascade}}})
			op.Exec(`INSERT INTO book (id, author_id, title) VALUES (1, 1, 'The Dispossessed'), (2, 2, 'Solaris'), (3, 2, NULL)`)
		}, func(op *Op) { op.DropTable("book") }},
		{"add author email", func(op *Op) {
			op.AddColumn("author", &schema.Column{Name: "email", Type: schema.Varchar(200)})
			op.Exec(`UPDATE author SET email = lower(name) || '@example.org'`)
		}, func(op *Op) { op.Batch("author", func(b *BatchOp) { b.DropColumn("email") }) }},
		{"index and require titles", func(op *Op) {
			op.CreateIndex("book", &schema.Index{Name: "ix_book__title", Keys: []schema.IndexKey{{Column: "title", Desc: true}}})
			op.Batch("book", func(b *BatchOp) { b.AlterColumn("title", SetNotNull(), FillNulls("'untitled'")) })
		}, func(op *Op) {
			op.Batch("book", func(b *BatchOp) { b.AlterColumn("title", DropNotNull()) })
			op.DropIndex("book", "ix_book__title")
		}},
		{"add genre", func(op *Op) {
			op.CreateEnum(&schema.Enum{Name: "genre", Values: []string{"fiction", "poetry"}})
			op.AddColumn("book", &schema.Column{Name: "genre", Type: schema.EnumType("genre"), NotNull: true, Default: schema.StringDefault("fiction")})
		}, func(op *Op) {
			op.Batch("book", func(b *BatchOp) { b.DropColumn("genre") })
			op.DropEnum("genre")
		}},
	}
	for i, s := range steps {
		rev := bookRevs[i]
		var down []string
		if i > 0 {
			down = []string{bookRevs[i-1]}
		}
		up := s.up
		if i+1 == failAt {
			up = func(op *Op) {
				s.up(op)
				op.Exec("INSERT INTO no_such_table VALUES (1)")
			}
		}
		c.Add(Migration{Revision: rev, DownRevisions: down, Message: s.msg, Created: "2024-01-0" + fmt.Sprint(i+1) + " 00:00:00",
			Upgrade: logged(rev, Up, delay, up), Downgrade: logged(rev, Down, 0, s.down)})
	}
	return c
}

func newRunner(t *testing.T, db *sql.DB, c *Chain, opts ...Option) *Runner {
	t.Helper()
	r, err := NewRunner(db, c, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func current(t *testing.T, r *Runner) string {
	t.Helper()
	cur, err := r.Current(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(cur, " ")
}

func resultRevs(rs []Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Revision[:2])
	}
	return strings.Join(out, " ")
}

func createLog(t *testing.T, db *sql.DB) {
	t.Helper()
	mustExec(t, db, `CREATE TABLE applied_log (rev VARCHAR(32), direction VARCHAR(10))`)
}

func TestRunnerUpDown(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		ctx := context.Background()
		db := openTestDB(t, d)
		createLog(t, db)
		r := newRunner(t, db, bookChain(d, 0, 0))
		if got := current(t, r); got != "" {
			t.Fatalf("fresh database at %q", got)
		}
		res, err := r.Upgrade(ctx, "head")
		if err != nil {
			t.Fatal(err)
		}
		if got := resultRevs(res); got != "1a 2b 3c 4d 5e" {
			t.Errorf("applied %s", got)
		}
		if res[4].Direction != Up || res[4].Message != "add genre" {
			t.Errorf("result %+v", res[4])
		}
		if got := current(t, r); got != bookRevs[4] {
			t.Errorf("current %s, want head", got)
		}
		if got := queryStrings(t, db, `SELECT title || '/' || genre FROM book ORDER BY id`); strings.Join(got, ",") != "The Dispossessed/fiction,Solaris/fiction,untitled/fiction" {
			t.Errorf("books %v", got)
		}
		if d == schema.SQLite {
			if c := mustColumn(t, db, d, "book", "genre"); c.Type != "VARCHAR(7)" {
				t.Errorf("enum column sized from the earlier CreateEnum: %+v", c)
			}
		}
		// Again: nothing to do.
		if res, err := r.Upgrade(ctx, "head"); err != nil || len(res) != 0 {
			t.Errorf("second upgrade: %v %v", res, err)
		}

		res, err = r.Downgrade(ctx, "-2")
		if err != nil {
			t.Fatal(err)
		}
		if got := resultRevs(res); got != "5e 4d" {
			t.Errorf("downgraded %s", got)
		}
		if got := current(t, r); got != bookRevs[2] {
			t.Errorf("current %s, want %s", got, bookRevs[2])
		}
		if _, ok := column(t, db, d, "book", "genre"); ok {
			t.Error("genre survived the downgrade")
		}
		if indexDef(t, db, d, "ix_book__title") != "" {
			t.Error("index survived the downgrade")
		}
		if n := queryInt(t, db, `SELECT count(*) FROM book`); n != 3 {
			t.Errorf("%d books", n)
		}

		res, err = r.Downgrade(ctx, "base")
		if err != nil {
			t.Fatal(err)
		}
		if got := resultRevs(res); got != "3c 2b 1a" {
			t.Errorf("downgraded %s", got)
		}
		if got := current(t, r); got != "" {
			t.Errorf("current %q after base", got)
		}
		if tableExists(t, db, d, "author") || tableExists(t, db, d, "book") {
			t.Error("tables left at base")
		}
		if !tableExists(t, db, d, DefaultVersionTable) {
			t.Error("the version table is gone")
		}

		res, err = r.Upgrade(ctx, "3c")
		if err != nil || resultRevs(res) != "1a 2b 3c" {
			t.Fatalf("upgrade to a prefix: %v %v", resultRevs(res), err)
		}
		res, err = r.Upgrade(ctx, "+1")
		if err != nil || resultRevs(res) != "4d" {
			t.Fatalf("upgrade +1: %v %v", resultRevs(res), err)
		}
		res, err = r.Upgrade(ctx, "head")
		if err != nil || resultRevs(res) != "5e" {
			t.Fatalf("re-upgrade: %v %v", resultRevs(res), err)
		}
		if got := current(t, r); got != bookRevs[4] {
			t.Errorf("current %s", got)
		}
		// Every step ran once per direction change.
		got := queryStrings(t, db, `SELECT rev || ':' || direction FROM applied_log`)
		if len(got) != 5+2+3+5 {
			t.Errorf("log %v", got)
		}
		if d == schema.SQLite {
			assertForeignKeysOn(t, db)
		}
	})
}

func TestRunnerFailingMigration(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		ctx := context.Background()
		db := openTestDB(t, d)
		createLog(t, db)
		r := newRunner(t, db, bookChain(d, 3, 0))
		res, err := r.Upgrade(ctx, "head")
		if err == nil {
			t.Fatal("no error")
		}
		var me *MigrationError
		if !errors.As(err, &me) {
			t.Fatalf("error %T %v, want a *MigrationError", err, err)
		}
		if me.Revision != bookRevs[2] || me.Direction != Up || me.Statement != "INSERT INTO no_such_table VALUES (1)" {
			t.Errorf("MigrationError %+v", me)
		}
		for _, want := range []string{"upgrade " + bookRevs[2], `"add author email"`, "rolled back", "no_such_table"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not contain %q", err, want)
			}
		}
		if got := resultRevs(res); got != "1a 2b" {
			t.Errorf("results %s", got)
		}
		if got := current(t, r); got != bookRevs[1] {
			t.Errorf("current %q, want %s", got, bookRevs[1])
		}
		if _, ok := column(t, db, d, "author", "email"); ok {
			t.Error("the failed migration's column exists")
		}
		if got := queryStrings(t, db, `SELECT name FROM author ORDER BY id`); strings.Join(got, ",") != "Ursula,Stanisław" {
			t.Errorf("authors %v", got)
		}
		if got := queryStrings(t, db, `SELECT coalesce(title, '-') FROM book ORDER BY id`); strings.Join(got, ",") != "The Dispossessed,Solaris,-" {
			t.Errorf("books %v", got)
		}
		if got := queryStrings(t, db, `SELECT rev FROM applied_log`); len(got) != 2 {
			t.Errorf("log %v", got)
		}
		if d == schema.SQLite {
			assertForeignKeysOn(t, db)
		}
	})
}

// openTwice opens two independent handles (separate pools) on one fresh
// database.
func openTwice(t *testing.T, d schema.Dialect) (*sql.DB, *sql.DB) {
	t.Helper()
	url := "sqlite://" + filepath.Join(t.TempDir(), "shared.db")
	if d == schema.Postgres {
		url = pgtest.DB(t)
	}
	var dbs []*sql.DB
	for range 2 {
		db, _, err := OpenDB(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
	}
	return dbs[0], dbs[1]
}

func TestRunnerConcurrentUpgrades(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		for _, shared := range []bool{false, true} {
			name := "two handles"
			if shared {
				name = "one handle"
			}
			t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
				a, b := openTwice(t, d)
				if shared {
					b = a
				}
				createLog(t, a)
				var (
					wg      sync.WaitGroup
					start   = make(chan struct{})
					results [2][]Result
					errs    [2]error
				)
				for i, db := range []*sql.DB{a, b} {
					r := newRunner(t, db, bookChain(d, 0, 20*time.Millisecond))
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						results[i], errs[i] = r.Upgrade(context.Background(), "head")
					}()
				}
				close(start)
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Errorf("runner %d: %v", i, err)
					}
				}
				all := append(slices.Clone(results[0]), results[1]...)
				if len(all) != 5 {
					t.Errorf("%d migrations applied in all (%s | %s), want 5", len(all), resultRevs(results[0]), resultRevs(results[1]))
				}
				got := queryStrings(t, a, `SELECT rev FROM applied_log ORDER BY rev`)
				if strings.Join(got, " ") != strings.Join(bookRevs, " ") {
					t.Errorf("applied %v, want each of %v once", got, bookRevs)
				}
				r := newRunner(t, a, bookChain(d, 0, 0))
				if cur := current(t, r); cur != bookRevs[4] {
					t.Errorf("current %s", cur)
				}
			})
		}
	})
}

func TestRunnerStamp(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		ctx := context.Background()
		db := openTestDB(t, d)
		createLog(t, db)
		// A database Alembic created and brought to revision 2.
		r := newRunner(t, db, bookChain(d, 0, 0))
		if _, err := r.Upgrade(ctx, "2b"); err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, `DROP TABLE alembic_version`,
			`CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))`,
			`INSERT INTO alembic_version VALUES ('`+bookRevs[1]+`')`)
		res, err := r.Upgrade(ctx, "head")
		if err != nil || resultRevs(res) != "3c 4d 5e" {
			t.Fatalf("upgrade from Alembic's table: %s %v", resultRevs(res), err)
		}
		if err := r.Stamp(ctx, "base"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, r); got != "" {
			t.Errorf("after stamp base: %q", got)
		}
		if err := r.Stamp(ctx, "4d"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, r); got != bookRevs[3] {
			t.Errorf("after stamp 4d: %q", got)
		}
		if err := r.Stamp(ctx, "-1"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, r); got != bookRevs[2] {
			t.Errorf("after stamp -1: %q", got)
		}
		if err := r.Stamp(ctx, "head"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, r); got != bookRevs[4] {
			t.Errorf("after stamp head: %q", got)
		}
		if err := r.Stamp(ctx, "nope"); !errors.Is(err, ErrUnknownRevision) {
			t.Errorf("stamp nope: %v", err)
		}
		// Stamp creates the version table when missing.
		r2 := newRunner(t, db, bookChain(d, 0, 0), WithVersionTable("other_versions"))
		if got := current(t, r2); got != "" {
			t.Errorf("missing table: %q", got)
		}
		if err := r2.Stamp(ctx, "1a"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, r2); got != bookRevs[0] || !tableExists(t, db, d, "other_versions") {
			t.Errorf("other table: %q", got)
		}
	})
}

func TestRunnerErrors(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		ctx := context.Background()
		db := openTestDB(t, d)
		c := chainOf("a1", "b2:a1", "c3:a1")
		c.dialect = d
		r := newRunner(t, db, c)
		_, err := r.Upgrade(ctx, "head")
		if !errors.Is(err, ErrMultipleHeads) || !strings.Contains(err.Error(), "multiple heads: b2, c3; merge them (autogen merge) or name one (a revision, or heads for all of them)") {
			t.Errorf("multiple heads: %v", err)
		}
		if res, err := r.Upgrade(ctx, "heads"); err != nil || len(res) != 3 {
			t.Errorf("heads: %v %v", res, err)
		}
		if got := current(t, r); got != "b2 c3" {
			t.Errorf("current %q", got)
		}
		if res, err := r.Downgrade(ctx, "a1"); err != nil || len(res) != 2 {
			t.Errorf("down to a1: %v %v", res, err)
		}
		if got := current(t, r); got != "a1" {
			t.Errorf("current %q", got)
		}
		if _, err := r.Downgrade(ctx, "c3"); !errors.Is(err, ErrInvalidTarget) {
			t.Errorf("downgrade to an unapplied revision: %v", err)
		}
		// A revision in the database that the chain lacks.
		mustExec(t, db, `UPDATE alembic_version SET version_num = 'ffffffffffff'`)
		if _, err := r.Upgrade(ctx, "heads"); !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), "ffffffffffff") {
			t.Errorf("unknown current revision: %v", err)
		}
		// Broken chains and mismatched drivers are refused up front.
		broken := chainOf("a1", "a1")
		broken.dialect = d
		if _, err := NewRunner(db, broken); !errors.Is(err, ErrDuplicateRevision) {
			t.Errorf("NewRunner with a broken chain: %v", err)
		}
		other := schema.Postgres
		if d == schema.Postgres {
			other = schema.SQLite
		}
		if _, err := NewRunner(db, NewChain(other)); err == nil {
			t.Error("NewRunner accepted a chain for the other dialect")
		}
	})
}

func TestRunnerTimeouts(t *testing.T) {
	d := schema.Postgres
	ctx := context.Background()
	db := openTestDB(t, d)
	mustExec(t, db, `CREATE TABLE busy (id integer)`)
	holder, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	if _, err := holder.ExecContext(ctx, `LOCK TABLE busy IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	c := NewChain(d)
	c.Add(Migration{Revision: "aaaaaaaaaaaa", Message: "alter busy", Upgrade: func(op *Op) {
		op.AddColumn("busy", &schema.Column{Name: "x", Type: schema.Text})
	}})
	r := newRunner(t, db, c, WithLockTimeout(200*time.Millisecond), WithStatementTimeout(5*time.Second))
	began := time.Now()
	_, err = r.Upgrade(ctx, "head")
	if err == nil || !strings.Contains(err.Error(), "lock timeout") {
		t.Fatalf("error %v, want a lock timeout", err)
	}
	if time.Since(began) > 4*time.Second {
		t.Errorf("the lock timeout did not apply")
	}
	holder.Rollback()
	if _, err := r.Upgrade(ctx, "head"); err != nil {
		t.Fatal(err)
	}
}

func TestRunnerCancel(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		db := openTestDB(t, d)
		createLog(t, db)
		r := newRunner(t, db, bookChain(d, 0, time.Hour))
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, err := r.Upgrade(ctx, "head")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v", err)
		}
		if got := current(t, r); got != "" {
			t.Errorf("current %q after a canceled first migration", got)
		}
		if d == schema.SQLite {
			assertForeignKeysOn(t, db)
		}
	})
}

// TestSQLiteWaitsForLongWriter: a runner waits for another connection's
// write transaction even when it outlasts the busy timeout.
func TestSQLiteWaitsForLongWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	holderDB, _, err := OpenDB("sqlite://" + path)
	if err != nil {
		t.Fatal(err)
	}
	defer holderDB.Close()
	createLog(t, holderDB)
	db, _, err := OpenDB("sqlite://" + path + "?_pragma=busy_timeout(50)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	holder, err := holderDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	released := make(chan error, 1)
	go func() {
		time.Sleep(600 * time.Millisecond)
		_, err := holder.ExecContext(ctx, "COMMIT")
		released <- err
	}()
	began := time.Now()
	res, err := newRunner(t, db, bookChain(schema.SQLite, 0, 0)).Upgrade(ctx, "head")
	if err != nil {
		t.Fatal(err)
	}
	if err := <-released; err != nil {
		t.Fatal(err)
	}
	if len(res) != 5 || time.Since(began) < 500*time.Millisecond {
		t.Errorf("%d migrations after %v", len(res), time.Since(began))
	}
}

// TestSQLiteOldViolations: foreign key violations present before a
// migration do not block it; each migration still runs exactly once (its
// first, rolled-back attempt leaves nothing).
func TestSQLiteOldViolations(t *testing.T) {
	ctx := context.Background()
	d := schema.SQLite
	db := openTestDB(t, d)
	db.SetMaxOpenConns(1)
	createLog(t, db)
	mustExec(t, db, `PRAGMA foreign_keys = OFF`,
		`CREATE TABLE p (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE c (p_id INTEGER REFERENCES p (id))`,
		`INSERT INTO c VALUES (42)`,
		`PRAGMA foreign_keys = ON`)
	r := newRunner(t, db, bookChain(d, 0, 0))
	res, err := r.Upgrade(ctx, "head")
	if err != nil || len(res) != 5 {
		t.Fatalf("%d migrations, %v", len(res), err)
	}
	if got := queryStrings(t, db, `SELECT rev FROM applied_log ORDER BY rev`); strings.Join(got, " ") != strings.Join(bookRevs, " ") {
		t.Errorf("applied %v", got)
	}
	// A new violation is still caught, and named.
	c := NewChain(d)
	c.Add(Migration{Revision: "badbadbadbad", Message: "orphan books", Upgrade: func(op *Op) {
		op.Exec(`DELETE FROM author WHERE id = 2`)
	}})
	c.Add(Migration{Revision: "fixfixfixfix", DownRevisions: []string{"badbadbadbad"}})
	mustExec(t, db, `DELETE FROM alembic_version`)
	_, err = newRunner(t, db, c).Upgrade(ctx, "head")
	var fe *ForeignKeyError
	if !errors.As(err, &fe) || len(fe.Violations) != 2 || fe.Violations[0].Table != "book" {
		t.Fatalf("error %v", err)
	}
	var me *MigrationError
	if !errors.As(err, &me) || me.Revision != "badbadbadbad" {
		t.Errorf("error %v does not name the revision", err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM author`); n != 2 {
		t.Errorf("%d authors: the delete was not rolled back", n)
	}
	assertForeignKeysOn(t, db)
}

// TestRunnerFromPool upgrades through a pgx pool, as a service that uses
// pgx directly does.
func TestRunnerFromPool(t *testing.T) {
	ctx := context.Background()
	url := pgtest.DB(t)
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, `CREATE TABLE applied_log (rev VARCHAR(32), direction VARCHAR(10))`); err != nil {
		t.Fatal(err)
	}
	r, err := NewRunnerFromPool(pool, bookChain(schema.Postgres, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := r.Upgrade(ctx, "head"); err != nil || len(res) != 5 {
		t.Fatalf("%d migrations, %v", len(res), err)
	}
	if got := current(t, r); got != bookRevs[4] {
		t.Errorf("current %q", got)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM book`).Scan(&n); err != nil || n != 3 {
		t.Errorf("%d books, %v", n, err)
	}
}

// TestCancelReachesDatabase: canceling the context stops a statement that
// is running in the database, and the migration is rolled back.
func TestCancelReachesDatabase(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		db := openTestDB(t, d)
		slow := `SELECT pg_sleep(60)`
		if d == schema.SQLite {
			slow = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n`
		}
		c := NewChain(d)
		c.Add(Migration{Revision: "5105105105aa", Message: "slow", Upgrade: func(op *Op) {
			op.CreateTable(&schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: schema.Integer}}})
			op.Exec(slow)
		}})
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		began := time.Now()
		_, err := newRunner(t, db, c).Upgrade(ctx, "head")
		if err == nil {
			t.Fatal("no error")
		}
		if took := time.Since(began); took > 10*time.Second {
			t.Errorf("the statement ran on for %v after the cancellation", took)
		}
		if tableExists(t, db, d, "t") {
			t.Error("the canceled migration's table exists")
		}
		if d == schema.Postgres {
			// The cancel request reaches the server a moment later.
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				n := queryInt(t, db, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND state = 'active'`)
				if n == 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%d sleeping statements left in the server", n)
				}
			}
		}
	})
}
