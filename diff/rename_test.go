package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

func TestParseRename(t *testing.T) {
	for in, want := range map[string]Rename{
		"flow.name:title": {Table: "flow", From: "name", To: "title"},
		"flow:pipeline":   {From: "flow", To: "pipeline"},
	} {
		got, err := ParseRename(in)
		if err != nil || got != want {
			t.Errorf("ParseRename(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("%+v.String() = %q, want %q", got, got.String(), in)
		}
	}
	for _, bad := range []string{"flow", "flow.name", ":x", "x:", ".a:b", "a.b:c.d"} {
		if _, err := ParseRename(bad); err == nil {
			t.Errorf("ParseRename(%q) accepted", bad)
		}
	}
}

// renameSchemas is a flow table with an index on name, and a run table
// whose foreign key refers to flow.
func renameSchemas(nameCol, flowTable string) *schema.Schema {
	return &schema.Schema{Tables: []*schema.Table{
		{
			Name: flowTable,
			Columns: []*schema.Column{
				{Name: "id", Type: schema.Integer, NotNull: true},
				{Name: nameCol, Type: schema.Text},
			},
			PrimaryKey: &schema.PrimaryKey{Name: "pk", Columns: []string{"id"}},
			Indexes:    []*schema.Index{{Name: "ix_" + nameCol, Keys: schema.Cols(nameCol)}},
		},
		{
			Name:        "run",
			Columns:     []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "flow_id", Type: schema.Integer}},
			PrimaryKey:  &schema.PrimaryKey{Name: "pk_run", Columns: []string{"id"}},
			ForeignKeys: []*schema.ForeignKey{{Name: "fk_run_flow", Columns: []string{"flow_id"}, RefTable: flowTable, RefColumns: []string{"id"}}},
		},
	}}
}

func describeOps(ops []migrations.Operation) string {
	var out []string
	for _, op := range ops {
		switch o := op.(type) {
		case migrations.Batch:
			out = append(out, fmt.Sprintf("Batch(%s:%s)", o.Table, describeOps(o.Ops)))
		case migrations.RenameColumn:
			out = append(out, fmt.Sprintf("RenameColumn(%s.%s→%s)", o.Table, o.Column, o.To))
		case migrations.RenameTable:
			out = append(out, fmt.Sprintf("RenameTable(%s→%s)", o.Table, o.To))
		case migrations.CreateIndex:
			out = append(out, "CreateIndex("+o.Index.Name+")")
		case migrations.DropIndex:
			out = append(out, "DropIndex("+o.Index+")")
		default:
			out = append(out, fmt.Sprintf("%T", op))
		}
	}
	return strings.Join(out, " ")
}

func TestPossibleRenames(t *testing.T) {
	cur, want := renameSchemas("name", "flow"), renameSchemas("title", "flow")
	r, err := Compare(schema.Postgres, cur, want, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := PossibleRenames(r, cur, want)
	if len(got) != 1 || got[0] != (Rename{Table: "flow", From: "name", To: "title"}) {
		t.Errorf("PossibleRenames = %+v", got)
	}
	// A different type is no rename.
	want.Tables[0].Columns[1].Type = schema.Integer
	r, _ = Compare(schema.Postgres, cur, want, Options{})
	if got := PossibleRenames(r, cur, want); len(got) != 0 {
		t.Errorf("PossibleRenames across types = %+v", got)
	}
	// A table with the same columns under another name.
	cur, want = renameSchemas("name", "flow"), renameSchemas("name", "pipeline")
	r, _ = Compare(schema.Postgres, cur, want, Options{})
	if got := PossibleRenames(r, cur, want); len(got) != 1 || got[0] != (Rename{From: "flow", To: "pipeline"}) {
		t.Errorf("PossibleRenames of a table = %+v", got)
	}
}

func TestCompareRenamingColumn(t *testing.T) {
	cur, want := renameSchemas("name", "flow"), renameSchemas("title", "flow")
	rn := []Rename{{Table: "flow", From: "name", To: "title"}}
	for d, wantUp := range map[schema.Dialect]string{
		schema.Postgres: "RenameColumn(flow.name→title) DropIndex(ix_name) CreateIndex(ix_title)",
		schema.SQLite:   "Batch(flow:RenameColumn(flow.name→title) DropIndex(ix_name) CreateIndex(ix_title))",
	} {
		r, err := CompareRenaming(d, cur, want, Options{}, rn)
		if err != nil {
			t.Fatal(err)
		}
		if got := describeOps(r.Upgrade); got != wantUp {
			t.Errorf("%s upgrade:\n got %s\nwant %s", d, got, wantUp)
		}
		if got := describeOps(r.Downgrade); !strings.HasSuffix(got, "RenameColumn(flow.title→name)") && !strings.HasSuffix(got, "RenameColumn(flow.title→name))") {
			t.Errorf("%s downgrade does not end with the rename back: %s", d, got)
		}
		if r.Changes[0].Kind != RenameColumn {
			t.Errorf("%s: first change %v, want the rename", d, r.Changes[0])
		}
		for _, c := range r.Changes {
			if c.Kind == DropColumn || c.Kind == AddColumn {
				t.Errorf("%s: a rename still drops or adds: %v", d, c)
			}
		}
	}
	// The current schema given is left as it was.
	if cur.Tables[0].Columns[1].Name != "name" {
		t.Error("CompareRenaming changed its input")
	}
}

func TestCompareRenamingTable(t *testing.T) {
	cur, want := renameSchemas("name", "flow"), renameSchemas("name", "pipeline")
	r, err := CompareRenaming(schema.Postgres, cur, want, Options{}, []Rename{{From: "flow", To: "pipeline"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := describeOps(r.Upgrade); got != "RenameTable(flow→pipeline)" {
		t.Errorf("upgrade: %s", got)
	}
	if got := describeOps(r.Downgrade); got != "RenameTable(pipeline→flow)" {
		t.Errorf("downgrade: %s", got)
	}
}

func TestCompareRenamingErrors(t *testing.T) {
	cur, want := renameSchemas("name", "flow"), renameSchemas("title", "flow")
	for _, c := range []struct {
		rn   Rename
		want string
	}{
		{Rename{Table: "flow", From: "nosuch", To: "title"}, `table "flow" has no column "nosuch"`},
		{Rename{Table: "flow", From: "name", To: "other"}, `the model's table "flow" has no column "other"`},
		{Rename{Table: "nosuch", From: "name", To: "title"}, `there is no table "nosuch"`},
		{Rename{From: "flow", To: "run"}, `table "run" exists already`},
	} {
		_, err := CompareRenaming(schema.Postgres, cur, want, Options{}, []Rename{c.rn})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("rename %s: error %v, want one saying %q", c.rn, err, c.want)
		}
	}
}
