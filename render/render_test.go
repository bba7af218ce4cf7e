package render

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// gofmtClean fails unless src is what gofmt makes of it.
func gofmtClean(t *testing.T, name string, src []byte) {
	t.Helper()
	formatted, err := format.Source(src)
	if err != nil {
		t.Fatalf("%s: not valid Go: %v", name, err)
	}
	if !bytes.Equal(formatted, src) {
		t.Errorf("%s is not gofmt-clean", name)
	}
}

var created = time.Date(2026, 11, 21, 22, 35, 5, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

var stateType = &schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "CANCELLING"}}

func enums(es ...*schema.Enum) schema.EnumLookup {
	return (&schema.Schema{Enums: es}).Lookup()
}

// flowTable is a table in the style of Prefect's, using most column types,
// defaults, keys and indexes.
func flowTable() *schema.Table {
	return &schema.Table{
		Name: "flow",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.Varchar(255), NotNull: true, Collation: schema.SQL{schema.Postgres: "C", schema.SQLite: "NOCASE"}},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.ExprDefault(schema.Expr("'[]'"))},
			{Name: "labels", Type: schema.JSON, Comment: "free-form key/value labels"},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}, Generated: true},
		Uniques:    []*schema.Unique{{Name: "uq_flow__name", Columns: []string{"name"}, Generated: true}},
		Indexes: []*schema.Index{
			{Name: "ix_flow__created", Keys: []schema.IndexKey{{Column: "created", Desc: true}}},
		},
		Comment: "A flow: a workflow definition.",
	}
}

