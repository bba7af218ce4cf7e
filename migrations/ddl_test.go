package migrations

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var stateType = &schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "PENDING", "RUNNING"}}

// flowTable exercises every column feature.
func flowTable() *schema.Table {
	return &schema.Table{
		Name:    "flow",
		Comment: "A flow's definition; it's versioned.",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true, Comment: "unique name", Collation: schema.SQL{schema.Postgres: "C", schema.SQLite: "NOCASE"}},
			{Name: "tags", Type: schema.JSON, NotNull: true,
				Default: schema.ExprDefault(schema.SQL{schema.Postgres: "'[]'::jsonb", schema.SQLite: "'[]'"})},
			{Name: "state", Type: stateType.Type(), Default: schema.StringDefault("SCHEDULED")},
			{Name: "runs", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
			{Name: "active", Type: schema.Boolean, NotNull: true, Default: schema.True},
			{Name: "price", Type: schema.Numeric(10, 2)},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}},
		Uniques:    []*schema.Unique{{Name: "uq_flow__name", Columns: []string{"name"}}},
		Checks:     []*schema.Check{{Name: "ck_flow__runs_positive", Expr: schema.Expr("runs >= 0")}},
		Indexes: []*schema.Index{
			{Name: "ix_flow__created_desc", Keys: []schema.IndexKey{{Column: "created", Desc: true}}},
			{Name: "trgm_ix_flow_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}},
				Method: "gin", Only: []schema.Dialect{schema.Postgres}},
			{Name: "ix_flow_name_case_insensitive", Keys: []schema.IndexKey{{Column: "name", Collation: schema.Collate("NOCASE")}},
				Only: []schema.Dialect{schema.SQLite}},
		},
	}
}

// flowRunTable has a foreign key and indexes of every kind.
func flowRunTable() *schema.Table {
	return &schema.Table{
		Name: "flow_run",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.Integer, NotNull: true},
			{Name: "flow_id", Type: schema.UUID, NotNull: true},
			{Name: "start_time", Type: schema.TimestampTZ},
			{Name: "expected_start_time", Type: schema.TimestampTZ},
			{Name: "state_type", Type: stateType.Type()},
			{Name: "name", Type: schema.Text},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow_run", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{{
			Name: "fk_flow_run__flow_id__flow", Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"},
			OnDelete: schema.Cascade, Deferrable: true, InitiallyDeferred: true,
		}},
		Indexes: []*schema.Index{
			{Name: "ix_flow_run__coalesce_start_time_expected_start_time_desc",
				Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(start_time, expected_start_time)"), Desc: true}}},
			{Name: "ix_flow_run__scheduled", Keys: []schema.IndexKey{{Column: "flow_id"}, {Column: "expected_start_time"}},
				Where: schema.SQL{schema.Postgres: "state_type = 'SCHEDULED'::state_type", schema.SQLite: "state_type = 'SCHEDULED'"}},
			{Name: "ix_flow_run__flow_id_include", Keys: []schema.IndexKey{{Column: "flow_id"}}, Include: []string{"name"},
				Only: []schema.Dialect{schema.Postgres}},
			{Name: "uq_flow_run__name", Unique: true, NullsNotDistinct: true, Keys: []schema.IndexKey{{Column: "name", Nulls: "last"}},
				Only: []schema.Dialect{schema.Postgres}},
			{Name: "ix_flow_run__a_generated_name_that_is_much_longer_than_sixty_three_bytes_long",
				Generated: true, Keys: []schema.IndexKey{{Column: "name"}}},
		},
	}
}

