package model

import "github.com/autogen-dev/autogen/schema"

// Flow is the flow table (Flow).
var Flow = &schema.Table{
	Name: "flow",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "labels", Type: schema.JSON},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"name"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "ix_flow__created", Keys: schema.Cols("created")},
		{Name: "trgm_ix_flow_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
	},
}

// FlowRunState is the flow_run_state table (FlowRunState).
var FlowRunState = &schema.Table{
	Name: "flow_run_state",
	Columns: baseColumns(
		&schema.Column{Name: "flow_run_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "type", Type: StateType.Type(), NotNull: true},
		&schema.Column{Name: "timestamp", Type: schema.TimestampTZ, NotNull: true, Default: now},
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "message", Type: schema.String},
		&schema.Column{Name: "state_details", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "data", Type: schema.JSON},
		&schema.Column{Name: "result_artifact_id", Type: schema.UUID},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"flow_run_id"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"result_artifact_id"}, RefTable: "artifact", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("type")},
		{Keys: schema.Cols("name")},
		{Keys: schema.Cols("result_artifact_id")},
		{Name: "uq_flow_run_state__flow_run_id_timestamp_desc", Keys: []schema.IndexKey{{Column: "flow_run_id"}, {Column: "timestamp", Desc: true}}, Unique: true},
	},
}

// TaskRunState is the task_run_state table (TaskRunState).
var TaskRunState = &schema.Table{
	Name: "task_run_state",
	Columns: baseColumns(
		&schema.Column{Name: "task_run_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "type", Type: StateType.Type(), NotNull: true},
		&schema.Column{Name: "timestamp", Type: schema.TimestampTZ, NotNull: true, Default: now},
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "message", Type: schema.String},
		&schema.Column{Name: "state_details", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "data", Type: schema.JSON},
		&schema.Column{Name: "result_artifact_id", Type: schema.UUID},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"task_run_id"}, RefTable: "task_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"result_artifact_id"}, RefTable: "artifact", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("type")},
		{Keys: schema.Cols("name")},
		{Keys: schema.Cols("result_artifact_id")},
		{Name: "uq_task_run_state__task_run_id_timestamp_desc", Keys: []schema.IndexKey{{Column: "task_run_id"}, {Column: "timestamp", Desc: true}}, Unique: true},
	},
}

// Artifact is the artifact table (Artifact).
var Artifact = &schema.Table{
	Name: "artifact",
	Columns: baseColumns(
		&schema.Column{Name: "key", Type: schema.String},
		&schema.Column{Name: "task_run_id", Type: schema.UUID},
		&schema.Column{Name: "flow_run_id", Type: schema.UUID},
		&schema.Column{Name: "type", Type: schema.String},
		&schema.Column{Name: "data", Type: schema.JSONText},
		&schema.Column{Name: "description", Type: schema.String},
		&schema.Column{Name: "metadata_", Type: schema.JSONText},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("key")},
		{Keys: schema.Cols("task_run_id")},
		{Keys: schema.Cols("flow_run_id")},
		{Name: "ix_artifact__key_created_desc", Keys: []schema.IndexKey{{Column: "key"}, {Column: "created", Desc: true}}, Include: []string{"id", "updated", "type", "task_run_id", "flow_run_id"}},
	},
}

// ArtifactCollection is the artifact_collection table (ArtifactCollection).
var ArtifactCollection = &schema.Table{
	Name: "artifact_collection",
	Columns: baseColumns(
		&schema.Column{Name: "key", Type: schema.String, NotNull: true},
		&schema.Column{Name: "latest_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "task_run_id", Type: schema.UUID},
		&schema.Column{Name: "flow_run_id", Type: schema.UUID},
		&schema.Column{Name: "type", Type: schema.String},
		&schema.Column{Name: "data", Type: schema.JSONText},
		&schema.Column{Name: "description", Type: schema.String},
		&schema.Column{Name: "metadata_", Type: schema.JSONText},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"key"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "ix_artifact_collection__key_latest_id", Keys: schema.Cols("key", "latest_id")},
	},
}

