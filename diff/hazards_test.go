package diff

import (
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

func hazardKinds(hs []Hazard) string {
	var out []string
	for _, h := range hs {
		out = append(out, string(h.Kind))
	}
	return strings.Join(out, ",")
}

func ptrTo[T any](v T) *T { return &v }

func TestReview(t *testing.T) {
	notNull := &schema.Column{Name: "priority", Type: schema.Integer, NotNull: true}
	withDefault := &schema.Column{Name: "priority", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")}
	uuidCol := &schema.Column{Name: "key", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID}
	idx := &schema.Index{Name: "ix_flow__created", Keys: schema.Cols("created")}
	cases := []struct {
		name    string
		d       schema.Dialect
		ops     []migrations.Operation
		reverse []migrations.Operation
		want    []string // hazard kinds per operation
	}{
		{"drops", schema.Postgres, []migrations.Operation{
			migrations.DropTable{Table: "flow"},
			migrations.DropColumn{Table: "run", Column: "tags"},
		}, nil, []string{"data-loss", "data-loss"}},
		{"not null column", schema.Postgres, []migrations.Operation{
			migrations.AddColumn{Table: "flow", Column: notNull},
			migrations.AddColumn{Table: "flow", Column: withDefault},
			migrations.AddColumn{Table: "flow", Column: uuidCol},
		}, nil, []string{"fails-on-data", "", "table-rewrite"}},
		{"index", schema.Postgres, []migrations.Operation{
			migrations.CreateIndex{Table: "flow", Index: idx},
			migrations.CreateIndex{Table: "flow", Index: idx, Concurrently: true},
		}, nil, []string{"lock", "non-transactional"}},
		{"new table is harmless", schema.Postgres, []migrations.Operation{
			migrations.CreateTable{Table: &schema.Table{Name: "fresh", Columns: []*schema.Column{notNull}}},
			migrations.AddColumn{Table: "fresh", Column: notNull},
			migrations.CreateIndex{Table: "fresh", Index: idx},
		}, nil, []string{"", "", ""}},
		{"widen varchar in place", schema.Postgres, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "name", Type: ptrTo(schema.Varchar(200))},
		}, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "name", Type: ptrTo(schema.Varchar(100))},
		}, []string{""}},
		{"narrow varchar", schema.Postgres, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "name", Type: ptrTo(schema.Varchar(50))},
		}, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "name", Type: ptrTo(schema.Varchar(100))},
		}, []string{"data-loss,table-rewrite"}},
		{"integer to bigint rewrites", schema.Postgres, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "n", Type: ptrTo(schema.BigInt)},
		}, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "n", Type: ptrTo(schema.Integer)},
		}, []string{"table-rewrite"}},
		{"type with unknown old type", schema.Postgres, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "n", Type: ptrTo(schema.BigInt)},
		}, nil, []string{"fails-on-data,table-rewrite"}},
		{"set not null", schema.Postgres, []migrations.Operation{
			migrations.AlterColumn{Table: "flow", Column: "n", NotNull: ptrTo(true)},
			migrations.AlterColumn{Table: "flow", Column: "n", NotNull: ptrTo(true), FillNulls: "0"},
		}, nil, []string{"fails-on-data,lock", "lock"}},
		{"sqlite rebuild", schema.SQLite, []migrations.Operation{
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{
				migrations.AddColumn{Table: "flow", Column: notNull},
				migrations.DropColumn{Table: "flow", Column: "tags"},
				migrations.CreateIndex{Table: "flow", Index: idx},
			}},
		}, nil, []string{"fails-on-data,data-loss,lock,table-rebuild"}},
		{"sqlite native changes", schema.SQLite, []migrations.Operation{
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{
				migrations.AddColumn{Table: "flow", Column: withDefault},
				migrations.RenameColumn{Table: "flow", Column: "a", To: "b"},
			}},
		}, nil, []string{""}},
		{"sqlite drop may rebuild", schema.SQLite, []migrations.Operation{
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{migrations.DropColumn{Table: "flow", Column: "tags"}}},
		}, nil, []string{"data-loss,table-rebuild"}},
		{"hand-written", schema.SQLite, []migrations.Operation{
			migrations.Exec{SQL: "UPDATE flow SET n = 1"},
		}, nil, []string{"manual"}},
		{"rebuild enum removing a value", schema.Postgres, []migrations.Operation{
			migrations.RebuildEnum{Enum: stateEnum("RUNNING", "DONE"), Columns: []migrations.EnumColumn{{Table: "run", Column: "state"}}},
		}, []migrations.Operation{
			migrations.AddEnumValue{Enum: "state", Value: "PENDING", Before: "RUNNING"},
		}, []string{"fails-on-data,table-rewrite"}},
		{"rebuild enum reordering only", schema.Postgres, []migrations.Operation{
			migrations.RebuildEnum{Enum: stateEnum("DONE", "RUNNING"), Columns: []migrations.EnumColumn{{Table: "run", Column: "state"}}},
		}, []migrations.Operation{
			migrations.RebuildEnum{Enum: stateEnum("RUNNING", "DONE"), Columns: []migrations.EnumColumn{{Table: "run", Column: "state"}}},
		}, []string{"table-rewrite"}},
		{"rebuild enum of unknown values", schema.Postgres, []migrations.Operation{
			migrations.RebuildEnum{Enum: stateEnum("RUNNING"), Columns: []migrations.EnumColumn{{Table: "run", Column: "state"}}},
		}, nil, []string{"fails-on-data,table-rewrite"}},
		{"rebuild enum of new tables or none", schema.Postgres, []migrations.Operation{
			migrations.CreateTable{Table: &schema.Table{Name: "run2", Columns: []*schema.Column{{Name: "state", Type: schema.EnumType("state")}}}},
			migrations.RebuildEnum{Enum: stateEnum("RUNNING"), Columns: []migrations.EnumColumn{{Table: "run2", Column: "state"}}},
			migrations.RebuildEnum{Enum: stateEnum("RUNNING")},
		}, nil, []string{"", "", ""}},
		{"rebuild enum on sqlite is nothing", schema.SQLite, []migrations.Operation{
			migrations.RebuildEnum{Enum: stateEnum("RUNNING"), Columns: []migrations.EnumColumn{{Table: "run", Column: "state"}}},
		}, nil, []string{""}},
		{"enum value added", schema.Postgres, []migrations.Operation{
			migrations.AddEnumValue{Enum: "state", Value: "PENDING"},
		}, nil, []string{"non-transactional"}},
		{"sequences", schema.Postgres, []migrations.Operation{
			migrations.DropSequence{Name: "flow_id_seq"},
			migrations.CreateSequence{Sequence: &schema.Sequence{Name: "run_id_seq"}},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "run_id_seq", OwnerTable: "run", OwnerColumn: "id"}},
			migrations.DropSequence{Name: "run_id_seq"},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "n_seq", MaxValue: 1000}},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "wide_seq", Type: schema.BigInt, OwnerTable: "t", OwnerColumn: "id"}},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "small_seq", Type: schema.SmallInt}},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "grown_seq", Type: schema.BigInt}},
		}, []migrations.Operation{
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "small_seq", Type: schema.Integer}},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "grown_seq", Type: schema.Integer}},
		}, []string{"data-loss", "", "", "", "fails-on-data", "", "fails-on-data", ""}},
		{"domains", schema.Postgres, []migrations.Operation{
			migrations.DropDomain{Name: "positive"},
			migrations.AlterDomain{Name: "positive", NotNull: ptrTo(true)},
			migrations.AlterDomain{Name: "positive", AddCheck: &schema.Check{Name: "ck", Expr: schema.Expr("VALUE > 0")}},
			migrations.AlterDomain{Name: "positive", NotNull: ptrTo(false), Default: &schema.Default{}},
			migrations.CreateDomain{Domain: &schema.Domain{Name: "fresh", Type: schema.Integer}},
			migrations.AlterDomain{Name: "fresh", NotNull: ptrTo(true)},
			migrations.DropDomain{Name: "fresh"},
		}, nil, []string{"data-loss", "fails-on-data", "fails-on-data", "", "", "", ""}},
		{"primary keys", schema.Postgres, []migrations.Operation{
			migrations.AddPrimaryKey{Table: "flow", PrimaryKey: &schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}}},
			migrations.DropPrimaryKey{Table: "flow", Name: "pk_flow"},
			migrations.CreateTable{Table: &schema.Table{Name: "fresh", Columns: []*schema.Column{notNull}}},
			migrations.AddPrimaryKey{Table: "fresh", PrimaryKey: &schema.PrimaryKey{Name: "pk_fresh", Columns: []string{"priority"}}},
		}, nil, []string{"fails-on-data,lock", "fails-on-data", "", ""}},
		{"sqlite primary key rebuilds", schema.SQLite, []migrations.Operation{
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{
				migrations.AddPrimaryKey{Table: "flow", PrimaryKey: &schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}}},
			}},
			migrations.Batch{Table: "run", Ops: []migrations.Operation{
				migrations.DropPrimaryKey{Table: "run", Name: "pk_run"},
			}},
		}, nil, []string{"fails-on-data,table-rebuild", "table-rebuild"}},
		{"autocommit block", schema.Postgres, []migrations.Operation{
			migrations.Autocommit{Ops: []migrations.Operation{migrations.DropColumn{Table: "run", Column: "tags"}}},
		}, nil, []string{"non-transactional,data-loss"}},
		{"enum values committed first", schema.Postgres, []migrations.Operation{
			migrations.Autocommit{Ops: []migrations.Operation{
				migrations.AddEnumValue{Enum: "state", Value: "PAUSED"},
				migrations.AddEnumValue{Enum: "state", Value: "LATE"},
			}},
			migrations.Autocommit{Ops: []migrations.Operation{
				migrations.AddEnumValue{Enum: "state", Value: "GONE"},
				migrations.DropColumn{Table: "run", Column: "tags"},
			}},
		}, nil, []string{"non-transactional,non-transactional", "non-transactional,non-transactional,data-loss"}},
		{"extension", schema.Postgres, []migrations.Operation{
			migrations.CreateExtension{Name: "pg_trgm"},
			migrations.DropExtension{Name: "pg_trgm"},
		}, nil, []string{"", "data-loss"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Review(c.d, c.ops, c.reverse)
			if len(got) != len(c.ops) {
				t.Fatalf("Review returned %d entries for %d operations", len(got), len(c.ops))
			}
			for i := range c.ops {
				if k := hazardKinds(got[i]); k != c.want[i] {
					t.Errorf("operation %d: hazards %q, want %q (%v)", i, k, c.want[i], got[i])
				}
			}
		})
	}
}

