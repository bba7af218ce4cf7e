package reflect

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
	"github.com/google/go-cmp/cmp"
)

// pgFixtures are the PostgreSQL files of ../shared/realschemas that load on
// PostgreSQL 15, with the golden file each is compared with. Files holding
// the same schema with or without rows share a golden file: data must not
// change what is reflected.
var pgFixtures = []struct {
	file, golden string
	tables       int
}{
	{"prefect/postgresql.sql", "prefect-postgresql", 35},
	{"sakila/postgresql.sql", "sakila-postgresql", 15},
	{"chinook/postgresql.sql", "chinook-postgresql", 11},
	{"chinook/postgresql-with-data.sql", "chinook-postgresql", 11},
	{"chinook/postgresql-serial.sql", "chinook-postgresql-serial", 11},
	{"northwind/postgresql.sql", "northwind-postgresql", 14},
	{"northwind/postgresql-with-data.sql", "northwind-postgresql", 14},
	{"pagila/postgresql.sql", "pagila-postgresql", 15},
}

// reflectPGFixture loads a fixture into a fresh database and reflects it.
func reflectPGFixture(t *testing.T, file string) *schema.Schema {
	t.Helper()
	path := fixtureFile(t, file)
	db, url := openPostgres(t)
	psqlFile(t, url, path)
	s, err := Postgres(context.Background(), db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPostgresFixtures(t *testing.T) {
	for _, fx := range pgFixtures {
		t.Run(strings.TrimSuffix(fx.file, ".sql"), func(t *testing.T) {
			t.Parallel()
			s := reflectPGFixture(t, fx.file)
			if got := len(s.Tables); got != fx.tables {
				t.Errorf("%d tables, want %d", got, fx.tables)
			}
			if s.Table(DefaultVersionTable) != nil {
				t.Errorf("the version table %q is not hidden", DefaultVersionTable)
			}
			checkGolden(t, fx.golden, s)
		})
	}
}

func TestPostgresPrefect(t *testing.T) {
	s := reflectPGFixture(t, "prefect/postgresql.sql")

	got := countSchema(s)
	want := counts{tables: 35, columns: 367, indexes: 148, primaryKeys: 35, uniques: got.uniques, checks: 1, foreignKeys: got.foreignKeys}
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	wantEnums := []*schema.Enum{
		{Name: "deployment_status", Values: []string{"READY", "NOT_READY"}},
		{Name: "state_type", Values: []string{"SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "CRASHED", "PAUSED", "CANCELLING"}},
		{Name: "work_pool_status", Values: []string{"READY", "NOT_READY", "PAUSED"}},
		{Name: "work_queue_status", Values: []string{"READY", "NOT_READY", "PAUSED"}},
		{Name: "worker_status", Values: []string{"ONLINE", "OFFLINE"}},
	}
	if diff := cmp.Diff(wantEnums, s.Enums); diff != "" {
		t.Errorf("enums (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]schema.Extension{{Name: "pg_trgm"}}, s.Extensions); diff != "" {
		t.Errorf("extensions (-want +got):\n%s", diff)
	}

	flow := mustTable(t, s, "flow")
	if diff := cmp.Diff(&schema.Index{
		Name:   "trgm_ix_flow_name",
		Keys:   []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}},
		Method: "gin",
	}, mustIndex(t, flow, "trgm_ix_flow_name")); diff != "" {
		t.Errorf("trgm_ix_flow_name (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}}, flow.PrimaryKey); diff != "" {
		t.Errorf("flow primary key (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*schema.Unique{{Name: "uq_flow__name", Columns: []string{"name"}}}, flow.Uniques); diff != "" {
		t.Errorf("flow uniques (-want +got):\n%s", diff)
	}
	wantCols := []*schema.Column{
		{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
		{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
		{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
		{Name: "name", Type: schema.String, NotNull: true},
		{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		{Name: "labels", Type: schema.JSON},
	}
	if diff := cmp.Diff(wantCols, flow.Columns); diff != "" {
		t.Errorf("flow columns (-want +got):\n%s", diff)
	}

	flowRun := mustTable(t, s, "flow_run")
	if c := mustColumn(t, flowRun, "state_type"); !c.Type.Equal(schema.EnumType("state_type")) {
		t.Errorf("flow_run.state_type type = %+v, want enum state_type", c.Type)
	}
	if c := mustColumn(t, flowRun, "auto_scheduled"); !c.Default.Equal(schema.False) {
		t.Errorf("flow_run.auto_scheduled default = %+v, want false", c.Default)
	}
	if diff := cmp.Diff(&schema.Index{
		Name: "ix_flow_run__coalesce_start_time_expected_start_time_desc",
		Keys: []schema.IndexKey{{Expr: schema.SQL{schema.Postgres: "COALESCE(start_time, expected_start_time)"}, Desc: true}},
	}, mustIndex(t, flowRun, "ix_flow_run__coalesce_start_time_expected_start_time_desc")); diff != "" {
		t.Errorf("coalesce index (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&schema.Index{
		Name:  "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu",
		Keys:  []schema.IndexKey{{Column: "deployment_id"}, {Column: "auto_scheduled"}, {Column: "next_scheduled_start_time"}},
		Where: schema.SQL{schema.Postgres: "state_type = 'SCHEDULED'::state_type"},
	}, mustIndex(t, flowRun, "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu")); diff != "" {
		t.Errorf("partial index (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&schema.Index{
		Name: "ix_flow_run__schedule_id_scheduler",
		Keys: []schema.IndexKey{
			{Column: "deployment_id"},
			{Expr: schema.SQL{schema.Postgres: "(created_by ->> 'id'::text)"}},
			{Column: "next_scheduled_start_time"},
		},
		Where: schema.SQL{schema.Postgres: "state_type = 'SCHEDULED'::state_type AND auto_scheduled = true"},
	}, mustIndex(t, flowRun, "ix_flow_run__schedule_id_scheduler")); diff != "" {
		t.Errorf("expression + partial index (-want +got):\n%s", diff)
	}
	if fk := flowRun.ForeignKey("fk_flow_run__flow_id__flow"); fk == nil || fk.OnDelete != schema.Cascade ||
		fk.RefTable != "flow" || !slices.Equal(fk.RefColumns, []string{"id"}) {
		t.Errorf("fk_flow_run__flow_id__flow = %+v", fk)
	}

	state := mustTable(t, s, "flow_run_state")
	if diff := cmp.Diff(&schema.Index{
		Name:   "uq_flow_run_state__flow_run_id_timestamp_desc",
		Keys:   []schema.IndexKey{{Column: "flow_run_id"}, {Column: "timestamp", Desc: true}},
		Unique: true,
	}, mustIndex(t, state, "uq_flow_run_state__flow_run_id_timestamp_desc")); diff != "" {
		t.Errorf("unique DESC index (-want +got):\n%s", diff)
	}

	artifact := mustTable(t, s, "artifact")
	if diff := cmp.Diff(&schema.Index{
		Name:    "ix_artifact__key_created_desc",
		Keys:    []schema.IndexKey{{Column: "key"}, {Column: "created", Desc: true}},
		Include: []string{"id", "updated", "type", "task_run_id", "flow_run_id"},
	}, mustIndex(t, artifact, "ix_artifact__key_created_desc")); diff != "" {
		t.Errorf("INCLUDE index (-want +got):\n%s", diff)
	}

	ref := mustTable(t, s, "block_document_reference")
	if diff := cmp.Diff([]*schema.Check{{
		Name: "ck_block_document_reference__ck_block_document_referenc_824f",
		Expr: schema.SQL{schema.Postgres: "parent_block_document_id <> reference_block_document_id"},
	}}, ref.Checks); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
	if fk := ref.ForeignKey("fk_block_document_reference__parent_block_document_id___328f"); fk == nil {
		t.Errorf("truncated FK name not reflected; have %+v", ref.ForeignKeys)
	}
	for _, tb := range s.Tables {
		for _, x := range tb.Indexes {
			if tb.PrimaryKey != nil && x.Name == tb.PrimaryKey.Name {
				t.Errorf("table %q: the primary key's index is reported as an index", tb.Name)
			}
		}
	}
}

// TestPostgresFeatures covers what the fixtures do not: identity columns,
// arrays of enums, comments, collations, NULLS FIRST/LAST, operator
// classes, INCLUDE, NULLS NOT DISTINCT, deferrable foreign keys, generated
// columns, and the objects reflection hides.
func TestPostgresFeatures(t *testing.T) {
	db, _ := openPostgres(t)
	execSQL(t, db, `
CREATE FUNCTION f(integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
CREATE TABLE parent (
	id bigint GENERATED ALWAYS AS IDENTITY,
	code text COLLATE "C" NOT NULL,
	moods mood[],
	m mood DEFAULT 'ok',
	serial_col serial,
	price numeric(8,3) DEFAULT 1.5,
	neg integer DEFAULT -1,
	flag boolean DEFAULT true,
	label varchar(20) DEFAULT 'x''y',
	created timestamptz DEFAULT now(),
	uid uuid DEFAULT gen_random_uuid(),
	twice integer GENERATED ALWAYS AS (neg * 2) STORED,
	"Mixed Case" text,
	CONSTRAINT parent_pkey PRIMARY KEY (id),
	CONSTRAINT parent_code_key UNIQUE (code),
	CONSTRAINT parent_price_check CHECK (price > 0 AND price < 1000)
);
COMMENT ON TABLE parent IS 'the parent';
COMMENT ON COLUMN parent.code IS 'a code';
CREATE TABLE child (
	id integer GENERATED BY DEFAULT AS IDENTITY,
	parent_id bigint,
	a integer,
	b integer,
	CONSTRAINT child_pkey PRIMARY KEY (id),
	CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id)
		ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
	CONSTRAINT child_ba_key UNIQUE (b, a),
	CONSTRAINT child_positive CHECK (f(a))
);
CREATE INDEX child_multi ON child (a DESC NULLS LAST, b NULLS FIRST) INCLUDE (parent_id) WHERE a > 0;
CREATE UNIQUE INDEX child_nnd ON child (a) NULLS NOT DISTINCT;
CREATE INDEX parent_code_pattern ON parent (code text_pattern_ops);
CREATE INDEX parent_code_posix ON parent (code COLLATE "POSIX");
CREATE INDEX parent_lower ON parent (lower(code));
CREATE INDEX parent_lower_posix ON parent (lower(code) COLLATE "POSIX" DESC);
CREATE INDEX parent_neg ON parent ((neg + 1));
CREATE INDEX parent_hash ON parent USING hash (code);
CREATE VIEW v AS SELECT * FROM parent;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM parent;
CREATE INDEX mv_id ON mv (id);
CREATE SEQUENCE s;
CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE meas (id integer, at date NOT NULL, CONSTRAINT meas_pkey PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE meas_2024 PARTITION OF meas FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX meas_at ON meas (at);
CREATE TABLE base (id integer);
CREATE TABLE derived (extra integer) INHERITS (base);
CREATE DOMAIN year AS integer DEFAULT 2000 NOT NULL CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE DOMAIN unused_domain AS text;
CREATE DOMAIN moody AS mood;
CREATE SEQUENCE shared_seq AS integer START WITH 10 INCREMENT BY 5 CACHE 20;
CREATE SEQUENCE down_seq INCREMENT BY -1;
CREATE TABLE dated (
	id integer DEFAULT nextval('shared_seq'::regclass) NOT NULL,
	y year,
	feeling moody,
	d integer DEFAULT nextval('down_seq'),
	CONSTRAINT dated_pkey PRIMARY KEY (id)
);
CREATE SEQUENCE owned_only;
ALTER SEQUENCE owned_only OWNED BY dated.d;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER dated_touch BEFORE UPDATE ON dated FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER meas_touch BEFORE UPDATE ON meas FOR EACH ROW EXECUTE FUNCTION touch();
CREATE RULE dated_noop AS ON DELETE TO dated DO INSTEAD NOTHING;
CREATE VIEW v2 AS SELECT p.id, c.a FROM parent p JOIN child c ON c.parent_id = p.id;
CREATE SCHEMA other;
CREATE TABLE other.elsewhere (id integer, CONSTRAINT elsewhere_parent_fk FOREIGN KEY (id) REFERENCES public.child (id));
`[1:])
	ctx := context.Background()
	s, err := Postgres(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range s.Tables {
		names = append(names, tb.Name)
	}
	if want := []string{"base", "child", "dated", "meas", "parent"}; !slices.Equal(names, want) {
		t.Errorf("tables = %q, want %q", names, want)
	}
	if diff := cmp.Diff([]*schema.Enum{{Name: "mood", Values: []string{"sad", "meh", "ok", "happy"}}}, s.Enums); diff != "" {
		t.Errorf("enums (-want +got):\n%s", diff)
	}
	if len(s.Extensions) != 0 {
		t.Errorf("extensions = %v, want none (plpgsql is left out)", s.Extensions)
	}

	pg := func(text string) schema.SQL { return schema.SQL{schema.Postgres: text} }
	wantParent := &schema.Table{
		Name: "parent",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.BigInt, NotNull: true, Identity: "always"},
			{Name: "code", Type: schema.Text, NotNull: true, Collation: pg("C"), Comment: "a code"},
			{Name: "moods", Type: schema.ArrayOf(schema.EnumType("mood"))},
			{Name: "m", Type: schema.EnumType("mood"), Default: schema.StringDefault("ok")},
			{Name: "serial_col", Type: schema.Integer, NotNull: true, Default: schema.NextVal("parent_serial_col_seq")},
			{Name: "price", Type: schema.Numeric(8, 3), Default: schema.NumberDefault("1.5")},
			{Name: "neg", Type: schema.Integer, Default: schema.NumberDefault("-1")},
			{Name: "flag", Type: schema.Boolean, Default: schema.True},
			{Name: "label", Type: schema.Varchar(20), Default: schema.StringDefault("x'y")},
			{Name: "created", Type: schema.TimestampTZ, Default: schema.Now},
			{Name: "uid", Type: schema.UUID, Default: schema.GenerateUUID},
			{Name: "twice", Type: schema.Integer},
			{Name: "Mixed Case", Type: schema.Text},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "parent_pkey", Columns: []string{"id"}},
		Uniques:    []*schema.Unique{{Name: "parent_code_key", Columns: []string{"code"}}},
		Checks: []*schema.Check{{
			Name: "parent_price_check",
			Expr: pg("(price > (0)::numeric) AND (price < (1000)::numeric)"),
		}},
		Indexes: []*schema.Index{
			{Name: "parent_code_pattern", Keys: []schema.IndexKey{{Column: "code", Opclass: "text_pattern_ops"}}},
			{Name: "parent_code_posix", Keys: []schema.IndexKey{{Column: "code", Collation: pg("POSIX")}}},
			{Name: "parent_hash", Keys: []schema.IndexKey{{Column: "code"}}, Method: "hash"},
			{Name: "parent_lower", Keys: []schema.IndexKey{{Expr: pg("lower(code)")}}},
			{Name: "parent_lower_posix", Keys: []schema.IndexKey{{Expr: pg("lower(code)"), Collation: pg("POSIX"), Desc: true}}},
			{Name: "parent_neg", Keys: []schema.IndexKey{{Expr: pg("(neg + 1)")}}},
		},
		Comment: "the parent",
	}
	if diff := cmp.Diff(wantParent, s.Table("parent")); diff != "" {
		t.Errorf("parent (-want +got):\n%s", diff)
	}

	wantChild := &schema.Table{
		Name: "child",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.Integer, NotNull: true, Identity: "by default"},
			{Name: "parent_id", Type: schema.BigInt},
			{Name: "a", Type: schema.Integer},
			{Name: "b", Type: schema.Integer},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "child_pkey", Columns: []string{"id"}},
		Uniques:    []*schema.Unique{{Name: "child_ba_key", Columns: []string{"b", "a"}}},
		Checks:     []*schema.Check{{Name: "child_positive", Expr: pg("f(a)")}},
		ForeignKeys: []*schema.ForeignKey{{
			Name: "child_parent_fk", Columns: []string{"parent_id"}, RefTable: "parent", RefColumns: []string{"id"},
			OnDelete: schema.SetNull, OnUpdate: schema.Cascade, Deferrable: true, InitiallyDeferred: true,
		}},
		Indexes: []*schema.Index{
			{
				Name:    "child_multi",
				Keys:    []schema.IndexKey{{Column: "a", Desc: true, Nulls: "last"}, {Column: "b", Nulls: "first"}},
				Include: []string{"parent_id"},
				Where:   pg("a > 0"),
			},
			{Name: "child_nnd", Keys: []schema.IndexKey{{Column: "a"}}, Unique: true, NullsNotDistinct: true},
		},
	}
	if diff := cmp.Diff(wantChild, s.Table("child")); diff != "" {
		t.Errorf("child (-want +got):\n%s", diff)
	}

	meas := mustTable(t, s, "meas")
	if diff := cmp.Diff([]*schema.Index{{Name: "meas_at", Keys: []schema.IndexKey{{Column: "at"}}}}, meas.Indexes); diff != "" {
		t.Errorf("partitioned table's indexes (-want +got):\n%s", diff)
	}
	if meas.PartitionBy != "RANGE (at)" {
		t.Errorf("meas.PartitionBy = %q, want RANGE (at)", meas.PartitionBy)
	}

	wantDated := []*schema.Column{
		{Name: "id", Type: schema.Integer, NotNull: true, Default: schema.NextVal("shared_seq")},
		{Name: "y", Type: schema.DomainType("year")},
		{Name: "feeling", Type: schema.DomainType("moody")},
		{Name: "d", Type: schema.Integer, Default: schema.NextVal("down_seq")},
	}
	if diff := cmp.Diff(wantDated, mustTable(t, s, "dated").Columns); diff != "" {
		t.Errorf("dated columns (-want +got):\n%s", diff)
	}
	wantSeqs := []*schema.Sequence{
		{Name: "down_seq", Increment: -1},
		{Name: "owned_only", OwnerTable: "dated", OwnerColumn: "d"},
		{Name: "parent_serial_col_seq", Type: schema.Integer, OwnerTable: "parent", OwnerColumn: "serial_col"},
		{Name: "shared_seq", Type: schema.Integer, Start: 10, Increment: 5, Cache: 20},
	}
	if diff := cmp.Diff(wantSeqs, s.Sequences); diff != "" {
		t.Errorf("sequences (-want +got):\n%s", diff)
	}
	wantDomains := []*schema.Domain{
		{Name: "moody", Type: schema.EnumType("mood")},
		{
			Name: "year", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("2000"),
			Checks: []*schema.Check{{Name: "year_check", Expr: pg("(VALUE >= 1901) AND (VALUE <= 2155)")}},
		},
	}
	if diff := cmp.Diff(wantDomains, s.Domains); diff != "" {
		t.Errorf("domains (-want +got):\n%s", diff)
	}
	wantUnmanaged := []schema.UnmanagedObject{
		{Kind: schema.UnmanagedDomain, Name: "unused_domain", Domain: &schema.Domain{Name: "unused_domain", Type: schema.Text}},
		{Kind: schema.UnmanagedFunction, Name: "f(integer)"},
		{Kind: schema.UnmanagedFunction, Name: "touch()"},
		{Kind: schema.UnmanagedInheritanceChild, Name: "derived", Tables: []string{"base"}},
		{Kind: schema.UnmanagedMaterializedView, Name: "mv", Tables: []string{"parent"}},
		{Kind: schema.UnmanagedPartition, Name: "meas_2024", Tables: []string{"meas"}},
		{Kind: schema.UnmanagedRule, Name: "dated_noop", Tables: []string{"dated"}},
		{Kind: schema.UnmanagedSequence, Name: "s"},
		{Kind: schema.UnmanagedTrigger, Name: "dated_touch", Tables: []string{"dated"}},
		{Kind: schema.UnmanagedTrigger, Name: "meas_touch", Tables: []string{"meas"}},
		{Kind: schema.UnmanagedView, Name: "v", Tables: []string{"parent"}},
		{Kind: schema.UnmanagedView, Name: "v2", Tables: []string{"child", "parent"}},
	}
	if diff := cmp.Diff(wantUnmanaged, s.Unmanaged); diff != "" {
		t.Errorf("unmanaged objects (-want +got):\n%s", diff)
	}

	// Another namespace, and the version table under another name.
	other, err := Postgres(ctx, db, Options{Schema: "other", VersionTable: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if len(other.Tables) != 1 || other.Tables[0].Name != "elsewhere" {
		t.Fatalf("schema other: tables %+v", other.Tables)
	}
	if fk := other.Tables[0].ForeignKeys; len(fk) != 1 || fk[0].RefTable != "public.child" {
		t.Errorf("cross-namespace FK = %+v, want RefTable public.child", fk)
	}
	if len(other.Enums) != 0 {
		t.Errorf("schema other: enums %+v", other.Enums)
	}
	shown, err := Postgres(ctx, db, Options{VersionTable: "something_else"})
	if err != nil {
		t.Fatal(err)
	}
	if shown.Table("alembic_version") == nil {
		t.Error("alembic_version hidden although Options.VersionTable names another table")
	}
}

// pgObjects creates the same schema with its statements in two different
// orders.
func pgObjects(reverse bool) string {
	enums := []string{
		"CREATE TYPE color AS ENUM ('red', 'green', 'blue');",
		"CREATE TYPE size AS ENUM ('s', 'm', 'l');",
	}
	tables := []string{
		`CREATE TABLE a (id integer, name text, c color, CONSTRAINT a_pkey PRIMARY KEY (id), CONSTRAINT a_name_key UNIQUE (name), CONSTRAINT a_id_check CHECK (id > 0), CONSTRAINT a_c_check CHECK (c <> 'red'));`,
		`CREATE TABLE b (id integer, a_id integer, s size, x integer, y integer, CONSTRAINT b_pkey PRIMARY KEY (id), CONSTRAINT b_x_key UNIQUE (x), CONSTRAINT b_xy_key UNIQUE (x, y));`,
		`CREATE TABLE c (id integer, b_id integer, a_id integer, CONSTRAINT c_pkey PRIMARY KEY (id));`,
	}
	if reverse {
		tables = []string{
			`CREATE TABLE c (id integer, b_id integer, a_id integer, CONSTRAINT c_pkey PRIMARY KEY (id));`,
			`CREATE TABLE b (id integer, a_id integer, s size, x integer, y integer, CONSTRAINT b_xy_key UNIQUE (x, y), CONSTRAINT b_x_key UNIQUE (x), CONSTRAINT b_pkey PRIMARY KEY (id));`,
			`CREATE TABLE a (id integer, name text, c color, CONSTRAINT a_c_check CHECK (c <> 'red'), CONSTRAINT a_id_check CHECK (id > 0), CONSTRAINT a_name_key UNIQUE (name), CONSTRAINT a_pkey PRIMARY KEY (id));`,
		}
	}
	later := []string{
		"ALTER TABLE b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id);",
		"ALTER TABLE c ADD CONSTRAINT c_b_fk FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE CASCADE;",
		"ALTER TABLE c ADD CONSTRAINT c_a_fk FOREIGN KEY (a_id) REFERENCES a (id);",
		"CREATE INDEX b_s ON b (s);",
		"CREATE INDEX b_xy ON b (x DESC, y) WHERE x > 1;",
		"CREATE INDEX a_lower ON a (lower(name));",
		"CREATE INDEX c_b ON c (b_id);",
	}
	if reverse {
		slices.Reverse(enums)
		slices.Reverse(later)
	}
	return strings.Join(slices.Concat(enums, tables, later), "\n")
}

func TestPostgresOrderIndependence(t *testing.T) {
	ctx := context.Background()
	var got [2]*schema.Schema
	for i, reverse := range []bool{false, true} {
		db, _ := openPostgres(t)
		execSQL(t, db, pgObjects(reverse))
		s, err := Postgres(ctx, db, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got[i] = s
	}
	if diff := cmp.Diff(got[0], got[1]); diff != "" {
		t.Errorf("the same schema created in another order reflects differently (-forward +reverse):\n%s", diff)
	}
	if c := countSchema(got[0]); c.tables != 3 || c.indexes != 4 || c.foreignKeys != 3 || c.uniques != 3 || c.checks != 2 {
		t.Errorf("counts = %+v", c)
	}
}

func TestPostgresStatementCount(t *testing.T) {
	ctx := context.Background()
	var statements []int64
	for _, n := range []int{10, 1000} {
		db, _ := openPostgres(t)
		execSQL(t, db, genSchema(schema.Postgres, n))
		q := &countingQuerier{q: db}
		s, err := Postgres(ctx, q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		c := countSchema(s)
		if c.tables != n || c.columns != 10*n || c.indexes != 3*n+(n+4)/5 || c.foreignKeys != n-1 {
			t.Errorf("%d tables: counts = %+v", n, c)
		}
		statements = append(statements, q.n.Load())
	}
	if statements[0] != statements[1] || statements[0] != pgQueryCount {
		t.Errorf("statements for 10 and 1,000 tables = %v, want %d for both", statements, pgQueryCount)
	}
}

func BenchmarkReflectPostgres(b *testing.B) {
	db, _ := openPostgres(b)
	execSQL(b, db, genSchema(schema.Postgres, 1000))
	ctx := context.Background()
	if _, err := Postgres(ctx, db, Options{}); err != nil { // warm the pool and caches
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Postgres(ctx, db, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
