package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

// Catalog readers used to check what operations did, per dialect.

type colInfo struct {
	Type    string
	NotNull bool
	Default string
}

// column returns a column's type, nullability and default as the catalog
// spells them, and whether it exists.
func column(t *testing.T, db *sql.DB, d schema.Dialect, table, col string) (colInfo, bool) {
	t.Helper()
	var q string
	switch d {
	case schema.Postgres:
		q = `SELECT format_type(a.atttypid, a.atttypmod), a.attnotnull, coalesce(pg_get_expr(ad.adbin, ad.adrelid), '')
			FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
			WHERE a.attrelid = quote_ident($1)::regclass AND a.attname = $2 AND NOT a.attisdropped AND a.attnum > 0`
	default:
		q = `SELECT type, "notnull", coalesce(dflt_value, '') FROM pragma_table_info(?) WHERE name = ?`
	}
	var c colInfo
	err := db.QueryRow(q, table, col).Scan(&c.Type, &c.NotNull, &c.Default)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false
	}
	if err != nil {
		t.Fatalf("column %s.%s: %v", table, col, err)
	}
	return c, true
}

func mustColumn(t *testing.T, db *sql.DB, d schema.Dialect, table, col string) colInfo {
	t.Helper()
	c, ok := column(t, db, d, table, col)
	if !ok {
		t.Fatalf("column %s.%s does not exist", table, col)
	}
	return c
}