// TaskRunStateCache is the task_run_state_cache table (TaskRunStateCache).
var TaskRunStateCache = &schema.Table{
	Name: "task_run_state_cache",
	Columns: baseColumns(
		&schema.Column{Name: "cache_key", Type: schema.String, NotNull: true},
		&schema.Column{Name: "cache_expiration", Type: schema.TimestampTZ},
		&schema.Column{Name: "task_run_state_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "ix_task_run_state_cache__cache_key_created_desc", Keys: []schema.IndexKey{{Column: "cache_key"}, {Column: "created", Desc: true}}},
	},
}

// FlowRun is the flow_run table (FlowRun).
var FlowRun = &schema.Table{
	Name: "flow_run",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "state_type", Type: StateType.Type()},
		&schema.Column{Name: "state_name", Type: schema.String},
		&schema.Column{Name: "state_timestamp", Type: schema.TimestampTZ},
		&schema.Column{Name: "run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
		&schema.Column{Name: "expected_start_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "next_scheduled_start_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "start_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "end_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "total_run_time", Type: schema.Interval, NotNull: true, Default: schema.StringDefault("0")},
		&schema.Column{Name: "flow_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "deployment_id", Type: schema.UUID},
		&schema.Column{Name: "work_queue_name", Type: schema.String},
		&schema.Column{Name: "flow_version", Type: schema.String},
		&schema.Column{Name: "deployment_version", Type: schema.String},
		&schema.Column{Name: "parameters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "idempotency_key", Type: schema.String},
		&schema.Column{Name: "context", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "empirical_policy", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "labels", Type: schema.JSON},
		&schema.Column{Name: "created_by", Type: schema.JSON},
		&schema.Column{Name: "infrastructure_pid", Type: schema.String},
		&schema.Column{Name: "job_variables", Type: schema.JSON, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "infrastructure_document_id", Type: schema.UUID},
		&schema.Column{Name: "parent_task_run_id", Type: schema.UUID},
		&schema.Column{Name: "auto_scheduled", Type: schema.Boolean, NotNull: true, Default: schema.False},
		&schema.Column{Name: "state_id", Type: schema.UUID},
		&schema.Column{Name: "work_queue_id", Type: schema.UUID},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"infrastructure_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"parent_task_run_id"}, RefTable: "task_run", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		{Columns: []string{"state_id"}, RefTable: "flow_run_state", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		{Columns: []string{"work_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("name")},
		{Keys: schema.Cols("flow_id")},
		{Keys: schema.Cols("deployment_id")},
		{Keys: schema.Cols("work_queue_name")},
		{Keys: schema.Cols("flow_version")},
		{Keys: schema.Cols("deployment_version")},
		{Keys: schema.Cols("infrastructure_document_id")},
		{Keys: schema.Cols("parent_task_run_id")},
		{Keys: schema.Cols("state_id")},
		{Keys: schema.Cols("work_queue_id")},
		{Name: "uq_flow_run__flow_id_idempotency_key", Keys: schema.Cols("flow_id", "idempotency_key"), Unique: true},
		{Name: "ix_flow_run__coalesce_start_time_expected_start_time_desc", Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(start_time, expected_start_time)"), Desc: true}}},
		{Name: "ix_flow_run__coalesce_start_time_expected_start_time_asc", Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(start_time, expected_start_time)")}}},
		{Name: "ix_flow_run__expected_start_time_desc", Keys: []schema.IndexKey{{Column: "expected_start_time", Desc: true}}},
		{Name: "ix_flow_run__next_scheduled_start_time_asc", Keys: schema.Cols("next_scheduled_start_time")},
		{Name: "ix_flow_run__end_time_desc", Keys: []schema.IndexKey{{Column: "end_time", Desc: true}}},
		{Name: "ix_flow_run__start_time", Keys: schema.Cols("start_time")},
		{Name: "ix_flow_run__state_type", Keys: schema.Cols("state_type")},
		{Name: "ix_flow_run__state_name", Keys: schema.Cols("state_name")},
		{Name: "ix_flow_run__state_timestamp", Keys: schema.Cols("state_timestamp")},
		{Name: "trgm_ix_flow_run_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
		{Name: "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu", Keys: schema.Cols("deployment_id", "auto_scheduled", "next_scheduled_start_time"), Where: scheduled},
	},
}

// TaskRun is the task_run table (TaskRun).
var TaskRun = &schema.Table{
	Name: "task_run",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "state_type", Type: StateType.Type()},
		&schema.Column{Name: "state_name", Type: schema.String},
		&schema.Column{Name: "state_timestamp", Type: schema.TimestampTZ},
		&schema.Column{Name: "run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
		&schema.Column{Name: "expected_start_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "next_scheduled_start_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "start_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "end_time", Type: schema.TimestampTZ},
		&schema.Column{Name: "total_run_time", Type: schema.Interval, NotNull: true, Default: schema.StringDefault("0")},
		&schema.Column{Name: "flow_run_id", Type: schema.UUID},
		&schema.Column{Name: "task_key", Type: schema.String, NotNull: true},
		&schema.Column{Name: "dynamic_key", Type: schema.String, NotNull: true},
		&schema.Column{Name: "cache_key", Type: schema.String},
		&schema.Column{Name: "cache_expiration", Type: schema.TimestampTZ},
		&schema.Column{Name: "task_version", Type: schema.String},
		&schema.Column{Name: "flow_run_run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
		&schema.Column{Name: "empirical_policy", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "task_inputs", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "labels", Type: schema.JSON},
		&schema.Column{Name: "state_id", Type: schema.UUID},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"flow_run_id"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("name")},
		{Keys: schema.Cols("flow_run_id")},
		{Keys: schema.Cols("state_id")},
		{Name: "uq_task_run__flow_run_id_task_key_dynamic_key", Keys: schema.Cols("flow_run_id", "task_key", "dynamic_key"), Unique: true},
		{Name: "ix_task_run__expected_start_time_desc", Keys: []schema.IndexKey{{Column: "expected_start_time", Desc: true}}},
		{Name: "ix_task_run__next_scheduled_start_time_asc", Keys: schema.Cols("next_scheduled_start_time")},
		{Name: "ix_task_run__end_time_desc", Keys: []schema.IndexKey{{Column: "end_time", Desc: true}}},
		{Name: "ix_task_run__start_time", Keys: schema.Cols("start_time")},
		{Name: "ix_task_run__state_type", Keys: schema.Cols("state_type")},
		{Name: "ix_task_run__state_type_start_time", Keys: schema.Cols("state_type", "start_time")},
		{Name: "ix_task_run__state_name", Keys: schema.Cols("state_name")},
		{Name: "ix_task_run__state_timestamp", Keys: schema.Cols("state_timestamp")},
		{Name: "trgm_ix_task_run_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
	},
}

// DeploymentSchedule is the deployment_schedule table (DeploymentSchedule).
var DeploymentSchedule = &schema.Table{
	Name: "deployment_schedule",
	Columns: baseColumns(
		&schema.Column{Name: "deployment_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "schedule", Type: schema.JSON, NotNull: true},
		&schema.Column{Name: "active", Type: schema.Boolean, NotNull: true},
		&schema.Column{Name: "max_scheduled_runs", Type: schema.Integer},
		&schema.Column{Name: "parameters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "slug", Type: schema.String},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"deployment_id"}, RefTable: "deployment", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("deployment_id")},
		{Name: "ix_deployment_schedule__deployment_id__slug", Keys: schema.Cols("deployment_id", "slug"), Unique: true},
		{Name: "ix_deployment_schedule__slug", Keys: schema.Cols("slug")},
	},
}

// Deployment is the deployment table (Deployment).
var Deployment = &schema.Table{
	Name: "deployment",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "version", Type: schema.String},
		&schema.Column{Name: "description", Type: schema.Text},
		&schema.Column{Name: "work_queue_name", Type: schema.String},
		&schema.Column{Name: "infra_overrides", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "path", Type: schema.String},
		&schema.Column{Name: "entrypoint", Type: schema.String},
		&schema.Column{Name: "last_polled", Type: schema.TimestampTZ},
		&schema.Column{Name: "status", Type: DeploymentStatus.Type(), NotNull: true, Default: schema.StringDefault("NOT_READY")},
		&schema.Column{Name: "flow_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "work_queue_id", Type: schema.UUID},
		&schema.Column{Name: "paused", Type: schema.Boolean, NotNull: true, Default: schema.False},
		&schema.Column{Name: "concurrency_limit", Type: schema.Integer},
		&schema.Column{Name: "concurrency_limit_id", Type: schema.UUID},
		&schema.Column{Name: "concurrency_options", Type: schema.JSON},
		&schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "labels", Type: schema.JSON},
		&schema.Column{Name: "parameters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "pull_steps", Type: schema.JSON},
		&schema.Column{Name: "parameter_openapi_schema", Type: schema.JSON},
		&schema.Column{Name: "enforce_parameter_schema", Type: schema.Boolean, NotNull: true, Default: schema.False},
		&schema.Column{Name: "created_by", Type: schema.JSON},
		&schema.Column{Name: "updated_by", Type: schema.JSON},
		&schema.Column{Name: "infrastructure_document_id", Type: schema.UUID},
		&schema.Column{Name: "storage_document_id", Type: schema.UUID},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"work_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		{Columns: []string{"concurrency_limit_id"}, RefTable: "concurrency_limit_v2", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		{Columns: []string{"infrastructure_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"storage_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("work_queue_name")},
		{Keys: schema.Cols("flow_id")},
		{Keys: schema.Cols("work_queue_id")},
		{Keys: schema.Cols("paused")},
		{Name: "uq_deployment__flow_id_name", Keys: schema.Cols("flow_id", "name"), Unique: true},
		{Name: "ix_deployment__created", Keys: schema.Cols("created")},
		{Name: "trgm_ix_deployment_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
	},
}

// Log is the log table (Log).
var Log = &schema.Table{
	Name: "log",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "level", Type: schema.SmallInt, NotNull: true},
		&schema.Column{Name: "flow_run_id", Type: schema.UUID},
		&schema.Column{Name: "task_run_id", Type: schema.UUID},
		&schema.Column{Name: "message", Type: schema.Text, NotNull: true},
		&schema.Column{Name: "timestamp", Type: schema.TimestampTZ, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("level")},
		{Keys: schema.Cols("flow_run_id")},
		{Keys: schema.Cols("task_run_id")},
		{Keys: schema.Cols("timestamp")},
		{Name: "ix_log__flow_run_id_timestamp", Keys: schema.Cols("flow_run_id", "timestamp")},
	},
}

// ConcurrencyLimit is the concurrency_limit table (ConcurrencyLimit).
var ConcurrencyLimit = &schema.Table{
	Name: "concurrency_limit",
	Columns: baseColumns(
		&schema.Column{Name: "tag", Type: schema.String, NotNull: true},
		&schema.Column{Name: "concurrency_limit", Type: schema.Integer, NotNull: true},
		&schema.Column{Name: "active_slots", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "uq_concurrency_limit__tag", Keys: schema.Cols("tag"), Unique: true},
	},
}

// ConcurrencyLimitV2 is the concurrency_limit_v2 table (ConcurrencyLimitV2).
var ConcurrencyLimitV2 = &schema.Table{
	Name: "concurrency_limit_v2",
	Columns: baseColumns(
		&schema.Column{Name: "active", Type: schema.Boolean, NotNull: true},
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "limit", Type: schema.Integer, NotNull: true},
		&schema.Column{Name: "active_slots", Type: schema.Integer, NotNull: true},
		&schema.Column{Name: "denied_slots", Type: schema.Integer, NotNull: true},
		&schema.Column{Name: "slot_decay_per_second", Type: schema.Float, NotNull: true},
		&schema.Column{Name: "avg_slot_occupancy_seconds", Type: schema.Float, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"name"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// BlockType is the block_type table (BlockType).
var BlockType = &schema.Table{
	Name: "block_type",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "slug", Type: schema.String, NotNull: true},
		&schema.Column{Name: "logo_url", Type: schema.String},
		&schema.Column{Name: "documentation_url", Type: schema.String},
		&schema.Column{Name: "description", Type: schema.String},
		&schema.Column{Name: "code_example", Type: schema.String},
		&schema.Column{Name: "is_protected", Type: schema.Boolean, NotNull: true, Default: schema.False},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "uq_block_type__slug", Keys: schema.Cols("slug"), Unique: true},
		{Name: "trgm_ix_block_type_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
	},
}

// BlockSchema is the block_schema table (BlockSchema).
var BlockSchema = &schema.Table{
	Name: "block_schema",
	Columns: baseColumns(
		&schema.Column{Name: "checksum", Type: schema.String, NotNull: true},
		&schema.Column{Name: "fields", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "capabilities", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "version", Type: schema.String, NotNull: true, Default: schema.StringDefault("non-versioned")},
		&schema.Column{Name: "block_type_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"block_type_id"}, RefTable: "block_type", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("block_type_id")},
		{Name: "uq_block_schema__checksum_version", Keys: schema.Cols("checksum", "version"), Unique: true},
		{Name: "ix_block_schema__created", Keys: schema.Cols("created")},
		{Name: "ix_block_schema__capabilities", Keys: schema.Cols("capabilities"), Method: "gin", Only: postgresOnly},
	},
}

// BlockSchemaReference is the block_schema_reference table (BlockSchemaReference).
var BlockSchemaReference = &schema.Table{
	Name: "block_schema_reference",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "parent_block_schema_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "reference_block_schema_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"parent_block_schema_id"}, RefTable: "block_schema", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"reference_block_schema_id"}, RefTable: "block_schema", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// BlockDocument is the block_document table (BlockDocument).
var BlockDocument = &schema.Table{
	Name: "block_document",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "data", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "is_anonymous", Type: schema.Boolean, NotNull: true, Default: schema.False},
		&schema.Column{Name: "block_type_name", Type: schema.String},
		&schema.Column{Name: "block_type_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "block_schema_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"block_type_id"}, RefTable: "block_type", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Name: "fk_block__block_schema_id__block_schema", Columns: []string{"block_schema_id"}, RefTable: "block_schema", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("name")},
		{Keys: schema.Cols("is_anonymous")},
		{Name: "uq_block__type_id_name", Keys: schema.Cols("block_type_id", "name"), Unique: true},
		{Name: "ix_block_document__block_type_name__name", Keys: schema.Cols("block_type_name", "name")},
		{Name: "trgm_ix_block_document_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
	},
}

// BlockDocumentReference is the block_document_reference table (BlockDocumentReference).
var BlockDocumentReference = &schema.Table{
	Name: "block_document_reference",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "parent_block_document_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "reference_block_document_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Checks: []*schema.Check{
		{Name: "ck_block_document_reference__no_self_reference", Expr: schema.Expr("parent_block_document_id != reference_block_document_id")},
	},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"parent_block_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		{Columns: []string{"reference_block_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// Configuration is the configuration table (Configuration).
var Configuration = &schema.Table{
	Name: "configuration",
	Columns: baseColumns(
		&schema.Column{Name: "key", Type: schema.String, NotNull: true},
		&schema.Column{Name: "value", Type: schema.JSON, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"key"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("key")},
	},
}

// SavedSearch is the saved_search table (SavedSearch).
var SavedSearch = &schema.Table{
	Name: "saved_search",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "filters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"name"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// WorkQueue is the work_queue table (WorkQueue).
var WorkQueue = &schema.Table{
	Name: "work_queue",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "filter", Type: schema.JSON},
		&schema.Column{Name: "description", Type: schema.String, NotNull: true, Default: schema.StringDefault("")},
		&schema.Column{Name: "is_paused", Type: schema.Boolean, NotNull: true, Default: schema.False},
		&schema.Column{Name: "concurrency_limit", Type: schema.Integer},
		&schema.Column{Name: "priority", Type: schema.Integer, NotNull: true},
		&schema.Column{Name: "last_polled", Type: schema.TimestampTZ},
		&schema.Column{Name: "status", Type: WorkQueueStatus.Type(), NotNull: true, Default: schema.StringDefault("NOT_READY")},
		&schema.Column{Name: "work_pool_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"work_pool_id", "name"}},
	},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"work_pool_id"}, RefTable: "work_pool", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("work_pool_id")},
		{Name: "ix_work_queue__work_pool_id_priority", Keys: schema.Cols("work_pool_id", "priority")},
		{Name: "trgm_ix_work_queue_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin", Only: postgresOnly},
	},
}

// WorkPool is the work_pool table (WorkPool).
var WorkPool = &schema.Table{
	Name: "work_pool",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "description", Type: schema.String},
		&schema.Column{Name: "type", Type: schema.String, NotNull: true},
		&schema.Column{Name: "base_job_template", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		&schema.Column{Name: "is_paused", Type: schema.Boolean, NotNull: true, Default: schema.False},
		&schema.Column{Name: "default_queue_id", Type: schema.UUID},
		&schema.Column{Name: "concurrency_limit", Type: schema.Integer},
		&schema.Column{Name: "status", Type: WorkPoolStatus.Type(), NotNull: true, Default: schema.StringDefault("NOT_READY")},
		&schema.Column{Name: "last_transitioned_status_at", Type: schema.TimestampTZ},
		&schema.Column{Name: "last_status_event_id", Type: schema.UUID},
		&schema.Column{Name: "storage_configuration", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"name"}},
	},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"default_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}, OnDelete: schema.Restrict},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("type")},
	},
}

