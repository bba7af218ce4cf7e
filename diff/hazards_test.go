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

func TestHazardsNameTheObject(t *testing.T) {
	lines := Hazards(schema.Postgres, migrations.DropColumn{Table: "flow", Column: "tags"})
	if len(lines) != 1 || lines[0] != `DATA LOSS: drops column "flow"."tags" and its values` {
		t.Errorf("Hazards = %q", lines)
	}
}
