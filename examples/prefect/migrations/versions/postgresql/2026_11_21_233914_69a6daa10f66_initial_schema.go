package postgresql

import (
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// initial schema
//
// Revision: 69a6daa10f66
// Created: 2026-11-21 23:39:14 UTC
// Dialect: PostgreSQL
func init() {
	Chain.Add(migrations.Migration{
		Revision:  "69a6daa10f66",
		Message:   "initial schema",
		Created:   "2026-11-21 23:39:14",
		Upgrade:   upgrade69a6daa10f66,
		Downgrade: downgrade69a6daa10f66,
	})
}

func upgrade69a6daa10f66(op *migrations.Op) {
	op.CreateExtension("pg_trgm")
	op.CreateEnum(&schema.Enum{Name: "deployment_status", Values: []string{"READY", "NOT_READY"}})
	op.CreateEnum(&schema.Enum{Name: "state_type", Values: []string{"SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "CRASHED", "PAUSED", "CANCELLING"}})
	op.CreateEnum(&schema.Enum{Name: "work_pool_status", Values: []string{"READY", "NOT_READY", "PAUSED"}})
	op.CreateEnum(&schema.Enum{Name: "work_queue_status", Values: []string{"READY", "NOT_READY", "PAUSED"}})
	op.CreateEnum(&schema.Enum{Name: "worker_status", Values: []string{"ONLINE", "OFFLINE"}})
	op.CreateTable(&schema.Table{
		Name: "work_pool",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "description", Type: schema.String},
			{Name: "type", Type: schema.String, NotNull: true},
			{Name: "base_job_template", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "is_paused", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "default_queue_id", Type: schema.UUID},
			{Name: "concurrency_limit", Type: schema.Integer},
			{Name: "status", Type: schema.EnumType("work_pool_status"), NotNull: true, Default: schema.StringDefault("NOT_READY")},
			{Name: "last_transitioned_status_at", Type: schema.TimestampTZ},
			{Name: "last_status_event_id", Type: schema.UUID},
			{Name: "storage_configuration", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_work_pool", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_work_pool__name", Columns: []string{"name"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_work_pool__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_work_pool__type", Keys: []schema.IndexKey{{Column: "type"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "work_queue",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "filter", Type: schema.JSON},
			{Name: "description", Type: schema.String, NotNull: true, Default: schema.StringDefault("")},
			{Name: "is_paused", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "concurrency_limit", Type: schema.Integer},
			{Name: "priority", Type: schema.Integer, NotNull: true},
			{Name: "last_polled", Type: schema.TimestampTZ},
			{Name: "status", Type: schema.EnumType("work_queue_status"), NotNull: true, Default: schema.StringDefault("NOT_READY")},
			{Name: "work_pool_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_work_queue", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_work_queue__work_pool_id_name", Columns: []string{"work_pool_id", "name"}},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_work_queue__work_pool_id__work_pool", Columns: []string{"work_pool_id"}, RefTable: "work_pool", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_work_queue__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_work_queue__work_pool_id", Keys: []schema.IndexKey{{Column: "work_pool_id"}}},
			{Name: "ix_work_queue__work_pool_id_priority", Keys: []schema.IndexKey{{Column: "work_pool_id"}, {Column: "priority"}}},
			{Name: "trgm_ix_work_queue_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "agent",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "work_queue_id", Type: schema.UUID, NotNull: true},
			{Name: "last_activity_time", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_agent", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_agent__name", Columns: []string{"name"}},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_agent__work_queue_id__work_queue", Columns: []string{"work_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_agent__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_agent__work_queue_id", Keys: []schema.IndexKey{{Column: "work_queue_id"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "artifact",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "key", Type: schema.String},
			{Name: "task_run_id", Type: schema.UUID},
			{Name: "flow_run_id", Type: schema.UUID},
			{Name: "type", Type: schema.String},
			{Name: "data", Type: schema.JSONText},
			{Name: "description", Type: schema.String},
			{Name: "metadata_", Type: schema.JSONText},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_artifact", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_artifact__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_artifact__key", Keys: []schema.IndexKey{{Column: "key"}}},
			{Name: "ix_artifact__task_run_id", Keys: []schema.IndexKey{{Column: "task_run_id"}}},
			{Name: "ix_artifact__flow_run_id", Keys: []schema.IndexKey{{Column: "flow_run_id"}}},
			{Name: "ix_artifact__key_created_desc", Keys: []schema.IndexKey{{Column: "key"}, {Column: "created", Desc: true}}, Include: []string{"id", "updated", "type", "task_run_id", "flow_run_id"}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "artifact_collection",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "key", Type: schema.String, NotNull: true},
			{Name: "latest_id", Type: schema.UUID, NotNull: true},
			{Name: "task_run_id", Type: schema.UUID},
			{Name: "flow_run_id", Type: schema.UUID},
			{Name: "type", Type: schema.String},
			{Name: "data", Type: schema.JSONText},
			{Name: "description", Type: schema.String},
			{Name: "metadata_", Type: schema.JSONText},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_artifact_collection", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_artifact_collection__key", Columns: []string{"key"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_artifact_collection__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_artifact_collection__key_latest_id", Keys: []schema.IndexKey{{Column: "key"}, {Column: "latest_id"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "automation",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "description", Type: schema.String, NotNull: true},
			{Name: "enabled", Type: schema.Boolean, NotNull: true, Default: schema.True},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "trigger", Type: schema.JSON, NotNull: true},
			{Name: "actions", Type: schema.JSON, NotNull: true},
			{Name: "actions_on_trigger", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "actions_on_resolve", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_automation", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_automation__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "automation_bucket",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "automation_id", Type: schema.UUID, NotNull: true},
			{Name: "trigger_id", Type: schema.UUID, NotNull: true},
			{Name: "bucketing_key", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "last_event", Type: schema.JSON},
			{Name: "start", Type: schema.TimestampTZ, NotNull: true},
			{Name: "end", Type: schema.TimestampTZ, NotNull: true},
			{Name: "count", Type: schema.Integer, NotNull: true},
			{Name: "last_operation", Type: schema.String},
			{Name: "triggered_at", Type: schema.TimestampTZ},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_automation_bucket", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_automation_bucket__automation_id__automation", Columns: []string{"automation_id"}, RefTable: "automation", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_automation_bucket__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "uq_automation_bucket__automation_id__trigger_id__bucketing_key", Keys: []schema.IndexKey{{Column: "automation_id"}, {Column: "trigger_id"}, {Column: "bucketing_key"}}, Unique: true},
			{Name: "ix_automation_bucket__automation_id__end", Keys: []schema.IndexKey{{Column: "automation_id"}, {Column: "end"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "automation_event_follower",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "scope", Type: schema.String, NotNull: true},
			{Name: "leader_event_id", Type: schema.UUID, NotNull: true},
			{Name: "follower_event_id", Type: schema.UUID, NotNull: true},
			{Name: "received", Type: schema.TimestampTZ, NotNull: true},
			{Name: "follower", Type: schema.JSON, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_automation_event_follower", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_automation_event_follower__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_automation_event_follower__scope", Keys: []schema.IndexKey{{Column: "scope"}}},
			{Name: "ix_automation_event_follower__leader_event_id", Keys: []schema.IndexKey{{Column: "leader_event_id"}}},
			{Name: "ix_automation_event_follower__received", Keys: []schema.IndexKey{{Column: "received"}}},
			{Name: "uq_follower_for_scope", Keys: []schema.IndexKey{{Column: "scope"}, {Column: "follower_event_id"}}, Unique: true},
			{Name: "ix_ae_follower_scope_leader", Keys: []schema.IndexKey{{Column: "scope"}, {Column: "leader_event_id"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "automation_related_resource",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "automation_id", Type: schema.UUID, NotNull: true},
			{Name: "resource_id", Type: schema.String},
			{Name: "automation_owned_by_resource", Type: schema.Boolean, NotNull: true, Default: schema.False},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_automation_related_resource", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_automation_related_resource__automation_id__automation", Columns: []string{"automation_id"}, RefTable: "automation", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_automation_related_resource__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_automation_related_resource__resource_id", Keys: []schema.IndexKey{{Column: "resource_id"}}},
			{Name: "uq_automation_related_resource__automation_id__resource_id", Keys: []schema.IndexKey{{Column: "automation_id"}, {Column: "resource_id"}}, Unique: true},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "block_type",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "slug", Type: schema.String, NotNull: true},
			{Name: "logo_url", Type: schema.String},
			{Name: "documentation_url", Type: schema.String},
			{Name: "description", Type: schema.String},
			{Name: "code_example", Type: schema.String},
			{Name: "is_protected", Type: schema.Boolean, NotNull: true, Default: schema.False},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_block_type", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_block_type__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "uq_block_type__slug", Keys: []schema.IndexKey{{Column: "slug"}}, Unique: true},
			{Name: "trgm_ix_block_type_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "block_schema",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "checksum", Type: schema.String, NotNull: true},
			{Name: "fields", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "capabilities", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "version", Type: schema.String, NotNull: true, Default: schema.StringDefault("non-versioned")},
			{Name: "block_type_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_block_schema", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_block_schema__block_type_id__block_type", Columns: []string{"block_type_id"}, RefTable: "block_type", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_block_schema__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_block_schema__block_type_id", Keys: []schema.IndexKey{{Column: "block_type_id"}}},
			{Name: "uq_block_schema__checksum_version", Keys: []schema.IndexKey{{Column: "checksum"}, {Column: "version"}}, Unique: true},
			{Name: "ix_block_schema__created", Keys: []schema.IndexKey{{Column: "created"}}},
			{Name: "ix_block_schema__capabilities", Keys: []schema.IndexKey{{Column: "capabilities"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "block_document",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "data", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "is_anonymous", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "block_type_name", Type: schema.String},
			{Name: "block_type_id", Type: schema.UUID, NotNull: true},
			{Name: "block_schema_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_block_document", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_block_document__block_type_id__block_type", Columns: []string{"block_type_id"}, RefTable: "block_type", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_block__block_schema_id__block_schema", Columns: []string{"block_schema_id"}, RefTable: "block_schema", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_block_document__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_block_document__name", Keys: []schema.IndexKey{{Column: "name"}}},
			{Name: "ix_block_document__is_anonymous", Keys: []schema.IndexKey{{Column: "is_anonymous"}}},
			{Name: "uq_block__type_id_name", Keys: []schema.IndexKey{{Column: "block_type_id"}, {Column: "name"}}, Unique: true},
			{Name: "ix_block_document__block_type_name__name", Keys: []schema.IndexKey{{Column: "block_type_name"}, {Column: "name"}}},
			{Name: "trgm_ix_block_document_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "block_document_reference",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "parent_block_document_id", Type: schema.UUID, NotNull: true},
			{Name: "reference_block_document_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_block_document_reference", Columns: []string{"id"}},
		Checks: []*schema.Check{
			{Name: "ck_block_document_reference__ck_block_document_referenc_824f", Expr: schema.Expr("parent_block_document_id != reference_block_document_id")},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_block_document_reference__parent_block_document_id___328f", Columns: []string{"parent_block_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_block_document_reference__reference_block_document_i_5759", Columns: []string{"reference_block_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_block_document_reference__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "block_schema_reference",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "parent_block_schema_id", Type: schema.UUID, NotNull: true},
			{Name: "reference_block_schema_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_block_schema_reference", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_block_schema_reference__parent_block_schema_id__block_schema", Columns: []string{"parent_block_schema_id"}, RefTable: "block_schema", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_block_schema_reference__reference_block_schema_id__b_6e5d", Columns: []string{"reference_block_schema_id"}, RefTable: "block_schema", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_block_schema_reference__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "composite_trigger_child_firing",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "automation_id", Type: schema.UUID, NotNull: true},
			{Name: "parent_trigger_id", Type: schema.UUID, NotNull: true},
			{Name: "child_trigger_id", Type: schema.UUID, NotNull: true},
			{Name: "child_firing_id", Type: schema.UUID, NotNull: true},
			{Name: "child_fired_at", Type: schema.TimestampTZ},
			{Name: "child_firing", Type: schema.JSON, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_composite_trigger_child_firing", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_composite_trigger_child_firing__automation_id__automation", Columns: []string{"automation_id"}, RefTable: "automation", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_composite_trigger_child_firing__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "uq_composite_trigger_child_firing__a_id__pt_id__ct__id", Keys: []schema.IndexKey{{Column: "automation_id"}, {Column: "parent_trigger_id"}, {Column: "child_trigger_id"}}, Unique: true},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "concurrency_limit",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "tag", Type: schema.String, NotNull: true},
			{Name: "concurrency_limit", Type: schema.Integer, NotNull: true},
			{Name: "active_slots", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_concurrency_limit", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_concurrency_limit__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "uq_concurrency_limit__tag", Keys: []schema.IndexKey{{Column: "tag"}}, Unique: true},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "concurrency_limit_v2",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "active", Type: schema.Boolean, NotNull: true},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "limit", Type: schema.Integer, NotNull: true},
			{Name: "active_slots", Type: schema.Integer, NotNull: true},
			{Name: "denied_slots", Type: schema.Integer, NotNull: true},
			{Name: "slot_decay_per_second", Type: schema.Float, NotNull: true},
			{Name: "avg_slot_occupancy_seconds", Type: schema.Float, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_concurrency_limit_v2", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_concurrency_limit_v2__name", Columns: []string{"name"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_concurrency_limit_v2__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "configuration",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "key", Type: schema.String, NotNull: true},
			{Name: "value", Type: schema.JSON, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_configuration", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_configuration__key", Columns: []string{"key"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_configuration__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_configuration__key", Keys: []schema.IndexKey{{Column: "key"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "csrf_token",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "token", Type: schema.String, NotNull: true},
			{Name: "client", Type: schema.String, NotNull: true},
			{Name: "expiration", Type: schema.TimestampTZ, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_csrf_token", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_csrf_token__client", Columns: []string{"client"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_csrf_token__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "flow",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "labels", Type: schema.JSON},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_flow__name", Columns: []string{"name"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_flow__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_flow__created", Keys: []schema.IndexKey{{Column: "created"}}},
			{Name: "trgm_ix_flow_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "deployment",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "version", Type: schema.String},
			{Name: "description", Type: schema.Text},
			{Name: "work_queue_name", Type: schema.String},
			{Name: "infra_overrides", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "path", Type: schema.String},
			{Name: "entrypoint", Type: schema.String},
			{Name: "last_polled", Type: schema.TimestampTZ},
			{Name: "status", Type: schema.EnumType("deployment_status"), NotNull: true, Default: schema.StringDefault("NOT_READY")},
			{Name: "flow_id", Type: schema.UUID, NotNull: true},
			{Name: "work_queue_id", Type: schema.UUID},
			{Name: "paused", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "concurrency_limit", Type: schema.Integer},
			{Name: "concurrency_limit_id", Type: schema.UUID},
			{Name: "concurrency_options", Type: schema.JSON},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "labels", Type: schema.JSON},
			{Name: "parameters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "pull_steps", Type: schema.JSON},
			{Name: "parameter_openapi_schema", Type: schema.JSON},
			{Name: "enforce_parameter_schema", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "created_by", Type: schema.JSON},
			{Name: "updated_by", Type: schema.JSON},
			{Name: "infrastructure_document_id", Type: schema.UUID},
			{Name: "storage_document_id", Type: schema.UUID},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_deployment", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_deployment__flow_id__flow", Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_deployment__work_queue_id__work_queue", Columns: []string{"work_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
			{Name: "fk_deployment__concurrency_limit_id__concurrency_limit_v2", Columns: []string{"concurrency_limit_id"}, RefTable: "concurrency_limit_v2", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
			{Name: "fk_deployment__infrastructure_document_id__block_document", Columns: []string{"infrastructure_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_deployment__storage_document_id__block_document", Columns: []string{"storage_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_deployment__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_deployment__work_queue_name", Keys: []schema.IndexKey{{Column: "work_queue_name"}}},
			{Name: "ix_deployment__flow_id", Keys: []schema.IndexKey{{Column: "flow_id"}}},
			{Name: "ix_deployment__work_queue_id", Keys: []schema.IndexKey{{Column: "work_queue_id"}}},
			{Name: "ix_deployment__paused", Keys: []schema.IndexKey{{Column: "paused"}}},
			{Name: "uq_deployment__flow_id_name", Keys: []schema.IndexKey{{Column: "flow_id"}, {Column: "name"}}, Unique: true},
			{Name: "ix_deployment__created", Keys: []schema.IndexKey{{Column: "created"}}},
			{Name: "trgm_ix_deployment_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "deployment_schedule",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "deployment_id", Type: schema.UUID, NotNull: true},
			{Name: "schedule", Type: schema.JSON, NotNull: true},
			{Name: "active", Type: schema.Boolean, NotNull: true},
			{Name: "max_scheduled_runs", Type: schema.Integer},
			{Name: "parameters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "slug", Type: schema.String},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_deployment_schedule", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_deployment_schedule__deployment_id__deployment", Columns: []string{"deployment_id"}, RefTable: "deployment", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_deployment_schedule__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_deployment_schedule__deployment_id", Keys: []schema.IndexKey{{Column: "deployment_id"}}},
			{Name: "ix_deployment_schedule__deployment_id__slug", Keys: []schema.IndexKey{{Column: "deployment_id"}, {Column: "slug"}}, Unique: true},
			{Name: "ix_deployment_schedule__slug", Keys: []schema.IndexKey{{Column: "slug"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "event_resources",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "occurred", Type: schema.TimestampTZ, NotNull: true},
			{Name: "resource_id", Type: schema.Text, NotNull: true},
			{Name: "resource_role", Type: schema.Text, NotNull: true},
			{Name: "resource", Type: schema.JSONText, NotNull: true},
			{Name: "event_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_event_resources", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_event_resources__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_event_resources__resource_id__occurred", Keys: []schema.IndexKey{{Column: "resource_id"}, {Column: "occurred"}}},
			{Name: "ix_event_resources__occurred", Keys: []schema.IndexKey{{Column: "occurred"}}},
			{Name: "ix_event_resources__event_id", Keys: []schema.IndexKey{{Column: "event_id"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "events",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "occurred", Type: schema.TimestampTZ, NotNull: true},
			{Name: "event", Type: schema.Text, NotNull: true},
			{Name: "resource_id", Type: schema.Text, NotNull: true},
			{Name: "resource", Type: schema.JSON, NotNull: true},
			{Name: "related_resource_ids", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "related", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "payload", Type: schema.JSON, NotNull: true},
			{Name: "received", Type: schema.TimestampTZ, NotNull: true},
			{Name: "recorded", Type: schema.TimestampTZ, NotNull: true},
			{Name: "follows", Type: schema.UUID},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_events", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_events__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_events__related_resource_ids_gin", Keys: []schema.IndexKey{{Column: "related_resource_ids"}}, Method: "gin"},
			{Name: "ix_events__occurred", Keys: []schema.IndexKey{{Column: "occurred"}}},
			{Name: "ix_events__event__id", Keys: []schema.IndexKey{{Column: "event"}, {Column: "id"}}},
			{Name: "ix_events__event_resource_id_occurred", Keys: []schema.IndexKey{{Column: "event"}, {Column: "resource_id"}, {Column: "occurred"}}},
			{Name: "ix_events__occurred_id", Keys: []schema.IndexKey{{Column: "occurred"}, {Column: "id"}}},
			{Name: "ix_events__event_occurred_id", Keys: []schema.IndexKey{{Column: "event"}, {Column: "occurred"}, {Column: "id"}}},
			{Name: "ix_events__related_gin", Keys: []schema.IndexKey{{Column: "related"}}, Method: "gin"},
			{Name: "ix_events__event_occurred", Keys: []schema.IndexKey{{Column: "event"}, {Column: "occurred"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "task_run",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "state_type", Type: schema.EnumType("state_type")},
			{Name: "state_name", Type: schema.String},
			{Name: "state_timestamp", Type: schema.TimestampTZ},
			{Name: "run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
			{Name: "expected_start_time", Type: schema.TimestampTZ},
			{Name: "next_scheduled_start_time", Type: schema.TimestampTZ},
			{Name: "start_time", Type: schema.TimestampTZ},
			{Name: "end_time", Type: schema.TimestampTZ},
			{Name: "total_run_time", Type: schema.Interval, NotNull: true, Default: schema.StringDefault("0")},
			{Name: "flow_run_id", Type: schema.UUID},
			{Name: "task_key", Type: schema.String, NotNull: true},
			{Name: "dynamic_key", Type: schema.String, NotNull: true},
			{Name: "cache_key", Type: schema.String},
			{Name: "cache_expiration", Type: schema.TimestampTZ},
			{Name: "task_version", Type: schema.String},
			{Name: "flow_run_run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
			{Name: "empirical_policy", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "task_inputs", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "labels", Type: schema.JSON},
			{Name: "state_id", Type: schema.UUID},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_task_run", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_task_run__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_task_run__name", Keys: []schema.IndexKey{{Column: "name"}}},
			{Name: "ix_task_run__flow_run_id", Keys: []schema.IndexKey{{Column: "flow_run_id"}}},
			{Name: "ix_task_run__state_id", Keys: []schema.IndexKey{{Column: "state_id"}}},
			{Name: "uq_task_run__flow_run_id_task_key_dynamic_key", Keys: []schema.IndexKey{{Column: "flow_run_id"}, {Column: "task_key"}, {Column: "dynamic_key"}}, Unique: true},
			{Name: "ix_task_run__expected_start_time_desc", Keys: []schema.IndexKey{{Column: "expected_start_time", Desc: true}}},
			{Name: "ix_task_run__next_scheduled_start_time_asc", Keys: []schema.IndexKey{{Column: "next_scheduled_start_time"}}},
			{Name: "ix_task_run__end_time_desc", Keys: []schema.IndexKey{{Column: "end_time", Desc: true}}},
			{Name: "ix_task_run__start_time", Keys: []schema.IndexKey{{Column: "start_time"}}},
			{Name: "ix_task_run__state_type", Keys: []schema.IndexKey{{Column: "state_type"}}},
			{Name: "ix_task_run__state_type_start_time", Keys: []schema.IndexKey{{Column: "state_type"}, {Column: "start_time"}}},
			{Name: "ix_task_run__state_name", Keys: []schema.IndexKey{{Column: "state_name"}}},
			{Name: "ix_task_run__state_timestamp", Keys: []schema.IndexKey{{Column: "state_timestamp"}}},
			{Name: "trgm_ix_task_run_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "flow_run_state",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "flow_run_id", Type: schema.UUID, NotNull: true},
			{Name: "type", Type: schema.EnumType("state_type"), NotNull: true},
			{Name: "timestamp", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "message", Type: schema.String},
			{Name: "state_details", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "data", Type: schema.JSON},
			{Name: "result_artifact_id", Type: schema.UUID},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow_run_state", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_flow_run_state__result_artifact_id__artifact", Columns: []string{"result_artifact_id"}, RefTable: "artifact", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		},
		Indexes: []*schema.Index{
			{Name: "ix_flow_run_state__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_flow_run_state__type", Keys: []schema.IndexKey{{Column: "type"}}},
			{Name: "ix_flow_run_state__name", Keys: []schema.IndexKey{{Column: "name"}}},
			{Name: "ix_flow_run_state__result_artifact_id", Keys: []schema.IndexKey{{Column: "result_artifact_id"}}},
			{Name: "uq_flow_run_state__flow_run_id_timestamp_desc", Keys: []schema.IndexKey{{Column: "flow_run_id"}, {Column: "timestamp", Desc: true}}, Unique: true},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "flow_run",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "state_type", Type: schema.EnumType("state_type")},
			{Name: "state_name", Type: schema.String},
			{Name: "state_timestamp", Type: schema.TimestampTZ},
			{Name: "run_count", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")},
			{Name: "expected_start_time", Type: schema.TimestampTZ},
			{Name: "next_scheduled_start_time", Type: schema.TimestampTZ},
			{Name: "start_time", Type: schema.TimestampTZ},
			{Name: "end_time", Type: schema.TimestampTZ},
			{Name: "total_run_time", Type: schema.Interval, NotNull: true, Default: schema.StringDefault("0")},
			{Name: "flow_id", Type: schema.UUID, NotNull: true},
			{Name: "deployment_id", Type: schema.UUID},
			{Name: "work_queue_name", Type: schema.String},
			{Name: "flow_version", Type: schema.String},
			{Name: "deployment_version", Type: schema.String},
			{Name: "parameters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "idempotency_key", Type: schema.String},
			{Name: "context", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "empirical_policy", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
			{Name: "labels", Type: schema.JSON},
			{Name: "created_by", Type: schema.JSON},
			{Name: "infrastructure_pid", Type: schema.String},
			{Name: "job_variables", Type: schema.JSON, Default: schema.StringDefault("{}")},
			{Name: "infrastructure_document_id", Type: schema.UUID},
			{Name: "parent_task_run_id", Type: schema.UUID},
			{Name: "auto_scheduled", Type: schema.Boolean, NotNull: true, Default: schema.False},
			{Name: "state_id", Type: schema.UUID},
			{Name: "work_queue_id", Type: schema.UUID},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow_run", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_flow_run__flow_id__flow", Columns: []string{"flow_id"}, RefTable: "flow", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_flow_run__infrastructure_document_id__block_document", Columns: []string{"infrastructure_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_flow_run__parent_task_run_id__task_run", Columns: []string{"parent_task_run_id"}, RefTable: "task_run", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
			{Name: "fk_flow_run__state_id__flow_run_state", Columns: []string{"state_id"}, RefTable: "flow_run_state", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
			{Name: "fk_flow_run__work_queue_id__work_queue", Columns: []string{"work_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		},
		Indexes: []*schema.Index{
			{Name: "ix_flow_run__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_flow_run__name", Keys: []schema.IndexKey{{Column: "name"}}},
			{Name: "ix_flow_run__flow_id", Keys: []schema.IndexKey{{Column: "flow_id"}}},
			{Name: "ix_flow_run__deployment_id", Keys: []schema.IndexKey{{Column: "deployment_id"}}},
			{Name: "ix_flow_run__work_queue_name", Keys: []schema.IndexKey{{Column: "work_queue_name"}}},
			{Name: "ix_flow_run__flow_version", Keys: []schema.IndexKey{{Column: "flow_version"}}},
			{Name: "ix_flow_run__deployment_version", Keys: []schema.IndexKey{{Column: "deployment_version"}}},
			{Name: "ix_flow_run__infrastructure_document_id", Keys: []schema.IndexKey{{Column: "infrastructure_document_id"}}},
			{Name: "ix_flow_run__parent_task_run_id", Keys: []schema.IndexKey{{Column: "parent_task_run_id"}}},
			{Name: "ix_flow_run__state_id", Keys: []schema.IndexKey{{Column: "state_id"}}},
			{Name: "ix_flow_run__work_queue_id", Keys: []schema.IndexKey{{Column: "work_queue_id"}}},
			{Name: "uq_flow_run__flow_id_idempotency_key", Keys: []schema.IndexKey{{Column: "flow_id"}, {Column: "idempotency_key"}}, Unique: true},
			{Name: "ix_flow_run__coalesce_start_time_expected_start_time_desc", Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(start_time, expected_start_time)"), Desc: true}}},
			{Name: "ix_flow_run__coalesce_start_time_expected_start_time_asc", Keys: []schema.IndexKey{{Expr: schema.Expr("coalesce(start_time, expected_start_time)")}}},
			{Name: "ix_flow_run__expected_start_time_desc", Keys: []schema.IndexKey{{Column: "expected_start_time", Desc: true}}},
			{Name: "ix_flow_run__next_scheduled_start_time_asc", Keys: []schema.IndexKey{{Column: "next_scheduled_start_time"}}},
			{Name: "ix_flow_run__end_time_desc", Keys: []schema.IndexKey{{Column: "end_time", Desc: true}}},
			{Name: "ix_flow_run__start_time", Keys: []schema.IndexKey{{Column: "start_time"}}},
			{Name: "ix_flow_run__state_type", Keys: []schema.IndexKey{{Column: "state_type"}}},
			{Name: "ix_flow_run__state_name", Keys: []schema.IndexKey{{Column: "state_name"}}},
			{Name: "ix_flow_run__state_timestamp", Keys: []schema.IndexKey{{Column: "state_timestamp"}}},
			{Name: "trgm_ix_flow_run_name", Keys: []schema.IndexKey{{Column: "name", Opclass: "gin_trgm_ops"}}, Method: "gin"},
			{Name: "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu", Keys: []schema.IndexKey{{Column: "deployment_id"}, {Column: "auto_scheduled"}, {Column: "next_scheduled_start_time"}}, Where: schema.SQL{schema.Postgres: "state_type = 'SCHEDULED'::state_type"}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "flow_run_input",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "flow_run_id", Type: schema.UUID, NotNull: true},
			{Name: "key", Type: schema.String, NotNull: true},
			{Name: "value", Type: schema.Text, NotNull: true},
			{Name: "sender", Type: schema.String},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_flow_run_input", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_flow_run_input__flow_run_id_key", Columns: []string{"flow_run_id", "key"}},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_flow_run_input__flow_run_id__flow_run", Columns: []string{"flow_run_id"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_flow_run_input__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "log",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "level", Type: schema.SmallInt, NotNull: true},
			{Name: "flow_run_id", Type: schema.UUID},
			{Name: "task_run_id", Type: schema.UUID},
			{Name: "message", Type: schema.Text, NotNull: true},
			{Name: "timestamp", Type: schema.TimestampTZ, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_log", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_log__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_log__level", Keys: []schema.IndexKey{{Column: "level"}}},
			{Name: "ix_log__flow_run_id", Keys: []schema.IndexKey{{Column: "flow_run_id"}}},
			{Name: "ix_log__task_run_id", Keys: []schema.IndexKey{{Column: "task_run_id"}}},
			{Name: "ix_log__timestamp", Keys: []schema.IndexKey{{Column: "timestamp"}}},
			{Name: "ix_log__flow_run_id_timestamp", Keys: []schema.IndexKey{{Column: "flow_run_id"}, {Column: "timestamp"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "saved_search",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "filters", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_saved_search", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_saved_search__name", Columns: []string{"name"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_saved_search__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "task_run_state",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "task_run_id", Type: schema.UUID, NotNull: true},
			{Name: "type", Type: schema.EnumType("state_type"), NotNull: true},
			{Name: "timestamp", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "message", Type: schema.String},
			{Name: "state_details", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("{}")},
			{Name: "data", Type: schema.JSON},
			{Name: "result_artifact_id", Type: schema.UUID},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_task_run_state", Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_task_run_state__task_run_id__task_run", Columns: []string{"task_run_id"}, RefTable: "task_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
			{Name: "fk_task_run_state__result_artifact_id__artifact", Columns: []string{"result_artifact_id"}, RefTable: "artifact", RefColumns: []string{"id"}, OnDelete: schema.SetNull},
		},
		Indexes: []*schema.Index{
			{Name: "ix_task_run_state__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_task_run_state__type", Keys: []schema.IndexKey{{Column: "type"}}},
			{Name: "ix_task_run_state__name", Keys: []schema.IndexKey{{Column: "name"}}},
			{Name: "ix_task_run_state__result_artifact_id", Keys: []schema.IndexKey{{Column: "result_artifact_id"}}},
			{Name: "uq_task_run_state__task_run_id_timestamp_desc", Keys: []schema.IndexKey{{Column: "task_run_id"}, {Column: "timestamp", Desc: true}}, Unique: true},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "task_run_state_cache",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "cache_key", Type: schema.String, NotNull: true},
			{Name: "cache_expiration", Type: schema.TimestampTZ},
			{Name: "task_run_state_id", Type: schema.UUID, NotNull: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_task_run_state_cache", Columns: []string{"id"}},
		Indexes: []*schema.Index{
			{Name: "ix_task_run_state_cache__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_task_run_state_cache__cache_key_created_desc", Keys: []schema.IndexKey{{Column: "cache_key"}, {Column: "created", Desc: true}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "variable",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "value", Type: schema.JSON},
			{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_variable", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_variable__name", Columns: []string{"name"}},
		},
		Indexes: []*schema.Index{
			{Name: "ix_variable__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
		},
	})
	op.CreateTable(&schema.Table{
		Name: "worker",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
			{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "work_pool_id", Type: schema.UUID, NotNull: true},
			{Name: "name", Type: schema.String, NotNull: true},
			{Name: "last_heartbeat_time", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
			{Name: "heartbeat_interval_seconds", Type: schema.Integer},
			{Name: "status", Type: schema.EnumType("worker_status"), NotNull: true, Default: schema.StringDefault("OFFLINE")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "pk_worker", Columns: []string{"id"}},
		Uniques: []*schema.Unique{
			{Name: "uq_worker__work_pool_id_name", Columns: []string{"work_pool_id", "name"}},
		},
		ForeignKeys: []*schema.ForeignKey{
			{Name: "fk_worker__work_pool_id__work_pool", Columns: []string{"work_pool_id"}, RefTable: "work_pool", RefColumns: []string{"id"}, OnDelete: schema.Cascade},
		},
		Indexes: []*schema.Index{
			{Name: "ix_worker__updated", Keys: []schema.IndexKey{{Column: "updated"}}},
			{Name: "ix_worker__work_pool_id", Keys: []schema.IndexKey{{Column: "work_pool_id"}}},
			{Name: "ix_worker__work_pool_id_last_heartbeat_time", Keys: []schema.IndexKey{{Column: "work_pool_id"}, {Column: "last_heartbeat_time"}}},
		},
	})
	op.AddForeignKey("work_pool", &schema.ForeignKey{Name: "fk_work_pool__default_queue_id__work_queue", Columns: []string{"default_queue_id"}, RefTable: "work_queue", RefColumns: []string{"id"}, OnDelete: schema.Restrict})
	op.AddForeignKey("task_run", &schema.ForeignKey{Name: "fk_task_run__flow_run_id__flow_run", Columns: []string{"flow_run_id"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade})
	op.AddForeignKey("flow_run_state", &schema.ForeignKey{Name: "fk_flow_run_state__flow_run_id__flow_run", Columns: []string{"flow_run_id"}, RefTable: "flow_run", RefColumns: []string{"id"}, OnDelete: schema.Cascade})
}

func downgrade69a6daa10f66(op *migrations.Op) {
	op.DropForeignKey("flow_run_state", "fk_flow_run_state__flow_run_id__flow_run")
	op.DropForeignKey("task_run", "fk_task_run__flow_run_id__flow_run")
	op.DropForeignKey("work_pool", "fk_work_pool__default_queue_id__work_queue")

	// DATA LOSS: drops table "worker" and every row in it
	op.DropTable("worker")

	// DATA LOSS: drops table "variable" and every row in it
	op.DropTable("variable")

	// DATA LOSS: drops table "task_run_state_cache" and every row in it
	op.DropTable("task_run_state_cache")

	// DATA LOSS: drops table "task_run_state" and every row in it
	op.DropTable("task_run_state")

	// DATA LOSS: drops table "saved_search" and every row in it
	op.DropTable("saved_search")

	// DATA LOSS: drops table "log" and every row in it
	op.DropTable("log")

	// DATA LOSS: drops table "flow_run_input" and every row in it
	op.DropTable("flow_run_input")

	// DATA LOSS: drops table "flow_run" and every row in it
	op.DropTable("flow_run")

	// DATA LOSS: drops table "flow_run_state" and every row in it
	op.DropTable("flow_run_state")

	// DATA LOSS: drops table "task_run" and every row in it
	op.DropTable("task_run")

	// DATA LOSS: drops table "events" and every row in it
	op.DropTable("events")

	// DATA LOSS: drops table "event_resources" and every row in it
	op.DropTable("event_resources")

	// DATA LOSS: drops table "deployment_schedule" and every row in it
	op.DropTable("deployment_schedule")

	// DATA LOSS: drops table "deployment" and every row in it
	op.DropTable("deployment")

	// DATA LOSS: drops table "flow" and every row in it
	op.DropTable("flow")

	// DATA LOSS: drops table "csrf_token" and every row in it
	op.DropTable("csrf_token")

	// DATA LOSS: drops table "configuration" and every row in it
	op.DropTable("configuration")

	// DATA LOSS: drops table "concurrency_limit_v2" and every row in it
	op.DropTable("concurrency_limit_v2")

	// DATA LOSS: drops table "concurrency_limit" and every row in it
	op.DropTable("concurrency_limit")

	// DATA LOSS: drops table "composite_trigger_child_firing" and every row in it
	op.DropTable("composite_trigger_child_firing")

	// DATA LOSS: drops table "block_schema_reference" and every row in it
	op.DropTable("block_schema_reference")

	// DATA LOSS: drops table "block_document_reference" and every row in it
	op.DropTable("block_document_reference")

	// DATA LOSS: drops table "block_document" and every row in it
	op.DropTable("block_document")

	// DATA LOSS: drops table "block_schema" and every row in it
	op.DropTable("block_schema")

	// DATA LOSS: drops table "block_type" and every row in it
	op.DropTable("block_type")

	// DATA LOSS: drops table "automation_related_resource" and every row in it
	op.DropTable("automation_related_resource")

	// DATA LOSS: drops table "automation_event_follower" and every row in it
	op.DropTable("automation_event_follower")

	// DATA LOSS: drops table "automation_bucket" and every row in it
	op.DropTable("automation_bucket")

	// DATA LOSS: drops table "automation" and every row in it
	op.DropTable("automation")

	// DATA LOSS: drops table "artifact_collection" and every row in it
	op.DropTable("artifact_collection")

	// DATA LOSS: drops table "artifact" and every row in it
	op.DropTable("artifact")

	// DATA LOSS: drops table "agent" and every row in it
	op.DropTable("agent")

	// DATA LOSS: drops table "work_queue" and every row in it
	op.DropTable("work_queue")

	// DATA LOSS: drops table "work_pool" and every row in it
	op.DropTable("work_pool")

	op.DropExtension("pg_trgm")

	// DATA LOSS: drops enum type "deployment_status"
	op.DropEnum("deployment_status")

	// DATA LOSS: drops enum type "state_type"
	op.DropEnum("state_type")

	// DATA LOSS: drops enum type "work_pool_status"
	op.DropEnum("work_pool_status")

	// DATA LOSS: drops enum type "work_queue_status"
	op.DropEnum("work_queue_status")

	// DATA LOSS: drops enum type "worker_status"
	op.DropEnum("worker_status")
}
