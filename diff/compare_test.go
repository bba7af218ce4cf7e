package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// opNames describes operations compactly for assertions.
func opNames(ops []migrations.Operation) []string {
	var out []string
	for _, op := range ops {
		switch o := op.(type) {
		case migrations.Batch:
			out = append(out, fmt.Sprintf("Batch(%s:%s)", o.Table, strings.Join(opNames(o.Ops), ",")))
		case migrations.CreateTable:
			out = append(out, "CreateTable("+o.Table.Name+")")
		case migrations.DropTable:
			out = append(out, "DropTable("+o.Table+")")
		case migrations.AddColumn:
			out = append(out, "AddColumn("+o.Table+"."+o.Column.Name+")")
		case migrations.DropColumn:
			out = append(out, "DropColumn("+o.Table+"."+o.Column+")")
		case migrations.AlterColumn:
			out = append(out, "AlterColumn("+o.Table+"."+o.Column+")")
		case migrations.CreateIndex:
			out = append(out, "CreateIndex("+o.Index.Name+")")
		case migrations.DropIndex:
			out = append(out, "DropIndex("+o.Index+")")
		case migrations.AddForeignKey:
			out = append(out, "AddForeignKey("+o.Table+"."+o.ForeignKey.Name+")")
		case migrations.DropForeignKey:
			out = append(out, "DropForeignKey("+o.Table+"."+o.Name+")")
		case migrations.CreateEnum:
			out = append(out, "CreateEnum("+o.Enum.Name+")")
		case migrations.DropEnum:
			out = append(out, "DropEnum("+o.Enum+")")
		case migrations.AddEnumValue:
			out = append(out, fmt.Sprintf("AddEnumValue(%s,%s,before=%s,after=%s)", o.Enum, o.Value, o.Before, o.After))
		default:
			out = append(out, fmt.Sprintf("%T", op))
		}
	}
	return out
}

func col(name string, t schema.Type) *schema.Column { return &schema.Column{Name: name, Type: t} }

func table(name string, cols ...*schema.Column) *schema.Table {
	return &schema.Table{Name: name, Columns: cols, PrimaryKey: &schema.PrimaryKey{Name: name + "_pkey", Columns: []string{cols[0].Name}}}
}

func fk(name, column, ref string) *schema.ForeignKey {
	return &schema.ForeignKey{Name: name, Columns: []string{column}, RefTable: ref, RefColumns: []string{"id"}}
}