// Worker is the worker table (Worker).
var Worker = &schema.Table{
	Name: "worker",
	Columns: baseColumns(
		&schema.Column{Name: "work_pool_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "last_heartbeat_time", Type: schema.TimestampTZ, NotNull: true, Default: now},
		&schema.Column{Name: "heartbeat_interval_seconds", Type: schema.Integer},
		&schema.Column{Name: "status", Type: WorkerStatus.Type(), NotNull: true, Default: schema.StringDefault("OFFLINE")},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"work_pool_id", "name"}},
	},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"work_pool_id"}, RefTable: "work_pool", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("work_pool_id")},
		{Name: "ix_worker__work_pool_id_last_heartbeat_time", Keys: schema.Cols("work_pool_id", "last_heartbeat_time")},
	},
}

// Agent is the agent table (Agent).
var Agent = &schema.Table{
	Name: "agent",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "work_queue_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "last_activity_time", Type: schema.TimestampTZ, NotNull: true, Default: now},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"name"}},
	},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"work_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("work_queue_id")},
	},
}

// Variable is the variable table (Variable).
var Variable = &schema.Table{
	Name: "variable",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "value", Type: schema.JSON},
		&schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"name"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// FlowRunInput is the flow_run_input table (FlowRunInput).
var FlowRunInput = &schema.Table{
	Name: "flow_run_input",
	Columns: baseColumns(
		&schema.Column{Name: "flow_run_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "key", Type: schema.String, NotNull: true},
		&schema.Column{Name: "value", Type: schema.Text, NotNull: true},
		&schema.Column{Name: "sender", Type: schema.String},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"flow_run_id", "key"}},
	},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"flow_run_id"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// CsrfToken is the csrf_token table (CsrfToken).
