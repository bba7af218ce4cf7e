package diff_test

// Benchmarks of the in-memory comparison on a generated 1,000-table schema
// and a mutation of it (internal/schemagen). Both sides are built on a
// database of the dialect and reflected once, outside the timed loop, so
// that the comparison sees what it sees in `autogen check`. Run with
//
//	go test ./diff/ -run '^$' -bench Compare -benchtime 20x

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/internal/schemagen"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// openScratch returns an empty database of dialect d.
func openScratch(tb testing.TB, d schema.Dialect) *sql.DB {
	tb.Helper()
	var db *sql.DB
	var err error
	switch d {
	case schema.Postgres:
		db, err = sql.Open("pgx", pgtest.DB(tb))
	default:
		db, err = sql.Open("sqlite", filepath.Join(tb.TempDir(), "scratch.db"))
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// buildAndReflect builds model on a fresh database of dialect d and
// reflects it.
func buildAndReflect(tb testing.TB, d schema.Dialect, model *schema.Schema) *schema.Schema {
	tb.Helper()
	db := openScratch(tb, d)
	ctx := context.Background()
	if _, err := schemagen.Build(ctx, db, d, model); err != nil {
		tb.Fatal(err)
	}
	s, err := reflect.Database(ctx, d, db, reflect.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func BenchmarkCompare(b *testing.B) {
	const tables, changes = 1000, 100
	a := schemagen.Generate(schemagen.Config{Tables: tables, Seed: 1})
	m, _ := schemagen.Mutate(a, schemagen.MutateConfig{Changes: changes, Seed: 2})
	model, err := m.Resolve()
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range schema.Dialects {
		b.Run(fmt.Sprintf("%s/tables=%d/changes=%d", d, tables, changes), func(b *testing.B) {
			cur := buildAndReflect(b, d, a)
			want := buildAndReflect(b, d, m)
			filter := diff.DefaultFilter()
			b.ReportAllocs()
			b.ResetTimer()
			var r *diff.Result
			for b.Loop() {
				r, err = diff.Compare(d, cur, want, diff.Options{Model: model, Filter: &filter})
				if err != nil {
					b.Fatal(err)
				}
			}
			if len(r.Changes) < changes/2 {
				b.Fatalf("%d changes found, want about %d", len(r.Changes), changes)
			}
			b.ReportMetric(float64(len(r.Changes)), "changes")
		})
	}
}