func mustCompare(t *testing.T, d schema.Dialect, cur, want *schema.Schema, opts Options) *Result {
	t.Helper()
	r, err := Compare(d, cur, want, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func assertOps(t *testing.T, what string, got []migrations.Operation, want ...string) {
	t.Helper()
	if g := strings.Join(opNames(got), "\n"); g != strings.Join(want, "\n") {
		t.Errorf("%s:\n got: %s\nwant: %s", what, strings.Join(opNames(got), " "), strings.Join(want, " "))
	}
}

func TestNewTablesInForeignKeyOrderWithCycleBrokenOnPostgres(t *testing.T) {
	a := table("a", col("id", schema.Integer), col("b_id", schema.Integer))
	b := table("b", col("id", schema.Integer), col("a_id", schema.Integer))
	c := table("c", col("id", schema.Integer), col("a_id", schema.Integer))
	a.ForeignKeys = []*schema.ForeignKey{fk("a_b", "b_id", "b")}
	b.ForeignKeys = []*schema.ForeignKey{fk("b_a", "a_id", "a")}
	c.ForeignKeys = []*schema.ForeignKey{fk("c_a", "a_id", "a")}
	want := &schema.Schema{Tables: []*schema.Table{c, a, b}}

	r := mustCompare(t, schema.Postgres, nil, want, Options{})
	assertOps(t, "postgres upgrade", r.Upgrade,
		"CreateTable(b)", "CreateTable(a)", "CreateTable(c)", "AddForeignKey(b.b_a)")
	// The cycle is broken before the tables go: PostgreSQL refuses to
	// drop a table another one still references.
	assertOps(t, "postgres downgrade", r.Downgrade,
		"DropForeignKey(b.b_a)", "DropTable(c)", "DropTable(a)", "DropTable(b)")
	// The created table without the late foreign key must not be the
	// caller's value: the schema passed in is left as it was.
	if len(b.ForeignKeys) != 1 {
		t.Error("Compare modified its input")
	}

	r = mustCompare(t, schema.SQLite, nil, want, Options{})
	assertOps(t, "sqlite upgrade", r.Upgrade, "CreateTable(b)", "CreateTable(a)", "CreateTable(c)")
}

func TestSQLiteGroupsChangesToATableInOneBatch(t *testing.T) {
	cur := &schema.Schema{Tables: []*schema.Table{
		table("flow", col("id", schema.Integer), col("name", schema.Text), col("old", schema.Text)),
		table("other", col("id", schema.Integer)),
	}}
	cur.Tables[0].Indexes = []*schema.Index{{Name: "ix_old", Keys: schema.Cols("old")}}
	want := &schema.Schema{Tables: []*schema.Table{
		table("flow", col("id", schema.Integer), col("name", schema.Text), col("labels", schema.JSON)),
		table("other", col("id", schema.Integer), col("x", schema.Integer)),
		table("new", col("id", schema.Integer)),
	}}
	want.Tables[0].Columns[1].NotNull = true
	want.Tables[0].Indexes = []*schema.Index{{Name: "ix_labels", Keys: schema.Cols("labels")}}

	r := mustCompare(t, schema.SQLite, cur, want, Options{})
	assertOps(t, "sqlite upgrade", r.Upgrade,
		"CreateTable(new)",
		"Batch(flow:DropIndex(ix_old),AlterColumn(flow.name),AddColumn(flow.labels),DropColumn(flow.old),CreateIndex(ix_labels))",
		"Batch(other:AddColumn(other.x))")
	assertOps(t, "sqlite downgrade", r.Downgrade,
		"Batch(flow:DropIndex(ix_labels),AlterColumn(flow.name),AddColumn(flow.old),DropColumn(flow.labels),CreateIndex(ix_old))",
		"Batch(other:DropColumn(other.x))",
		"DropTable(new)")

	r = mustCompare(t, schema.Postgres, cur, want, Options{})
	assertOps(t, "postgres upgrade", r.Upgrade,
		"DropIndex(ix_old)", "CreateTable(new)", "AlterColumn(flow.name)", "AddColumn(flow.labels)",
		"AddColumn(other.x)", "DropColumn(flow.old)", "CreateIndex(ix_labels)")
}

func TestEnumChanges(t *testing.T) {
	cur := &schema.Schema{Enums: []*schema.Enum{
		{Name: "state", Values: []string{"A", "C"}},
		{Name: "gone", Values: []string{"X"}},
	}}
	want := &schema.Schema{Enums: []*schema.Enum{
		{Name: "state", Values: []string{"A", "B", "C", "D"}},
		{Name: "fresh", Values: []string{"Y"}},
	}}
	r := mustCompare(t, schema.Postgres, cur, want, Options{})
	assertOps(t, "upgrade", r.Upgrade,
		"AddEnumValue(state,B,before=C,after=)", "AddEnumValue(state,D,before=,after=C)",
		"CreateEnum(fresh)", "DropEnum(gone)")

	// Removing a value cannot be generated yet: it is reported, not lost.
	r = mustCompare(t, schema.Postgres, want, cur, Options{})
	found := false
	for _, c := range r.Changes {
		found = found || (c.Kind == ChangeEnum && c.Object == "state")
	}
	if !found {
		t.Errorf("removing enum values is not reported: %v", r.Changes)
	}
}

func TestModelDeclarationsAreUsedForCreates(t *testing.T) {
	// The desired side is reflected (a default spelled by the database);
	// the operation carries the model's own declaration.
	model := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.UUID))}}
	model.Tables[0].Columns = append(model.Tables[0].Columns, &schema.Column{Name: "at", Type: schema.TimestampTZ, Default: schema.Now})
	reflected := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.UUID))}}
	reflected.Tables[0].Columns = append(reflected.Tables[0].Columns, &schema.Column{Name: "at", Type: schema.TimestampTZ,
		Default: schema.ExprDefault(schema.SQL{schema.Postgres: "now()"})})
	cur := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.UUID))}}

	r := mustCompare(t, schema.Postgres, cur, reflected, Options{Model: model})
	add, ok := r.Upgrade[0].(migrations.AddColumn)
	if !ok || add.Column.Default.Kind != schema.DefaultNow {
		t.Errorf("upgrade = %v; want AddColumn with the model's Now default", r.Upgrade)
	}
}

func TestChangesDescribeWhatDiffers(t *testing.T) {
	cur := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.Integer), col("name", schema.Varchar(10)))}}
	want := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.Integer), col("name", schema.Text))}}
	want.Tables[0].Columns[1].NotNull = true
	r := mustCompare(t, schema.Postgres, cur, want, Options{})
	if len(r.Changes) != 1 {
		t.Fatalf("changes = %v", r.Changes)
	}
	got := r.Changes[0].String()
	for _, part := range []string{`alter column "t"."name"`, "type character varying(10) → text", "nullable NULL → NOT NULL"} {
		if !strings.Contains(got, part) {
			t.Errorf("change %q does not contain %q", got, part)
		}
	}
}

