package reflect_test

// Benchmarks of reflection on generated schemas of 100, 1,000 and 5,000
// tables (internal/schemagen: about 10 columns, 3.2 indexes and 1.5
// foreign keys a table), and the test that the number of statements sent
// does not grow with the schema. Run them with
//
//	go test ./reflect/ -run '^$' -bench . -benchtime 5x
//
// The 5,000-table schemas take a minute to build on PostgreSQL; -short
// leaves them out. cmd/autogen-bench prints the same figures as a table,
// next to Alembic's.

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/internal/schemagen"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// generated opens a fresh database of dialect d holding the generated
// realistic schema of n tables.
func generated(tb testing.TB, d schema.Dialect, n int) *sql.DB {
	tb.Helper()
	var db *sql.DB
	var err error
	switch d {
	case schema.Postgres:
		db, err = sql.Open("pgx", pgtest.DB(tb))
	case schema.SQLite:
		db, err = sql.Open("sqlite", filepath.Join(tb.TempDir(), "bench.db"))
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := schemagen.Build(context.Background(), db, d, schemagen.Generate(schemagen.Config{Tables: n, Seed: 1})); err != nil {
		tb.Fatal(err)
	}
	return db
}

func BenchmarkReflect(b *testing.B) {
	for _, d := range schema.Dialects {
		for _, n := range []int{100, 1000, 5000} {
			b.Run(fmt.Sprintf("%s/tables=%d", d, n), func(b *testing.B) {
				if n > 1000 && testing.Short() {
					b.Skip("-short: no 5,000-table schema")
				}
				db := generated(b, d, n)
				ctx := context.Background()
				q := &schemagen.CountingQuerier{Q: db}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					s, err := reflect.Database(ctx, d, q, reflect.Options{})
					if err != nil {
						b.Fatal(err)
					}
					if len(s.Tables) != n {
						b.Fatalf("%d tables reflected, want %d", len(s.Tables), n)
					}
				}
				b.ReportMetric(float64(q.Count())/float64(b.N), "stmts/op")
			})
		}
	}
}

// TestStatementCountIsConstant reflects generated schemas of 10 and 1,000
// tables on each dialect and checks that the same, small number of
// statements is sent for both.
func TestStatementCountIsConstant(t *testing.T) {
	limit := map[schema.Dialect]int64{schema.Postgres: 12, schema.SQLite: 12}
	for _, d := range schema.Dialects {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			var counts []int64
			for _, n := range []int{10, 1000} {
				db := generated(t, d, n)
				q := &schemagen.CountingQuerier{Q: db}
				s, err := reflect.Database(context.Background(), d, q, reflect.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if len(s.Tables) != n {
					t.Fatalf("%d tables reflected, want %d", len(s.Tables), n)
				}
				counts = append(counts, q.Count())
			}
			if counts[0] != counts[1] {
				t.Errorf("%d statements for 10 tables but %d for 1,000: reflection must not query per table", counts[0], counts[1])
			}
			if counts[1] > limit[d] {
				t.Errorf("%d statements, want at most %d", counts[1], limit[d])
			}
		})
	}
}
