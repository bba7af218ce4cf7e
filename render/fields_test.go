package render

import (
	"reflect"
	"slices"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// TestEveryFieldIsRendered fails when a struct that render writes as Go
// gains a field render does not know: the field would be dropped from
// generated files without a word. Teach values.go or ops.go the field,
// then add it here.
func TestEveryFieldIsRendered(t *testing.T) {
	known := map[reflect.Type][]string{
		reflect.TypeFor[schema.Schema]():           {"Enums", "Tables", "Extensions", "Naming", "Sequences", "Domains", "Unmanaged"},
		reflect.TypeFor[schema.Sequence]():         {"Name", "Type", "Start", "Increment", "MinValue", "MaxValue", "Cache", "Cycle", "OwnerTable", "OwnerColumn"},
		reflect.TypeFor[schema.Domain]():           {"Name", "Type", "NotNull", "Default", "Collation", "Checks"},
		reflect.TypeFor[schema.UnmanagedObject]():  {"Kind", "Name", "Tables", "SQL", "Domain"}, // in a comment: a model does not use them
		reflect.TypeFor[schema.Extension]():        {"Name"},
		reflect.TypeFor[schema.Enum]():             {"Name", "Values", "SQLiteCheck"},
		reflect.TypeFor[schema.Table]():            {"Name", "Columns", "PrimaryKey", "Uniques", "Checks", "ForeignKeys", "Indexes", "Comment", "Only", "PartitionBy"},
		reflect.TypeFor[schema.Column]():           {"Name", "Type", "NotNull", "Default", "Comment", "Identity", "Collation"},
		reflect.TypeFor[schema.PrimaryKey]():       {"Name", "Columns", "Generated"},
		reflect.TypeFor[schema.Unique]():           {"Name", "Columns", "Generated"},
		reflect.TypeFor[schema.Check]():            {"Name", "Expr", "Generated"},
		reflect.TypeFor[schema.ForeignKey]():       {"Name", "Columns", "RefTable", "RefColumns", "OnDelete", "OnUpdate", "Deferrable", "InitiallyDeferred", "Generated"},
		reflect.TypeFor[schema.Index]():            {"Name", "Keys", "Unique", "Where", "Include", "Method", "NullsNotDistinct", "Only", "Generated"},
		reflect.TypeFor[schema.IndexKey]():         {"Column", "Expr", "Desc", "Opclass", "Collation", "Nulls"},
		reflect.TypeFor[schema.Default]():          {"Kind", "Value", "SQL"},
		reflect.TypeFor[schema.Type]():             {"Kind", "Length", "Precision", "Scale", "Enum", "Domain", "Elem", "Native"},
		reflect.TypeFor[schema.NamingConvention](): {"Index", "Unique", "Check", "ForeignKey", "PrimaryKey"},

		reflect.TypeFor[migrations.CreateTable]():       {"Table"},
		reflect.TypeFor[migrations.DropTable]():         {"Table"},
		reflect.TypeFor[migrations.RenameTable]():       {"Table", "To"},
		reflect.TypeFor[migrations.AlterTableComment](): {"Table", "Comment"},
		reflect.TypeFor[migrations.AddColumn]():         {"Table", "Column"},
		reflect.TypeFor[migrations.DropColumn]():        {"Table", "Column"},
		reflect.TypeFor[migrations.RenameColumn]():      {"Table", "Column", "To"},
		reflect.TypeFor[migrations.AlterColumn]():       {"Table", "Column", "Type", "NotNull", "Default", "Using", "FillNulls", "Comment", "Collation", "Identity", "AddIdentity"},
		reflect.TypeFor[migrations.CreateIndex]():       {"Table", "Index", "Concurrently"},
		reflect.TypeFor[migrations.DropIndex]():         {"Table", "Index", "Concurrently"},
		reflect.TypeFor[migrations.AddForeignKey]():     {"Table", "ForeignKey"},
		reflect.TypeFor[migrations.DropForeignKey]():    {"Table", "Name"},
		reflect.TypeFor[migrations.AddUnique]():         {"Table", "Unique"},
		reflect.TypeFor[migrations.DropUnique]():        {"Table", "Name"},
		reflect.TypeFor[migrations.AddCheck]():          {"Table", "Check"},
		reflect.TypeFor[migrations.DropCheck]():         {"Table", "Name"},
		reflect.TypeFor[migrations.CreateEnum]():        {"Enum"},
		reflect.TypeFor[migrations.DropEnum]():          {"Enum"},
		reflect.TypeFor[migrations.AddEnumValue]():      {"Enum", "Value", "Before", "After"},
		reflect.TypeFor[migrations.CreateExtension]():   {"Name"},
		reflect.TypeFor[migrations.DropExtension]():     {"Name"},
		reflect.TypeFor[migrations.CreateSequence]():    {"Sequence"},
		reflect.TypeFor[migrations.AlterSequence]():     {"Sequence"},
		reflect.TypeFor[migrations.DropSequence]():      {"Name"},
		reflect.TypeFor[migrations.CreateDomain]():      {"Domain"},
		reflect.TypeFor[migrations.DropDomain]():        {"Name"},
		reflect.TypeFor[migrations.AlterDomain]():       {"Name", "NotNull", "Default", "AddCheck", "DropCheck"},
		reflect.TypeFor[migrations.RebuildEnum]():       {"Enum", "Columns"},
		reflect.TypeFor[migrations.EnumColumn]():        {"Table", "Column", "Array", "Default"},
		reflect.TypeFor[migrations.AddPrimaryKey]():     {"Table", "PrimaryKey"},
		reflect.TypeFor[migrations.DropPrimaryKey]():    {"Table", "Name"},
		reflect.TypeFor[migrations.Exec]():              {"SQL"},
		reflect.TypeFor[migrations.Run]():               {"Func"}, // refused: a function has no source
		reflect.TypeFor[migrations.Batch]():             {"Table", "Ops"},
		reflect.TypeFor[migrations.Autocommit]():        {"Ops"},
	}
	for typ, fields := range known {
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() && !slices.Contains(fields, f.Name) {
				t.Errorf("render does not write field %s of %s", f.Name, typ)
			}
		}
	}
}
