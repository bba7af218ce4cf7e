-- create enum "state_type"
CREATE TYPE "state_type" AS ENUM ('SCHEDULED', 'PENDING', 'RUNNING');

-- create extension "pg_trgm"
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- create table "flow"
CREATE TABLE "flow" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created" timestamp with time zone DEFAULT now() NOT NULL,
	"name" character varying NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" "state_type" DEFAULT 'SCHEDULED',
	"runs" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"price" numeric(10,2),
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);
COMMENT ON TABLE "flow" IS 'A flow''s definition; it''s versioned.';
COMMENT ON COLUMN "flow"."name" IS 'unique name';
CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);
CREATE INDEX "trgm_ix_flow_name" ON "flow" USING "gin" ("name" "gin_trgm_ops");

-- create table "flow_run"
CREATE TABLE "flow_run" (
	"id" integer NOT NULL,
	"flow_id" uuid NOT NULL,
	"start_time" timestamp with time zone,
	"expected_start_time" timestamp with time zone,
	"state_type" "state_type",
	"name" text,
	CONSTRAINT "pk_flow_run" PRIMARY KEY ("id"),
	CONSTRAINT "fk_flow_run__flow_id__flow" FOREIGN KEY ("flow_id") REFERENCES "flow" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX "ix_flow_run__coalesce_start_time_expected_start_time_desc" ON "flow_run" ((coalesce(start_time, expected_start_time)) DESC);
CREATE INDEX "ix_flow_run__scheduled" ON "flow_run" ("flow_id", "expected_start_time") WHERE state_type = 'SCHEDULED'::state_type;
CREATE INDEX "ix_flow_run__flow_id_include" ON "flow_run" ("flow_id") INCLUDE ("name");
CREATE UNIQUE INDEX "uq_flow_run__name" ON "flow_run" ("name" NULLS LAST) NULLS NOT DISTINCT;
CREATE INDEX "ix_flow_run__a_generated_name_that_is_much_longer_than__cd1b" ON "flow_run" ("name");

-- create table "pg_only"
CREATE TABLE "pg_only" (
	"id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
	"c" text COLLATE "C"
);

-- add column "flow"."description"
ALTER TABLE "flow" ADD COLUMN "description" text;

-- add column "flow"."priority"
ALTER TABLE "flow" ADD COLUMN "priority" smallint DEFAULT -1 NOT NULL;
COMMENT ON COLUMN "flow"."priority" IS 'lower runs first';

-- add column "flow"."updated"
ALTER TABLE "flow" ADD COLUMN "updated" timestamp with time zone DEFAULT now() NOT NULL;

-- add column "flow"."must"
ALTER TABLE "flow" ADD COLUMN "must" text NOT NULL;

-- drop column "flow"."description"
ALTER TABLE "flow" DROP COLUMN "description";

-- rename column "flow"."price" to "cost"
ALTER TABLE "flow" RENAME COLUMN "price" TO "cost";

-- alter column "flow"."runs"
ALTER TABLE "flow" ALTER COLUMN "runs" TYPE bigint USING runs::bigint;

-- alter column "flow"."state"
UPDATE "flow" SET "state" = 'PENDING' WHERE "state" IS NULL;
ALTER TABLE "flow" ALTER COLUMN "state" SET NOT NULL;

-- alter column "flow"."cost"
ALTER TABLE "flow" ALTER COLUMN "cost" DROP DEFAULT;
ALTER TABLE "flow" ALTER COLUMN "cost" TYPE numeric(12,4);
ALTER TABLE "flow" ALTER COLUMN "cost" SET DEFAULT 1.5;

-- alter column "flow"."tags"
ALTER TABLE "flow" ALTER COLUMN "tags" DROP DEFAULT;
ALTER TABLE "flow" ALTER COLUMN "tags" DROP NOT NULL;
COMMENT ON COLUMN "flow"."tags" IS NULL;

-- alter column "flow"."name"
COMMENT ON COLUMN "flow"."name" IS 'the flow''s name';

-- create index "ix_flow_run__start_time" on "flow_run"
CREATE INDEX CONCURRENTLY "ix_flow_run__start_time" ON "flow_run" ("start_time");

-- create index "ix_flow_run__pg" on "flow_run"
CREATE INDEX "ix_flow_run__pg" ON "flow_run" ("name" "text_pattern_ops");

-- drop index "ix_flow_run__start_time" on "flow_run"
DROP INDEX CONCURRENTLY "ix_flow_run__start_time";

-- drop index "ix_flow_run__scheduled" on "flow_run"
DROP INDEX "ix_flow_run__scheduled";

-- add foreign key "fk_flow__parent" to "flow"
ALTER TABLE "flow" ADD CONSTRAINT "fk_flow__parent" FOREIGN KEY ("runs") REFERENCES "flow_run" ("id") ON UPDATE SET NULL;

-- drop foreign key "fk_flow__parent" from "flow"
ALTER TABLE "flow" DROP CONSTRAINT "fk_flow__parent";

-- add unique constraint "uq_flow__name_state" to "flow"
ALTER TABLE "flow" ADD CONSTRAINT "uq_flow__name_state" UNIQUE ("name", "state");

-- drop unique constraint "uq_flow__name_state" from "flow"
ALTER TABLE "flow" DROP CONSTRAINT "uq_flow__name_state";

-- add check constraint "ck_flow__name" to "flow"
ALTER TABLE "flow" ADD CONSTRAINT "ck_flow__name" CHECK (name ~ '^[a-z]');

-- drop check constraint "ck_flow__name" from "flow"
ALTER TABLE "flow" DROP CONSTRAINT "ck_flow__name";

-- add value "CANCELLING" to enum "state_type"
ALTER TYPE "state_type" ADD VALUE 'CANCELLING' BEFORE 'RUNNING';

-- add value "COMPLETED" to enum "state_type"
ALTER TYPE "state_type" ADD VALUE 'COMPLETED' AFTER 'RUNNING';

-- add value "CRASHED" to enum "state_type"
ALTER TYPE "state_type" ADD VALUE 'CRASHED';

-- set the comment of table "flow"
COMMENT ON TABLE "flow" IS 'Flows';

-- execute SQL
UPDATE flow SET runs = 0 WHERE runs IS NULL;

-- run Go code
-- error: run Go code on PostgreSQL: the operation runs Go code and has no SQL form

-- batch on table "flow_run"
ALTER TABLE "flow_run" ADD COLUMN "tries" integer;
ALTER TABLE "flow_run" RENAME COLUMN "name" TO "label";

-- batch on table "flow_run"
ALTER TABLE "flow_run" ALTER COLUMN "start_time" SET NOT NULL;

-- rename table "flow_run" to "run"
ALTER TABLE "flow_run" RENAME TO "run";

-- drop table "run"
DROP TABLE "run";

-- drop enum "state_type"
DROP TYPE "state_type";

-- drop extension "pg_trgm"
DROP EXTENSION IF EXISTS "pg_trgm";