// goldenOps is a list of operations covering every kind, for the golden
// files.
func goldenOps() []Operation {
	return []Operation{
		CreateEnum{Enum: stateType},
		CreateExtension{Name: "pg_trgm"},
		CreateTable{Table: flowTable()},
		CreateTable{Table: flowRunTable()},
		CreateTable{Table: &schema.Table{Name: "pg_only", Only: []schema.Dialect{schema.Postgres},
			Columns: []*schema.Column{{Name: "id", Type: schema.BigInt, NotNull: true, Identity: "always"}, {Name: "c", Type: schema.Text, Collation: schema.Collate("C")}}}},
		AddColumn{Table: "flow", Column: &schema.Column{Name: "description", Type: schema.Text}},
		AddColumn{Table: "flow", Column: &schema.Column{Name: "priority", Type: schema.SmallInt, NotNull: true, Default: schema.NumberDefault("-1"), Comment: "lower runs first"}},
		AddColumn{Table: "flow", Column: &schema.Column{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now}},
		AddColumn{Table: "flow", Column: &schema.Column{Name: "must", Type: schema.Text, NotNull: true}},
		DropColumn{Table: "flow", Column: "description"},
		RenameColumn{Table: "flow", Column: "price", To: "cost"},
		AlterColumn{Table: "flow", Column: "runs", Type: new(schema.BigInt), Using: "runs::bigint"},
		AlterColumn{Table: "flow", Column: "state", NotNull: new(true), FillNulls: "'PENDING'"},
		AlterColumn{Table: "flow", Column: "cost", Type: new(schema.Numeric(12, 4)), Default: new(schema.NumberDefault("1.5"))},
		AlterColumn{Table: "flow", Column: "tags", Default: &schema.Default{}, NotNull: new(false), Comment: new("")},
		AlterColumn{Table: "flow", Column: "name", Comment: new("the flow's name")},
		AlterColumn{Table: "flow", Column: "name", Type: new(schema.Varchar(200)), Collation: new("C")},
		AlterColumn{Table: "flow", Column: "name", Type: new(schema.Varchar(200)), Collation: new("")},
		AlterColumn{Table: "flow", Column: "runs", NotNull: new(true), Default: &schema.Default{}, Identity: new(schema.IdentityAlways), AddIdentity: true},
		AlterColumn{Table: "flow", Column: "runs", Identity: new(schema.IdentityByDefault)},
		AlterColumn{Table: "flow", Column: "runs", Identity: new(""), NotNull: new(false)},
		CreateIndex{Table: "flow_run", Index: &schema.Index{Name: "ix_flow_run__start_time", Keys: []schema.IndexKey{{Column: "start_time"}}}, Concurrently: true},
		CreateIndex{Table: "flow_run", Index: &schema.Index{Name: "ix_flow_run__pg", Keys: []schema.IndexKey{{Column: "name", Opclass: "text_pattern_ops"}}}},
		DropIndex{Table: "flow_run", Index: "ix_flow_run__start_time", Concurrently: true},
		DropIndex{Table: "flow_run", Index: "ix_flow_run__scheduled"},
		AddForeignKey{Table: "flow", ForeignKey: &schema.ForeignKey{Name: "fk_flow__parent", Columns: []string{"runs"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnUpdate: schema.SetNull}},
		DropForeignKey{Table: "flow", Name: "fk_flow__parent"},
		AddUnique{Table: "flow", Unique: &schema.Unique{Name: "uq_flow__name_state", Columns: []string{"name", "state"}}},
		DropUnique{Table: "flow", Name: "uq_flow__name_state"},
		AddCheck{Table: "flow", Check: &schema.Check{Name: "ck_flow__name", Expr: schema.SQL{schema.Postgres: "name ~ '^[a-z]'", schema.SQLite: "name GLOB '[a-z]*'"}}},
		DropCheck{Table: "flow", Name: "ck_flow__name"},
		AddEnumValue{Enum: "state_type", Value: "CANCELLING", Before: "RUNNING"},
		AddEnumValue{Enum: "state_type", Value: "COMPLETED", After: "RUNNING"},
		AddEnumValue{Enum: "state_type", Value: "CRASHED"},
		AlterTableComment{Table: "flow", Comment: "Flows"},
		Exec{SQL: "UPDATE flow SET runs = 0 WHERE runs IS NULL"},
		Run{},
		Batch{Table: "flow_run", Ops: []Operation{
			AddColumn{Table: "flow_run", Column: &schema.Column{Name: "tries", Type: schema.Integer}},
			RenameColumn{Table: "flow_run", Column: "name", To: "label"},
		}},
		Batch{Table: "flow_run", Ops: []Operation{
			AlterColumn{Table: "flow_run", Column: "start_time", NotNull: new(true)},
		}},
		RenameTable{Table: "flow_run", To: "run"},
		DropTable{Table: "run"},
		DropEnum{Enum: "state_type"},
		DropExtension{Name: "pg_trgm"},
	}
}

// TestStatementsGolden compares the SQL of goldenOps with
// testdata/ddl_<dialect>.sql; -update rewrites the files.
func TestStatementsGolden(t *testing.T) {
	for _, d := range schema.Dialects {
		t.Run(string(d), func(t *testing.T) {
			enums := newEnumSet(nil)
			var b strings.Builder
			for _, op := range goldenOps() {
				enums.observe(op)
				fmt.Fprintf(&b, "-- %s\n", describe(op))
				stmts, err := Statements(d, op, enums.lookup)
				if err != nil {
					fmt.Fprintf(&b, "-- error: %v\n\n", err)
					continue
				}
				if len(stmts) == 0 {
					b.WriteString("-- (nothing)\n")
				}
				for _, s := range stmts {
					b.WriteString(s + ";\n")
				}
				b.WriteString("\n")
			}
			golden(t, filepath.Join("testdata", "ddl_"+string(d)+".sql"), b.String())
		})
	}
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, a, b)
		}
	}
	return "(no difference in lines)"
}