// TestReportedButNotGenerated covers the changes no operation makes: each
// is reported, says that the migration is written by hand, and writes
// nothing.
func TestReportedButNotGenerated(t *testing.T) {
	domain := func(typ schema.Type, collation string) *schema.Schema {
		return &schema.Schema{
			Domains: []*schema.Domain{{Name: "code", Type: typ, Collation: collation}},
			Tables:  []*schema.Table{table("t", col("id", schema.DomainType("code")))},
		}
	}
	partitioned := func(key string) *schema.Schema {
		s := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.Integer), col("at", schema.Date))}}
		s.Tables[0].PartitionBy = key
		return s
	}
	for _, c := range []struct {
		what      string
		cur, want *schema.Schema
		detail    string
	}{
		{"domain base type", domain(schema.Text, ""), domain(schema.Varchar(10), ""), "base type text → character varying(10)"},
		{"domain collation", domain(schema.Text, ""), domain(schema.Text, "C"), `collation default → "C"`},
		{"partition key", partitioned("RANGE (at)"), partitioned("LIST (id)"), `"RANGE (at)" → "LIST (id)"`},
	} {
		r := mustCompare(t, schema.Postgres, c.cur, c.want, Options{Filter: &Filter{}})
		if len(r.Changes) != 1 || len(r.Upgrade) != 0 || len(r.Downgrade) != 0 {
			t.Errorf("%s: changes %v, upgrade %v, downgrade %v; want one change and no operations", c.what, r.Changes, opNames(r.Upgrade), opNames(r.Downgrade))
			continue
		}
		got := r.Changes[0].String()
		for _, part := range []string{c.detail, "not generated: write this migration by hand"} {
			if !strings.Contains(got, part) {
				t.Errorf("%s: change %q does not contain %q", c.what, got, part)
			}
		}
	}
}

// TestCollationAndIdentityChangesAreGenerated checks the operations for a
// column's collation and identity: on PostgreSQL a collation goes with the
// column's type (ALTER COLUMN … TYPE … COLLATE), and a type change keeps
// the collation.
func TestCollationAndIdentityChangesAreGenerated(t *testing.T) {
	pg := func(name string) schema.SQL { return schema.SQL{schema.Postgres: name} }
	cur := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.Integer), col("a", schema.Text), col("b", schema.Text), col("c", schema.Integer))}}
	cur.Tables[0].Columns[2].Collation = pg("C")
	want := cur.Clone()
	wt := want.Tables[0]
	wt.Column("id").Identity = schema.IdentityAlways
	wt.Column("a").Collation = pg("POSIX")
	wt.Column("b").Type = schema.Varchar(20)
	r := mustCompare(t, schema.Postgres, cur, want, Options{Filter: &Filter{}})
	alters := map[string]migrations.AlterColumn{}
	for _, op := range r.Upgrade {
		if a, ok := op.(migrations.AlterColumn); ok {
			alters[a.Column] = a
		}
	}
	if a := alters["id"]; a.Identity == nil || *a.Identity != schema.IdentityAlways || !a.AddIdentity {
		t.Errorf("identity added: %+v", a)
	}
	if a := alters["a"]; a.Collation == nil || *a.Collation != "POSIX" || a.Type == nil || !a.Type.Equal(schema.Text) {
		t.Errorf("collation changed: %+v", a)
	}
	if a := alters["b"]; a.Collation == nil || *a.Collation != "C" || a.Type == nil || !a.Type.Equal(schema.Varchar(20)) {
		t.Errorf("type changed on a collated column: %+v", a)
	}
	for _, op := range r.Downgrade {
		if a, ok := op.(migrations.AlterColumn); ok && a.Column == "id" && (a.Identity == nil || *a.Identity != "") {
			t.Errorf("identity dropped on the way down: %+v", a)
		}
	}
}

func TestNoChangesWhenEqual(t *testing.T) {
	s := &schema.Schema{Tables: []*schema.Table{table("t", col("id", schema.Integer), col("name", schema.Text))}}
	s.Tables[0].Indexes = []*schema.Index{{Name: "ix", Keys: []schema.IndexKey{{Column: "name", Desc: true}}}}
	r := mustCompare(t, schema.SQLite, s, s.Clone(), Options{})
	if !r.Empty() || len(r.Upgrade) != 0 || len(r.Downgrade) != 0 {
		t.Errorf("equal schemas differ: %v %v", r.Changes, opNames(r.Upgrade))
	}
}

