package migrations

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/schema"
)

// crashRows is how many rows the crash test's table holds.
const crashRows = 20_000

// crashSetup creates the table "keep" with crashRows rows of mixed data,
// as a service's database has before an upgrade.
func crashSetup(t testing.TB, db *sql.DB, d schema.Dialect) {
	t.Helper()
	if d == schema.SQLite {
		mustExec(t, db,
			`CREATE TABLE keep (id INTEGER NOT NULL, payload TEXT, data BLOB, amount NUMERIC(12, 2), CONSTRAINT pk_keep PRIMARY KEY (id))`,
			fmt.Sprintf(`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %d)
				INSERT INTO keep SELECT n, CASE WHEN n %% 7 = 0 THEN NULL ELSE 'row ' || n || ' ✓ żółw 🦆' END,
				CASE WHEN n %% 5 = 0 THEN NULL ELSE CAST(printf('%%0*d', n %% 64, n) AS BLOB) END, n * 1.5 FROM seq`, crashRows))
		return
	}
	mustExec(t, db,
		`CREATE TABLE keep (id integer NOT NULL, payload text, data bytea, amount numeric(12, 2), CONSTRAINT pk_keep PRIMARY KEY (id))`,
		fmt.Sprintf(`INSERT INTO keep SELECT n, CASE WHEN n %% 7 = 0 THEN NULL ELSE 'row ' || n || ' ✓ żółw 🦆' END,
			CASE WHEN n %% 5 = 0 THEN NULL ELSE decode(repeat(md5(n::text), 2), 'hex') END, n * 1.5 FROM generate_series(1, %d) n`, crashRows))
}

// crashRevs are the revisions of crashChain.
var crashRevs = func() []string {
	var out []string
	for i := 1; i <= 22; i++ {
		out = append(out, fmt.Sprintf("c4a5c4a5c4%02d", i))
	}
	return out
}()

// crashChain is a 22-migration chain over the table crashSetup makes:
// native changes, table rebuilds (on SQLite), indexes, constraints, new
// tables and data changes.
func crashChain(d schema.Dialect) *Chain {
	tag := &schema.Table{Name: "tag", Columns: []*schema.Column{
		{Name: "id", Type: schema.Integer, NotNull: true},
		{Name: "keep_id", Type: schema.Integer, NotNull: true},
		{Name: "label", Type: schema.Text},
	}, PrimaryKey: &schema.PrimaryKey{Name: "pk_tag", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{{Name: "fk_tag__keep_id__keep", Columns: []string{"keep_id"}, RefTable: "keep", RefColumns: []string{"id"}, OnDelete: schema.Cascade}}}
	steps := []func(op *Op){
		func(op *Op) { op.AddColumn("keep", &schema.Column{Name: "note", Type: schema.Text}) },
		func(op *Op) {
			op.AddColumn("keep", &schema.Column{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now})
		},
		func(op *Op) {
			op.CreateIndex("keep", &schema.Index{Name: "ix_keep__payload", Keys: schema.Cols("payload")})
		},
		func(op *Op) { op.CreateTable(tag) },
		func(op *Op) {
			op.Exec(`INSERT INTO tag (id, keep_id, label) SELECT id, id, 'tag ' || id FROM keep WHERE id % 10 = 0`)
		},
		func(op *Op) { op.AlterColumn("keep", "note", SetType(schema.Varchar(200))) },
		func(op *Op) {
			op.AddColumn("keep", &schema.Column{Name: "flag", Type: schema.Boolean, NotNull: true, Default: schema.False})
		},
		func(op *Op) {
			op.CreateIndex("keep", &schema.Index{Name: "ix_keep__lower_payload", Keys: []schema.IndexKey{{Expr: schema.Expr("lower(payload)"), Desc: true}}})
		},
		func(op *Op) {
			op.AddCheck("keep", &schema.Check{Name: "ck_keep__amount", Expr: schema.Expr("amount >= 0")})
		},
		func(op *Op) { op.RenameColumn("keep", "note", "remark") },
		func(op *Op) { op.Exec(`UPDATE keep SET remark = 'r' || id WHERE id % 3 = 0`) },
		func(op *Op) { op.AlterColumn("keep", "remark", SetNotNull(), FillNulls("''")) },
		func(op *Op) { op.AddUnique("tag", &schema.Unique{Name: "uq_tag__label", Columns: []string{"label"}}) },
		func(op *Op) {
			op.CreateIndex("keep", &schema.Index{Name: "ix_keep__big", Keys: schema.Cols("id"), Where: schema.Expr("amount > 100")})
		},
		func(op *Op) { op.DropIndex("keep", "ix_keep__payload") },
		func(op *Op) {
			op.AddColumn("keep", &schema.Column{Name: "score", Type: schema.Integer, Default: schema.NumberDefault("0")})
		},
		func(op *Op) { op.AlterColumn("keep", "score", SetType(schema.BigInt)) },
		func(op *Op) {
			op.CreateTable(&schema.Table{Name: "audit", Columns: []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "what", Type: schema.Text}},
				PrimaryKey: &schema.PrimaryKey{Name: "pk_audit", Columns: []string{"id"}}})
		},
		func(op *Op) {
			op.Batch("keep", func(b *BatchOp) {
				b.DropColumn("flag")
				b.AddColumn(&schema.Column{Name: "status", Type: schema.Varchar(10), NotNull: true, Default: schema.StringDefault("new")})
				b.AlterColumn("created", DropDefault())
			})
		},
		func(op *Op) { op.DropCheck("keep", "ck_keep__amount") },
		func(op *Op) { op.RenameTable("audit", "audit_log") },
		func(op *Op) { op.DropColumn("keep", "score") },
	}
	c := NewChain(d)
	for i, up := range steps {
		var down []string
		if i > 0 {
			down = []string{crashRevs[i-1]}
		}
		c.Add(Migration{Revision: crashRevs[i], DownRevisions: down, Message: fmt.Sprintf("step %d", i+1), Upgrade: up})
	}
	return c
}

