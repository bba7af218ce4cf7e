package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/autogen-dev/autogen/schema"
)

// benchTable creates a SQLite file with the table "big" of n rows (about
// 90 bytes each: integers, text, a real, a blob, some NULLs) and returns
// its path.
func benchTable(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), fmt.Sprintf("big-%d.db", n))
	db, _, err := OpenDB("sqlite://" + path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	mustExec(b, db, bigTableSQL("big"), fmt.Sprintf(`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %d)
		INSERT INTO big SELECT n, 'name ' || n || ' ✓', n %% 1000, n * 0.25, CAST(printf('%%032d', n) AS BLOB),
		CASE WHEN n %% 3 = 0 THEN NULL ELSE 'note ' || n END FROM seq`, n))
	return path
}

func bigTableSQL(name string) string {
	return `CREATE TABLE "` + name + `" (id INTEGER NOT NULL, name TEXT NOT NULL, qty INTEGER, price REAL, data BLOB, note TEXT,
		CONSTRAINT "pk_` + name + `" PRIMARY KEY (id))`
}

// openCopy copies the file at path and opens the copy.
func openCopy(b *testing.B, path string) *sql.DB {
	b.Helper()
	to := filepath.Join(b.TempDir(), "copy.db")
	copyFile(b, path, to)
	db, _, err := OpenDB("sqlite://" + to)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkSQLiteRebuild rebuilds a 1,000,000-row table (a type change,
// through Apply: the whole batch-mode path, foreign key check included)
// and, in the same iteration on the same file, makes a raw copy of it with
// one INSERT INTO … SELECT into a table of the same definition. It reports
// both times and their ratio (the design's target: at most 1.3), without
// and with a progress callback (which makes the copy go in chunks).
func BenchmarkSQLiteRebuild(b *testing.B) {
	path := benchTable(b, 1_000_000)
	b.Run("quiet", func(b *testing.B) { benchRebuild(b, path) })
	b.Run("progress", func(b *testing.B) { benchRebuild(b, path, ApplyProgress(func(Progress) {})) })
}

func benchRebuild(b *testing.B, path string, opts ...ApplyOption) {
	const rows = 1_000_000
	ctx := context.Background()
	var rebuildTotal, copyTotal time.Duration
	for b.Loop() {
		b.StopTimer()
		db := openCopy(b, path)
		began := time.Now()
		mustExec(b, db, "BEGIN IMMEDIATE", bigTableSQL("raw_copy"), `INSERT INTO raw_copy SELECT * FROM big`, "COMMIT")
		copyTotal += time.Since(began)
		mustExec(b, db, `DROP TABLE raw_copy`)
		b.StartTimer()
		began = time.Now()
		err := Apply(ctx, db, schema.SQLite, []Operation{AlterColumn{Table: "big", Column: "qty", Type: new(schema.BigInt)}}, opts...)
		rebuildTotal += time.Since(began)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if n := queryInt(b, db, `SELECT count(*) FROM big`); n != rows {
			b.Fatalf("%d rows after the rebuild", n)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(rebuildTotal.Seconds()/float64(b.N), "rebuild-s/op")
	b.ReportMetric(copyTotal.Seconds()/float64(b.N), "rawcopy-s/op")
	b.ReportMetric(rebuildTotal.Seconds()/copyTotal.Seconds(), "rebuild/rawcopy")
}

// BenchmarkSQLiteAddNullableColumn adds a nullable column to tables of
// 1,000 and 1,000,000 rows: native ALTER TABLE ADD COLUMN, whose time does
// not depend on the row count.
func BenchmarkSQLiteAddNullableColumn(b *testing.B) {
	ctx := context.Background()
	for _, rows := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			path := benchTable(b, rows)
			db := openCopy(b, path)
			defer func() { db.Close() }()
			i := 0
			for b.Loop() {
				i++
				if i%1000 == 0 { // SQLite allows 2000 columns: start again on a fresh copy
					b.StopTimer()
					db.Close()
					db = openCopy(b, path)
					b.StartTimer()
				}
				col := &schema.Column{Name: fmt.Sprintf("extra_%d", i), Type: schema.Text}
				if err := Apply(ctx, db, schema.SQLite, []Operation{AddColumn{Table: "big", Column: col}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSQLiteRebuildLargeSchema rebuilds an empty table in a schema of
// 1,000 tables, each with a foreign key to the first one: a leaf table
// (only its parent is reflected) and the table all others refer to (every
// table is). The rebuild's work on the rest of the schema is what it
// measures.
func BenchmarkSQLiteRebuildLargeSchema(b *testing.B) {
	path := filepath.Join(b.TempDir(), "schema.db")
	db, _, err := OpenDB("sqlite://" + path)
	if err != nil {
		b.Fatal(err)
	}
	mustExec(b, db, "BEGIN")
	for i := range 1000 {
		mustExec(b, db, fmt.Sprintf(`CREATE TABLE t%d (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c TEXT, d TEXT,
			CONSTRAINT fk_t%d__b FOREIGN KEY (b) REFERENCES t0 (id))`, i, i),
			fmt.Sprintf(`CREATE INDEX ix_t%d__a ON t%d (a)`, i, i))
	}
	mustExec(b, db, "COMMIT")
	db.Close()
	for _, table := range []string{"t5", "t0"} {
		b.Run("table="+table, func(b *testing.B) {
			db := openCopy(b, path)
			defer db.Close()
			notNull := true
			for b.Loop() {
				notNull = !notNull
				op := AlterColumn{Table: table, Column: "a", NotNull: new(notNull)}
				if err := Apply(context.Background(), db, schema.SQLite, []Operation{op}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
