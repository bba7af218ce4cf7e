package prefect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/cmd/autogen/cli"
	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/examples/prefect/migrations/versions/postgresql"
	"github.com/autogen-dev/autogen/examples/prefect/migrations/versions/sqlite"
	"github.com/autogen-dev/autogen/examples/prefect/model"
	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/internal/realschemas"
	"github.com/autogen-dev/autogen/schema"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// env is what migrations/env/main.go gives the CLI: the model, the chains
// and the default include-object filter.
func env() *cli.Env {
	filter := diff.DefaultFilter()
	return &cli.Env{Model: model.Schema, Postgres: postgresql.Chain, SQLite: sqlite.Chain, Filter: &filter}
}

// autogen runs the CLI in this directory with the example's env compiled
// in, as the env program does, with scratch PostgreSQL databases on the
// test server. It returns the exit code and standard output.
func autogen(t *testing.T, args ...string) (int, string) {
	t.Helper()
	t.Setenv("AUTOGEN_PG_DEV_URL", pgtest.Server(t).URL())
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, env(), &stdout, &stderr)
	if code == cli.ExitError {
		t.Fatalf("autogen %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return code, stdout.String()
}

// TestCheckModelMatchesChains: the checked-in pair carries the whole model
// on both dialects.
func TestCheckModelMatchesChains(t *testing.T) {
	code, out := autogen(t, "check")
	if code != cli.ExitOK || !strings.Contains(out, "matches the head of the PostgreSQL and SQLite chains") {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
}

// TestUpgradedDatabaseIsInSync: a fresh database upgraded to head is what
// the model says, on both dialects.
func TestUpgradedDatabaseIsInSync(t *testing.T) {
	for _, d := range schema.Dialects {
		t.Run(string(d), func(t *testing.T) {
			url := freshDB(t, d)
			if code, out := autogen(t, "upgrade", "head", "--db", url); code != cli.ExitOK {
				t.Fatalf("upgrade: exit %d\n%s", code, out)
			}
			if code, out := autogen(t, "check", "--db", url); code != cli.ExitOK {
				t.Fatalf("check --db after upgrade: exit %d\n%s", code, out)
			}
		})
	}
}

func freshDB(t *testing.T, d schema.Dialect) string {
	t.Helper()
	if d == schema.Postgres {
		return pgtest.DB(t)
	}
	return "sqlite://" + filepath.Join(t.TempDir(), "prefect.db")
}

// drift is what `autogen check --db` reports for a database loaded from
// Prefect's migrated schema (testdata/realschemas/prefect): every item of
// the "Drift" section of the schema inventory, and nothing else. The
// numbers are the inventory's. Two items show nothing by design: the model
// gives the trigram indexes their operator class (5) and names the CHECK
// constraint through the naming convention (8), as the migrations did.
// Item 13 (deployment_version's SQLite defaults) goes with its table (1).
var drift = map[schema.Dialect][]string{
	schema.Postgres: {
		`drop table "deployment_version"`,                                            // 1
		`alter column "automation_bucket"."bucketing_key": default none → '[]'`,      // 7
		`drop column "deployment"."version_id"`,                                      // 2
		`drop index "ix_deployment__version_id" on table "deployment": (version_id)`, // 2
		`drop index "ix_deployment_schedule__deployment_id__slug" on table "deployment_schedule": changed: UNIQUE (deployment_id, slug) WHERE slug IS NOT NULL → UNIQUE (deployment_id, slug)`,                                // 4
		`add index "ix_deployment_schedule__deployment_id__slug" on table "deployment_schedule": UNIQUE (deployment_id, slug)`,                                                                                                // 4
		`drop index "ix_flow_run__schedule_id_scheduler" on table "flow_run": (deployment_id, ((created_by ->> 'id'::text)), next_scheduled_start_time) WHERE state_type = 'SCHEDULED'::state_type AND auto_scheduled = true`, // 3
		`alter column "work_queue"."priority": default 1 → none`, // 6
	},
	schema.SQLite: {
		`drop table "deployment_version"`,                                            // 1 and 13
		`alter column "automation_bucket"."bucketing_key": default none → '[]'`,      // 7
		`drop column "deployment"."version_id"`,                                      // 2
		`drop index "ix_deployment__version_id" on table "deployment": (version_id)`, // 2
		`drop index "ix_deployment_schedule__deployment_id__slug" on table "deployment_schedule": changed: UNIQUE (deployment_id, slug) WHERE slug IS NOT NULL → UNIQUE (deployment_id, slug)`,                      // 4
		`add index "ix_deployment_schedule__deployment_id__slug" on table "deployment_schedule": UNIQUE (deployment_id, slug)`,                                                                                      // 4
		`add index "ix_events__event_occurred" on table "events": (event, occurred)`,                                                                                                                                // 10
		`drop index "ix_events__event_related_occurred" on table "events": (event, related, occurred)`,                                                                                                              // 10
		`drop index "ix_events__related_resource_ids" on table "events": (related_resource_ids)`,                                                                                                                    // 10
		`add index "ix_flow_run__coalesce_start_time_expected_start_time_asc" on table "flow_run": ((coalesce(start_time, expected_start_time)))`,                                                                   // 12
		`add index "ix_flow_run__coalesce_start_time_expected_start_time_desc" on table "flow_run": ((coalesce(start_time, expected_start_time)) DESC)`,                                                             // 12
		`drop index "ix_flow_run__end_time_desc" on table "flow_run": changed: (end_time) → (end_time DESC)`,                                                                                                        // 11
		`add index "ix_flow_run__end_time_desc" on table "flow_run": (end_time DESC)`,                                                                                                                               // 11
		`drop index "ix_flow_run__expected_start_time_desc" on table "flow_run": changed: (expected_start_time) → (expected_start_time DESC)`,                                                                       // 11
		`add index "ix_flow_run__expected_start_time_desc" on table "flow_run": (expected_start_time DESC)`,                                                                                                         // 11
		`drop index "ix_flow_run__schedule_id_scheduler" on table "flow_run": (deployment_id, (json_extract(created_by, '$.id')), next_scheduled_start_time) WHERE state_type = 'SCHEDULED' AND auto_scheduled = 1`, // 3
		`drop index "uq_flow_run_state__flow_run_id_timestamp_desc" on table "flow_run_state": changed: UNIQUE (flow_run_id, timestamp) → UNIQUE (flow_run_id, timestamp DESC)`,                                     // 11
		`add index "uq_flow_run_state__flow_run_id_timestamp_desc" on table "flow_run_state": UNIQUE (flow_run_id, timestamp DESC)`,                                                                                 // 11
		`drop index "ix_task_run__end_time_desc" on table "task_run": changed: (end_time) → (end_time DESC)`,                                                                                                        // 11
		`add index "ix_task_run__end_time_desc" on table "task_run": (end_time DESC)`,                                                                                                                               // 11
		`drop index "ix_task_run__expected_start_time_desc" on table "task_run": changed: (expected_start_time) → (expected_start_time DESC)`,                                                                       // 11
		`add index "ix_task_run__expected_start_time_desc" on table "task_run": (expected_start_time DESC)`,                                                                                                         // 11
		`drop index "uq_task_run_state__task_run_id_timestamp_desc" on table "task_run_state": changed: UNIQUE (task_run_id, timestamp) → UNIQUE (task_run_id, timestamp DESC)`,                                     // 11
		`add index "uq_task_run_state__task_run_id_timestamp_desc" on table "task_run_state": UNIQUE (task_run_id, timestamp DESC)`,                                                                                 // 11
		`alter column "work_queue"."priority": default 1 → none`,                                                                                                                                                    // 6
	},
}

// skipped is what the default include-object filter keeps out of the same
// comparison (check --explain): the drift that Prefect's own env.py hides.
var skipped = map[schema.Dialect][]string{
	schema.SQLite: {
		// 9: indexes made by hand, COLLATE NOCASE.
		`index "block_document"."ix_block_document_name_case_insensitive" (sqlite) by sqlite-gin-and-hand-made`,
		`index "block_type"."ix_block_type_name_case_insensitive" (sqlite) by sqlite-gin-and-hand-made`,
		`index "deployment"."ix_deployment_name_case_insensitive" (sqlite) by sqlite-gin-and-hand-made`,
		// 10: GIN indexes without ddl_if are not compared on SQLite.
		`index "events"."ix_events__related_gin" (sqlite) by sqlite-gin-and-hand-made`,
		`index "events"."ix_events__related_resource_ids_gin" (sqlite) by sqlite-gin-and-hand-made`,
		`index "flow"."ix_flow_name_case_insensitive" (sqlite) by sqlite-gin-and-hand-made`, // 9
		// 14: state_type columns are VARCHAR(9); the enum now needs 10.
		`column_type "flow_run"."state_type" (sqlite) by sqlite-enum-varchar`,
		`index "flow_run"."ix_flow_run_name_case_insensitive" (sqlite) by sqlite-gin-and-hand-made`, // 9
		`column_type "flow_run_state"."type" (sqlite) by sqlite-enum-varchar`,                       // 14
		`column_type "task_run"."state_type" (sqlite) by sqlite-enum-varchar`,                       // 14
		`index "task_run"."ix_task_run_name_case_insensitive" (sqlite) by sqlite-gin-and-hand-made`, // 9
		`column_type "task_run_state"."type" (sqlite) by sqlite-enum-varchar`,                       // 14
	},
}

// checkReport is the part of check --json's report the test reads.
type checkReport struct {
	Problems []struct {
		Check   string `json:"check"`
		Dialect string `json:"dialect"`
		Message string `json:"message"`
	} `json:"problems"`
	Changes map[schema.Dialect][]diff.Change `json:"changes"`
	Skipped map[schema.Dialect][]struct {
		Object string `json:"object"`
		Rule   string `json:"rule"`
	} `json:"skipped"`
}

// TestCheckReportsExactlyPrefectsDrift loads the databases Prefect's own
// migrations produced and checks them against the model with the default
// filter. Besides the drift, check reports one more problem, which the
// test expects too: the fixtures hold no revision (they are schema dumps
// whose alembic_version is empty), so the database is at base, not at the
// chain's head. A real Prefect database would name an Alembic revision
// there instead; adopting it is 'autogen stamp head' once its drift is
// settled.
func TestCheckReportsExactlyPrefectsDrift(t *testing.T) {
	for _, d := range schema.Dialects {
		t.Run(string(d), func(t *testing.T) {
			url := freshDB(t, d)
			if d == schema.Postgres {
				realschemas.LoadPostgres(t, url, "prefect/postgresql.sql")
			} else {
				realschemas.LoadSQLite(t, url, "prefect/sqlite.sql")
			}
			code, out := autogen(t, "check", "--db", url, "--json", "--explain")
			if code != cli.ExitDrift {
				t.Fatalf("check --db: exit %d, want %d\n%s", code, cli.ExitDrift, out)
			}
			var rep checkReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("check --json: %v\n%s", err, out)
			}
			var got []string
			for _, c := range rep.Changes[d] {
				got = append(got, c.String())
			}
			if !slices.Equal(got, drift[d]) {
				t.Errorf("changes on %s:\n got:\n  %s\nwant:\n  %s", d, strings.Join(got, "\n  "), strings.Join(drift[d], "\n  "))
			}
			var gotSkipped []string
			for _, s := range rep.Skipped[d] {
				gotSkipped = append(gotSkipped, s.Object+" by "+s.Rule)
			}
			if !slices.Equal(gotSkipped, skipped[d]) {
				t.Errorf("skipped on %s:\n got:\n  %s\nwant:\n  %s", d, strings.Join(gotSkipped, "\n  "), strings.Join(skipped[d], "\n  "))
			}
			head := chainHead(t, d)
			wantProblems := []string{
				fmt.Sprintf("database: the database %s differs from the model (%d changes)", url, len(drift[d])),
				fmt.Sprintf("database: the database is at revision base, not at the %s chain's head %s", d.Title(), head),
			}
			var gotProblems []string
			for _, p := range rep.Problems {
				gotProblems = append(gotProblems, p.Check+": "+p.Message)
			}
			if !slices.Equal(gotProblems, wantProblems) {
				t.Errorf("problems on %s:\n got:\n  %s\nwant:\n  %s", d, strings.Join(gotProblems, "\n  "), strings.Join(wantProblems, "\n  "))
			}
		})
	}
}

func chainHead(t *testing.T, d schema.Dialect) string {
	t.Helper()
	c := env().Chain(d)
	g, err := c.Graph()
	if err != nil {
		t.Fatal(err)
	}
	heads := g.Heads()
	if len(heads) != 1 {
		t.Fatalf("%s chain heads: %v", d, heads)
	}
	return heads[0]
}

// TestModelCounts pins the size of the model to the ORM's (the schema
// inventory's summary counts).
func TestModelCounts(t *testing.T) {
	m, err := model.Schema.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	var columns, indexes, fks, uniques, checks, pgOnly int
	for _, tb := range m.Tables {
		columns += len(tb.Columns)
		indexes += len(tb.Indexes)
		fks += len(tb.ForeignKeys)
		uniques += len(tb.Uniques)
		checks += len(tb.Checks)
		for _, x := range tb.Indexes {
			if !schema.AppliesTo(x.Only, schema.SQLite) {
				pgOnly++
			}
		}
	}
	got := fmt.Sprintf("%d tables, %d columns, %d indexes (%d PostgreSQL-only), %d foreign keys, %d unique constraints, %d check, %d enums",
		len(m.Tables), columns, indexes, pgOnly, fks, uniques, checks, len(m.Enums))
	want := "34 tables, 349 columns, 141 indexes (8 PostgreSQL-only), 31 foreign keys, 12 unique constraints, 1 check, 5 enums"
	if got != want {
		t.Errorf("model: %s\n want: %s", got, want)
	}
}
