package diff_test

import (
	"context"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/schema"
)

// noChangeCase is a database built by SQL written the way other tools (or
// people) write it, and the model that means the same schema, written the
// way autogen writes it. Comparing them must find nothing.
type noChangeCase struct {
	name  string
	d     schema.Dialect
	sql   string
	model *schema.Schema
}

// tbl is a one-table model.
func tbl(name string, cols ...*schema.Column) *schema.Schema {
	return &schema.Schema{Tables: []*schema.Table{{Name: name, Columns: cols}}}
}

func noChangeCases() []noChangeCase {
	pg, lite := schema.Postgres, schema.SQLite
	col := func(name string, t schema.Type, d schema.Default) *schema.Column {
		return &schema.Column{Name: name, Type: t, Default: d}
	}
	state := &schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "RUNNING"}}
	withIndex := func(s *schema.Schema, x ...*schema.Index) *schema.Schema {
		s.Tables[0].Indexes = x
		return s
	}
	return []noChangeCase{
		// Volatile defaults: the database keeps the call, not a value.
		{"gen_random_uuid", pg, `CREATE TABLE t (id uuid DEFAULT gen_random_uuid())`,
			tbl("t", col("id", schema.UUID, schema.GenerateUUID))},
		{"random", pg, `CREATE TABLE t (r double precision DEFAULT random())`,
			tbl("t", col("r", schema.Float, schema.ExprDefault(schema.Expr("random()"))))},
		{"random", lite, `CREATE TABLE t (r FLOAT DEFAULT (RANDOM()))`,
			tbl("t", col("r", schema.Float, schema.ExprDefault(schema.Expr("random()"))))},
		{"randomblob uuid", lite, "CREATE TABLE t (id CHAR(36) DEFAULT (\n  (\n    lower(hex(randomblob(4)))\n    || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2)\n    || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2)\n    || '-' || lower(hex(randomblob(6)))\n  )\n))",
			tbl("t", col("id", schema.UUID, schema.GenerateUUID))},
		// SQLite expression defaults, however written.
		{"CURRENT_TIMESTAMP", lite, `CREATE TABLE t (at DATETIME DEFAULT CURRENT_TIMESTAMP)`,
			tbl("t", col("at", schema.TimestampTZ, schema.Now))},
		{"datetime('now')", lite, `CREATE TABLE t (at DATETIME DEFAULT (DateTime( 'now' )))`,
			tbl("t", col("at", schema.TimestampTZ, schema.ExprDefault(schema.SQL{lite: "datetime('now')"})))},
		{"empty string", lite, `CREATE TABLE t (s VARCHAR DEFAULT '')`,
			tbl("t", col("s", schema.String, schema.StringDefault("")))},
		{"empty string", pg, `CREATE TABLE t (s varchar DEFAULT ''::character varying)`,
			tbl("t", col("s", schema.String, schema.StringDefault("")))},
		// Spelling variants of types and literals.
		{"varchar", pg, `CREATE TABLE t (a varchar(20), b VARCHAR, c character varying(5), d int4, e float8, f bool, g timestamptz)`,
			tbl("t", col("a", schema.Varchar(20), schema.Default{}), col("b", schema.String, schema.Default{}), col("c", schema.Varchar(5), schema.Default{}),
				col("d", schema.Integer, schema.Default{}), col("e", schema.Float, schema.Default{}), col("f", schema.Boolean, schema.Default{}),
				col("g", schema.TimestampTZ, schema.Default{}))},
		{"varchar", lite, `CREATE TABLE t (a varchar(20), b Varchar, c CHARACTER  VARYING(5), d nvarchar(7))`,
			tbl("t", col("a", schema.Varchar(20), schema.Default{}), col("b", schema.String, schema.Default{}), col("c", schema.Varchar(5), schema.Default{}),
				col("d", schema.Varchar(7), schema.Default{}))},
		{"'x'::text", pg, `CREATE TABLE t (s varchar(10) DEFAULT 'x'::text, u text DEFAULT 'y'::character varying)`,
			tbl("t", col("s", schema.Varchar(10), schema.StringDefault("x")), col("u", schema.Text, schema.StringDefault("y")))},
		{"enum literal", pg, `CREATE TYPE state_type AS ENUM ('SCHEDULED', 'RUNNING'); CREATE TABLE t (s state_type DEFAULT 'SCHEDULED'::state_type)`,
			&schema.Schema{Enums: []*schema.Enum{state}, Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{col("s", state.Type(), schema.StringDefault("SCHEDULED"))}}}}},
		{"literals", pg, `CREATE TABLE t (j jsonb DEFAULT '{}'::jsonb, i interval DEFAULT '0'::interval, b boolean DEFAULT '0', n numeric(5,2) DEFAULT '1.50', k integer DEFAULT '-1'::integer)`,
			tbl("t", col("j", schema.JSON, schema.StringDefault("{}")), col("i", schema.Interval, schema.StringDefault("0")),
				col("b", schema.Boolean, schema.False), col("n", schema.Numeric(5, 2), schema.NumberDefault("1.50")), col("k", schema.Integer, schema.NumberDefault("-1")))},
		{"literals", lite, `CREATE TABLE t (b BOOLEAN DEFAULT '1', n INTEGER DEFAULT (0), j JSON DEFAULT '[]')`,
			tbl("t", col("b", schema.Boolean, schema.True), col("n", schema.Integer, schema.NumberDefault("0")), col("j", schema.JSON, schema.StringDefault("[]")))},
		// now() and CURRENT_TIMESTAMP are the same function on PostgreSQL.
		{"now", pg, `CREATE TABLE t (a timestamptz DEFAULT CURRENT_TIMESTAMP, b timestamp DEFAULT now())`,
			tbl("t", col("a", schema.TimestampTZ, schema.Now), col("b", schema.Timestamp, schema.Now))},
		// Expressions, predicates and checks written differently.
		{"expressions", lite, `CREATE TABLE t (name TEXT, n INTEGER, CONSTRAINT ck_n CHECK ( N>0 ));
			CREATE INDEX ix_lower ON t ((LOWER( name )));
			CREATE INDEX ix_part ON t (n) WHERE (n IS NOT NULL AND name<>'')`,
			withIndex(&schema.Schema{Tables: []*schema.Table{{Name: "t",
				Columns: []*schema.Column{col("name", schema.Text, schema.Default{}), col("n", schema.Integer, schema.Default{})},
				Checks:  []*schema.Check{{Name: "ck_n", Expr: schema.Expr("n > 0")}}}}},
				&schema.Index{Name: "ix_lower", Keys: []schema.IndexKey{{Expr: schema.Expr("lower(name)")}}},
				&schema.Index{Name: "ix_part", Keys: schema.Cols("n"), Where: schema.Expr("n is not null and name <> ''")})},
		{"expressions", pg, `CREATE TABLE t (name text, n integer, CONSTRAINT ck_n CHECK ( N>0 ));
			CREATE INDEX ix_lower ON t ((LOWER( name )));
			CREATE INDEX ix_part ON t (n) WHERE (n IS NOT NULL AND name<>'')`,
			withIndex(&schema.Schema{Tables: []*schema.Table{{Name: "t",
				Columns: []*schema.Column{col("name", schema.Text, schema.Default{}), col("n", schema.Integer, schema.Default{})},
				Checks:  []*schema.Check{{Name: "ck_n", Expr: schema.Expr("n > 0")}}}}},
				&schema.Index{Name: "ix_lower", Keys: []schema.IndexKey{{Expr: schema.Expr("lower(name)")}}},
				&schema.Index{Name: "ix_part", Keys: schema.Cols("n"), Where: schema.Expr("n is not null and name <> ''")})},
		{"collation", lite, `CREATE TABLE t (name TEXT); CREATE INDEX ix_ci ON t (name collate nocase)`,
			withIndex(tbl("t", col("name", schema.Text, schema.Default{})),
				&schema.Index{Name: "ix_ci", Keys: []schema.IndexKey{{Column: "name", Collation: schema.Collate("NOCASE")}}})},
		// Reflection order: constraints, indexes and tables made in another
		// order, foreign keys added afterwards.
		{"order", pg, `CREATE TABLE b (id integer, a_id integer, x integer, y integer, CONSTRAINT b_xy UNIQUE (x, y), CONSTRAINT b_x CHECK (x > 0), CONSTRAINT b_pkey PRIMARY KEY (id));
			CREATE INDEX b_y ON b (y); CREATE INDEX b_a ON b (a_id);
			CREATE TABLE a (id integer PRIMARY KEY, b_id integer);
			ALTER TABLE b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id);
			ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id)`, orderModel()},
		{"order", lite, `CREATE TABLE b (id INTEGER, a_id INTEGER, x INTEGER, y INTEGER, CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id), CONSTRAINT b_xy UNIQUE (x, y), CONSTRAINT b_x CHECK (x > 0), CONSTRAINT b_pkey PRIMARY KEY (id));
			CREATE INDEX b_y ON b (y); CREATE INDEX b_a ON b (a_id);
			CREATE TABLE a (id INTEGER, b_id INTEGER, CONSTRAINT a_pkey PRIMARY KEY (id), CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id))`, orderModel()},
	}
}

