package migrations

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

// preserveRows is the size of the tables in the data-preservation tests.
const preserveRows = 100_000

// preserveCase is one operation applied to a full table: the rows that
// before returns must be what after returns once it ran.
type preserveCase struct {
	name          string
	ops           []Operation
	before, after string
	// gone lists objects (indexes, constraints' tables aside) the
	// operation removes; renamed is true when SQLite rewrites the SQL of
	// dependent objects (a rename), so it is not compared byte for byte.
	gone    []string
	renamed bool
}

const itemCols = `rowid, id, owner_id, name, code, status, qty, data, body, obsolete, kind, typeof(qty), typeof(body)`

func itemQuery(cols string) string { return `SELECT ` + cols + ` FROM item ORDER BY id` }

func with(cols, from, to string) string { return strings.Replace(cols, from, to, 1) }

// TestSQLiteBatchPreservesData applies every kind of batch operation to a
// table of 100,000 rows (NULLs, unicode, blobs, values of 1.3 MB) with
// indexes (DESC, expression, partial, NOCASE), triggers and views on it,
// and checks that every row, rowid and dependent object is still there.
func TestSQLiteBatchPreservesData(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000-row tables; skipped with -short")
	}
	ctx := context.Background()
	d := schema.SQLite
	template := filepath.Join(t.TempDir(), "template.db")
	tdb, _, err := OpenDB("sqlite://" + template)
	if err != nil {
		t.Fatal(err)
	}
	fillItems(t, tdb, preserveRows)
	tdb.Close()

	all := itemQuery(itemCols)
	newCol := &schema.Column{Name: "created", Type: schema.Timestamp, NotNull: true, Default: schema.Now}
	cases := []preserveCase{
		{name: "add nullable column (native)", ops: []Operation{AddColumn{Table: "item", Column: &schema.Column{Name: "note", Type: schema.Text}}}},
		{name: "add column with a non-constant default (rebuild)", ops: []Operation{AddColumn{Table: "item", Column: newCol}}},
		{name: "drop column (native)", ops: []Operation{DropColumn{Table: "item", Column: "obsolete"}},
			before: itemQuery(with(itemCols, "obsolete, ", "")), after: itemQuery(with(itemCols, "obsolete, ", ""))},
		{name: "drop column in a unique constraint (rebuild)", ops: []Operation{DropColumn{Table: "item", Column: "code"}},
			before: itemQuery(with(itemCols, "code, ", "")), after: itemQuery(with(itemCols, "code, ", ""))},
		{name: "rename column", ops: []Operation{RenameColumn{Table: "item", Column: "body", To: "content"}},
			after: itemQuery(with(with(itemCols, "body,", "content,"), "typeof(body)", "typeof(content)")), renamed: true},
		{name: "change type", ops: []Operation{AlterColumn{Table: "item", Column: "code", Type: new(schema.Text)}}},
		{name: "set NOT NULL, filling NULLs", ops: []Operation{AlterColumn{Table: "item", Column: "status", NotNull: new(true), FillNulls: "'unknown'"}},
			before: itemQuery(with(itemCols, "status,", "coalesce(status, 'unknown'),"))},
		{name: "drop NOT NULL", ops: []Operation{AlterColumn{Table: "item", Column: "kind", NotNull: new(false)}}},
		{name: "set default", ops: []Operation{AlterColumn{Table: "item", Column: "qty", Default: new(schema.NumberDefault("7"))}}},
		{name: "drop default", ops: []Operation{AlterColumn{Table: "item", Column: "kind", Default: &schema.Default{}}}},
		{name: "create index (native)", ops: []Operation{CreateIndex{Table: "item", Index: &schema.Index{Name: "ix_item__qty_code", Keys: []schema.IndexKey{{Column: "qty", Desc: true}, {Column: "code"}}}}}},
		{name: "drop index (native)", ops: []Operation{DropIndex{Table: "item", Index: "ix_item__partial"}}, gone: []string{"ix_item__partial"}},
		{name: "add foreign key", ops: []Operation{AddForeignKey{Table: "item", ForeignKey: &schema.ForeignKey{Name: "fk_item__owner_again", Columns: []string{"owner_id"}, RefTable: "owner", RefColumns: []string{"id"}}}}},
		{name: "drop foreign key", ops: []Operation{DropForeignKey{Table: "item", Name: "fk_item__owner_id__owner"}}},
		{name: "add unique constraint", ops: []Operation{AddUnique{Table: "item", Unique: &schema.Unique{Name: "uq_item__id_name", Columns: []string{"id", "name"}}}}},
		{name: "drop unique constraint", ops: []Operation{DropUnique{Table: "item", Name: "uq_item__code"}}},
		{name: "add check constraint", ops: []Operation{AddCheck{Table: "item", Check: &schema.Check{Name: "ck_item__id", Expr: schema.Expr("id > 0")}}}},
		{name: "drop check constraint", ops: []Operation{DropCheck{Table: "item", Name: "ck_item__qty"}}},
		{name: "rename table", ops: []Operation{RenameTable{Table: "item", To: "thing"}},
			after: strings.Replace(all, "FROM item", "FROM thing", 1), renamed: true},
		{name: "everything in one batch", ops: []Operation{Batch{Table: "item", Ops: []Operation{
			AddColumn{Table: "item", Column: newCol},
			AlterColumn{Table: "item", Column: "code", Type: new(schema.Varchar(40))},
			AlterColumn{Table: "item", Column: "status", NotNull: new(true), FillNulls: "'unknown'"},
			DropColumn{Table: "item", Column: "obsolete"},
			CreateIndex{Table: "item", Index: &schema.Index{Name: "ix_item__created", Keys: []schema.IndexKey{{Column: "created", Desc: true}}}},
			AddCheck{Table: "item", Check: &schema.Check{Name: "ck_item__id", Expr: schema.Expr("id > 0")}},
			DropIndex{Table: "item", Index: "ix_item__name_desc"},
		}}},
			before: itemQuery(with(with(itemCols, "obsolete, ", ""), "status,", "coalesce(status, 'unknown'),")),
			after:  itemQuery(with(itemCols, "obsolete, ", "")), gone: []string{"ix_item__name_desc"}},
	}
	dependents := []string{"ix_item__name_desc", "ix_item__lower_name", "ix_item__partial", "ix_item__name_nocase",
		"tr_item_update", "tr_owner_delete", "v_big_item", "v_big_item_names", "tr_v_insert"}
	views := []string{`SELECT * FROM v_big_item ORDER BY id`, `SELECT * FROM v_big_item_names ORDER BY name`}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "item.db")
			copyFile(t, template, path)
			db, _, err := OpenDB("sqlite://" + path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			before, after := cmp.Or(c.before, all), cmp.Or(c.after, cmp.Or(c.before, all))
			wantRows, n := checksum(t, db, before)
			if n != preserveRows {
				t.Fatalf("%d rows", n)
			}
			var wantViews []string
			for _, v := range views {
				s, _ := checksum(t, db, v)
				wantViews = append(wantViews, s)
			}
			objs := schemaSQL(t, db)
			if err := Apply(ctx, db, d, c.ops); err != nil {
				t.Fatal(err)
			}
			if got, n := checksum(t, db, after); got != wantRows || n != preserveRows {
				t.Errorf("rows changed: %d rows", n)
			}
			for i, v := range views {
				if s, _ := checksum(t, db, v); s != wantViews[i] {
					t.Errorf("view query %q returns other rows", v)
				}
			}
			now := schemaSQL(t, db)
			for _, name := range dependents {
				switch {
				case slices.Contains(c.gone, name):
					if _, ok := now[name]; ok {
						t.Errorf("%s survived", name)
					}
				case now[name] == "":
					t.Errorf("%s is gone", name)
				case !c.renamed && now[name] != objs[name]:
					t.Errorf("%s changed:\n%s\n%s", name, objs[name], now[name])
				}
			}
			if got := queryStrings(t, db, `PRAGMA integrity_check`); len(got) != 1 || got[0] != "ok" {
				t.Errorf("integrity_check: %v", got)
			}
			if got := queryStrings(t, db, `SELECT "table" FROM pragma_foreign_key_check`); len(got) != 0 {
				t.Errorf("foreign key violations: %v", got)
			}
			assertForeignKeysOn(t, db)
		})
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// fillPostgres creates owner and item on PostgreSQL with n rows of varied
// data (NULLs, unicode, bytea, values of 1 MB stored out of line), an
// index of each kind, a trigger and a view.
func fillPostgres(t testing.TB, db *sql.DB, n int) {
	t.Helper()
	mustExec(t, db,
		`CREATE TABLE owner (id integer PRIMARY KEY, name text)`,
		`INSERT INTO owner SELECT g, 'owner ' || g FROM generate_series(1, 10) g`,
		`CREATE TABLE item (
			id integer NOT NULL,
			owner_id integer,
			name text,
			code varchar(20),
			status varchar(10),
			qty integer,
			price numeric(12, 2),
			data bytea,
			body text,
			at timestamptz,
			kind text NOT NULL DEFAULT 'plain',
			CONSTRAINT pk_item PRIMARY KEY (id),
			CONSTRAINT uq_item__code UNIQUE (code),
			CONSTRAINT ck_item__qty CHECK (qty IS NULL OR qty >= 0),
			CONSTRAINT fk_item__owner_id__owner FOREIGN KEY (owner_id) REFERENCES owner (id) ON DELETE CASCADE
		)`,
		fmt.Sprintf(`INSERT INTO item SELECT g,
			CASE WHEN g %% 7 = 0 THEN NULL ELSE 1 + g %% 10 END,
			CASE WHEN g %% 5 = 0 THEN NULL ELSE (ARRAY['Ærøskøbing', 'naïve café', '日本語のテキスト', 'emoji 🦆🔥', 'O''Brien "q"', e'tab\tnew\nline', ''])[1 + g %% 7] || g END,
			CASE WHEN g %% 3 = 0 THEN NULL ELSE 'C-' || lpad(g::text, 6, '0') END,
			CASE WHEN g %% 4 = 0 THEN NULL ELSE (ARRAY['new', 'old', 'ÜBER'])[1 + g %% 3] END,
			CASE WHEN g %% 6 = 0 THEN NULL ELSE g %% 100 END,
			CASE WHEN g %% 9 = 0 THEN NULL ELSE g * 1.25 END,
			CASE WHEN g %% 2 = 0 THEN NULL ELSE decode(repeat(md5(g::text), 1 + g %% 8), 'hex') END,
			CASE WHEN g %% 10000 = 0 THEN repeat('large text ✓ ', 80000) WHEN g %% 11 = 0 THEN repeat(g::text, 50) END,
			CASE WHEN g %% 8 = 0 THEN NULL ELSE timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' END
			FROM generate_series(1, %d) g`, n),
		`CREATE INDEX ix_item__name_desc ON item (name DESC)`,
		`CREATE INDEX ix_item__lower_name ON item (lower(name), qty)`,
		`CREATE INDEX ix_item__partial ON item (qty) WHERE status IS NOT NULL AND qty > 10`,
		`CREATE INDEX ix_item__name_c ON item (name COLLATE "C")`,
		`CREATE TABLE audit (item_id integer, what text)`,
		`CREATE FUNCTION audit_qty() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (NEW.id, 'qty ' || NEW.qty); RETURN NEW; END $$`,
		`CREATE TRIGGER tr_item_update AFTER UPDATE OF qty ON item FOR EACH ROW EXECUTE FUNCTION audit_qty()`,
		`CREATE VIEW v_big_item AS SELECT id, name, qty FROM item WHERE qty > 5`,
	)
}

