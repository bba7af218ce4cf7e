-- create enum "state_type"
-- (nothing)

-- create extension "pg_trgm"
-- (nothing)

-- create table "flow"
CREATE TABLE "flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON DEFAULT ('[]') NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED',
	"runs" INTEGER DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"price" NUMERIC(10, 2),
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);
CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);
CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

-- create table "flow_run"
CREATE TABLE "flow_run" (
	"id" INTEGER NOT NULL,
	"flow_id" CHAR(36) NOT NULL,
	"start_time" DATETIME,
	"expected_start_time" DATETIME,
	"state_type" VARCHAR(9),
	"name" TEXT,
	CONSTRAINT "pk_flow_run" PRIMARY KEY ("id"),
	CONSTRAINT "fk_flow_run__flow_id__flow" FOREIGN KEY ("flow_id") REFERENCES "flow" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX "ix_flow_run__coalesce_start_time_expected_start_time_desc" ON "flow_run" ((coalesce(start_time, expected_start_time)) DESC);
CREATE INDEX "ix_flow_run__scheduled" ON "flow_run" ("flow_id", "expected_start_time") WHERE state_type = 'SCHEDULED';
CREATE INDEX "ix_flow_run__a_generated_name_that_is_much_longer_than_sixty_three_bytes_long" ON "flow_run" ("name");

-- create table "pg_only"
-- (nothing)

-- add column "flow"."description"
ALTER TABLE "flow" ADD COLUMN "description" TEXT;

-- add column "flow"."priority"
ALTER TABLE "flow" ADD COLUMN "priority" SMALLINT DEFAULT -1 NOT NULL;

-- add column "flow"."updated"
-- error: add column "flow"."updated" on SQLite: adding column "updated" whose default is not a constant: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- add column "flow"."must"
-- error: add column "flow"."must" on SQLite: adding NOT NULL column "must" without a default: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- drop column "flow"."description"
ALTER TABLE "flow" DROP COLUMN "description";

-- rename column "flow"."price" to "cost"
ALTER TABLE "flow" RENAME COLUMN "price" TO "cost";

-- alter column "flow"."runs"
-- error: alter column "flow"."runs" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."state"
-- error: alter column "flow"."state" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."cost"
-- error: alter column "flow"."cost" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."tags"
-- error: alter column "flow"."tags" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."name"
-- (nothing)

-- alter column "flow"."name"
-- error: alter column "flow"."name" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."name"
-- error: alter column "flow"."name" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."runs"
-- error: alter column "flow"."runs" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."runs"
-- error: alter column "flow"."runs" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- alter column "flow"."runs"
-- error: alter column "flow"."runs" on SQLite: changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- create index "ix_flow_run__start_time" on "flow_run"
CREATE INDEX "ix_flow_run__start_time" ON "flow_run" ("start_time");

-- create index "ix_flow_run__pg" on "flow_run"
-- error: create index "ix_flow_run__pg" on "flow_run" on SQLite: index "ix_flow_run__pg" uses operator class text_pattern_ops, which SQLite does not have; restrict the index to PostgreSQL with Only: []schema.Dialect{schema.Postgres} (and declare a SQLite variant if one is wanted)

-- drop index "ix_flow_run__start_time" on "flow_run"
DROP INDEX "ix_flow_run__start_time";

-- drop index "ix_flow_run__scheduled" on "flow_run"
DROP INDEX "ix_flow_run__scheduled";

-- add foreign key "fk_flow__parent" to "flow"
-- error: add foreign key "fk_flow__parent" to "flow" on SQLite: adding or dropping a constraint: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- drop foreign key "fk_flow__parent" from "flow"
-- error: drop foreign key "fk_flow__parent" from "flow" on SQLite: adding or dropping a constraint: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- add unique constraint "uq_flow__name_state" to "flow"
-- error: add unique constraint "uq_flow__name_state" to "flow" on SQLite: adding or dropping a constraint: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- drop unique constraint "uq_flow__name_state" from "flow"
-- error: drop unique constraint "uq_flow__name_state" from "flow" on SQLite: adding or dropping a constraint: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- add check constraint "ck_flow__name" to "flow"
-- error: add check constraint "ck_flow__name" to "flow" on SQLite: adding or dropping a constraint: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- drop check constraint "ck_flow__name" from "flow"
-- error: drop check constraint "ck_flow__name" from "flow" on SQLite: adding or dropping a constraint: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- add value "CANCELLING" to enum "state_type"
-- (nothing)

-- add value "COMPLETED" to enum "state_type"
-- (nothing)

-- add value "CRASHED" to enum "state_type"
-- (nothing)

-- set the comment of table "flow"
-- (nothing)

-- execute SQL
UPDATE flow SET runs = 0 WHERE runs IS NULL;

-- run Go code
-- error: run Go code on SQLite: the operation runs Go code and has no SQL form

-- batch on table "flow_run"
ALTER TABLE "flow_run" ADD COLUMN "tries" INTEGER;
ALTER TABLE "flow_run" RENAME COLUMN "name" TO "label";

-- batch on table "flow_run"
-- error: batch on table "flow_run" on SQLite: operation 1 (alter column "flow_run"."start_time"): changing a column's type, nullability, default, collation or identity: SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)

-- rename table "flow_run" to "run"
ALTER TABLE "flow_run" RENAME TO "run";

-- drop table "run"
DROP TABLE "run";

-- drop enum "state_type"
-- (nothing)

-- drop extension "pg_trgm"
-- (nothing)

