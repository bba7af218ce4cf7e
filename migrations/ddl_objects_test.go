package migrations

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/schema"
)

// ref returns a pointer to a copy of v.
func ref[T any](v T) *T { return &v }

// TestSchemaObjectsPostgres creates, alters and drops sequences, domains,
// a partitioned table and primary keys, and rebuilds an enum whose values
// are removed and reordered, with rows and defaults in place.
func TestSchemaObjectsPostgres(t *testing.T) {
	d := schema.Postgres
	db := openTestDB(t, d)
	mood := &schema.Enum{Name: "mood", Values: []string{"sad", "ok", "happy", "ecstatic"}}
	year := &schema.Domain{Name: "year", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("2000"),
		Checks: []*schema.Check{{Name: "year_check", Expr: schema.Expr("VALUE >= 1901")}}}
	diary := &schema.Table{
		Name: "diary",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.Integer, NotNull: true, Default: schema.NextVal("diary_id_seq")},
			{Name: "y", Type: schema.DomainType("year")},
			{Name: "m", Type: mood.Type(), NotNull: true, Default: schema.StringDefault("ok")},
			{Name: "ms", Type: schema.ArrayOf(mood.Type())},
			{Name: "n", Type: schema.BigInt, NotNull: true, Identity: schema.IdentityAutoincrement},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "diary_pkey", Columns: []string{"id"}},
		Indexes: []*schema.Index{{Name: "diary_happy", Keys: schema.Cols("id"),
			Where: schema.SQL{schema.Postgres: "m = 'happy'::mood"}}},
	}
	apply(t, db, d,
		CreateEnum{Enum: mood},
		CreateDomain{Domain: year},
		CreateSequence{Sequence: &schema.Sequence{Name: "diary_id_seq", Type: schema.Integer}},
		CreateSequence{Sequence: &schema.Sequence{Name: "odd", Start: 5, Increment: -1, MinValue: -9, MaxValue: 9, Cache: 3, Cycle: true}},
		CreateTable{Table: diary},
		AlterSequence{Sequence: &schema.Sequence{Name: "diary_id_seq", Type: schema.Integer, OwnerTable: "diary", OwnerColumn: "id"}},
		CreateTable{Table: &schema.Table{Name: "meas", Columns: []*schema.Column{{Name: "at", Type: schema.Date, NotNull: true}}, PartitionBy: "RANGE (at)"}},
	)
	mustExec(t, db,
		"INSERT INTO diary (y, m, ms) VALUES (1999, 'sad', '{sad,happy}'), (2001, 'happy', NULL)",
		"INSERT INTO diary (y) VALUES (2002)",
		"CREATE TABLE meas_2024 PARTITION OF meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
	)
	s := reflectDB(t, db, d)
	wantSeqs := []*schema.Sequence{
		{Name: "diary_id_seq", Type: schema.Integer, OwnerTable: "diary", OwnerColumn: "id"},
		{Name: "odd", Start: 5, Increment: -1, MinValue: -9, MaxValue: 9, Cache: 3, Cycle: true},
	}
	// "odd" is used by nothing: it is unmanaged.
	if diff := cmp.Diff(wantSeqs[:1], s.Sequences); diff != "" {
		t.Errorf("sequences (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*schema.Domain{{Name: "year", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("2000"),
		Checks: []*schema.Check{{Name: "year_check", Expr: schema.SQL{d: "VALUE >= 1901"}}}}}, s.Domains); diff != "" {
		t.Errorf("domains (-want +got):\n%s", diff)
	}
	if got := s.Table("meas").PartitionBy; got != "RANGE (at)" {
		t.Errorf("meas partitioned by %q", got)
	}
	if c := s.Table("diary").Column("n"); c.Identity != schema.IdentityByDefault {
		t.Errorf("autoincrement on PostgreSQL: identity %q, want by default", c.Identity)
	}

	// Alter every parameter of a sequence, give "odd" an owner and take
	// the defaults back; change the domain one aspect at a time.
	apply(t, db, d,
		AlterSequence{Sequence: &schema.Sequence{Name: "odd", OwnerTable: "diary", OwnerColumn: "y"}},
		AlterDomain{Name: "year", NotNull: ref(false)},
		AlterDomain{Name: "year", Default: &schema.Default{}},
		AlterDomain{Name: "year", AddCheck: &schema.Check{Name: "year_max", Expr: schema.Expr("VALUE <= 2155")}},
		AlterDomain{Name: "year", DropCheck: "year_check"},
	)
	s = reflectDB(t, db, d)
	if diff := cmp.Diff([]*schema.Sequence{wantSeqs[0], {Name: "odd", OwnerTable: "diary", OwnerColumn: "y"}}, s.Sequences); diff != "" {
		t.Errorf("sequences after AlterSequence (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*schema.Domain{{Name: "year", Type: schema.Integer,
		Checks: []*schema.Check{{Name: "year_max", Expr: schema.SQL{d: "VALUE <= 2155"}}}}}, s.Domains); diff != "" {
		t.Errorf("domains after AlterDomain (-want +got):\n%s", diff)
	}

	// Remove "ecstatic" (no row holds it) and reorder; the partial index
	// that names the type is dropped and re-created around the rebuild, as
	// diff plans it.
	rebuilt := &schema.Enum{Name: "mood", Values: []string{"happy", "ok", "sad"}}
	apply(t, db, d,
		DropIndex{Table: "diary", Index: "diary_happy"},
		RebuildEnum{Enum: rebuilt, Columns: []EnumColumn{
			{Table: "diary", Column: "m", Default: ref(schema.StringDefault("ok"))},
			{Table: "diary", Column: "ms", Array: true},
		}},
		CreateIndex{Table: "diary", Index: diary.Indexes[0]},
		DropPrimaryKey{Table: "diary", Name: "diary_pkey"},
		AddPrimaryKey{Table: "diary", PrimaryKey: &schema.PrimaryKey{Name: "diary_pk2", Columns: []string{"id", "n"}}},
	)
	s = reflectDB(t, db, d)
	if diff := cmp.Diff([]*schema.Enum{rebuilt}, s.Enums); diff != "" {
		t.Errorf("enums after RebuildEnum (-want +got):\n%s", diff)
	}
	tb := s.Table("diary")
	if c := tb.Column("m"); !c.Default.Equal(schema.StringDefault("ok")) || !c.Type.Equal(rebuilt.Type()) {
		t.Errorf("diary.m after the rebuild: %+v", c)
	}
	if got := queryStrings(t, db, "SELECT m::text || coalesce(array_to_string(ms, ','), '') FROM diary ORDER BY id"); !cmp.Equal(got, []string{"sadsad,happy", "happy", "ok"}) {
		t.Errorf("rows after the rebuild: %q", got)
	}
	if diff := cmp.Diff(&schema.PrimaryKey{Name: "diary_pk2", Columns: []string{"id", "n"}}, tb.PrimaryKey); diff != "" {
		t.Errorf("primary key (-want +got):\n%s", diff)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM pg_type WHERE typname LIKE '%old%mood%'"); n != 0 {
		t.Errorf("the old enum type is left behind")
	}

	// Drops, in the order diff plans them.
	apply(t, db, d,
		DropTable{Table: "diary"},
		DropTable{Table: "meas"},
		DropSequence{Name: "diary_id_seq"}, // gone with its table: IF EXISTS
		DropSequence{Name: "odd"},
		DropDomain{Name: "year"},
		DropEnum{Enum: "mood"},
	)
	s = reflectDB(t, db, d)
	if len(s.Tables)+len(s.Sequences)+len(s.Domains)+len(s.Enums)+len(s.Unmanaged) != 0 {
		t.Errorf("left after the drops: %+v", s)
	}
}

