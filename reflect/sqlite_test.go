package reflect

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
	"github.com/google/go-cmp/cmp"
)

// sqliteFixtures are the SQLite files of ../shared/realschemas. Files
// holding the same schema with or without rows share a golden file.
var sqliteFixtures = []struct {
	file, golden string
	tables       int
}{
	{"prefect/sqlite.sql", "prefect-sqlite", 35},
	{"sakila/sqlite.sql", "sakila-sqlite", 16},
	{"chinook/sqlite.sql", "chinook-sqlite", 11},
	{"chinook/sqlite-with-data.sql", "chinook-sqlite", 11},
	{"chinook/sqlite-autoincrement.sql", "chinook-sqlite-autoincrement", 11},
	{"northwind/sqlite.sql", "northwind-sqlite", 13},
	{"northwind/sqlite-with-data.sql", "northwind-sqlite", 13},
}

// execScript runs a script of statements in one transaction (the data
// files insert thousands of rows).
func execScript(t testing.TB, db *sql.DB, script string) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(script); err != nil {
		t.Fatalf("exec: %v\n%s", err, truncate(script, 2000))
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// reflectSQLiteFixture loads a fixture into a fresh database and reflects it.
func reflectSQLiteFixture(t *testing.T, file string) (*schema.Schema, *sql.DB) {
	t.Helper()
	script, err := os.ReadFile(fixtureFile(t, file))
	if err != nil {
		t.Fatal(err)
	}
	db := openSQLite(t)
	execScript(t, db, string(script))
	s, err := SQLite(context.Background(), db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, db
}

func TestSQLiteFixtures(t *testing.T) {
	for _, fx := range sqliteFixtures {
		t.Run(strings.TrimSuffix(fx.file, ".sql"), func(t *testing.T) {
			t.Parallel()
			s, db := reflectSQLiteFixture(t, fx.file)
			if got := len(s.Tables); got != fx.tables {
				t.Errorf("%d tables, want %d", got, fx.tables)
			}
			checkHiddenSQLite(t, s, db)
			checkGolden(t, fx.golden, s)
		})
	}
}

// checkHiddenSQLite asserts that internal tables, autoindexes and the
// version table are not reflected, although the database has them.
func checkHiddenSQLite(t *testing.T, s *schema.Schema, db *sql.DB) {
	t.Helper()
	for _, tb := range s.Tables {
		if strings.HasPrefix(strings.ToLower(tb.Name), "sqlite_") || tb.Name == DefaultVersionTable {
			t.Errorf("table %q is not hidden", tb.Name)
		}
		for _, x := range tb.Indexes {
			if strings.HasPrefix(x.Name, "sqlite_autoindex_") {
				t.Errorf("table %q: autoindex %q is reported as an index", tb.Name, x.Name)
			}
		}
	}
	// Every autoindex of a reflected table shows up as a key or unique
	// constraint.
	rows, err := db.Query(`SELECT m.tbl_name, count(*) FROM sqlite_schema m
		WHERE m.type = 'index' AND m.sql IS NULL GROUP BY m.tbl_name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		var n int
		if err := rows.Scan(&table, &n); err != nil {
			t.Fatal(err)
		}
		tb := s.Table(table)
		if tb == nil {
			continue
		}
		if have := len(tb.Uniques) + boolInt(tb.PrimaryKey != nil); have < n {
			t.Errorf("table %q has %d autoindexes but %d key and unique constraints", table, n, have)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestSQLitePrefect(t *testing.T) {
	s, _ := reflectSQLiteFixture(t, "prefect/sqlite.sql")

	got := countSchema(s)
	want := counts{tables: 35, columns: 367, indexes: 143, primaryKeys: 35, uniques: got.uniques, checks: 1, foreignKeys: got.foreignKeys}
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if len(s.Enums) != 0 || len(s.Extensions) != 0 {
		t.Errorf("enums %v, extensions %v on SQLite", s.Enums, s.Extensions)
	}

	flow := mustTable(t, s, "flow")
	wantCols := []*schema.Column{
		{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
		{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.ExprDefault(schema.SQL{schema.SQLite: "strftime('%Y-%m-%d %H:%M:%f000', 'now')"})},
		{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.ExprDefault(schema.SQL{schema.SQLite: "strftime('%Y-%m-%d %H:%M:%f000', 'now')"})},
		{Name: "name", Type: schema.String, NotNull: true},
		{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		{Name: "labels", Type: schema.JSON},
	}
	if diff := cmp.Diff(wantCols, flow.Columns); diff != "" {
		t.Errorf("flow columns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}}, flow.PrimaryKey); diff != "" {
		t.Errorf("flow primary key (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*schema.Unique{{Name: "uq_flow__name", Columns: []string{"name"}}}, flow.Uniques); diff != "" {
		t.Errorf("flow uniques (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&schema.Index{
		Name: "ix_flow_name_case_insensitive",
		Keys: []schema.IndexKey{{Column: "name", Collation: schema.SQL{schema.SQLite: "NOCASE"}}},
	}, mustIndex(t, flow, "ix_flow_name_case_insensitive")); diff != "" {
		t.Errorf("NOCASE index (-want +got):\n%s", diff)
	}
	// This one lost its COLLATE NOCASE in a batch rebuild (inventory, drift 9).
	if x := mustIndex(t, mustTable(t, s, "block_type"), "ix_block_type_name_case_insensitive"); x.Keys[0].Collation != nil {
		t.Errorf("ix_block_type_name_case_insensitive collation = %v, want none", x.Keys[0].Collation)
	}

	flowRun := mustTable(t, s, "flow_run")
	for col, typ := range map[string]schema.Type{
		"state_type":     schema.Varchar(9),
		"total_run_time": schema.TimestampTZ,
		"run_count":      schema.Integer,
		"auto_scheduled": schema.Boolean,
		"flow_id":        schema.UUID,
		"parameters":     schema.JSON,
	} {
		if c := mustColumn(t, flowRun, col); !c.Type.Equal(typ) {
			t.Errorf("flow_run.%s type = %+v, want %+v", col, c.Type, typ)
		}
	}
	if c := mustColumn(t, flowRun, "auto_scheduled"); !c.Default.Equal(schema.False) {
		t.Errorf("flow_run.auto_scheduled default = %+v, want false", c.Default)
	}
	if c := mustColumn(t, flowRun, "run_count"); !c.Default.Equal(schema.NumberDefault("0")) {
		t.Errorf("flow_run.run_count default = %+v, want 0", c.Default)
	}
	if c := mustColumn(t, mustTable(t, s, "worker"), "status"); !c.Type.Equal(schema.Varchar(7)) || !c.Default.Equal(schema.StringDefault("OFFLINE")) {
		t.Errorf("worker.status = %+v", c)
	}
	dv := mustTable(t, s, "deployment_version")
	if c := mustColumn(t, dv, "created"); !c.Default.Equal(schema.Now) {
		t.Errorf("deployment_version.created default = %+v, want now", c.Default)
	}
	if c := mustColumn(t, dv, "id"); !c.Default.Equal(schema.ExprDefault(schema.SQL{schema.SQLite: "GEN_RANDOM_UUID()"})) {
		t.Errorf("deployment_version.id default = %+v", c.Default)
	}
	if diff := cmp.Diff(&schema.Index{
		Name:  "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu",
		Keys:  []schema.IndexKey{{Column: "deployment_id"}, {Column: "auto_scheduled"}, {Column: "next_scheduled_start_time"}},
		Where: schema.SQL{schema.SQLite: "state_type = 'SCHEDULED'"},
	}, mustIndex(t, flowRun, "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu")); diff != "" {
		t.Errorf("partial index (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&schema.Index{
		Name: "ix_flow_run__schedule_id_scheduler",
		Keys: []schema.IndexKey{
			{Column: "deployment_id"},
			{Expr: schema.SQL{schema.SQLite: "json_extract(created_by, '$.id')"}},
			{Column: "next_scheduled_start_time"},
		},
		Where: schema.SQL{schema.SQLite: "state_type = 'SCHEDULED' AND auto_scheduled = 1"},
	}, mustIndex(t, flowRun, "ix_flow_run__schedule_id_scheduler")); diff != "" {
		t.Errorf("expression + partial index (-want +got):\n%s", diff)
	}

	artifact := mustTable(t, s, "artifact")
	if diff := cmp.Diff(&schema.Index{
		Name: "ix_artifact__key_created_desc",
		Keys: []schema.IndexKey{{Column: "key"}, {Column: "created", Desc: true}},
	}, mustIndex(t, artifact, "ix_artifact__key_created_desc")); diff != "" {
		t.Errorf("DESC index (-want +got):\n%s", diff)
	}

	ref := mustTable(t, s, "block_document_reference")
	if diff := cmp.Diff([]*schema.Check{{
		Name: "ck_block_document_reference__ck_block_document_reference__no_self_reference",
		Expr: schema.SQL{schema.SQLite: "parent_block_document_id != reference_block_document_id"},
	}}, ref.Checks); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
	agent := mustTable(t, s, "agent")
	if diff := cmp.Diff([]*schema.ForeignKey{{
		Name: "fk_agent__work_queue_id__work_queue", Columns: []string{"work_queue_id"},
		RefTable: "work_queue", RefColumns: []string{"id"},
	}}, agent.ForeignKeys); diff != "" {
		t.Errorf("agent foreign keys (-want +got):\n%s", diff)
	}
}

const sqliteFeatures = `
CREATE TABLE "Parent" (
	[Id] INTEGER PRIMARY KEY AUTOINCREMENT,
	` + "`code`" + ` TEXT NOT NULL COLLATE NOCASE UNIQUE,
	'quoted' VARCHAR(10) DEFAULT 'it''s' CHECK (length('quoted') > 0),
	price NUMERIC(8, 3) DEFAULT (1.5),
	neg INTEGER DEFAULT -1,
	flag BOOLEAN DEFAULT 0,
	created DATETIME DEFAULT CURRENT_TIMESTAMP,
	twice INTEGER GENERATED ALWAYS AS (neg * 2) VIRTUAL,
	-- a comment, with (parens and 'quotes'
	/* a block comment ) */
	CONSTRAINT "uq parent" UNIQUE (price, neg),
	CONSTRAINT ck_price CHECK ((price > 0))
	CONSTRAINT ck_neg CHECK (neg < 0)
);
CREATE TABLE child (
	id INTEGER NOT NULL CONSTRAINT child_pk PRIMARY KEY,
	parent_id INTEGER CONSTRAINT fk_parent REFERENCES "Parent" ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	a INT,
	b INT,
	other_id INTEGER REFERENCES Parent(Id) ON UPDATE SET NULL NOT NULL,
	FOREIGN KEY (a, b) REFERENCES pair (x, y) ON DELETE SET DEFAULT,
	CONSTRAINT fk_named FOREIGN KEY (b) REFERENCES pair (y) NOT DEFERRABLE,
	UNIQUE (a, b)
) WITHOUT ROWID;
CREATE TABLE pair (x INT, y INT, PRIMARY KEY (x, y), UNIQUE (y));
CREATE TABLE copy AS SELECT * FROM pair;
CREATE INDEX child_multi ON child (a DESC, b COLLATE NOCASE ASC, lower(a) COLLATE BINARY DESC, a + b COLLATE NOCASE)
	WHERE a > 0 AND b IS NOT NULL;
CREATE UNIQUE INDEX "Parent ix" ON "Parent" ((neg + 1), [code]);
CREATE INDEX IF NOT EXISTS child_expr ON child (  (a+b)  );
CREATE VIEW v AS SELECT * FROM child;
CREATE TRIGGER trg AFTER INSERT ON child BEGIN SELECT 1; END;
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE INDEX ix_alembic ON alembic_version (version_num);
CREATE VIRTUAL TABLE docs USING fts5(body);
INSERT INTO "Parent" (code, neg) VALUES ('a', -5);
CREATE TABLE early (late_id TEXT REFERENCES LATE);
CREATE TABLE late (id TEXT PRIMARY KEY);
`

func TestSQLiteFeatures(t *testing.T) {
	db := openSQLite(t)
	execScript(t, db, sqliteFeatures)
	s, err := SQLite(context.Background(), db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lite := func(text string) schema.SQL { return schema.SQL{schema.SQLite: text} }
	native := func(text string) schema.Type { return schema.NativeType(lite(text)) }
	want := &schema.Schema{Tables: []*schema.Table{
		{
			Name: "Parent",
			Columns: []*schema.Column{
				{Name: "Id", Type: schema.Integer, Identity: schema.IdentityAutoincrement},
				{Name: "code", Type: schema.Text, NotNull: true, Collation: lite("NOCASE")},
				{Name: "quoted", Type: schema.Varchar(10), Default: schema.StringDefault("it's")},
				{Name: "price", Type: schema.Numeric(8, 3), Default: schema.NumberDefault("1.5")},
				{Name: "neg", Type: schema.Integer, Default: schema.NumberDefault("-1")},
				{Name: "flag", Type: schema.Boolean, Default: schema.False},
				{Name: "created", Type: schema.TimestampTZ, Default: schema.Now},
				{Name: "twice", Type: schema.Integer},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"Id"}},
			Uniques: []*schema.Unique{
				{Columns: []string{"code"}},
				{Name: "uq parent", Columns: []string{"price", "neg"}},
			},
			Checks: []*schema.Check{
				{Expr: lite("length('quoted') > 0")},
				{Name: "ck_neg", Expr: lite("neg < 0")},
				{Name: "ck_price", Expr: lite("price > 0")},
			},
			Indexes: []*schema.Index{{
				Name:   "Parent ix",
				Keys:   []schema.IndexKey{{Expr: lite("neg + 1")}, {Column: "code"}},
				Unique: true,
			}},
		},
		{
			Name: "child",
			Columns: []*schema.Column{
				{Name: "id", Type: schema.Integer, NotNull: true},
				{Name: "parent_id", Type: schema.Integer},
				{Name: "a", Type: native("INT")},
				{Name: "b", Type: native("INT")},
				{Name: "other_id", Type: schema.Integer, NotNull: true},
			},
			PrimaryKey: &schema.PrimaryKey{Name: "child_pk", Columns: []string{"id"}},
			Uniques:    []*schema.Unique{{Columns: []string{"a", "b"}}},
			ForeignKeys: []*schema.ForeignKey{
				{Columns: []string{"a", "b"}, RefTable: "pair", RefColumns: []string{"x", "y"}, OnDelete: schema.SetDefault},
				{Columns: []string{"other_id"}, RefTable: "Parent", RefColumns: []string{"Id"}, OnUpdate: schema.SetNull},
				{Name: "fk_named", Columns: []string{"b"}, RefTable: "pair", RefColumns: []string{"y"}},
				{
					Name: "fk_parent", Columns: []string{"parent_id"}, RefTable: "Parent", RefColumns: []string{"Id"},
					OnDelete: schema.Cascade, Deferrable: true, InitiallyDeferred: true,
				},
			},
			Indexes: []*schema.Index{
				{Name: "child_expr", Keys: []schema.IndexKey{{Expr: lite("a+b")}}},
				{
					Name: "child_multi",
					Keys: []schema.IndexKey{
						{Column: "a", Desc: true},
						{Column: "b", Collation: lite("NOCASE")},
						{Expr: lite("lower(a)"), Collation: lite("BINARY"), Desc: true},
						{Expr: lite("a + b COLLATE NOCASE")},
					},
					Where: lite("a > 0 AND b IS NOT NULL"),
				},
			},
		},
		{
			Name:    "copy",
			Columns: []*schema.Column{{Name: "x", Type: native("INT")}, {Name: "y", Type: native("INT")}},
		},
		{
			Name:        "early",
			Columns:     []*schema.Column{{Name: "late_id", Type: schema.Text}},
			ForeignKeys: []*schema.ForeignKey{{Columns: []string{"late_id"}, RefTable: "LATE", RefColumns: []string{"id"}}},
		},
		{
			Name:       "late",
			Columns:    []*schema.Column{{Name: "id", Type: schema.Text}},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
		},
		{
			Name:       "pair",
			Columns:    []*schema.Column{{Name: "x", Type: native("INT")}, {Name: "y", Type: native("INT")}},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"x", "y"}},
			Uniques:    []*schema.Unique{{Columns: []string{"y"}}},
		},
	}, Unmanaged: []schema.UnmanagedObject{
		{Kind: schema.UnmanagedTrigger, Name: "trg", Tables: []string{"child"}, SQL: "CREATE TRIGGER trg AFTER INSERT ON child BEGIN SELECT 1; END"},
		{Kind: schema.UnmanagedView, Name: "v", Tables: []string{"child"}, SQL: "CREATE VIEW v AS SELECT * FROM child"},
		{Kind: schema.UnmanagedVirtualTable, Name: "docs", SQL: "CREATE VIRTUAL TABLE docs USING fts5(body)"},
	}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("reflected (-want +got):\n%s", diff)
	}

	// The version table shows when another one is named.
	shown, err := SQLite(context.Background(), db, Options{VersionTable: "other"})
	if err != nil {
		t.Fatal(err)
	}
	if tb := shown.Table("alembic_version"); tb == nil || len(tb.Indexes) != 1 {
		t.Errorf("alembic_version with Options.VersionTable other: %+v", tb)
	}
}

// sqliteObjects creates the same schema with its statements and table
// constraints in two different orders.
func sqliteObjects(reverse bool) string {
	tables := []string{
		`CREATE TABLE a (id INTEGER NOT NULL, name TEXT, kind VARCHAR(5), CONSTRAINT pk_a PRIMARY KEY (id), UNIQUE (name), UNIQUE (kind), CONSTRAINT ck_a_id CHECK (id > 0), CHECK (kind <> 'x'), CHECK (name <> ''));`,
		`CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id), c_id INTEGER, x INTEGER, y INTEGER, CONSTRAINT fk_b_c FOREIGN KEY (c_id) REFERENCES c (id) ON DELETE CASCADE, FOREIGN KEY (x) REFERENCES a (id));`,
		`CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER, CONSTRAINT fk_c_b FOREIGN KEY (b_id) REFERENCES b (id));`,
	}
	indexes := []string{
		"CREATE INDEX b_xy ON b (x DESC, y) WHERE x > 1;",
		"CREATE INDEX a_lower ON a (lower(name));",
		"CREATE UNIQUE INDEX c_b ON c (b_id COLLATE NOCASE);",
	}
	if reverse {
		tables = []string{
			`CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER, CONSTRAINT fk_c_b FOREIGN KEY (b_id) REFERENCES b (id));`,
			`CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER, c_id INTEGER, x INTEGER, y INTEGER, FOREIGN KEY (x) REFERENCES a (id), CONSTRAINT fk_b_c FOREIGN KEY (c_id) REFERENCES c (id) ON DELETE CASCADE, FOREIGN KEY (a_id) REFERENCES a (id));`,
			`CREATE TABLE a (id INTEGER NOT NULL, name TEXT UNIQUE, kind VARCHAR(5) UNIQUE, CHECK (name <> ''), CHECK (kind <> 'x'), CONSTRAINT ck_a_id CHECK (id > 0), CONSTRAINT pk_a PRIMARY KEY (id));`,
		}
		slices.Reverse(indexes)
	}
	return strings.Join(slices.Concat(tables, indexes), "\n")
}

func TestSQLiteOrderIndependence(t *testing.T) {
	var got [2]*schema.Schema
	for i, reverse := range []bool{false, true} {
		db := openSQLite(t)
		execScript(t, db, sqliteObjects(reverse))
		s, err := SQLite(context.Background(), db, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got[i] = s
	}
	if diff := cmp.Diff(got[0], got[1]); diff != "" {
		t.Errorf("the same schema created in another order reflects differently (-forward +reverse):\n%s", diff)
	}
	if c := countSchema(got[0]); c.tables != 3 || c.indexes != 3 || c.foreignKeys != 4 || c.uniques != 2 || c.checks != 3 {
		t.Errorf("counts = %+v", c)
	}
}

func TestSQLiteStatementCount(t *testing.T) {
	ctx := context.Background()
	var statements []int64
	for _, n := range []int{10, 1000} {
		db := openSQLite(t)
		execScript(t, db, genSchema(schema.SQLite, n))
		q := &countingQuerier{q: db}
		s, err := SQLite(ctx, q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		c := countSchema(s)
		if c.tables != n || c.columns != 10*n || c.indexes != 3*n+(n+4)/5 || c.foreignKeys != n-1 || c.uniques != n || c.checks != n {
			t.Errorf("%d tables: counts = %+v", n, c)
		}
		statements = append(statements, q.n.Load())
	}
	if statements[0] != statements[1] || statements[0] != sqliteQueryCount {
		t.Errorf("statements for 10 and 1,000 tables = %v, want %d for both", statements, sqliteQueryCount)
	}
}

func TestSQLiteUnknownDialect(t *testing.T) {
	if _, err := Database(context.Background(), "oracle", nil, Options{}); err == nil {
		t.Error("Database accepted an unknown dialect")
	}
}

func BenchmarkReflectSQLite(b *testing.B) {
	db, err := sql.Open("sqlite", filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	execScript(b, db, genSchema(schema.SQLite, 1000))
	ctx := context.Background()
	for b.Loop() {
		if _, err := SQLite(ctx, db, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