// orderModel declares the schema of the "order" cases in the other order.
func orderModel() *schema.Schema {
	return &schema.Schema{Tables: []*schema.Table{
		{
			Name:        "a",
			Columns:     []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "b_id", Type: schema.Integer}},
			PrimaryKey:  &schema.PrimaryKey{Name: "a_pkey", Columns: []string{"id"}},
			ForeignKeys: []*schema.ForeignKey{{Name: "a_b_fk", Columns: []string{"b_id"}, RefTable: "b", RefColumns: []string{"id"}}},
		},
		{
			Name: "b",
			Columns: []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "a_id", Type: schema.Integer},
				{Name: "x", Type: schema.Integer}, {Name: "y", Type: schema.Integer}},
			PrimaryKey:  &schema.PrimaryKey{Name: "b_pkey", Columns: []string{"id"}},
			ForeignKeys: []*schema.ForeignKey{{Name: "b_a_fk", Columns: []string{"a_id"}, RefTable: "a", RefColumns: []string{"id"}}},
			Checks:      []*schema.Check{{Name: "b_x", Expr: schema.Expr("x > 0")}},
			Uniques:     []*schema.Unique{{Name: "b_xy", Columns: []string{"x", "y"}}},
			Indexes:     []*schema.Index{{Name: "b_a", Keys: schema.Cols("a_id")}, {Name: "b_y", Keys: schema.Cols("y")}},
		},
	}}
}

// TestNoFalsePositives builds each case's SQL on a scratch database and
// the model on another, reflects both and compares them with no filter
// rule at all: nothing may differ.
func TestNoFalsePositives(t *testing.T) {
	for _, tc := range noChangeCases() {
		t.Run(string(tc.d)+"/"+tc.name, func(t *testing.T) {
			ctx := context.Background()
			model, err := tc.model.Resolve()
			if err != nil {
				t.Fatal(err)
			}
			db := openDB(t, tc.d)
			for _, stmt := range strings.Split(tc.sql, ";") {
				if _, err := db.ExecContext(ctx, stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
			current := reflectDB(t, tc.d, db)
			desired, err := diff.Desired(ctx, tc.d, model, openDB(t, tc.d), reflectOptions)
			if err != nil {
				t.Fatal(err)
			}
			r, err := diff.Compare(tc.d, current, desired, diff.Options{Model: model, Filter: &diff.Filter{}})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range r.Changes {
				t.Errorf("false positive: %s", c)
			}
		})
	}
}
