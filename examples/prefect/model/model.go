// Package model is Prefect's server database schema written as an autogen
// model: the 34 tables of Prefect's ORM (src/prefect/server/database/
// orm_models.py), their 141 indexes, 5 enums, and the naming convention of
// its SQLAlchemy MetaData, so that every generated name matches the
// databases Alembic created for Prefect (on PostgreSQL, names over 63
// bytes are cut with an md5 suffix as SQLAlchemy cuts them).
//
// Where the ORM cannot be followed to the letter the model says so next to
// the object: the trigram indexes carry the gin_trgm_ops operator class
// that Prefect's migrations give them (an index declared without it fails
// on PostgreSQL 15), and the foreign key of block_document.block_schema_id
// keeps the name it had before the table was renamed.
package model

import "github.com/autogen-dev/autogen/schema"

// Schema is Prefect's server schema.
var Schema = &schema.Schema{
	Naming:     &schema.PrefectNaming,
	Extensions: []schema.Extension{{Name: "pg_trgm"}}, // the trigram indexes
	Enums:      []*schema.Enum{StateType, DeploymentStatus, WorkQueueStatus, WorkPoolStatus, WorkerStatus},
	Tables: []*schema.Table{
		Flow, FlowRunState, TaskRunState, Artifact, ArtifactCollection, TaskRunStateCache,
		FlowRun, TaskRun, DeploymentSchedule, Deployment, Log, ConcurrencyLimit, ConcurrencyLimitV2,
		BlockType, BlockSchema, BlockSchemaReference, BlockDocument, BlockDocumentReference,
		Configuration, SavedSearch, WorkQueue, WorkPool, Worker, Agent, Variable, FlowRunInput,
		CsrfToken, Automation, AutomationBucket, AutomationRelatedResource,
		CompositeTriggerChildFiring, AutomationEventFollower, Events, EventResources,
	},
}

// The enums. Prefect stores the members' names; on SQLite each enum column
// is a VARCHAR as long as the longest value.
var (
	// StateType is the type of a flow or task run state.
	StateType = &schema.Enum{Name: "state_type", Values: []string{
		"SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "CRASHED", "PAUSED", "CANCELLING",
	}}
	// DeploymentStatus is whether a deployment can run.
	DeploymentStatus = &schema.Enum{Name: "deployment_status", Values: []string{"READY", "NOT_READY"}}
	// WorkQueueStatus is whether a work queue can run work.
	WorkQueueStatus = &schema.Enum{Name: "work_queue_status", Values: []string{"READY", "NOT_READY", "PAUSED"}}
	// WorkPoolStatus is whether a work pool can run work.
	WorkPoolStatus = &schema.Enum{Name: "work_pool_status", Values: []string{"READY", "NOT_READY", "PAUSED"}}
	// WorkerStatus is whether a worker is alive.
	WorkerStatus = &schema.Enum{Name: "worker_status", Values: []string{"ONLINE", "OFFLINE"}}
)

// Server defaults, spelled per dialect as Prefect's custom types compile
// them.
var (
	// now is the current time: now() on PostgreSQL; on SQLite a text
	// timestamp with six fractional digits, as Prefect's Timestamp type
	// stores it.
	now = schema.Now.On(schema.SQLite, "strftime('%Y-%m-%d %H:%M:%f000', 'now')")
	// generateUUID is a random UUID: gen_random_uuid() on PostgreSQL; on
	// SQLite Prefect's GenerateUUID expression, a version-4 UUID in its
	// hyphenated text form.
	generateUUID = schema.GenerateUUID.On(schema.SQLite, sqliteGenerateUUID)
)

// sqliteGenerateUUID is the text of Prefect's GenerateUUID default on
// SQLite.
const sqliteGenerateUUID = `(
        lower(hex(randomblob(4)))
        || '-'
        || lower(hex(randomblob(2)))
        || '-4'
        || substr(lower(hex(randomblob(2))),2)
        || '-'
        || substr('89ab',abs(random()) % 4 + 1, 1)
        || substr(lower(hex(randomblob(2))),2)
        || '-'
        || lower(hex(randomblob(6)))
    )`

// baseColumns returns the columns every Prefect table starts with (its
// ORM Base class: id, created, updated) followed by cols.
func baseColumns(cols ...*schema.Column) []*schema.Column {
	return append([]*schema.Column{
		{Name: "id", Type: schema.UUID, NotNull: true, Default: generateUUID},
		{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: now},
		{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: now},
	}, cols...)
}

// postgresOnly restricts an index to PostgreSQL, like Prefect's
// .ddl_if(dialect="postgresql").
var postgresOnly = []schema.Dialect{schema.Postgres}

// scheduled is the predicate of the scheduler's partial index on flow_run,
// written for each dialect as Prefect's postgresql_where and sqlite_where
// write it.
var scheduled = schema.SQL{
	schema.Postgres: "state_type = 'SCHEDULED'::state_type",
	schema.SQLite:   "state_type = 'SCHEDULED'",
}