func flowRunTable() *schema.Table {
	return &schema.Table{
		Name: "flow_run",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "seq", Type: schema.BigInt, NotNull: true, Identity: "by default"},
			{Name: "flow_id", Type: schema.UUID, NotNull: true},
			{Name: "state_type", Type: schema.EnumType("state_type")},
			{Name: "run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
			{Name: "total_run_time", Type: schema.Interval, NotNull: true, Default: schema.ExprDefault(schema.SQL{schema.Postgres: "'00:00:00'::interval", schema.SQLite: "'1970-01-01 00:00:00.000000'"})},
			{Name: "cost", Type: schema.Numeric(10, 2)},
			{Name: "auto_scheduled", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "start_time", Type: schema.TimestampTZ},
			{Name: "expected_start_time", Type: schema.TimestampTZ},
			{Name: "name", Type: schema.Text, NotNull: true, Default: schema.StringDefault("unnamed")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow_run", Columns: []string{"id"}},
		Checks: []*schema.Check{
			{Name: "ck_flow_run__run_count_positive", Expr: schema.Expr("run_count >= 0")},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_flow_run__flow_id__flow", Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"},
				OnDelete: schema.Cascade, Deferrable: true, InitiallyDeferred: true},
		},
		Indexes: []*schema.Index{
			{Name: "ix_flow_run__flow_id", Keys: []schema.IndexKey{{Column: "flow_id"}}},
			{Name: "ix_flow_run__coalesce_start_time_expected_start_time_desc",
				Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(start_time, expected_start_time)"), Desc: true}}},
			{Name: "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu",
				Keys:  []schema.IndexKey{{Column: "flow_id"}, {Column: "auto_scheduled"}, {Column: "expected_start_time", Nulls: "last"}},
				Where: schema.SQL{schema.Postgres: "state_type = 'SCHEDULED'::state_type", schema.SQLite: "state_type = 'SCHEDULED'"}},
			{Name: "trgm_ix_flow_run_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: []schema.Dialect{schema.Postgres}},
			{Name: "uq_flow_run__flow_id_name", Keys: []schema.IndexKey{{Column: "flow_id"}, {Column: "name"}}, Unique: true,
				Include: []string{"state_type"}, NullsNotDistinct: true, Only: []schema.Dialect{schema.Postgres}},
		},
	}
}

// migrationCase is one golden migration file. recordUp and recordDown,
// when set, are what the generated file records instead of the operations
// it was rendered from (on SQLite, enum types become VARCHARs).
type migrationCase struct {
	name                 string
	file                 File
	recordUp, recordDown []migrations.Operation
}

// Hostile text: quotes, backslashes, backquotes, comment markers, code,
// every kind of line break, a bidirectional override, NUL, invalid UTF-8.
const hostile = "Fix \"quotes\", `ticks` and \\ */ /* \n}\nfunc init() { panic(1) }\n//go:generate rm -rf /\r\nCR\rLS\u2028PS\u2029 \u202eevil\u202c \x00nul \xff\xfe\ttab"

func migrationCases() []migrationCase {
	var cases []migrationCase

	// The first PostgreSQL migration: extensions, enums, tables.
	cases = append(cases, migrationCase{name: "postgresql_initial", file: File{
		Dialect:  schema.Postgres,
		Revision: "a1b2c3d4e5f6",
		Message:  "Initial schema",
		Created:  created,
		Upgrade: []migrations.Operation{
			migrations.CreateExtension{Name: "pg_trgm"},
			migrations.CreateEnum{Enum: stateType},
			migrations.CreateTable{Table: flowTable()},
			migrations.CreateTable{Table: flowRunTable()},
		},
		Downgrade: []migrations.Operation{
			migrations.DropTable{Table: "flow_run"},
			migrations.DropTable{Table: "flow"},
			migrations.DropEnum{Enum: "state_type"},
			migrations.DropExtension{Name: "pg_trgm"},
		},
		DowngradeNotes: map[int][]string{
			0: {`Drops table "flow_run" and its data.`},
			1: {`Drops table "flow" and its data.`},
		},
	}})

	// Every other operation, one by one, with hazard notes.
	cases = append(cases, migrationCase{name: "postgresql_changes", file: File{
		Dialect:       schema.Postgres,
		Revision:      "b2c3d4e5f6a1",
		DownRevisions: []string{"a1b2c3d4e5f6"},
		Message:       "Rework flow runs",
		Created:       created.Add(time.Hour),
		Upgrade: []migrations.Operation{
			migrations.RenameTable{Table: "flow_run", To: "run"},
			&migrations.AddColumn{Table: "run", Column: &schema.Column{Name: "tags", Type: schema.ArrayOf(schema.Text), Default: schema.ExprDefault(schema.Expr("'{}'"))}},
			migrations.AddColumn{Table: "run", Column: &schema.Column{Name: "search", Type: schema.NativeType(schema.SQL{schema.Postgres: "tsvector"})}},
			migrations.DropColumn{Table: "run", Column: "cost"},
			migrations.RenameColumn{Table: "run", Column: "name", To: "title"},
			migrations.AlterColumn{Table: "run", Column: "run_count", Type: ptr(schema.BigInt)},
			migrations.AlterColumn{Table: "run", Column: "title", Type: ptr(schema.Varchar(200)), Using: "left(title, 200)",
				NotNull: ptr(true), FillNulls: "''", Default: ptr(schema.StringDefault("untitled"))},
			migrations.AlterColumn{Table: "run", Column: "auto_scheduled", NotNull: ptr(false), Default: &schema.Default{}},
			migrations.AlterColumn{Table: "run", Column: "label", Type: ptr(schema.Text), Collation: ptr("POSIX")},
			migrations.AlterColumn{Table: "run", Column: "number", NotNull: ptr(true), Default: &schema.Default{}, Identity: ptr("always"), AddIdentity: true},
			migrations.AlterColumn{Table: "run", Column: "seq", Identity: ptr("by default")},
			migrations.AlterColumn{Table: "run", Column: "old_seq", Identity: ptr("")},
			migrations.CreateIndex{Table: "run", Index: &schema.Index{Name: "ix_run__title", Keys: []schema.IndexKey{{Column: "title", Collation: schema.Collate("C")}}}},
			migrations.CreateIndex{Table: "run", Index: &schema.Index{Name: "ix_run__search", Keys: []schema.IndexKey{{Column: "search"}}, Method: "gin"}, Concurrently: true},
			migrations.DropIndex{Table: "run", Index: "ix_flow_run__flow_id"},
			migrations.DropIndex{Table: "run", Index: "trgm_ix_flow_run_name", Concurrently: true},
			migrations.DropForeignKey{Table: "run", Name: "fk_flow_run__flow_id__flow"},
			migrations.AddForeignKey{Table: "run", ForeignKey: &schema.ForeignKey{Name: "fk_run__flow_id__flow", Columns: []string{"flow_id"},
				RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.SetNull, OnUpdate: schema.Restrict}},
			migrations.AddUnique{Table: "run", Unique: &schema.Unique{Name: "uq_run__seq", Columns: []string{"seq"}}},
			migrations.DropUnique{Table: "flow", Name: "uq_flow__name"},
			migrations.AddCheck{Table: "run", Check: &schema.Check{Name: "ck_run__title_not_blank", Expr: schema.Expr("title <> ''").On(schema.SQLite, "trim(title) <> ''")}},
			migrations.DropCheck{Table: "run", Name: "ck_flow_run__run_count_positive"},
			migrations.AddEnumValue{Enum: "state_type", Value: "PAUSED", After: "RUNNING"},
			migrations.AddEnumValue{Enum: "state_type", Value: "CRASHED"},
			migrations.AddEnumValue{Enum: "state_type", Value: "AWAITING", Before: "RUNNING"},
			migrations.Exec{SQL: "UPDATE run SET title = 'untitled' WHERE title = ''"},
			migrations.Exec{SQL: "UPDATE run\nSET tags = '{}'\nWHERE tags IS NULL;\n"},
			migrations.AlterTableComment{Table: "run", Comment: "A run of a flow."},
			migrations.AlterColumn{Table: "run", Column: "title", Comment: ptr("Shown in the UI.")},
		},
		UpgradeNotes: map[int][]string{
			3: {`Drops column "run"."cost" and its data.`},
			6: {`Narrows the type of "run"."title": longer values are cut.`, "Existing NULLs become ''."},
		},
		Downgrade: []migrations.Operation{
			migrations.AlterColumn{Table: "run", Column: "title", Comment: ptr("")},
			migrations.AlterTableComment{Table: "run"},
			migrations.Exec{SQL: "DELETE FROM run WHERE state_type IN ('PAUSED', 'CRASHED', 'AWAITING')"},
			migrations.AddCheck{Table: "run", Check: &schema.Check{Name: "ck_flow_run__run_count_positive", Expr: schema.Expr("run_count >= 0")}},
			migrations.DropCheck{Table: "run", Name: "ck_run__title_not_blank"},
			migrations.AddUnique{Table: "flow", Unique: &schema.Unique{Name: "uq_flow__name", Columns: []string{"name"}, Generated: true}},
			migrations.DropUnique{Table: "run", Name: "uq_run__seq"},
			migrations.DropForeignKey{Table: "run", Name: "fk_run__flow_id__flow"},
			migrations.AddForeignKey{Table: "run", ForeignKey: &schema.ForeignKey{Name: "fk_flow_run__flow_id__flow", Columns: []string{"flow_id"},
				RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade, Deferrable: true, InitiallyDeferred: true}},
			migrations.CreateIndex{Table: "run", Index: &schema.Index{Name: "trgm_ix_flow_run_name", Keys: []schema.IndexKey{{Column: "title", Opclass: "gin_trgm_ops"}},
				Method: "gin", Only: []schema.Dialect{schema.Postgres}}},
			migrations.CreateIndex{Table: "run", Index: &schema.Index{Name: "ix_flow_run__flow_id", Keys: []schema.IndexKey{{Column: "flow_id"}}}},
			migrations.DropIndex{Table: "run", Index: "ix_run__search", Concurrently: true},
			migrations.DropIndex{Table: "run", Index: "ix_run__title"},
			migrations.AlterColumn{Table: "run", Column: "auto_scheduled", NotNull: ptr(true), FillNulls: "false", Default: ptr(schema.False)},
			migrations.AlterColumn{Table: "run", Column: "title", Type: ptr(schema.Text), NotNull: ptr(true), Default: ptr(schema.StringDefault("unnamed"))},
			migrations.AlterColumn{Table: "run", Column: "run_count", Type: ptr(schema.Integer)},
			migrations.RenameColumn{Table: "run", Column: "title", To: "name"},
			migrations.AddColumn{Table: "run", Column: &schema.Column{Name: "cost", Type: schema.Numeric(10, 2)}},
			migrations.DropColumn{Table: "run", Column: "search"},
			migrations.DropColumn{Table: "run", Column: "tags"},
			migrations.RenameTable{Table: "run", To: "flow_run"},
		},
		DowngradeNotes: map[int][]string{
			2:  {"PostgreSQL cannot drop enum values: PAUSED, CRASHED and AWAITING stay in state_type."},
			17: {`Restores column "run"."cost" empty: its data is not recovered.`},
			18: {`Drops column "run"."search" and its data.`},
			19: {`Drops column "run"."tags" and its data.`},
		},
	}})

	// A merge of two heads, with nothing to do either way.
	cases = append(cases, migrationCase{name: "postgresql_merge", file: File{
		Dialect:       schema.Postgres,
		Revision:      "c3d4e5f6a1b2",
		DownRevisions: []string{"b2c3d4e5f6a1", "0f1e2d3c4b5a"},
		Message:       "Merge heads",
		Created:       created.Add(2 * time.Hour),
	}})

	// Sequences, domains, the rebuild of an enum and primary keys.
	year := &schema.Domain{Name: "year", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("2000"),
		Checks: []*schema.Check{{Name: "year_check", Expr: schema.Expr("VALUE > 1900")}}}
	cases = append(cases, migrationCase{name: "postgresql_objects", file: File{
		Dialect:       schema.Postgres,
		Revision:      "a6b5c4d3e2f1",
		DownRevisions: []string{"c3d4e5f6a1b2"},
		Message:       "Sequences, domains, enums and keys",
		Created:       created.Add(150 * time.Minute),
		Upgrade: []migrations.Operation{
			migrations.Autocommit{Ops: []migrations.Operation{
				migrations.AddEnumValue{Enum: "state_type", Value: "PAUSED", After: "RUNNING"},
				migrations.AddEnumValue{Enum: "state_type", Value: "LATE", Before: "PENDING"},
			}},
			migrations.CreateSequence{Sequence: &schema.Sequence{Name: "run_seq_seq", Type: schema.Integer}},
			migrations.CreateSequence{Sequence: &schema.Sequence{Name: "odd_seq", Start: 5, Increment: -1, MinValue: -9, MaxValue: 9, Cache: 3, Cycle: true}},
			migrations.AlterSequence{Sequence: &schema.Sequence{Name: "run_seq_seq", Type: schema.Integer, OwnerTable: "run", OwnerColumn: "seq"}},
			migrations.CreateDomain{Domain: year},
			migrations.AlterDomain{Name: "year", NotNull: ptr(false)},
			migrations.AlterDomain{Name: "year", Default: ptr(schema.NumberDefault("1999"))},
			migrations.AlterDomain{Name: "year", AddCheck: &schema.Check{Name: "year_max", Expr: schema.Expr("VALUE < 3000")}},
			migrations.AlterDomain{Name: "year", DropCheck: "year_check"},
			migrations.AlterDomain{Name: "year", NotNull: ptr(true), Default: &schema.Default{}, DropCheck: "year_max"},
			migrations.RebuildEnum{Enum: &schema.Enum{Name: "state_type", Values: []string{"RUNNING", "PENDING"}}, Columns: []migrations.EnumColumn{
				{Table: "run", Column: "state_type", Default: ptr(schema.StringDefault("PENDING"))},
				{Table: "run", Column: "history", Array: true},
			}},
			migrations.DropPrimaryKey{Table: "run", Name: "pk_flow_run"},
			migrations.AddPrimaryKey{Table: "run", PrimaryKey: &schema.PrimaryKey{Name: "pk_run", Columns: []string{"id", "seq"}}},
		},
		Downgrade: []migrations.Operation{
			migrations.Batch{Table: "run", Ops: []migrations.Operation{
				migrations.DropPrimaryKey{Table: "run", Name: "pk_run"},
				migrations.AddPrimaryKey{Table: "run", PrimaryKey: &schema.PrimaryKey{Name: "pk_flow_run", Columns: []string{"id"}}},
			}},
			migrations.RebuildEnum{Enum: stateType},
			migrations.DropDomain{Name: "year"},
			migrations.DropSequence{Name: "odd_seq"},
			migrations.DropSequence{Name: "run_seq_seq"},
		},
	}})

	// Hostile text everywhere text can go.
	weird := "we\"ird\\name`*/"
	cases = append(cases, migrationCase{name: "postgresql_hostile", file: File{
		Dialect:       schema.Postgres,
		Revision:      "d4e5f6a1b2c3",
		DownRevisions: []string{"c3d4e5f6a1b2", "weird\"rev\n*/ }"},
		Message:       hostile,
		Created:       created.Add(3 * time.Hour),
		Upgrade: []migrations.Operation{
			migrations.CreateTable{Table: &schema.Table{
				Name: weird,
				Columns: []*schema.Column{
					{Name: "col\nnewline", Type: schema.Text, Default: schema.StringDefault("it's */ \"quoted\" \\ `tick`\n"), Comment: hostile},
					{Name: "ünïcødé 名前 😀", Type: schema.NativeType(schema.SQL{schema.Postgres: `character varying(10) COLLATE "C"`})},
				},
				Checks:  []*schema.Check{{Name: "ck_multi_line", Expr: schema.Expr("length(\"col\nnewline\") < 10\n-- a comment */ in SQL")}},
				Comment: "line one\nline two */",
			}},
			migrations.Exec{SQL: "-- */ /* not a comment end\nSELECT '`';\n"},
			migrations.Exec{SQL: "SELECT 1;\n-- */ }\nfunc evil() {\nSELECT 2;"},
			migrations.Exec{SQL: "SELECT '\r\n';\nSELECT 2;"},
			migrations.Exec{SQL: "SELECT '\u202e';\nSELECT 2;"},
			migrations.Exec{SQL: "SELECT '\x00\xff';\nSELECT 2;"},
		},
		UpgradeNotes: map[int][]string{
			0: {"note with */ and /* open", "\n}\nfunc evil() {", "// already a comment", "/* block */"},
			1: {"\u2028 line separator \u202e override"},
		},
		Downgrade: []migrations.Operation{migrations.DropTable{Table: weird}},
	}})

	// The first SQLite migration: enum columns become VARCHARs.
	sqliteFlowRun := flowRunTable()
	sqliteFlowRun.Columns[3] = &schema.Column{Name: "state_type", Type: schema.Varchar(10)}
	cases = append(cases, migrationCase{
		name: "sqlite_initial",
		file: File{
			Dialect:  schema.SQLite,
			Revision: "e5f6a1b2c3d4",
			Message:  "Initial schema",
			Created:  created,
			Enums:    enums(stateType),
			Upgrade: []migrations.Operation{
				migrations.CreateTable{Table: flowTable()},
				migrations.CreateTable{Table: flowRunTable()},
			},
			Downgrade: []migrations.Operation{
				migrations.DropTable{Table: "flow_run"},
				migrations.DropTable{Table: "flow"},
			},
		},
		recordUp: []migrations.Operation{
			migrations.CreateTable{Table: flowTable()},
			migrations.CreateTable{Table: sqliteFlowRun},
		},
	})

	// SQLite changes to one table come as a batch.
	batchUp := func(state schema.Type) migrations.Operation {
		return migrations.Batch{Table: "run", Ops: []migrations.Operation{
			migrations.AddColumn{Table: "run", Column: &schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.ExprDefault(schema.Expr("'[]'"))}},
			migrations.AddColumn{Table: "run", Column: &schema.Column{Name: "state", Type: state}},
			migrations.DropColumn{Table: "run", Column: "cost"},
			migrations.RenameColumn{Table: "run", Column: "name", To: "title"},
			migrations.AlterColumn{Table: "run", Column: "title", NotNull: ptr(true), FillNulls: "''"},
			migrations.AlterColumn{Table: "run", Column: "run_count", Type: ptr(schema.BigInt)},
			&migrations.CreateIndex{Table: "run", Index: &schema.Index{Name: "ix_run__title", Keys: []schema.IndexKey{{Column: "title"}}}},
			migrations.DropIndex{Table: "run", Index: "ix_flow_run__flow_id"},
			migrations.DropForeignKey{Table: "run", Name: "fk_flow_run__flow_id__flow"},
			migrations.AddForeignKey{Table: "run", ForeignKey: &schema.ForeignKey{Name: "fk_run__flow_id__flow", Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.SetNull}},
			migrations.AddUnique{Table: "run", Unique: &schema.Unique{Name: "uq_run__seq", Columns: []string{"seq"}}},
			migrations.DropUnique{Table: "run", Name: "uq_flow_run__flow_id_name"},
			migrations.AddCheck{Table: "run", Check: &schema.Check{Name: "ck_run__title_not_blank", Expr: schema.Expr("trim(title) <> ''")}},
			migrations.DropCheck{Table: "run", Name: "ck_flow_run__run_count_positive"},
		}}
	}
	batchFile := File{
		Dialect:       schema.SQLite,
		Revision:      "f6a1b2c3d4e5",
		DownRevisions: []string{"e5f6a1b2c3d4"},
		Message:       "Rework flow runs",
		Created:       created.Add(time.Hour),
		Enums:         enums(stateType),
		Upgrade: []migrations.Operation{
			migrations.RenameTable{Table: "flow_run", To: "run"},
			batchUp(schema.EnumType("state_type")),
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{
				migrations.AlterColumn{Table: "flow", Column: "name", Type: ptr(schema.EnumType("state_type")), Default: ptr(schema.StringDefault("PENDING").On(schema.SQLite, "'PENDING'"))},
			}},
		},
		UpgradeNotes: map[int][]string{1: {`Drops column "run"."cost" and its data.`, `Rebuilds table "run".`}},
		Downgrade: []migrations.Operation{
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{
				migrations.AlterColumn{Table: "flow", Column: "name", Type: ptr(schema.Varchar(255)), Default: &schema.Default{}},
			}},
			migrations.Batch{Table: "run", Ops: []migrations.Operation{
				migrations.AddCheck{Table: "run", Check: &schema.Check{Name: "ck_flow_run__run_count_positive", Expr: schema.Expr("run_count >= 0")}},
				migrations.DropCheck{Table: "run", Name: "ck_run__title_not_blank"},
				migrations.DropUnique{Table: "run", Name: "uq_run__seq"},
				migrations.DropForeignKey{Table: "run", Name: "fk_run__flow_id__flow"},
				migrations.AddForeignKey{Table: "run", ForeignKey: &schema.ForeignKey{Name: "fk_flow_run__flow_id__flow", Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade}},
				migrations.CreateIndex{Table: "run", Index: &schema.Index{Name: "ix_flow_run__flow_id", Keys: []schema.IndexKey{{Column: "flow_id"}}}},
				migrations.DropIndex{Table: "run", Index: "ix_run__title"},
				migrations.AlterColumn{Table: "run", Column: "run_count", Type: ptr(schema.Integer)},
				migrations.AlterColumn{Table: "run", Column: "title", NotNull: ptr(false)},
				migrations.RenameColumn{Table: "run", Column: "title", To: "name"},
				migrations.AddColumn{Table: "run", Column: &schema.Column{Name: "cost", Type: schema.Numeric(10, 2)}},
				migrations.DropColumn{Table: "run", Column: "state"},
				migrations.DropColumn{Table: "run", Column: "tags"},
			}},
			migrations.RenameTable{Table: "run", To: "flow_run"},
		},
		DowngradeNotes: map[int][]string{1: {`Drops columns "run"."state" and "run"."tags" and their data.`, `Rebuilds table "run".`}},
	}
	cases = append(cases, migrationCase{
		name: "sqlite_batch",
		file: batchFile,
		recordUp: []migrations.Operation{
			batchFile.Upgrade[0],
			batchUp(schema.Varchar(10)),
			migrations.Batch{Table: "flow", Ops: []migrations.Operation{
				migrations.AlterColumn{Table: "flow", Column: "name", Type: ptr(schema.Varchar(10)), Default: ptr(schema.StringDefault("PENDING").On(schema.SQLite, "'PENDING'"))},
			}},
		},
	})
	return cases
}