type filterCase struct {
	rule          string
	d             schema.Dialect
	cur, want     *schema.Schema
	model         *schema.Schema
	reportedWhere string // a change naming this appears with the rule off
}

// Each default filter rule is tested by the case it exists for, with the
// rule on (nothing reported) and off (the change reported).
func TestDefaultFilterRules(t *testing.T) {
	var tests []filterCase
	// Rule 1: an index the model keeps to PostgreSQL, found on SQLite.
	{
		model := &schema.Schema{Tables: []*schema.Table{table("flow", col("id", schema.Integer), col("name", schema.Text))}}
		model.Tables[0].Indexes = []*schema.Index{{Name: "ix_flow__name_pg", Keys: schema.Cols("name"), Only: []schema.Dialect{schema.Postgres}}}
		cur := ForDialect(model, schema.Postgres) // the index exists in the database
		tests = append(tests, filterCase{RuleOtherDialect, schema.SQLite, cur, ForDialect(model, schema.SQLite), model, "ix_flow__name_pg"})
	}
	// Rule 2: a GIN index without Only, compared on SQLite; and a hand-made
	// *case_insensitive index in the database.
	{
		model := &schema.Schema{Tables: []*schema.Table{table("events", col("id", schema.Integer), col("related", schema.JSON))}}
		model.Tables[0].Indexes = []*schema.Index{{Name: "ix_events__related_gin", Keys: schema.Cols("related"), Method: "gin"}}
		cur := &schema.Schema{Tables: []*schema.Table{table("events", col("id", schema.Integer), col("related", schema.JSON))}}
		cur.Tables[0].Indexes = []*schema.Index{{Name: "ix_flow_name_case_insensitive", Keys: []schema.IndexKey{{Column: "related", Collation: schema.Collate("NOCASE")}}}}
		tests = append(tests, filterCase{RuleSQLiteGIN, schema.SQLite, cur, ForDialect(model, schema.SQLite), model, "ix_events__related_gin"})
	}
	// Rule 3: a functional *_desc index that exists with another definition.
	{
		model := &schema.Schema{Tables: []*schema.Table{table("flow_run", col("id", schema.Integer), col("a", schema.Timestamp), col("b", schema.Timestamp))}}
		model.Tables[0].Indexes = []*schema.Index{{Name: "ix_flow_run__coalesce_a_b_desc", Keys: []schema.IndexKey{{Expr: schema.SQL{schema.Postgres: "COALESCE(a, b)"}, Desc: true}}}}
		cur := ForDialect(model, schema.Postgres).Clone()
		cur.Tables[0].Indexes[0].Keys[0].Expr = schema.SQL{schema.Postgres: "COALESCE(b, a)"}
		tests = append(tests, filterCase{RuleFunctionalSort, schema.Postgres, cur, ForDialect(model, schema.Postgres), model, "ix_flow_run__coalesce_a_b_desc"})
	}
	// Rule 4: an enum column that SQLite holds as a shorter VARCHAR.
	{
		model := &schema.Schema{
			Enums:  []*schema.Enum{{Name: "state_type", Values: []string{"SCHEDULED", "CANCELLING"}}},
			Tables: []*schema.Table{table("flow_run", col("id", schema.Integer), col("state_type", schema.EnumType("state_type")))},
		}
		cur := &schema.Schema{Tables: []*schema.Table{table("flow_run", col("id", schema.Integer), col("state_type", schema.Varchar(9)))}}
		tests = append(tests, filterCase{RuleSQLiteEnum, schema.SQLite, cur, ForDialect(model, schema.SQLite), model, "state_type"})
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			on := DefaultFilter()
			r := mustCompare(t, tt.d, tt.cur, tt.want, Options{Model: tt.model, Filter: &on})
			if !r.Empty() {
				t.Errorf("with the rule on, changes were reported: %v", r.Changes)
			}
			if len(r.Skipped) == 0 {
				t.Errorf("with the rule on, nothing is listed as skipped")
			}
			for _, s := range r.Skipped {
				if s.Rule != tt.rule {
					t.Errorf("skipped %s by rule %s; want %s", s.Object, s.Rule, tt.rule)
				}
			}
			off := on.Without(tt.rule)
			r = mustCompare(t, tt.d, tt.cur, tt.want, Options{Model: tt.model, Filter: &off})
			reported := false
			for _, c := range r.Changes {
				reported = reported || strings.Contains(c.String(), tt.reportedWhere)
			}
			if !reported {
				t.Errorf("with the rule off, no change names %q: %v", tt.reportedWhere, r.Changes)
			}
		})
	}
}
