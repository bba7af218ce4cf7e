package render

import (
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

// fullSchema uses every kind of type, default, index key, constraint and
// option of the model, values that only a literal can express, nil next to
// empty lists, and hostile text.
func fullSchema() *schema.Schema {
	naming := schema.PrefectNaming
	allTypes := &schema.Table{
		Name: "all_types",
		Columns: []*schema.Column{
			{Name: "integer", Type: schema.Integer},
			{Name: "bigint", Type: schema.BigInt, Identity: "always"},
			{Name: "smallint", Type: schema.SmallInt},
			{Name: "text", Type: schema.Text, Collation: schema.Collate("C")},
			{Name: "string", Type: schema.String},
			{Name: "varchar", Type: schema.Varchar(20)},
			{Name: "char", Type: schema.Char(3)},
			{Name: "char0", Type: schema.Char(0)},
			{Name: "boolean", Type: schema.Boolean},
			{Name: "float", Type: schema.Float},
			{Name: "real", Type: schema.Real},
			{Name: "numeric", Type: schema.Numeric(10, 2)},
			{Name: "numeric_free", Type: schema.Numeric(0, 0)},
			{Name: "numeric_scale_only", Type: schema.Numeric(0, 3)},
			{Name: "uuid", Type: schema.UUID},
			{Name: "json", Type: schema.JSON},
			{Name: "json_text", Type: schema.JSONText},
			{Name: "timestamp", Type: schema.Timestamp},
			{Name: "timestamptz", Type: schema.TimestampTZ},
			{Name: "date", Type: schema.Date},
			{Name: "time", Type: schema.Time},
			{Name: "interval", Type: schema.Interval},
			{Name: "bytes", Type: schema.Bytes},
			{Name: "enum", Type: schema.EnumType("state_type")},
			{Name: "array", Type: schema.ArrayOf(schema.Integer)},
			{Name: "array2", Type: schema.ArrayOf(schema.ArrayOf(schema.Varchar(5)))},
			{Name: "native", Type: schema.NativeType(schema.SQL{schema.Postgres: "tsvector"})},
			{Name: "native_both", Type: schema.NativeType(schema.Expr("POINT").On(schema.SQLite, "TEXT"))},
			// Values no helper makes.
			{Name: "odd_integer", Type: schema.Type{Kind: schema.KindInteger, Length: 4}},
			{Name: "odd_kind", Type: schema.Type{Kind: "hstore"}},
			{Name: "domain", Type: schema.DomainType("year")},
			{Name: "odd_domain", Type: schema.Type{Kind: schema.KindDomain, Domain: "year", Length: 1}},
			{Name: "odd_varchar", Type: schema.Type{Kind: schema.KindVarchar, Length: -1}},
			{Name: "odd_array", Type: schema.Type{Kind: schema.KindArray, Elem: &schema.Type{Kind: schema.KindText}, Length: 2}},
			{Name: "odd_enum", Type: schema.Type{Kind: schema.KindEnum}},
			{Name: "no_type"},
		},
		Comment: "Every type.",
		Only:    []schema.Dialect{schema.Postgres},
	}
	allDefaults := &schema.Table{
		Name: "all_defaults",
		Columns: []*schema.Column{
			{Name: "now", Type: schema.TimestampTZ, Default: schema.Now},
			{Name: "now_on", Type: schema.Timestamp, Default: schema.Now.On(schema.SQLite, "(strftime('%Y-%m-%d %H:%M:%f', 'now'))")},
			{Name: "uuid", Type: schema.UUID, Default: schema.GenerateUUID},
			{Name: "true", Type: schema.Boolean, Default: schema.True},
			{Name: "false", Type: schema.Boolean, Default: schema.False},
			{Name: "bool_digit", Type: schema.Boolean, Default: schema.Default{Kind: schema.DefaultBool, Value: "1"}},
			{Name: "string", Type: schema.Text, Default: schema.StringDefault("it's \"x\" \\ `y`\n*/")},
			{Name: "empty_string", Type: schema.Text, Default: schema.StringDefault("")},
			{Name: "number", Type: schema.Numeric(5, 1), Default: schema.NumberDefault("-1.5")},
			{Name: "number_on", Type: schema.Integer, Default: schema.NumberDefault("0").On(schema.Postgres, "0::integer").On(schema.SQLite, "0")},
			{Name: "expr", Type: schema.Text, Default: schema.ExprDefault(schema.Expr("lower('X')"))},
			{Name: "expr_each", Type: schema.Interval, Default: schema.ExprDefault(schema.SQL{schema.Postgres: "'00:00:00'::interval", schema.SQLite: "'1970-01-01 00:00:00'"})},
			{Name: "expr_multi", Type: schema.Text, Default: schema.ExprDefault(schema.Expr("CASE\n  WHEN true THEN 'a'\n  ELSE 'b'\nEND"))},
			{Name: "expr_nil", Type: schema.Text, Default: schema.ExprDefault(nil)},
			{Name: "odd_kind", Type: schema.Text, Default: schema.Default{Kind: "whatever", Value: "seq"}},
			{Name: "nextval", Type: schema.Integer, Default: schema.NextVal("keys_id_seq")},
			{Name: "odd_common_override", Type: schema.Text, Default: schema.Default{Kind: schema.DefaultNow, SQL: schema.Expr("now()")}},
			{Name: "odd_empty_sql", Type: schema.Text, Default: schema.Default{Kind: schema.DefaultUUID, SQL: schema.SQL{}}},
			{Name: "odd_value_only", Type: schema.Text, Default: schema.Default{Value: "x"}},
		},
	}
	keys := &schema.Table{
		Name: "keys",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.BigInt, NotNull: true, Comment: "The key."},
			{Name: "parent_id", Type: schema.BigInt},
			{Name: "a", Type: schema.Text, NotNull: true},
			{Name: "b", Type: schema.Text},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_keys", Columns: []string{"id"}, Generated: true},
		Uniques: []*schema.Unique{
			{Name: "uq_keys__a_b", Columns: []string{"a", "b"}, Generated: true},
			{Name: "uq_empty", Columns: []string{}},
			nil,
		},
		Checks: []*schema.Check{
			{Name: "ck_keys__a_not_blank", Expr: schema.Expr("a <> ''"), Generated: true},
			{Name: "ck_keys__per_dialect", Expr: schema.SQL{schema.Postgres: "a ~ '^[a-z]+$'", schema.SQLite: "a GLOB '[a-z]*'"}},
			{Name: "ck_no_expr"},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_keys__parent_id__keys", Columns: []string{"parent_id"}, RefTable: "keys", RefColumns: []string{"id"},
				OnDelete: schema.Cascade, OnUpdate: schema.SetDefault, Deferrable: true, InitiallyDeferred: true, Generated: true},
			{Name: "fk_restrict", Columns: []string{"parent_id"}, RefTable: "keys", RefColumns: []string{"id"}, OnDelete: schema.Restrict, OnUpdate: schema.SetNull},
			{Name: "fk_odd_action", Columns: []string{"parent_id"}, RefTable: "keys", RefColumns: []string{"id"}, OnDelete: "SET WHATEVER"},
		},
		Indexes: []*schema.Index{
			{Name: "ix_keys__a", Keys: []schema.IndexKey{{Column: "a"}}, Generated: true},
			{Name: "ix_keys__a_b_desc", Keys: []schema.IndexKey{{Column: "a"}, {Column: "b", Desc: true, Nulls: "first"}}},
			{Name: "ix_keys__lower_a", Keys: []schema.IndexKey{{Expr: schema.Expr("lower(a)"), Collation: schema.Collate("C")}}, Unique: true},
			{Name: "ix_keys__json", Keys: []schema.IndexKey{{Expr: schema.SQL{schema.Postgres: "(b::jsonb ->> 'id')", schema.SQLite: "json_extract(b, '$.id')"}}}},
			{Name: "ix_keys__partial", Keys: []schema.IndexKey{{Column: "parent_id"}}, Where: schema.Expr("parent_id IS NOT NULL").On(schema.Postgres, "parent_id IS NOT NULL AND a <> ''")},
			{Name: "trgm_ix_keys__a", Keys: []schema.IndexKey{{Column: "a", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: []schema.Dialect{schema.Postgres}},
			{Name: "ix_keys__include", Keys: []schema.IndexKey{{Column: "a"}}, Include: []string{"b"}, NullsNotDistinct: true, Unique: true, Only: []schema.Dialect{schema.Postgres, "mysql"}},
			{Name: "ix_no_keys"},
			{Name: "ix_empty_keys", Keys: []schema.IndexKey{}, Only: []schema.Dialect{}},
		},
	}
	return &schema.Schema{
		Enums: []*schema.Enum{
			stateType,
			{Name: "mood", Values: []string{"ok", "it's \"odd\"", "ünï"}, SQLiteCheck: true},
			{Name: "no_values"},
			{Name: "empty_values", Values: []string{}},
		},
		Tables: []*schema.Table{
			flowTable(),
			flowRunTable(),
			allTypes,
			allDefaults,
			keys,
			{Name: "bare"},
			{Name: "empty_columns", Columns: []*schema.Column{}, Only: []schema.Dialect{schema.SQLite}},
			{Name: "parted", Columns: []*schema.Column{{Name: "at", Type: schema.Date}}, PartitionBy: "RANGE (at)"},
			{Name: hostile, Columns: []*schema.Column{{Name: hostile, Type: schema.EnumType(hostile), Comment: hostile}}, Comment: hostile},
		},
		Extensions: []schema.Extension{{Name: "pg_trgm"}, {Name: "uuid-ossp"}},
		Naming:     &naming,
		Sequences: []*schema.Sequence{
			{Name: "keys_id_seq", Type: schema.Integer, OwnerTable: "keys", OwnerColumn: "id"},
			{Name: "odd_seq", Start: 10, Increment: -2, MinValue: -100, MaxValue: 100, Cache: 5, Cycle: true},
			nil,
		},
		Domains: []*schema.Domain{
			{Name: "year", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("2000"), Collation: "C",
				Checks: []*schema.Check{{Name: "year_check", Expr: schema.Expr("VALUE > 1900")}}},
			{Name: "bare_domain"},
		},
	}
}

func TestSchemaFileUnmanagedAndLongNames(t *testing.T) {
	s := &schema.Schema{
		Tables: []*schema.Table{{
			Name:    "t",
			Columns: []*schema.Column{{Name: "id", Type: schema.Integer}},
			Checks:  []*schema.Check{{Name: strings.Repeat("c", 64), Expr: schema.Expr("id > 0")}, {Name: "short", Expr: schema.Expr("id < 9")}},
		}},
		Unmanaged: []schema.UnmanagedObject{
			{Kind: schema.UnmanagedView, Name: "v", Tables: []string{"t"}, SQL: "CREATE VIEW v AS\nSELECT * FROM t"},
			{Kind: schema.UnmanagedFunction, Name: "f()"},
		},
	}
	m := ModelNames(s)
	if !m.Tables[0].Checks[0].Generated || m.Tables[0].Checks[1].Generated || s.Tables[0].Checks[0].Generated {
		t.Errorf("ModelNames: checks %+v, %+v (input %+v)", m.Tables[0].Checks[0], m.Tables[0].Checks[1], s.Tables[0].Checks[0])
	}
	got, err := SchemaFile("db", "Model", m)
	if err != nil {
		t.Fatal(err)
	}
	want := `// Model is a database schema model written by autogen.
//
// The database also holds these objects, which autogen lists but does not
// manage (it never changes or drops them):
//
// - view v (on t)
// - function f()
var Model = `
	if !strings.Contains(string(got), want) {
		t.Errorf("got\n%s\nwant it to contain\n%s", got, want)
	}
	if strings.Contains(string(got), "CREATE VIEW") {
		t.Error("the unmanaged objects' SQL is in the model")
	}
}

func TestSchemaFileGolden(t *testing.T) {
	got, err := SchemaFile("model", "Model", fullSchema())
	if err != nil {
		t.Fatal(err)
	}
	gofmtClean(t, "schema file", got)
	golden(t, "schema.golden", got)
	again, err := SchemaFile("model", "Model", fullSchema())
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(got) {
		t.Error("SchemaFile is not deterministic")
	}
}

func TestSchemaFileSmall(t *testing.T) {
	got, err := SchemaFile("db", "Empty", &schema.Schema{})
	if err != nil {
		t.Fatal(err)
	}
	want := `package db

import "github.com/autogen-dev/autogen/schema"

// Empty is a database schema model written by autogen.
var Empty = &schema.Schema{}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, c := range []struct{ pkg, ident, want string }{
		{"1pkg", "X", "package name"},
		{"db", "func", "variable name"},
		{"db", "", "variable name"},
	} {
		if _, err := SchemaFile(c.pkg, c.ident, &schema.Schema{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SchemaFile(%q, %q): err = %v, want it to mention %q", c.pkg, c.ident, err, c.want)
		}
	}
}