func TestMigrationGolden(t *testing.T) {
	for _, c := range migrationCases() {
		t.Run(c.name, func(t *testing.T) {
			got, err := Migration(nil, c.file)
			if err != nil {
				t.Fatal(err)
			}
			gofmtClean(t, c.name, got)
			golden(t, c.name+".golden", got)
		})
	}
}

func TestChainFileGolden(t *testing.T) {
	for _, d := range schema.Dialects {
		got, err := ChainFile(string(d), d)
		if err != nil {
			t.Fatal(err)
		}
		gofmtClean(t, string(d), got)
		golden(t, "chain_"+string(d)+".golden", got)
	}
	if _, err := ChainFile("postgresql", "mysql"); err == nil || !strings.Contains(err.Error(), `"mysql"`) {
		t.Errorf("ChainFile with an unknown dialect: err = %v", err)
	}
	if _, err := ChainFile("not a name", schema.SQLite); err == nil {
		t.Error("ChainFile with a bad package name: no error")
	}
}

func TestMigrationImportsSchemaOnlyWhenUsed(t *testing.T) {
	f := File{Dialect: schema.SQLite, Revision: "abc", Created: created,
		Upgrade: []migrations.Operation{migrations.DropColumn{Table: "t", Column: "c"}}}
	got, err := Migration(nil, f)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(got, []byte(schemaPath)) || !bytes.Contains(got, []byte("import \""+migrationsPath+"\"\n")) {
		t.Errorf("want only the migrations import:\n%s", got)
	}
	if bytes.Contains(got, []byte("DownRevisions")) || bytes.Contains(got, []byte("Revises")) {
		t.Errorf("a first migration has no DownRevisions field and no Revises line:\n%s", got)
	}
	// A message with nothing to show gets no comment lines, and notes with
	// nothing to show get none either.
	f.Message = " \n\t"
	f.UpgradeNotes = map[int][]string{0: {"", "  "}}
	got, err = Migration(nil, f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got, []byte("\n\n// Revision: abc\n")) || bytes.Contains(got, []byte("\n\t//")) {
		t.Errorf("blank message or notes left comment lines:\n%s", got)
	}
}