// indexDef returns an index's definition (pg_indexes.indexdef, or the SQL
// in sqlite_schema), "" when it does not exist.
func indexDef(t *testing.T, db *sql.DB, d schema.Dialect, name string) string {
	t.Helper()
	q := `SELECT indexdef FROM pg_indexes WHERE indexname = $1`
	if d == schema.SQLite {
		q = `SELECT coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' AND name = ?`
	}
	s := queryStrings(t, db, q, name)
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// tableExists reports whether a table exists.
func tableExists(t *testing.T, db *sql.DB, d schema.Dialect, name string) bool {
	t.Helper()
	q := `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1`
	if d == schema.SQLite {
		q = `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`
	}
	return queryInt(t, db, q, name) == 1
}

// constraintDef returns a PostgreSQL constraint's definition, or, on
// SQLite, the table's CREATE TABLE statement when it declares a constraint
// of that name; "" otherwise.
func constraintDef(t *testing.T, db *sql.DB, d schema.Dialect, table, name string) string {
	t.Helper()
	if d == schema.Postgres {
		s := queryStrings(t, db, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = quote_ident($1)::regclass AND conname = $2`, table, name)
		if len(s) == 0 {
			return ""
		}
		return s[0]
	}
	s := queryStrings(t, db, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table)
	if len(s) == 0 || !strings.Contains(s[0], `CONSTRAINT "`+name+`" `) {
		return ""
	}
	return s[0]
}

// fails reports whether a statement fails.
func fails(db *sql.DB, stmt string) bool {
	_, err := db.Exec(stmt)
	return err != nil
}

func apply(t *testing.T, db *sql.DB, d schema.Dialect, ops ...Operation) {
	t.Helper()
	if err := Apply(context.Background(), db, d, ops); err != nil {
		t.Fatalf("Apply: %v", err)
	}
}

// baseOps creates the enum and the two fixture tables with a few rows.
func baseOps() []Operation {
	return []Operation{
		CreateExtension{Name: "pg_trgm"},
		CreateEnum{Enum: stateType},
		CreateTable{Table: flowTable()},
		CreateTable{Table: flowRunTable()},
		Exec{SQL: `INSERT INTO flow (id, name, state) VALUES
			('00000000-0000-4000-8000-000000000001', 'alpha', 'PENDING'),
			('00000000-0000-4000-8000-000000000002', 'beta', NULL)`},
		Exec{SQL: `INSERT INTO flow_run (id, flow_id, name, start_time) VALUES
			(1, '00000000-0000-4000-8000-000000000001', 'one', NULL),
			(2, '00000000-0000-4000-8000-000000000002', 'two', '2024-01-02 03:04:05+00')`},
	}
}

// TestApplyOperations applies each kind of operation to real databases and
// checks the result in the catalogs.
func TestApplyOperations(t *testing.T) {
	cases := []struct {
		name  string
		only  schema.Dialect
		ops   []Operation
		check func(t *testing.T, db *sql.DB, d schema.Dialect)
	}{
		{name: "create table", check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			want := map[schema.Dialect]map[string]colInfo{
				schema.Postgres: {
					"id":    {"uuid", true, "gen_random_uuid()"},
					"tags":  {"jsonb", true, "'[]'::jsonb"},
					"state": {"state_type", false, "'SCHEDULED'::state_type"},
					"price": {"numeric(10,2)", false, ""},
				},
				schema.SQLite: {
					"id":    {"CHAR(36)", true, schema.SQLiteGenerateUUID},
					"tags":  {"JSON", true, "'[]'"},
					"state": {"VARCHAR(9)", false, "'SCHEDULED'"},
					"price": {"NUMERIC(10, 2)", false, ""},
				},
			}[d]
			for col, w := range want {
				if got := mustColumn(t, db, d, "flow", col); got != w {
					t.Errorf("flow.%s = %+v, want %+v", col, got, w)
				}
			}
			for _, name := range []string{"pk_flow", "uq_flow__name", "ck_flow__runs_positive"} {
				if constraintDef(t, db, d, "flow", name) == "" {
					t.Errorf("constraint %s missing", name)
				}
			}
			fk := constraintDef(t, db, d, "flow_run", "fk_flow_run__flow_id__flow")
			if !strings.Contains(fk, "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED") {
				t.Errorf("foreign key: %q", fk)
			}
			if !fails(db, `INSERT INTO flow (id, name, runs) VALUES ('00000000-0000-4000-8000-000000000009', 'neg', -1)`) {
				t.Error("the check constraint is not enforced")
			}
			if !fails(db, `INSERT INTO flow (id, name) VALUES ('00000000-0000-4000-8000-000000000009', 'alpha')`) {
				t.Error("the unique constraint is not enforced")
			}
			desc := indexDef(t, db, d, "ix_flow_run__coalesce_start_time_expected_start_time_desc")
			if !strings.Contains(strings.ToLower(desc), "(coalesce(start_time, expected_start_time)") || !strings.Contains(desc, "DESC") {
				t.Errorf("expression index: %q", desc)
			}
			if def := indexDef(t, db, d, "ix_flow_run__scheduled"); !strings.Contains(def, "WHERE") {
				t.Errorf("partial index: %q", def)
			}
			long := schema.Name(d, flowRunTable().Indexes[4].Name, true)
			if indexDef(t, db, d, long) == "" {
				t.Errorf("index %q missing", long)
			}
			switch d {
			case schema.Postgres:
				if def := indexDef(t, db, d, "trgm_ix_flow_name"); !strings.Contains(def, "USING gin (name gin_trgm_ops)") {
					t.Errorf("gin index: %q", def)
				}
				if def := indexDef(t, db, d, "ix_flow_run__flow_id_include"); !strings.Contains(def, "INCLUDE (name)") {
					t.Errorf("include index: %q", def)
				}
				if def := indexDef(t, db, d, "uq_flow_run__name"); !strings.Contains(def, "NULLS NOT DISTINCT") {
					t.Errorf("nulls not distinct: %q", def)
				}
				if got := queryStrings(t, db, `SELECT obj_description('flow'::regclass, 'pg_class')`); got[0] != "A flow's definition; it's versioned." {
					t.Errorf("table comment %q", got)
				}
				if got := queryStrings(t, db, `SELECT col_description('flow'::regclass, 3)`); got[0] != "unique name" {
					t.Errorf("column comment %q", got)
				}
				if indexDef(t, db, d, "ix_flow_name_case_insensitive") != "" {
					t.Error("a SQLite-only index was created on PostgreSQL")
				}
			case schema.SQLite:
				if def := indexDef(t, db, d, "ix_flow_name_case_insensitive"); def != `CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE")` {
					t.Errorf("nocase index: %q", def)
				}
				if indexDef(t, db, d, "trgm_ix_flow_name") != "" {
					t.Error("a PostgreSQL-only index was created on SQLite")
				}
			}
		}},
		{name: "pg only table", ops: []Operation{CreateTable{Table: &schema.Table{Name: "ident", Only: []schema.Dialect{schema.Postgres},
			Columns: []*schema.Column{{Name: "id", Type: schema.BigInt, NotNull: true, Identity: "by default"}, {Name: "c", Type: schema.Text, Collation: schema.Collate("C")}}}}},
			check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
				if tableExists(t, db, d, "ident") != (d == schema.Postgres) {
					t.Fatalf("table ident exists on %s: %v", d, !(d == schema.Postgres))
				}
				if d == schema.Postgres {
					mustExec(t, db, `INSERT INTO ident (c) VALUES ('x')`)
					if queryInt(t, db, `SELECT id FROM ident`) != 1 {
						t.Error("identity did not generate 1")
					}
					if got := queryStrings(t, db, `SELECT collation_name FROM information_schema.columns WHERE table_name = 'ident' AND column_name = 'c'`); got[0] != "C" {
						t.Errorf("collation %q", got)
					}
				}
			}},
		{name: "add column", ops: []Operation{
			AddColumn{Table: "flow", Column: &schema.Column{Name: "description", Type: schema.Text}},
			AddColumn{Table: "flow", Column: &schema.Column{Name: "priority", Type: schema.SmallInt, NotNull: true, Default: schema.NumberDefault("-1")}},
			AddColumn{Table: "flow", Column: &schema.Column{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now}},
			AddColumn{Table: "flow", Column: &schema.Column{Name: "kind", Type: stateType.Type()}},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if c := mustColumn(t, db, d, "flow", "priority"); !c.NotNull || !strings.Contains(c.Default, "-1") {
				t.Errorf("priority: %+v", c)
			}
			if n := queryInt(t, db, `SELECT count(*) FROM flow WHERE priority = -1 AND updated IS NOT NULL AND description IS NULL`); n != 2 {
				t.Errorf("%d rows have the new columns' defaults, want 2", n)
			}
			if c := mustColumn(t, db, d, "flow", "kind"); d == schema.SQLite && c.Type != "VARCHAR(9)" {
				t.Errorf("enum column on SQLite: %+v", c)
			}
		}},
		{name: "drop column", ops: []Operation{
			DropColumn{Table: "flow_run", Column: "expected_start_time"}, // in an expression and a partial index
			DropColumn{Table: "flow", Column: "price"},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			for _, c := range [][2]string{{"flow_run", "expected_start_time"}, {"flow", "price"}} {
				if _, ok := column(t, db, d, c[0], c[1]); ok {
					t.Errorf("%s.%s still exists", c[0], c[1])
				}
			}
			if indexDef(t, db, d, "ix_flow_run__scheduled") != "" {
				t.Error("the index on the dropped column survived")
			}
			if indexDef(t, db, d, "ix_flow_run__coalesce_start_time_expected_start_time_desc") != "" {
				t.Error("the expression index on the dropped column survived")
			}
			if queryInt(t, db, `SELECT count(*) FROM flow_run`) != 2 || queryInt(t, db, `SELECT count(*) FROM flow`) != 2 {
				t.Error("rows lost")
			}
		}},
		{name: "rename column and table", ops: []Operation{
			RenameColumn{Table: "flow_run", Column: "name", To: "label"},
			RenameTable{Table: "flow_run", To: "run"},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if tableExists(t, db, d, "flow_run") || !tableExists(t, db, d, "run") {
				t.Fatal("table not renamed")
			}
			if got := queryStrings(t, db, `SELECT label FROM run ORDER BY id`); strings.Join(got, ",") != "one,two" {
				t.Errorf("labels %v", got)
			}
			if def := indexDef(t, db, d, schema.Name(d, flowRunTable().Indexes[4].Name, true)); !strings.Contains(def, "label") {
				t.Errorf("index not following the rename: %q", def)
			}
		}},
		{name: "alter column", ops: []Operation{
			AlterColumn{Table: "flow", Column: "runs", Type: new(schema.BigInt)},
			AlterColumn{Table: "flow", Column: "state", NotNull: new(true), FillNulls: "'RUNNING'"},
			AlterColumn{Table: "flow", Column: "price", Default: new(schema.NumberDefault("1.5"))},
			AlterColumn{Table: "flow", Column: "tags", Default: &schema.Default{}, NotNull: new(false)},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if c := mustColumn(t, db, d, "flow", "runs"); strings.ToLower(c.Type) != "bigint" {
				t.Errorf("runs: %+v", c)
			}
			if c := mustColumn(t, db, d, "flow", "state"); !c.NotNull {
				t.Errorf("state: %+v", c)
			}
			if got := queryStrings(t, db, `SELECT state FROM flow ORDER BY name`); strings.Join(got, ",") != "PENDING,RUNNING" {
				t.Errorf("states %v", got)
			}
			if c := mustColumn(t, db, d, "flow", "price"); c.Default != "1.5" {
				t.Errorf("price: %+v", c)
			}
			if c := mustColumn(t, db, d, "flow", "tags"); c.NotNull || c.Default != "" {
				t.Errorf("tags: %+v", c)
			}
			// The rebuild on SQLite keeps the other constraints.
			if constraintDef(t, db, d, "flow", "uq_flow__name") == "" || constraintDef(t, db, d, "flow", "ck_flow__runs_positive") == "" {
				t.Error("constraints lost")
			}
		}},
		{name: "indexes", ops: []Operation{
			CreateIndex{Table: "flow_run", Index: &schema.Index{Name: "ix_new", Unique: true, Keys: []schema.IndexKey{{Column: "name", Desc: true}}}, Concurrently: true},
			DropIndex{Table: "flow_run", Index: "ix_flow_run__scheduled"},
			DropIndex{Table: "flow", Index: "ix_flow__created_desc", Concurrently: true},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if def := indexDef(t, db, d, "ix_new"); !strings.Contains(def, "UNIQUE INDEX") || !strings.Contains(def, "DESC") {
				t.Errorf("ix_new: %q", def)
			}
			if indexDef(t, db, d, "ix_flow_run__scheduled") != "" || indexDef(t, db, d, "ix_flow__created_desc") != "" {
				t.Error("indexes not dropped")
			}
		}},
		{name: "constraints", ops: []Operation{
			AddUnique{Table: "flow_run", Unique: &schema.Unique{Name: "uq_flow_run__name2", Columns: []string{"name"}}},
			AddCheck{Table: "flow_run", Check: &schema.Check{Name: "ck_flow_run__id", Expr: schema.Expr("id > 0")}},
			Exec{SQL: `UPDATE flow SET runs = 1`},
			AddForeignKey{Table: "flow", ForeignKey: &schema.ForeignKey{Name: "fk_flow__runs", Columns: []string{"runs"},
				RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.SetNull}},
			DropCheck{Table: "flow", Name: "ck_flow__runs_positive"},
			DropUnique{Table: "flow", Name: "uq_flow__name"},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			for _, c := range [][2]string{{"flow_run", "uq_flow_run__name2"}, {"flow_run", "ck_flow_run__id"}, {"flow", "fk_flow__runs"}} {
				if constraintDef(t, db, d, c[0], c[1]) == "" {
					t.Errorf("constraint %s missing", c[1])
				}
			}
			for _, c := range []string{"ck_flow__runs_positive", "uq_flow__name"} {
				if constraintDef(t, db, d, "flow", c) != "" {
					t.Errorf("constraint %s not dropped", c)
				}
			}
			if !fails(db, `INSERT INTO flow_run (id, flow_id, name) VALUES (3, '00000000-0000-4000-8000-000000000001', 'one')`) {
				t.Error("new unique constraint not enforced")
			}
			if !fails(db, `INSERT INTO flow_run (id, flow_id) VALUES (-3, '00000000-0000-4000-8000-000000000001')`) {
				t.Error("new check constraint not enforced")
			}
			if !fails(db, `UPDATE flow SET runs = 99`) {
				t.Error("new foreign key not enforced")
			}
			apply(t, db, d, DropForeignKey{Table: "flow", Name: "fk_flow__runs"})
			if constraintDef(t, db, d, "flow", "fk_flow__runs") != "" {
				t.Error("foreign key not dropped")
			}
			// The dropped check and unique constraint no longer apply.
			mustExec(t, db, `INSERT INTO flow (id, name, runs) VALUES ('00000000-0000-4000-8000-000000000003', 'alpha', -5)`)
		}},
		{name: "enums", ops: []Operation{
			AddEnumValue{Enum: "state_type", Value: "CANCELLING", Before: "RUNNING"},
			AddEnumValue{Enum: "state_type", Value: "COMPLETED", After: "RUNNING"},
			AddEnumValue{Enum: "state_type", Value: "CRASHED"},
			CreateEnum{Enum: &schema.Enum{Name: "mood", Values: []string{"ok", "grumpy"}}},
			AddColumn{Table: "flow", Column: &schema.Column{Name: "mood", Type: schema.EnumType("mood")}},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if d == schema.Postgres {
				got := queryStrings(t, db, `SELECT unnest(enum_range(NULL::state_type))::text`)
				if want := "SCHEDULED,PENDING,CANCELLING,RUNNING,COMPLETED,CRASHED"; strings.Join(got, ",") != want {
					t.Errorf("enum values %v, want %s", got, want)
				}
				apply(t, db, d, DropColumn{Table: "flow", Column: "mood"}, DropEnum{Enum: "mood"})
				if queryInt(t, db, `SELECT count(*) FROM pg_type WHERE typname = 'mood'`) != 0 {
					t.Error("enum not dropped")
				}
				return
			}
			if c := mustColumn(t, db, d, "flow", "mood"); c.Type != "VARCHAR(6)" {
				t.Errorf("enum column %+v", c)
			}
		}},
		{name: "extension", only: schema.Postgres, ops: []Operation{CreateExtension{Name: "pg_trgm"}, CreateExtension{Name: "pg_trgm"}},
			check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
				if queryInt(t, db, `SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'`) != 1 {
					t.Error("extension missing")
				}
			}},
		{name: "comments", ops: []Operation{
			AlterTableComment{Table: "flow", Comment: "Flows"},
			AlterColumn{Table: "flow", Column: "name", Comment: new("renamed")},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if d == schema.Postgres {
				got := queryStrings(t, db, `SELECT obj_description('flow'::regclass, 'pg_class') || '/' || col_description('flow'::regclass, 3)`)
				if got[0] != "Flows/renamed" {
					t.Errorf("comments %q", got)
				}
			}
		}},
		{name: "exec and run", ops: []Operation{
			Exec{SQL: `CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note VALUES (1, 'a')`},
			Run{Func: func(ctx context.Context, tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO note VALUES (2, 'b')`)
				return err
			}},
		}, check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
			if n := queryInt(t, db, `SELECT count(*) FROM note`); n != 2 {
				t.Errorf("%d notes", n)
			}
		}},
		{name: "drop table", ops: []Operation{DropTable{Table: "flow_run"}, DropTable{Table: "flow"}},
			check: func(t *testing.T, db *sql.DB, d schema.Dialect) {
				if tableExists(t, db, d, "flow") || tableExists(t, db, d, "flow_run") {
					t.Error("tables not dropped")
				}
			}},
	}
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		for _, c := range cases {
			t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
				if c.only != "" && c.only != d {
					t.Skipf("%s only", c.only.Title())
				}
				db := openTestDB(t, d)
				apply(t, db, d, baseOps()...)
				if len(c.ops) > 0 {
					// Enums come from the earlier Apply: give them as an option.
					err := Apply(context.Background(), db, d, c.ops, ApplyEnums((&schema.Schema{Enums: []*schema.Enum{stateType}}).Lookup()))
					if err != nil {
						t.Fatalf("Apply: %v", err)
					}
				}
				c.check(t, db, d)
				if d == schema.SQLite {
					assertForeignKeysOn(t, db)
				}
			})
		}
	})
}

// assertForeignKeysOn checks that every pooled connection still enforces
// foreign keys.
func assertForeignKeysOn(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	n := 3
	if m := db.Stats().MaxOpenConnections; m > 0 && m < n {
		n = m
	}
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var fk int
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if fk != 1 {
			t.Fatal("a pooled connection has foreign keys off")
		}
	}
}

// TestApplyAtomic checks that a failing operation undoes the earlier ones.
func TestApplyAtomic(t *testing.T) {
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		db := openTestDB(t, d)
		apply(t, db, d, baseOps()...)
		err := Apply(context.Background(), db, d, []Operation{
			CreateTable{Table: &schema.Table{Name: "extra", Columns: []*schema.Column{{Name: "a", Type: schema.Text}}}},
			AlterColumn{Table: "flow", Column: "name", NotNull: new(false)}, // a rebuild on SQLite
			Exec{SQL: `DELETE FROM flow_run`},
			Exec{SQL: `THIS IS NOT SQL`},
		})
		if err == nil {
			t.Fatal("no error")
		}
		var se *StatementError
		if !errors.As(err, &se) || se.SQL != "THIS IS NOT SQL" || !strings.HasPrefix(err.Error(), "operation 4 (execute SQL): executing «THIS IS NOT SQL»") {
			t.Errorf("error %q does not name the statement", err)
		}
		if tableExists(t, db, d, "extra") {
			t.Error("table created by the failed Apply exists")
		}
		if n := queryInt(t, db, `SELECT count(*) FROM flow_run`); n != 2 {
			t.Errorf("%d rows, want 2", n)
		}
		if c := mustColumn(t, db, d, "flow", "name"); !c.NotNull {
			t.Error("the column change survived")
		}
		// A Run that fails or panics rolls back too.
		for _, f := range []func(context.Context, *sql.Tx) error{
			func(ctx context.Context, tx *sql.Tx) error { return errors.New("boom") },
			func(ctx context.Context, tx *sql.Tx) error { panic("kaboom") },
		} {
			err := Apply(context.Background(), db, d, []Operation{Exec{SQL: `DELETE FROM flow_run`}, Run{Func: f}})
			if err == nil || !strings.Contains(err.Error(), "boom") {
				t.Errorf("error %v", err)
			}
			if n := queryInt(t, db, `SELECT count(*) FROM flow_run`); n != 2 {
				t.Errorf("%d rows after a failed Run, want 2", n)
			}
		}
		if d == schema.SQLite {
			assertForeignKeysOn(t, db)
		}
	})
}

// TestApplyForeignKeyCheck: on SQLite, foreign keys are off during Apply,
// and new violations roll it back; old ones do not.
func TestApplyForeignKeyCheck(t *testing.T) {
	d := schema.SQLite
	db := openTestDB(t, d)
	apply(t, db, d, baseOps()...)
	err := Apply(context.Background(), db, d, []Operation{
		Exec{SQL: `DELETE FROM flow WHERE name = 'alpha'`}, // no cascade: foreign keys are off
	})
	var fe *ForeignKeyError
	if !errors.As(err, &fe) || !errors.Is(err, ErrForeignKeyViolation) {
		t.Fatalf("error %v, want a ForeignKeyError", err)
	}
	if len(fe.Violations) != 1 || fe.Violations[0] != (ForeignKeyViolation{Table: "flow_run", RowID: 1, Parent: "flow"}) {
		t.Errorf("violations %+v", fe.Violations)
	}
	if !strings.Contains(err.Error(), `table "flow_run" rowid 1 refers to a missing row of "flow"`) {
		t.Errorf("message %q", err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM flow`); n != 2 {
		t.Errorf("the delete was not rolled back: %d flows", n)
	}
	// A violation that was there before does not block an unrelated change.
	mustExec(t, db, `PRAGMA foreign_keys = OFF`)
	db.SetMaxOpenConns(1)
	mustExec(t, db, `INSERT INTO flow_run (id, flow_id) VALUES (7, '00000000-0000-4000-8000-00000000dead')`, `PRAGMA foreign_keys = ON`)
	apply(t, db, d, AddColumn{Table: "flow", Column: &schema.Column{Name: "x", Type: schema.Text}})
	assertForeignKeysOn(t, db)
}

// TestApplyConcurrently: CONCURRENTLY index operations run outside the
// transaction on PostgreSQL; what came before them is committed.
func TestApplyConcurrently(t *testing.T) {
	d := schema.Postgres
	db := openTestDB(t, d)
	apply(t, db, d, baseOps()...)
	err := Apply(context.Background(), db, d, []Operation{
		Exec{SQL: `INSERT INTO flow_run (id, flow_id) VALUES (3, '00000000-0000-4000-8000-000000000001')`},
		CreateIndex{Table: "flow_run", Index: &schema.Index{Name: "ix_c", Keys: []schema.IndexKey{{Column: "start_time"}}}, Concurrently: true},
		Exec{SQL: `INSERT INTO flow_run (id, flow_id) VALUES (4, '00000000-0000-4000-8000-000000000001')`},
		Exec{SQL: `SELECT 1/0`},
	})
	if err == nil {
		t.Fatal("no error")
	}
	if got := queryInt(t, db, `SELECT count(*) FROM flow_run`); got != 3 {
		t.Errorf("%d rows: want the 2 old ones and the one committed before the concurrent index", got)
	}
	if indexDef(t, db, d, "ix_c") == "" {
		t.Error("the concurrent index is missing")
	}
	if queryInt(t, db, `SELECT count(*) FROM pg_index WHERE NOT indisvalid`) != 0 {
		t.Error("an invalid index was left")
	}
}

func TestEnumSet(t *testing.T) {
	e := newEnumSet((&schema.Schema{Enums: []*schema.Enum{{Name: "old", Values: []string{"a"}}}}).Lookup())
	for _, op := range []Operation{
		CreateEnum{Enum: &schema.Enum{Name: "e", Values: []string{"b", "d"}}},
		AddEnumValue{Enum: "e", Value: "a", Before: "b"},
		AddEnumValue{Enum: "e", Value: "c", After: "b"},
		AddEnumValue{Enum: "e", Value: "zzzz"},
		AddEnumValue{Enum: "old", Value: "longer"},
	} {
		e.observe(op)
	}
	x, _ := e.lookup("e")
	if got := fmt.Sprint(x.Values); got != "[a b c d zzzz]" {
		t.Errorf("values %s", got)
	}
	if x, _ := e.lookup("old"); x.MaxLen() != 6 {
		t.Errorf("old: %v", x.Values)
	}
	e.observe(DropEnum{Enum: "old"})
	if _, ok := e.lookup("old"); ok {
		t.Error("dropped enum still found")
	}
}

// TestConcurrentIndexRerun: a CREATE INDEX CONCURRENTLY that an earlier run
// left invalid (interrupted, or failed) is dropped and built again; one
// that is valid is kept; DROP INDEX CONCURRENTLY of an index already gone,
// and an enum value already added, are skipped. So a migration with such
// operations can run again after an interruption.
func TestConcurrentIndexRerun(t *testing.T) {
	d := schema.Postgres
	db := openTestDB(t, d)
	mustExec(t, db, `CREATE TABLE t (a integer, b integer)`, `INSERT INTO t VALUES (1, 1), (1, 2)`,
		`CREATE TYPE color AS ENUM ('red', 'green')`)
	// A unique build over duplicates fails and leaves the index invalid.
	if _, err := db.Exec(`CREATE UNIQUE INDEX CONCURRENTLY ix_t__a ON t (a)`); err == nil {
		t.Fatal("the unique build did not fail")
	}
	if n := queryInt(t, db, `SELECT count(*) FROM pg_index WHERE indexrelid = 'ix_t__a'::regclass AND NOT indisvalid`); n != 1 {
		t.Fatal("no invalid index to start from")
	}
	mustExec(t, db, `CREATE INDEX ix_t__b ON t (b)`)
	apply(t, db, d,
		CreateIndex{Table: "t", Index: &schema.Index{Name: "ix_t__a", Keys: schema.Cols("a")}, Concurrently: true},
		CreateIndex{Table: "t", Index: &schema.Index{Name: "ix_t__b", Keys: schema.Cols("b")}, Concurrently: true},
		DropIndex{Table: "t", Index: "ix_t__gone", Concurrently: true},
		AddEnumValue{Enum: "color", Value: "green"},
		Autocommit{Ops: []Operation{AddEnumValue{Enum: "color", Value: "blue"}, AddEnumValue{Enum: "color", Value: "blue"}}},
	)
	if got := indexDef(t, db, d, "ix_t__a"); got != "CREATE INDEX ix_t__a ON public.t USING btree (a)" {
		t.Errorf("ix_t__a: %s", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM pg_index WHERE NOT indisvalid`); n != 0 {
		t.Errorf("%d invalid indexes", n)
	}
	if got := queryStrings(t, db, `SELECT enumlabel FROM pg_enum WHERE enumtypid = 'color'::regtype ORDER BY enumsortorder`); strings.Join(got, " ") != "red green blue" {
		t.Errorf("color: %v", got)
	}
}
