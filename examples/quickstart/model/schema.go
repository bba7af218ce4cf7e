// Package model is the quickstart's schema: a small slice of a workflow
// engine, written as a plain autogen model.
package model

import "github.com/autogen-dev/autogen/schema"

// StateType is the state of a flow run.
var StateType = &schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "RUNNING", "COMPLETED", "FAILED"}}

// Schema is the model that autogen keeps the migrations in step with.
var Schema = &schema.Schema{
	Naming: &schema.PrefectNaming,
	Enums:  []*schema.Enum{StateType},
	Tables: []*schema.Table{
		{
			Name: "flow",
			Columns: []*schema.Column{
				{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
				{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
				{Name: "name", Type: schema.String, NotNull: true},
				{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
			Uniques:    []*schema.Unique{{Columns: []string{"name"}}},
		},
		{
			Name: "flow_run",
			Columns: []*schema.Column{
				{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
				{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
				{Name: "flow_id", Type: schema.UUID, NotNull: true},
				{Name: "state_type", Type: StateType.Type()},
				{Name: "expected_start_time", Type: schema.TimestampTZ},
			},
			PrimaryKey:  &schema.PrimaryKey{Columns: []string{"id"}},
			ForeignKeys: []*schema.ForeignKey{{Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade}},
			Indexes: []*schema.Index{
				{Keys: schema.Cols("flow_id")},
				{Name: "ix_flow_run__expected_start_time_desc", Keys: []schema.IndexKey{{Column: "expected_start_time", Desc: true}}},
			},
		},
	},
}
