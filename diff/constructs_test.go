package diff_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// everyConstruct is a model that uses every construct of the schema
// package at least once, each where its dialect allows it.
func everyConstruct() *schema.Schema {
	pg := []schema.Dialect{schema.Postgres}
	state := &schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "RUNNING", "CANCELLING"}, SQLiteCheck: true}
	return &schema.Schema{
		Naming:     &schema.PrefectNaming,
		Extensions: []schema.Extension{{Name: "pg_trgm"}},
		Enums:      []*schema.Enum{state},
		Sequences: []*schema.Sequence{
			{Name: "ticket_seq", Type: schema.Integer, Start: 100, Increment: 10, Cache: 5},
			{Name: "run_number_seq", OwnerTable: "run", OwnerColumn: "number"},
		},
		Domains: []*schema.Domain{{Name: "positive", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("1"),
			Checks: []*schema.Check{{Name: "positive_check", Expr: schema.Expr("VALUE > 0")}}}},
		Tables: []*schema.Table{
			{
				Name: "flow",
				Columns: []*schema.Column{
					{Name: "id", Type: schema.BigInt, NotNull: true, Identity: schema.IdentityByDefault},
					{Name: "name", Type: schema.Varchar(200), NotNull: true, Comment: "shown in the UI"},
					{Name: "code", Type: schema.Text},
					{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
					{Name: "price", Type: schema.Numeric(10, 2), Default: schema.NumberDefault("0")},
					{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
					{Name: "parent_id", Type: schema.BigInt},
					{Name: "label", Type: schema.Varchar(40), Collation: schema.SQL{schema.Postgres: "C", schema.SQLite: "NOCASE"}},
				},
				PrimaryKey:  &schema.PrimaryKey{Columns: []string{"id"}},
				Uniques:     []*schema.Unique{{Columns: []string{"name"}}},
				Checks:      []*schema.Check{{Name: "price_positive", Expr: schema.Expr("price >= 0")}},
				ForeignKeys: []*schema.ForeignKey{{Columns: []string{"parent_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.SetNull, OnUpdate: schema.Cascade}},
				Indexes: []*schema.Index{
					{Keys: []schema.IndexKey{{Column: "created", Desc: true}, {Column: "name"}}},
					{Name: "ix_flow__lower_name", Keys: []schema.IndexKey{{Expr: schema.Expr("lower(name)")}}, Unique: true},
					{Name: "ix_flow__name_nocase", Keys: []schema.IndexKey{{Column: "name", Collation: schema.Collate("NOCASE")}}, Only: []schema.Dialect{schema.SQLite}},
					{Name: "ix_flow__name_c", Keys: []schema.IndexKey{{Column: "name", Collation: schema.Collate("C"), Nulls: "first"}}, Only: pg},
					{Name: "trgm_ix_flow_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: pg},
					{Name: "ix_flow__tags", Keys: schema.Cols("tags"), Method: "gin", Only: pg},
					{Name: "ix_flow__name_created", Keys: schema.Cols("name"), Include: []string{"created"}, Only: pg},
					{Name: "uq_flow__code_nnd", Keys: schema.Cols("code"), Unique: true, NullsNotDistinct: true, Only: pg},
				},
				Comment: "a flow",
			},
			{
				Name: "run",
				Columns: []*schema.Column{
					{Name: "id", Type: schema.Integer, NotNull: true, Identity: schema.IdentityAutoincrement},
					{Name: "flow_id", Type: schema.BigInt, NotNull: true},
					{Name: "state", Type: state.Type(), NotNull: true, Default: schema.StringDefault("SCHEDULED")},
					{Name: "number", Type: schema.Integer, Default: schema.NextVal("run_number_seq")},
					{Name: "ticket", Type: schema.Integer, Default: schema.NextVal("ticket_seq")},
					{Name: "attempts", Type: schema.DomainType("positive")},
					{Name: "took", Type: schema.Interval, Default: schema.StringDefault("0")},
					{Name: "labels", Type: schema.Text},
					{Name: "last_state_id", Type: schema.Integer},
				},
				PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
				ForeignKeys: []*schema.ForeignKey{
					{Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
					// A cycle with run_state, closed after both tables exist.
					{Columns: []string{"last_state_id"}, RefTable: "run_state", RefColumns: []string{"id"}, Deferrable: true, InitiallyDeferred: true},
				},
				Indexes: []*schema.Index{
					{Name: "ix_run__scheduled", Keys: schema.Cols("flow_id"),
						Where: schema.SQL{schema.Postgres: "state = 'SCHEDULED'::state_type", schema.SQLite: "state = 'SCHEDULED'"}},
				},
			},
			{
				Name: "run_state",
				Columns: []*schema.Column{
					{Name: "id", Type: schema.Integer, NotNull: true},
					{Name: "run_id", Type: schema.Integer, NotNull: true},
				},
				PrimaryKey:  &schema.PrimaryKey{Columns: []string{"id"}},
				ForeignKeys: []*schema.ForeignKey{{Columns: []string{"run_id"}, RefTable: "run", RefColumns: []string{"id"}, OnDelete: schema.Cascade}},
			},
			{
				Name: "measurement",
				Columns: []*schema.Column{{Name: "at", Type: schema.Date, NotNull: true}, {Name: "values", Type: schema.ArrayOf(schema.Float)},
					{Name: "unit", Type: schema.Text, Collation: schema.Collate("C")}},
				PartitionBy: "RANGE (at)",
				Only:        pg,
			},
		},
	}
}

// desired builds a model on a fresh database of d and reflects it.
func desired(t *testing.T, d schema.Dialect, model *schema.Schema) *schema.Schema {
	t.Helper()
	s, err := diff.Desired(context.Background(), d, model, openDB(t, d), reflectOptions)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func resolve(t *testing.T, s *schema.Schema) *schema.Schema {
	t.Helper()
	r, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestEveryConstructIsReflectedExactly builds the model on each dialect and
// checks that reflection sees each construct as declared; then it builds
// the reflected schema again (as a model reflected from a database is) and
// finds nothing to change.
func TestEveryConstructIsReflectedExactly(t *testing.T) {
	model := resolve(t, everyConstruct())
	for _, d := range schema.Dialects {
		t.Run(string(d), func(t *testing.T) {
			got := desired(t, d, model)
			want := diff.ForDialect(model, d)
			// Spot checks of what the dialect keeps, in reflected form.
			flow, run := got.Table("flow"), got.Table("run")
			check := func(what string, ok bool) {
				t.Helper()
				if !ok {
					t.Errorf("%s: not reflected as declared", what)
				}
			}
			check("DESC key", flow.Index("ix_flow__created_name").Keys[0].Desc)
			check("expression key", flow.Index("ix_flow__lower_name").HasExpr() && flow.Index("ix_flow__lower_name").Unique)
			check("partial index", !run.Index("ix_run__scheduled").Where.IsZero())
			check("check constraint", flow.Check(schema.Name(d, "ck_flow__price_positive", true)) != nil)
			check("self-referencing FK actions", flow.ForeignKey("fk_flow__parent_id__flow").OnDelete == schema.SetNull && flow.ForeignKey("fk_flow__parent_id__flow").OnUpdate == schema.Cascade)
			check("deferrable FK", run.ForeignKey("fk_run__last_state_id__run_state").InitiallyDeferred)
			check("numeric(p,s)", flow.Column("price").Type.Equal(schema.Numeric(10, 2)))
			switch d {
			case schema.Postgres:
				check("operator class and GIN", flow.Index("trgm_ix_flow_name").Keys[0].Opclass == "gin_trgm_ops" && flow.Index("trgm_ix_flow_name").Method == "gin")
				check("INCLUDE", len(flow.Index("ix_flow__name_created").Include) == 1)
				check("NULLS NOT DISTINCT", flow.Index("uq_flow__code_nnd").NullsNotDistinct)
				check("key collation and NULLS FIRST", flow.Index("ix_flow__name_c").Keys[0].Collation.Name(d) == "C" && flow.Index("ix_flow__name_c").Keys[0].Nulls == "first")
				check("comments", flow.Comment == "a flow" && flow.Column("name").Comment == "shown in the UI")
				check("identity", flow.Column("id").Identity == schema.IdentityByDefault && run.Column("id").Identity == schema.IdentityByDefault)
				check("enum", run.Column("state").Type.Equal(schema.EnumType("state_type")))
				check("sequences", len(got.Sequences) == 2 && run.Column("ticket").Default.Equal(schema.NextVal("ticket_seq")))
				check("domain", run.Column("attempts").Type.Equal(schema.DomainType("positive")) && len(got.Domains) == 1)
				check("interval", run.Column("took").Type.Equal(schema.Interval))
				check("array and partitioning", got.Table("measurement").Column("values").Type.Equal(schema.ArrayOf(schema.Float)) && got.Table("measurement").PartitionBy == "RANGE (at)")
				check("collated column", got.Table("measurement").Column("unit").Collation.Name(d) == "C")
				check("per-dialect collation", flow.Column("label").Collation.Name(d) == "C")
				check("extension", len(got.Extensions) == 1 && got.Extensions[0].Name == "pg_trgm")
			case schema.SQLite:
				check("COLLATE NOCASE key", flow.Index("ix_flow__name_nocase").Keys[0].Collation.Name(d) == "NOCASE")
				check("AUTOINCREMENT", run.Column("id").Identity == schema.IdentityAutoincrement)
				check("per-dialect collation", flow.Column("label").Collation.Name(d) == "NOCASE")
				check("enum as VARCHAR(10) with its CHECK", run.Column("state").Type.Equal(schema.Varchar(10)) &&
					run.Check("ck_run__state_type") != nil)
				check("domain as its base type", run.Column("attempts").Type.Equal(schema.Integer))
				check("no PostgreSQL-only objects", got.Table("measurement") == nil && flow.Index("trgm_ix_flow_name") == nil)
			}
			// Every object of the dialect's model is in the database, named
			// as the naming convention says.
			for _, wt := range want.Tables {
				gt := got.Table(wt.Name)
				if gt == nil {
					t.Errorf("table %q missing", wt.Name)
					continue
				}
				for _, x := range wt.Indexes {
					if gt.Index(x.Name) == nil {
						t.Errorf("index %q missing", x.Name)
					}
				}
			}
			// The reflected schema, built again, is the same schema.
			again := desired(t, d, got)
			r, err := diff.Compare(d, got, again, diff.Options{Filter: &diff.Filter{}})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range r.Changes {
				t.Errorf("rebuilt from its reflection, the schema differs: %s", c)
			}
		})
	}
}

// change is a model edit whose upgrade and downgrade are applied to a real
// database.
type change struct {
	name     string
	before   func(*schema.Schema)
	after    func(*schema.Schema)
	rows     []string // inserted after building before, on both dialects
	dialects []schema.Dialect
}

// TestConstructChangesApplyAndRevert checks the fixpoint law for the
// constructs the property test does not generate: after the upgrade the
// database matches the new model; after the downgrade, the old one; rows
// survive both.
func TestConstructChangesApplyAndRevert(t *testing.T) {
	run := func(s *schema.Schema) *schema.Table { return s.Table("run") }
	changes := []change{
		{name: "enum values removed and reordered", dialects: []schema.Dialect{schema.Postgres},
			after: func(s *schema.Schema) { s.Enum("state_type").Values = []string{"RUNNING", "SCHEDULED"} },
			rows: []string{"INSERT INTO flow (id, name, created) VALUES (1, 'f', now())",
				"INSERT INTO run (flow_id, state) SELECT id, 'RUNNING' FROM flow"}},
		{name: "enum value added in the middle", dialects: []schema.Dialect{schema.Postgres},
			after: func(s *schema.Schema) {
				s.Enum("state_type").Values = []string{"SCHEDULED", "PENDING", "RUNNING", "CANCELLING"}
			}},
		{name: "sequence parameters and owner", dialects: []schema.Dialect{schema.Postgres},
			after: func(s *schema.Schema) {
				s.Sequence("ticket_seq").Increment = 1
				s.Sequence("ticket_seq").OwnerTable, s.Sequence("ticket_seq").OwnerColumn = "run", "ticket"
				s.Sequence("run_number_seq").Cycle = true
			}},
		{name: "new and dropped sequences", dialects: []schema.Dialect{schema.Postgres},
			after: func(s *schema.Schema) {
				s.Sequences = append(s.Sequences[:1], &schema.Sequence{Name: "other_seq", Type: schema.SmallInt})
				run(s).Column("number").Default = schema.NextVal("other_seq")
			}},
		{name: "domain changes", dialects: []schema.Dialect{schema.Postgres},
			after: func(s *schema.Schema) {
				d := s.Domain("positive")
				d.NotNull, d.Default = false, schema.Default{}
				d.Checks = []*schema.Check{{Name: "positive_small", Expr: schema.Expr("VALUE < 100")}}
			}},
		{name: "new domain column",
			after: func(s *schema.Schema) {
				s.Domains = append(s.Domains, &schema.Domain{Name: "label", Type: schema.Varchar(30)})
				run(s).Columns = append(run(s).Columns, &schema.Column{Name: "label2", Type: schema.DomainType("label")})
			}},
		{name: "primary key changed",
			after: func(s *schema.Schema) {
				rs := s.Table("run_state")
				rs.PrimaryKey = &schema.PrimaryKey{Name: "pk_run_state_both", Columns: []string{"id", "run_id"}}
				rs.Uniques = []*schema.Unique{{Columns: []string{"id"}}} // run.last_state_id still references it
			},
			rows: []string{"INSERT INTO flow (id, name, created) VALUES (1, 'g', CURRENT_TIMESTAMP)",
				"INSERT INTO run (flow_id, state) SELECT id, 'RUNNING' FROM flow",
				"INSERT INTO run_state (id, run_id) SELECT 7, id FROM run"}},
		{name: "comments", dialects: []schema.Dialect{schema.Postgres},
			after: func(s *schema.Schema) {
				s.Table("flow").Comment = "flows"
				s.Table("flow").Column("name").Comment = ""
				run(s).Column("labels").Comment = "comma-separated"
			}},
		{name: "collation changed, with and without the type",
			after: func(s *schema.Schema) {
				flow := s.Table("flow")
				flow.Column("label").Collation = schema.SQL{schema.Postgres: "POSIX", schema.SQLite: "RTRIM"}
				flow.Column("code").Collation = schema.SQL{schema.Postgres: "C", schema.SQLite: "NOCASE"}
				run(s).Column("labels").Type = schema.Varchar(300)
				run(s).Column("labels").Collation = schema.SQL{schema.Postgres: "C", schema.SQLite: "NOCASE"}
			},
			rows: []string{"INSERT INTO flow (id, name, created, code, label) VALUES (1, 'h', now(), 'x', 'y')"}},
		{name: "type changed on a collated column",
			after: func(s *schema.Schema) { s.Table("flow").Column("label").Type = schema.Text }},
		{name: "identities added, dropped and changed",
			after: func(s *schema.Schema) {
				s.Table("flow").Column("id").Identity = schema.IdentityAlways
				s.Table("run_state").Column("id").Identity = schema.IdentityAutoincrement
				run(s).Column("id").Identity = ""
			},
			rows: []string{"INSERT INTO flow (id, name, created) VALUES (5, 'i', now())",
				"INSERT INTO run (flow_id, state) SELECT id, 'RUNNING' FROM flow",
				"INSERT INTO run_state (id, run_id) SELECT 3, id FROM run"}},
		{name: "enum CHECK on SQLite switched off", dialects: []schema.Dialect{schema.SQLite},
			after: func(s *schema.Schema) { s.Enum("state_type").SQLiteCheck = false }},
	}
	for _, ch := range changes {
		dialects := ch.dialects
		if dialects == nil {
			dialects = schema.Dialects
		}
		for _, d := range dialects {
			t.Run(ch.name+"/"+string(d), func(t *testing.T) {
				ctx := context.Background()
				v1, v2 := everyConstruct(), everyConstruct()
				if ch.before != nil {
					ch.before(v1)
				}
				ch.after(v2)
				m1, m2 := resolve(t, v1), resolve(t, v2)
				db := openDB(t, d)
				ops, err := diff.CreateOps(d, m1)
				if err != nil {
					t.Fatal(err)
				}
				if err := migrations.Apply(ctx, db, d, ops); err != nil {
					t.Fatal(err)
				}
				for _, q := range ch.rows {
					if d == schema.SQLite {
						q = strings.ReplaceAll(q, "now()", "CURRENT_TIMESTAMP")
					}
					if _, err := db.ExecContext(ctx, q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				want1, want2 := desired(t, d, m1), desired(t, d, m2)
				r, err := diff.Compare(d, reflectDB(t, d, db), want2, diff.Options{Model: m2, Filter: &diff.Filter{}})
				if err != nil {
					t.Fatal(err)
				}
				if r.Empty() {
					t.Fatal("the change shows no difference")
				}
				if err := migrations.Apply(ctx, db, d, r.Upgrade); err != nil {
					t.Fatalf("upgrade: %v\n%s", err, opList(r.Upgrade))
				}
				assertSame(t, d, "after the upgrade", reflectDB(t, d, db), want2)
				if err := migrations.Apply(ctx, db, d, r.Downgrade); err != nil {
					t.Fatalf("downgrade: %v\n%s", err, opList(r.Downgrade))
				}
				assertSame(t, d, "after the downgrade", reflectDB(t, d, db), want1)
				var n int64
				if err := db.QueryRowContext(ctx, "SELECT count(*) FROM run").Scan(&n); err != nil || n != int64(countRuns(ch.rows)) {
					t.Errorf("rows of run after the round trip: %d (%v)", n, err)
				}
			})
		}
	}
}

func countRuns(rows []string) int {
	n := 0
	for _, q := range rows {
		if strings.HasPrefix(q, "INSERT INTO run ") {
			n++
		}
	}
	return n
}

func assertSame(t *testing.T, d schema.Dialect, when string, got, want *schema.Schema) {
	t.Helper()
	r, err := diff.Compare(d, got, want, diff.Options{Filter: &diff.Filter{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Changes {
		t.Errorf("%s: still differs: %s", when, c)
	}
	got.Unmanaged, want.Unmanaged = nil, nil
	if len(r.Changes) == 0 {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: compares equal but reflects differently (-want +got):\n%s", when, diff)
		}
	}
}

func opList(ops []migrations.Operation) string {
	var b strings.Builder
	for _, op := range ops {
		fmt.Fprintf(&b, "  %T %+v\n", op, op)
	}
	return b.String()
}