func TestStatementsErrors(t *testing.T) {
	pgIndex := &schema.Index{Name: "ix_inc", Keys: []schema.IndexKey{{Column: "a"}}, Include: []string{"b"}}
	cases := []struct {
		name string
		d    schema.Dialect
		op   Operation
		want string
		is   error
	}{
		{"sqlite INCLUDE without Only", schema.SQLite, CreateIndex{Table: "t", Index: pgIndex},
			`index "ix_inc" uses INCLUDE, which SQLite does not have; restrict the index to PostgreSQL with Only: []schema.Dialect{schema.Postgres}`, nil},
		{"sqlite opclass in create table", schema.SQLite, CreateTable{Table: &schema.Table{Name: "t",
			Columns: []*schema.Column{{Name: "a", Type: schema.Text}},
			Indexes: []*schema.Index{{Name: "ix_op", Keys: []schema.IndexKey{{Column: "a", Opclass: "text_pattern_ops"}}, Method: "gin"}}}},
			`index "ix_op" uses access method gin, operator class text_pattern_ops`, nil},
		{"sqlite alter column", schema.SQLite, AlterColumn{Table: "t", Column: "a", Type: new(schema.Text)}, "", ErrRebuildRequired},
		{"sqlite add fk", schema.SQLite, AddForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk", Columns: []string{"a"}, RefTable: "u", RefColumns: []string{"id"}}}, "", ErrRebuildRequired},
		{"sqlite add not null column without default", schema.SQLite, AddColumn{Table: "t", Column: &schema.Column{Name: "a", Type: schema.Text, NotNull: true}}, "", ErrRebuildRequired},
		{"sqlite add column with CURRENT_TIMESTAMP", schema.SQLite, AddColumn{Table: "t", Column: &schema.Column{Name: "a", Type: schema.Timestamp, Default: schema.Now}}, "", ErrRebuildRequired},
		{"sqlite unknown enum", schema.SQLite, AddColumn{Table: "t", Column: &schema.Column{Name: "a", Type: schema.EnumType("nope")}}, `enum "nope"`, nil},
		{"run has no SQL", schema.Postgres, Run{}, "", ErrNoSQL},
		{"expression without text for the dialect", schema.SQLite, CreateIndex{Table: "t", Index: &schema.Index{Name: "ix_e",
			Keys: []schema.IndexKey{{Expr: schema.SQL{schema.Postgres: "(a->>'id')"}}}}}, `index "ix_e": key 1 has neither a column nor an expression for SQLite`, nil},
		{"partial without predicate for the dialect", schema.Postgres, CreateIndex{Table: "t", Index: &schema.Index{Name: "ix_w",
			Keys: []schema.IndexKey{{Column: "a"}}, Where: schema.SQL{schema.SQLite: "a = 1"}}}, `index "ix_w" has a WHERE predicate but none for PostgreSQL`, nil},
		{"both before and after", schema.Postgres, AddEnumValue{Enum: "e", Value: "v", Before: "a", After: "b"}, "give Before or After, not both", nil},
		{"nameless constraint drop", schema.Postgres, DropUnique{Table: "t"}, "only be dropped by name", nil},
		{"initially deferred not deferrable", schema.Postgres, AddForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk",
			Columns: []string{"a"}, RefTable: "u", RefColumns: []string{"id"}, InitiallyDeferred: true}}, "initially deferred but not deferrable", nil},
		{"unknown dialect", "oracle", DropTable{Table: "t"}, `unknown dialect "oracle"`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Statements(c.d, c.op, nil)
			if err == nil {
				t.Fatal("no error")
			}
			if c.want != "" && !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %q is not %v", err, c.is)
			}
		})
	}
}

func TestStatementsQuoting(t *testing.T) {
	tbl := &schema.Table{Name: `we"ird`, Columns: []*schema.Column{
		{Name: `co"l`, Type: schema.Text, Default: schema.StringDefault(`it's`)},
	}}
	for _, d := range schema.Dialects {
		stmts, err := Statements(d, CreateTable{Table: tbl}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := "CREATE TABLE \"we\"\"ird\" (\n\t\"co\"\"l\" "
		if !strings.HasPrefix(stmts[0], want) || !strings.Contains(stmts[0], `DEFAULT 'it''s'`) {
			t.Errorf("%s: %s", d, stmts[0])
		}
	}
	// Generated names over 63 bytes are cut on PostgreSQL as SQLAlchemy cuts them.
	x := flowRunTable().Indexes[4]
	stmts, err := Statements(schema.Postgres, CreateIndex{Table: "flow_run", Index: x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cut := schema.Name(schema.Postgres, x.Name, true)
	if cut == x.Name || len(cut) > 63 || !strings.Contains(stmts[0], `"`+cut+`"`) {
		t.Errorf("long generated name not cut: %s", stmts[0])
	}
}