func stateEnum(values ...string) *schema.Enum {
	return &schema.Enum{Name: "state", Values: values}
}

// The hazards of newer operations say what fails and why, naming what
// they can: the removed enum values, the columns and tables converted,
// the narrowed range of a sequence.
func TestHazardMessages(t *testing.T) {
	got := Review(schema.Postgres, []migrations.Operation{
		migrations.RebuildEnum{Enum: stateEnum("RUNNING", "DONE"), Columns: []migrations.EnumColumn{{Table: "run", Column: "state"}, {Table: "job", Column: "states", Array: true}}},
		migrations.AlterSequence{Sequence: &schema.Sequence{Name: "n_seq", Type: schema.Integer, MaxValue: 1000}},
		migrations.Batch{Table: "flow", Ops: []migrations.Operation{migrations.DropPrimaryKey{Table: "flow", Name: "pk_flow"}}},
	}, []migrations.Operation{
		migrations.AddEnumValue{Enum: "state", Value: "PENDING"},
		migrations.AddEnumValue{Enum: "state", Value: "FAILED"},
		migrations.AlterSequence{Sequence: &schema.Sequence{Name: "n_seq", Type: schema.Integer}},
	})
	want := [][]string{{
		`MAY FAIL: rebuilds enum "state" without PENDING, FAILED: rows of "run"."state", "job"."states" holding one of them make it fail (update them first, with op.Exec)`,
		`TABLE REWRITE: rebuilding enum "state" converts "run"."state", "job"."states" to the new type: PostgreSQL rewrites "run", "job" under an exclusive lock`,
	}, {
		`MAY FAIL: narrows sequence "n_seq" from 1..2147483647 to 1..1000: fails if its current value lies outside the new range`,
	}, {
		`MAY FAIL: drops the primary key "pk_flow" of "flow": nothing keeps its rows unique any more, foreign keys that reference it must go first, and if the table is published for logical replication its UPDATEs and DELETEs fail until it has a replica identity again`,
	}}
	for i := range want {
		var lines []string
		for _, h := range got[i] {
			lines = append(lines, h.String())
		}
		if strings.Join(lines, "\n") != strings.Join(want[i], "\n") {
			t.Errorf("operation %d:\n got %q\nwant %q", i, lines, want[i])
		}
	}
	// SQLite names the operations a rebuild is for in words, not Go types.
	sq := Review(schema.SQLite, []migrations.Operation{migrations.Batch{Table: "flow", Ops: []migrations.Operation{
		migrations.DropPrimaryKey{Table: "flow", Name: "pk_flow"},
	}}}, nil)
	if len(sq[0]) != 1 || !strings.Contains(sq[0][0].Message, "(drops the primary key)") {
		t.Errorf("SQLite rebuild hazard = %v", sq[0])
	}
}

func TestHazardsNameTheObject(t *testing.T) {
	lines := Hazards(schema.Postgres, migrations.DropColumn{Table: "flow", Column: "tags"})
	if len(lines) != 1 || lines[0] != `DATA LOSS: drops column "flow"."tags" and its values` {
		t.Errorf("Hazards = %q", lines)
	}
}
