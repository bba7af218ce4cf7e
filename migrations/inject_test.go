package migrations

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/autogen-dev/autogen/schema"
)

// FuzzNamesCannotInject builds, on an in-memory SQLite database, a table,
// a column, a string default and an index whose names and value are the
// fuzzed text, then reads them back: whatever the text, SQLite sees
// exactly those names and that value, and nothing else runs.
func FuzzNamesCannotInject(f *testing.F) {
	for _, s := range []string{`x`, `we"ird`, `it's`, `a"; DROP TABLE t; --`, `'); DROP TABLE t; --`, "new\nline", `*/ --`, `\`, `ünï 名前`} {
		f.Add(s)
	}
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || !utf8.ValidString(s) || strings.ContainsRune(s, 0) || strings.HasPrefix(strings.ToLower(s), "sqlite_") {
			t.Skip("not a name SQLite or the model accepts")
		}
		tbl := &schema.Table{Name: s, Columns: []*schema.Column{
			{Name: s, Type: schema.Text, Default: schema.StringDefault(s)},
			{Name: s + " 2", Type: schema.Integer},
		}}
		idx := &schema.Index{Name: "ix " + s, Keys: schema.Cols(s)}
		if err := Apply(ctx, db, schema.SQLite, []Operation{CreateTable{Table: tbl}, CreateIndex{Table: s, Index: idx}}); err != nil {
			t.Fatalf("create: %v", err)
		}
		defer func() {
			if err := Apply(ctx, db, schema.SQLite, []Operation{DropTable{Table: s}}); err != nil {
				t.Fatalf("drop: %v", err)
			}
		}()
		var objects []string
		rows, err := db.QueryContext(ctx, `SELECT type || ' ' || name FROM sqlite_schema ORDER BY type`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var o string
			if err := rows.Scan(&o); err != nil {
				t.Fatal(err)
			}
			objects = append(objects, o)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if want := []string{"index ix " + s, "table " + s}; strings.Join(objects, "|") != strings.Join(want, "|") {
			t.Fatalf("objects %q, want %q", objects, want)
		}
		var col string
		if err := db.QueryRowContext(ctx, `SELECT name FROM pragma_table_info(?) WHERE cid = 0`, s).Scan(&col); err != nil || col != s {
			t.Fatalf("column %q (%v), want %q", col, err, s)
		}
		insert := "INSERT INTO " + schema.QuoteIdent(schema.SQLite, s) + " (" + schema.QuoteIdent(schema.SQLite, s+" 2") + ") VALUES (1)"
		if _, err := db.ExecContext(ctx, insert); err != nil {
			t.Fatal(err)
		}
		var value string
		if err := db.QueryRowContext(ctx, "SELECT "+schema.QuoteIdent(schema.SQLite, s)+" FROM "+schema.QuoteIdent(schema.SQLite, s)).Scan(&value); err != nil || value != s {
			t.Fatalf("default %q (%v), want %q", value, err, s)
		}
	})
}