// TestSchemaObjectsSQLite: AUTOINCREMENT keys, primary keys added and
// dropped by a rebuild that keeps the rows, and the PostgreSQL-only
// operations doing nothing.
func TestSchemaObjectsSQLite(t *testing.T) {
	d := schema.SQLite
	db := openTestDB(t, d)
	apply(t, db, d,
		CreateSequence{Sequence: &schema.Sequence{Name: "s"}},
		CreateDomain{Domain: &schema.Domain{Name: "year", Type: schema.Integer}},
		RebuildEnum{Enum: &schema.Enum{Name: "mood", Values: []string{"a"}}},
		CreateTable{Table: &schema.Table{
			Name:       "auto",
			Columns:    []*schema.Column{{Name: "id", Type: schema.Integer, Identity: schema.IdentityAutoincrement}, {Name: "v", Type: schema.Text}},
			PrimaryKey: &schema.PrimaryKey{Name: "pk_auto", Columns: []string{"id"}},
		}},
		CreateTable{Table: &schema.Table{
			Name:    "plain",
			Columns: []*schema.Column{{Name: "a", Type: schema.Integer, NotNull: true}, {Name: "b", Type: schema.Text}},
		}},
	)
	mustExec(t, db, "INSERT INTO plain (a, b) VALUES (1, 'x'), (2, 'y')")
	s := reflectDB(t, db, d)
	want := &schema.Table{
		Name:       "auto",
		Columns:    []*schema.Column{{Name: "id", Type: schema.Integer, Identity: schema.IdentityAutoincrement}, {Name: "v", Type: schema.Text}},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_auto", Columns: []string{"id"}},
	}
	if diff := cmp.Diff(want, s.Table("auto")); diff != "" {
		t.Errorf("AUTOINCREMENT table (-want +got):\n%s", diff)
	}
	apply(t, db, d, AddPrimaryKey{Table: "plain", PrimaryKey: &schema.PrimaryKey{Name: "pk_plain", Columns: []string{"a"}}})
	if diff := cmp.Diff(&schema.PrimaryKey{Name: "pk_plain", Columns: []string{"a"}}, reflectDB(t, db, d).Table("plain").PrimaryKey); diff != "" {
		t.Errorf("added primary key (-want +got):\n%s", diff)
	}
	apply(t, db, d, DropPrimaryKey{Table: "plain", Name: "pk_plain"})
	if pk := reflectDB(t, db, d).Table("plain").PrimaryKey; pk != nil {
		t.Errorf("primary key after the drop: %+v", pk)
	}
	if got := queryStrings(t, db, "SELECT b FROM plain ORDER BY a"); !cmp.Equal(got, []string{"x", "y"}) {
		t.Errorf("rows after the rebuilds: %q", got)
	}
}
