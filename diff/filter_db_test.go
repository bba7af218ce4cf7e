package diff_test

import (
	"context"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/schema"
)

// filterDBCase is a database state that an include-object rule exists
// for: with the rule on nothing is reported and the object is listed as
// skipped by it; with the rule off a change naming the object is.
type filterDBCase struct {
	name   string
	rule   string // "" for the custom rule below
	d      schema.Dialect
	sql    string
	model  *schema.Schema
	object string
}

func filterDBCases() []filterDBCase {
	pg, lite := schema.Postgres, schema.SQLite
	flow := func(indexes ...*schema.Index) *schema.Schema {
		return &schema.Schema{Tables: []*schema.Table{{
			Name:       "flow",
			Columns:    []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "name", Type: schema.Text}, {Name: "related", Type: schema.JSON}},
			PrimaryKey: &schema.PrimaryKey{Name: "flow_pkey", Columns: []string{"id"}},
			Indexes:    indexes,
		}}}
	}
	flowSQL := `CREATE TABLE flow (id INTEGER NOT NULL, name TEXT, related JSON, CONSTRAINT flow_pkey PRIMARY KEY (id))`
	flowPG := `CREATE TABLE flow (id integer NOT NULL, name text, related jsonb, CONSTRAINT flow_pkey PRIMARY KEY (id))`
	state := &schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "CANCELLING"}}
	return []filterDBCase{
		// A SQLite database that has an index the model keeps to
		// PostgreSQL (made by hand, or by an older migration).
		{"postgres-only index found on SQLite", diff.RuleOtherDialect, lite,
			flowSQL + `; CREATE INDEX ix_flow__name_pattern ON flow (name)`,
			flow(&schema.Index{Name: "ix_flow__name_pattern", Keys: []schema.IndexKey{{Column: "name", Opclass: "text_pattern_ops"}}, Only: []schema.Dialect{pg}}),
			"ix_flow__name_pattern"},
		// A GIN index without Only: on SQLite it would be a plain index
		// that Prefect's SQLite databases do not have.
		{"GIN index on SQLite", diff.RuleSQLiteGIN, lite, flowSQL,
			flow(&schema.Index{Name: "ix_flow__related_gin", Keys: schema.Cols("related"), Method: "gin"}),
			"ix_flow__related_gin"},
		// Indexes made by hand, on either dialect.
		{"case-insensitive index made by hand", diff.RuleSQLiteGIN, lite,
			flowSQL + `; CREATE INDEX ix_flow_name_case_insensitive ON flow (name COLLATE NOCASE)`, flow(),
			"ix_flow_name_case_insensitive"},
		{"gin index made by hand", diff.RuleSQLiteGIN, pg,
			flowPG + `; CREATE INDEX gin_flow_related ON flow USING gin (related)`, flow(),
			"gin_flow_related"},
		// A functional *_desc index whose definition differs from the
		// model's: kept, not re-created.
		{"functional desc variant", diff.RuleFunctionalSort, pg,
			`CREATE TABLE run (id integer NOT NULL, a timestamptz, b timestamptz, CONSTRAINT run_pkey PRIMARY KEY (id));
			CREATE INDEX ix_run__coalesce_a_b_desc ON run (COALESCE(b, a) DESC)`,
			&schema.Schema{Tables: []*schema.Table{{
				Name:       "run",
				Columns:    []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "a", Type: schema.TimestampTZ}, {Name: "b", Type: schema.TimestampTZ}},
				PrimaryKey: &schema.PrimaryKey{Name: "run_pkey", Columns: []string{"id"}},
				Indexes:    []*schema.Index{{Name: "ix_run__coalesce_a_b_desc", Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(a, b)"), Desc: true}}}},
			}}},
			"ix_run__coalesce_a_b_desc"},
		// An enum column created when the enum's longest value was shorter.
		{"enum VARCHAR on SQLite", diff.RuleSQLiteEnum, lite,
			`CREATE TABLE run (id INTEGER NOT NULL, state_type VARCHAR(9), CONSTRAINT run_pkey PRIMARY KEY (id))`,
			&schema.Schema{Enums: []*schema.Enum{state}, Tables: []*schema.Table{{
				Name:       "run",
				Columns:    []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "state_type", Type: state.Type()}},
				PrimaryKey: &schema.PrimaryKey{Name: "run_pkey", Columns: []string{"id"}},
			}}},
			`"run"."state_type"`},
		// A rule of the project's own, added in its env program.
		{"custom rule", "", pg, flowPG + `; CREATE TABLE tmp_import (x integer)`, flow(), "tmp_import"},
	}
}

// customRule is a rule a project adds to the default filter in its env
// program: tables named tmp_* are someone else's.
var customRule = diff.Rule{
	Name: "ignore-tmp-tables",
	Doc:  "tables named tmp_* are scratch tables of the import job",
	Skip: func(o diff.Object) bool { return o.Kind == diff.ObjTable && strings.HasPrefix(o.Name, "tmp_") },
}

// TestFilterRulesOnRealDatabases: each rule hides exactly the database
// effect it exists for, lists what it hid, and the change comes back when
// the rule is switched off.
func TestFilterRulesOnRealDatabases(t *testing.T) {
	for _, tc := range filterDBCases() {
		t.Run(tc.name, func(t *testing.T) {
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
			on := diff.DefaultFilter()
			rule := tc.rule
			if rule == "" {
				on, rule = on.With(customRule), customRule.Name
			}
			r, err := diff.Compare(tc.d, current, desired, diff.Options{Model: model, Filter: &on})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range r.Changes {
				t.Errorf("with rule %s on: %s", rule, c)
			}
			if len(r.Skipped) != 1 || r.Skipped[0].Rule != rule || !strings.Contains(r.Skipped[0].Object, tc.object) {
				t.Errorf("with rule %s on, skipped %+v; want %s skipped by it", rule, r.Skipped, tc.object)
			}
			off := on.Without(rule)
			r, err = diff.Compare(tc.d, current, desired, diff.Options{Model: model, Filter: &off})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, c := range r.Changes {
				found = found || strings.Contains(c.String(), tc.object)
			}
			if !found || len(r.Skipped) != 0 {
				t.Errorf("with rule %s off: changes %v, skipped %v; want a change naming %s", rule, r.Changes, r.Skipped, tc.object)
			}
		})
	}
}