const pgItemCols = `id, owner_id, name, code, status, qty, price, data, body, at, kind`

// TestPostgresAlterPreservesData applies every kind of column and table
// change to a PostgreSQL table of 100,000 rows and checks the rows, the
// indexes, the trigger and the view.
func TestPostgresAlterPreservesData(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000-row tables; skipped with -short")
	}
	ctx := context.Background()
	d := schema.Postgres
	q := func(cols string) string { return `SELECT ` + cols + ` FROM item ORDER BY id` }
	all := q(pgItemCols)
	cases := []preserveCase{
		{name: "add column", ops: []Operation{AddColumn{Table: "item", Column: &schema.Column{Name: "note", Type: schema.Text, Default: schema.StringDefault("n")}}}},
		{name: "drop column", ops: []Operation{DropColumn{Table: "item", Column: "at"}}, before: q(with(pgItemCols, ", at", ""))},
		{name: "rename column", ops: []Operation{RenameColumn{Table: "item", Column: "body", To: "content"}}, after: q(with(pgItemCols, "body", "content"))},
		{name: "change type with USING", ops: []Operation{AlterColumn{Table: "item", Column: "code", Type: new(schema.Text), Using: "code::text"}}},
		{name: "widen numeric", ops: []Operation{AlterColumn{Table: "item", Column: "price", Type: new(schema.Numeric(14, 2))}}},
		{name: "set NOT NULL, filling NULLs", ops: []Operation{AlterColumn{Table: "item", Column: "status", NotNull: new(true), FillNulls: "'unknown'"}},
			before: q(with(pgItemCols, "status", "coalesce(status, 'unknown')"))},
		{name: "drop NOT NULL", ops: []Operation{AlterColumn{Table: "item", Column: "kind", NotNull: new(false)}}},
		{name: "set and drop defaults, comment", ops: []Operation{
			AlterColumn{Table: "item", Column: "qty", Default: new(schema.NumberDefault("7")), Comment: new("how many")},
			AlterColumn{Table: "item", Column: "kind", Default: &schema.Default{}},
			AlterTableComment{Table: "item", Comment: "items"}}},
		{name: "indexes, concurrently too", ops: []Operation{
			CreateIndex{Table: "item", Index: &schema.Index{Name: "ix_item__qty_code", Keys: []schema.IndexKey{{Column: "qty", Desc: true}, {Column: "code"}}}, Concurrently: true},
			DropIndex{Table: "item", Index: "ix_item__partial", Concurrently: true}}, gone: []string{"ix_item__partial"}},
		{name: "constraints", ops: []Operation{
			DropForeignKey{Table: "item", Name: "fk_item__owner_id__owner"},
			AddForeignKey{Table: "item", ForeignKey: &schema.ForeignKey{Name: "fk_item__owner", Columns: []string{"owner_id"}, RefTable: "owner", RefColumns: []string{"id"}}},
			DropUnique{Table: "item", Name: "uq_item__code"},
			AddUnique{Table: "item", Unique: &schema.Unique{Name: "uq_item__id_name", Columns: []string{"id", "name"}}},
			DropCheck{Table: "item", Name: "ck_item__qty"},
			AddCheck{Table: "item", Check: &schema.Check{Name: "ck_item__id", Expr: schema.Expr("id > 0")}}}},
		{name: "rename table", ops: []Operation{RenameTable{Table: "item", To: "thing"}}, after: strings.Replace(all, "FROM item", "FROM thing", 1)},
	}
	indexes := []string{"ix_item__name_desc", "ix_item__lower_name", "ix_item__partial", "ix_item__name_c"}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			db := openTestDB(t, d)
			fillPostgres(t, db, preserveRows)
			// A different text for the second query: pgx caches the plan of
			// the first, whose result types the change may alter.
			before, after := cmp.Or(c.before, all), cmp.Or(c.after, cmp.Or(c.before, all))+" "

			wantRows, n := checksum(t, db, before)
			if n != preserveRows {
				t.Fatalf("%d rows", n)
			}
			wantView, _ := checksum(t, db, `SELECT * FROM v_big_item ORDER BY id`)
			defs := map[string]string{}
			for _, ix := range indexes {
				defs[ix] = indexDef(t, db, d, ix)
			}
			if err := Apply(ctx, db, d, c.ops); err != nil {
				t.Fatal(err)
			}
			if got, n := checksum(t, db, after); got != wantRows || n != preserveRows {
				t.Errorf("rows changed: %d rows", n)
			}
			if got, _ := checksum(t, db, `SELECT * FROM v_big_item ORDER BY id`); got != wantView {
				t.Error("the view returns other rows")
			}
			for _, ix := range indexes {
				got := indexDef(t, db, d, ix)
				switch {
				case slices.Contains(c.gone, ix):
					if got != "" {
						t.Errorf("%s survived", ix)
					}
				case got == "":
					t.Errorf("%s is gone", ix)
				case c.after == "" && got != defs[ix]:
					t.Errorf("%s changed: %s", ix, got)
				}
			}
			if n := queryInt(t, db, `SELECT count(*) FROM pg_index WHERE NOT indisvalid`); n != 0 {
				t.Errorf("%d invalid indexes", n)
			}
			table := "item"
			if c.name == "rename table" {
				table = "thing"
			}
			mustExec(t, db, `UPDATE `+table+` SET qty = 77 WHERE id = 1`)
			if got := queryStrings(t, db, `SELECT what FROM audit`); len(got) != 1 || got[0] != "qty 77" {
				t.Errorf("the trigger: %v", got)
			}
		})
	}
}