// keepChecksum hashes the rows of keep's original columns.
func keepChecksum(t testing.TB, db *sql.DB) (string, int) {
	t.Helper()
	rows, err := db.Query(`SELECT id, payload, data, CAST(amount AS TEXT) FROM keep ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	n := 0
	for rows.Next() {
		var (
			id      int64
			payload sql.NullString
			data    []byte
			amount  sql.NullString
		)
		if err := rows.Scan(&id, &payload, &data, &amount); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%d|%v|%x|%v\n", id, payload, data, amount)
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// waitIdle waits until no other session is connected to the PostgreSQL
// database: the backend of a killed client finishes (and rolls back, or
// commits a COMMIT it had received) before the state is read.
func waitIdle(t testing.TB, db *sql.DB) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); ; {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions still connected", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestCrash kills an upgrade through 22 migrations with SIGKILL at 20
// random points per dialect. Each time, the database must be at a recorded
// revision whose schema is exactly the one recorded for it, with every row
// of the original table intact, and a new upgrade must reach head.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills 20 processes per dialect; skipped with -short")
	}
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		ctx := context.Background()
		chain := crashChain(d)

		// The reference: the schema at every revision, and how long a whole
		// upgrade takes in a helper process.
		refURL := newURL(t, d)
		ref := openURL(t, refURL)
		crashSetup(t, ref, d)
		wantSum, n := keepChecksum(t, ref)
		if n != crashRows {
			t.Fatalf("%d rows", n)
		}
		want := map[string]*schema.Schema{"": reflectDB(t, ref, d)}
		r := newRunner(t, ref, chain)
		for range crashRevs {
			if _, err := r.Upgrade(ctx, "+1"); err != nil {
				t.Fatal(err)
			}
			want[current(t, r)] = reflectDB(t, ref, d)
		}
		if len(want) != len(crashRevs)+1 {
			t.Fatalf("%d schemas recorded", len(want))
		}
		timingURL := newURL(t, d)
		crashSetup(t, openURL(t, timingURL), d)
		began := time.Now()
		if out, err := helperCmd("crash", timingURL).CombinedOutput(); err != nil {
			t.Fatalf("helper: %v\n%s", err, out)
		}
		full := time.Since(began)
		t.Logf("a whole upgrade in a helper process takes %v", full)

		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
		reached := map[string]int{}
		for i := range 20 {
			url := newURL(t, d)
			db := openURL(t, url)
			crashSetup(t, db, d)
			delay := time.Duration(rng.Int64N(int64(full)))
			cmd := helperCmd("crash", url)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			if d == schema.Postgres {
				waitIdle(t, db)
			}
			r := newRunner(t, db, chain)
			at := current(t, r)
			reached[at]++
			s, ok := want[at]
			if !ok {
				t.Fatalf("kill %d after %v: the database is at %q, which is no revision (helper: %v)\n%s", i, delay, at, err, out.String())
			}
			if diff := gocmp.Diff(s, reflectDB(t, db, d)); diff != "" {
				t.Fatalf("kill %d after %v: at revision %q the schema differs from the recorded one (-want +got):\n%s", i, delay, at, diff)
			}
			if sum, n := keepChecksum(t, db); sum != wantSum || n != crashRows {
				t.Fatalf("kill %d after %v at %q: %d rows, checksum changed", i, delay, at, n)
			}
			if _, err := r.Upgrade(ctx, "head"); err != nil {
				t.Fatalf("kill %d: upgrading again: %v", i, err)
			}
			if diff := gocmp.Diff(want[crashRevs[len(crashRevs)-1]], reflectDB(t, db, d)); diff != "" {
				t.Fatalf("kill %d: after upgrading again the schema is not head's:\n%s", i, diff)
			}
			if sum, n := keepChecksum(t, db); sum != wantSum || n != crashRows {
				t.Fatalf("kill %d: after upgrading again: %d rows, checksum changed", i, n)
			}
			if d == schema.SQLite {
				assertForeignKeysOn(t, db)
				if got := queryStrings(t, db, `PRAGMA integrity_check`); len(got) != 1 || got[0] != "ok" {
					t.Fatalf("kill %d: integrity_check %v", i, got)
				}
			}
			db.Close()
		}
		var where []string
		for _, rev := range append([]string{""}, crashRevs...) {
			if n := reached[rev]; n > 0 {
				where = append(where, fmt.Sprintf("%s×%d", cmp.Or(rev, "base"), n))
			}
		}
		t.Logf("killed at: %s", strings.Join(where, " "))
	})
}

// TestConcurrentProcesses runs 8 processes that upgrade one database to
// head at once, per dialect: every migration runs exactly once, and every
// process exits 0.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 8 processes per dialect; skipped with -short")
	}
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		url := newURL(t, d)
		db := openURL(t, url)
		createLog(t, db)
		const procs = 8
		var (
			wg   sync.WaitGroup
			errs = make([]error, procs)
			outs = make([]string, procs)
		)
		for i := range procs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := helperCmd("book", url)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				errs[i] = cmd.Run()
				outs[i] = out.String()
			}()
		}
		wg.Wait()
		applied := 0
		for i, err := range errs {
			if err != nil {
				t.Errorf("process %d: %v\n%s", i, err, outs[i])
			}
			applied += len(strings.Fields(outs[i]))
		}
		if applied != len(bookRevs) {
			t.Errorf("the processes report %d migrations applied in all, want %d", applied, len(bookRevs))
		}
		got := queryStrings(t, db, `SELECT rev || ' ' || direction FROM applied_log ORDER BY rev`)
		var want []string
		for _, r := range bookRevs {
			want = append(want, r+" upgrade")
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("applied_log %v, want each migration once: %v", got, want)
		}
		if cur := current(t, newRunner(t, db, bookChain(d, 0, 0))); cur != bookRevs[len(bookRevs)-1] {
			t.Errorf("current %q", cur)
		}
	})
}

// cicChain builds an index concurrently on the table "big", then adds a
// column.
func cicChain(d schema.Dialect) *Chain {
	c := NewChain(d)
	c.Add(Migration{Revision: "c1c1c1c1c1c1", Message: "index big.v", Upgrade: func(op *Op) {
		op.CreateIndexConcurrently("big", &schema.Index{Name: "ix_big__v", Keys: schema.Cols("v")})
	}})
	c.Add(Migration{Revision: "c2c2c2c2c2c2", DownRevisions: []string{"c1c1c1c1c1c1"}, Message: "add w", Upgrade: func(op *Op) {
		op.AddColumn("big", &schema.Column{Name: "w", Type: schema.Text})
	}})
	return c
}

// TestInterruptedConcurrentIndex kills an upgrade (the process and its
// server backend) while CREATE INDEX CONCURRENTLY runs, which leaves an
// invalid index; upgrading again drops it, builds it and reaches head.
func TestInterruptedConcurrentIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index on a million rows; skipped with -short")
	}
	d := schema.Postgres
	url := pgtest.DB(t)
	db := openURL(t, url)
	mustExec(t, db, `CREATE TABLE big (id integer PRIMARY KEY, v text)`,
		`INSERT INTO big SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 1000000) g`)
	cmd := helperCmd("cic", url)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	for deadline := time.Now().Add(time.Minute); pid == 0; time.Sleep(5 * time.Millisecond) {
		err := db.QueryRow(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
			AND query LIKE 'CREATE INDEX CONCURRENTLY%'`).Scan(&pid)
		if err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the concurrent build never started\n%s", out.String())
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	mustExec(t, db, fmt.Sprintf(`SELECT pg_terminate_backend(%d)`, pid))
	_ = cmd.Wait()
	waitIdle(t, db)
	r := newRunner(t, db, cicChain(d))
	if got := current(t, r); got != "" {
		t.Fatalf("after the kill the database is at %q, want base", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM pg_index WHERE indexrelid = 'ix_big__v'::regclass AND NOT indisvalid`); n != 1 {
		t.Fatal("the interrupted build left no invalid index; nothing was tested")
	}
	if _, err := r.Upgrade(context.Background(), "head"); err != nil {
		t.Fatal(err)
	}
	if got := current(t, r); got != "c2c2c2c2c2c2" {
		t.Errorf("at %q after upgrading again", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM pg_index WHERE NOT indisvalid`); n != 0 {
		t.Errorf("%d invalid indexes left", n)
	}
	if indexDef(t, db, d, "ix_big__v") == "" {
		t.Error("the index is missing")
	}
}