// customOp is an Operation render does not know.
type customOp struct{}

func (customOp) TableName() string { return "" }

func TestMigrationErrors(t *testing.T) {
	base := func(up ...migrations.Operation) File {
		return File{Dialect: schema.Postgres, Revision: "abc123", Created: created, Upgrade: up}
	}
	withNotes := base(migrations.DropTable{Table: "t"})
	withNotes.DowngradeNotes = map[int][]string{0: {"no such operation"}}
	badRev := base()
	badRev.Revision = "12-34"
	badDialect := base()
	badDialect.Dialect = "mysql"
	emptyDown := base()
	emptyDown.DownRevisions = []string{""}
	sqliteEnum := base(migrations.AddColumn{Table: "t", Column: &schema.Column{Name: "c", Type: schema.EnumType("mood")}})
	sqliteEnum.Dialect = schema.SQLite
	sqliteUnknownEnum := sqliteEnum
	sqliteUnknownEnum.Enums = enums(stateType)
	for _, c := range []struct {
		name string
		file File
		want string
	}{
		{"run", base(migrations.DropTable{Table: "t"}, migrations.Run{}), "upgrade operation 2 (Run): a Run operation holds a Go function"},
		{"note out of range", withNotes, "downgrade note for operation 0: there are 0 operations"},
		{"bad revision", badRev, `revision ID "12-34"`},
		{"bad dialect", badDialect, `unknown dialect "mysql"`},
		{"empty down revision", emptyDown, "empty down revision"},
		{"enum without lookup", sqliteEnum, `upgrade operation 1 (AddColumn on table "t"): column "c": enum "mood": no enum definitions given`},
		{"unknown enum", sqliteUnknownEnum, `enum "mood" is not defined`},
		{"batch on another table", base(migrations.Batch{Table: "a", Ops: []migrations.Operation{migrations.DropColumn{Table: "b", Column: "c"}}}),
			`upgrade operation 1 (Batch on table "a"): step 1 (DropColumn on table "b"): a batch on table "a" holds a change to table "b"`},
		{"table op in batch", base(migrations.Batch{Table: "a", Ops: []migrations.Operation{migrations.DropTable{Table: "a"}}}),
			"step 1 (DropTable on table \"a\"): migrations.DropTable cannot be part of a batch"},
		{"concurrent index in batch", base(migrations.Batch{Table: "a", Ops: []migrations.Operation{migrations.CreateIndex{Table: "a", Index: &schema.Index{Name: "x"}, Concurrently: true}}}),
			"a concurrent index cannot be created inside a batch"},
		{"nil operation", base(nil), "upgrade operation 1 (<nil>): nil operation"},
		{"nil pointer", base((*migrations.DropTable)(nil)), "upgrade operation 1 (*migrations.DropTable): nil *migrations.DropTable"},
		{"nil table", base(migrations.CreateTable{}), "upgrade operation 1 (CreateTable): no table"},
		{"nil column", base(migrations.AddColumn{Table: "t"}), `upgrade operation 1 (AddColumn on table "t"): no column`},
		{"unknown operation", base(customOp{}), "unknown operation type render.customOp"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Migration(nil, c.file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

func TestCustomTemplate(t *testing.T) {
	tmpl, err := ParseTemplate("script.go.tmpl", `package {{.Package}}

{{.Imports}}

{{comment .Message}}
// {{.Dialect.Title}} {{.Created}}
func init() {
	Chain.Add(migrations.Migration{Revision: {{quote .Revision}}, Message: {{quote .Message}}, DownRevisions: {{stringSlice .DownRevisions}}, Upgrade: func(op *migrations.Op) {
{{.Upgrade}}
	}})
}
`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Migration(tmpl, File{Dialect: schema.SQLite, Revision: "abc", DownRevisions: []string{"x"}, Message: "two\nlines", Created: created,
		Upgrade: []migrations.Operation{migrations.DropColumn{Table: "t", Column: "c"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := `package sqlite

import "github.com/autogen-dev/autogen/migrations"

// two
// lines
// SQLite 2026-11-21 22:35:05
func init() {
	Chain.Add(migrations.Migration{Revision: "abc", Message: "two\nlines", DownRevisions: []string{"x"}, Upgrade: func(op *migrations.Op) {
		op.DropColumn("t", "c")
	}})
}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	broken, err := ParseTemplate("broken", "package {{.Package}}\nfunc {")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Migration(broken, File{Dialect: schema.SQLite, Revision: "abc"}); err == nil || !strings.Contains(err.Error(), "template broken does not produce valid Go") {
		t.Errorf("broken template: err = %v", err)
	}
	if _, err := ParseTemplate("bad", "{{.Nope"); err == nil {
		t.Error("ParseTemplate accepted a malformed template")
	}
}