var CsrfToken = &schema.Table{
	Name: "csrf_token",
	Columns: baseColumns(
		&schema.Column{Name: "token", Type: schema.String, NotNull: true},
		&schema.Column{Name: "client", Type: schema.String, NotNull: true},
		&schema.Column{Name: "expiration", Type: schema.TimestampTZ, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Uniques: []*schema.Unique{
		{Columns: []string{"client"}},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// Automation is the automation table (Automation).
var Automation = &schema.Table{
	Name: "automation",
	Columns: baseColumns(
		&schema.Column{Name: "name", Type: schema.String, NotNull: true},
		&schema.Column{Name: "description", Type: schema.String, NotNull: true},
		&schema.Column{Name: "enabled", Type: schema.Boolean, NotNull: true, Default: schema.True},
		&schema.Column{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "trigger", Type: schema.JSON, NotNull: true},
		&schema.Column{Name: "actions", Type: schema.JSON, NotNull: true},
		&schema.Column{Name: "actions_on_trigger", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "actions_on_resolve", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
	},
}

// AutomationBucket is the automation_bucket table (AutomationBucket).
var AutomationBucket = &schema.Table{
	Name: "automation_bucket",
	Columns: baseColumns(
		&schema.Column{Name: "automation_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "trigger_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "bucketing_key", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "last_event", Type: schema.JSON},
		&schema.Column{Name: "start", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "end", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "count", Type: schema.Integer, NotNull: true},
		&schema.Column{Name: "last_operation", Type: schema.String},
		&schema.Column{Name: "triggered_at", Type: schema.TimestampTZ},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"automation_id"}, RefTable: "automation", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "uq_automation_bucket__automation_id__trigger_id__bucketing_key", Keys: schema.Cols("automation_id", "trigger_id", "bucketing_key"), Unique: true},
		{Name: "ix_automation_bucket__automation_id__end", Keys: schema.Cols("automation_id", "end")},
	},
}

// AutomationRelatedResource is the automation_related_resource table (AutomationRelatedResource).
var AutomationRelatedResource = &schema.Table{
	Name: "automation_related_resource",
	Columns: baseColumns(
		&schema.Column{Name: "automation_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "resource_id", Type: schema.String},
		&schema.Column{Name: "automation_owned_by_resource", Type: schema.Boolean, NotNull: true, Default: schema.False},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"automation_id"}, RefTable: "automation", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("resource_id")},
		{Name: "uq_automation_related_resource__automation_id__resource_id", Keys: schema.Cols("automation_id", "resource_id"), Unique: true},
	},
}

// CompositeTriggerChildFiring is the composite_trigger_child_firing table (CompositeTriggerChildFiring).
var CompositeTriggerChildFiring = &schema.Table{
	Name: "composite_trigger_child_firing",
	Columns: baseColumns(
		&schema.Column{Name: "automation_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "parent_trigger_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "child_trigger_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "child_firing_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "child_fired_at", Type: schema.TimestampTZ},
		&schema.Column{Name: "child_firing", Type: schema.JSON, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	ForeignKeys: []*schema.ForeignKey{
		{Columns: []string{"automation_id"}, RefTable: "automation", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
	},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "uq_composite_trigger_child_firing__a_id__pt_id__ct__id", Keys: schema.Cols("automation_id", "parent_trigger_id", "child_trigger_id"), Unique: true},
	},
}

// AutomationEventFollower is the automation_event_follower table (AutomationEventFollower).
var AutomationEventFollower = &schema.Table{
	Name: "automation_event_follower",
	Columns: baseColumns(
		&schema.Column{Name: "scope", Type: schema.String, NotNull: true},
		&schema.Column{Name: "leader_event_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "follower_event_id", Type: schema.UUID, NotNull: true},
		&schema.Column{Name: "received", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "follower", Type: schema.JSON, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Keys: schema.Cols("scope")},
		{Keys: schema.Cols("leader_event_id")},
		{Keys: schema.Cols("received")},
		{Name: "uq_follower_for_scope", Keys: schema.Cols("scope", "follower_event_id"), Unique: true},
		{Name: "ix_ae_follower_scope_leader", Keys: schema.Cols("scope", "leader_event_id")},
	},
}

// Events is the events table (Event).
var Events = &schema.Table{
	Name: "events",
	Columns: baseColumns(
		&schema.Column{Name: "occurred", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "event", Type: schema.Text, NotNull: true},
		&schema.Column{Name: "resource_id", Type: schema.Text, NotNull: true},
		&schema.Column{Name: "resource", Type: schema.JSON, NotNull: true},
		&schema.Column{Name: "related_resource_ids", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "related", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		&schema.Column{Name: "payload", Type: schema.JSON, NotNull: true},
		&schema.Column{Name: "received", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "recorded", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "follows", Type: schema.UUID},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "ix_events__related_resource_ids_gin", Keys: schema.Cols("related_resource_ids"), Method: "gin"},
		{Name: "ix_events__occurred", Keys: schema.Cols("occurred")},
		{Name: "ix_events__event__id", Keys: schema.Cols("event", "id")},
		{Name: "ix_events__event_resource_id_occurred", Keys: schema.Cols("event", "resource_id", "occurred")},
		{Name: "ix_events__occurred_id", Keys: schema.Cols("occurred", "id")},
		{Name: "ix_events__event_occurred_id", Keys: schema.Cols("event", "occurred", "id")},
		{Name: "ix_events__related_gin", Keys: schema.Cols("related"), Method: "gin"},
		{Name: "ix_events__event_occurred", Keys: schema.Cols("event", "occurred")},
	},
}

// EventResources is the event_resources table (EventResource).
var EventResources = &schema.Table{
	Name: "event_resources",
	Columns: baseColumns(
		&schema.Column{Name: "occurred", Type: schema.TimestampTZ, NotNull: true},
		&schema.Column{Name: "resource_id", Type: schema.Text, NotNull: true},
		&schema.Column{Name: "resource_role", Type: schema.Text, NotNull: true},
		&schema.Column{Name: "resource", Type: schema.JSONText, NotNull: true},
		&schema.Column{Name: "event_id", Type: schema.UUID, NotNull: true},
	),
	PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
	Indexes: []*schema.Index{
		{Keys: schema.Cols("updated")},
		{Name: "ix_event_resources__resource_id__occurred", Keys: schema.Cols("resource_id", "occurred")},
		{Name: "ix_event_resources__occurred", Keys: schema.Cols("occurred")},
		{Name: "ix_event_resources__event_id", Keys: schema.Cols("event_id")},
	},
}
