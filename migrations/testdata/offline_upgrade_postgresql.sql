-- Upgrade of the PostgreSQL chain from base to e0e0e0e0e016, written by autogen for offline use.

-- Running upgrade base -> e0e0e0e0e001, extensions and enums
BEGIN;

SET LOCAL lock_timeout = 5000;

CREATE TABLE IF NOT EXISTS "alembic_version" (
	"version_num" VARCHAR(32) NOT NULL,
	CONSTRAINT "alembic_version_pkc" PRIMARY KEY ("version_num")
);

CREATE EXTENSION IF NOT EXISTS "pg_trgm";

CREATE TYPE "state_type" AS ENUM ('SCHEDULED', 'PENDING', 'RUNNING');

CREATE TYPE "color" AS ENUM ('red', 'green');

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e001');

COMMIT;

-- Running upgrade e0e0e0e0e001 -> e0e0e0e0e002, tables
BEGIN;

SET LOCAL lock_timeout = 5000;

CREATE TABLE "flow" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created" timestamp with time zone DEFAULT now() NOT NULL,
	"name" character varying COLLATE "C" NOT NULL,
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

INSERT INTO flow (id, name, state, price) VALUES
				('00000000-0000-4000-8000-000000000001', 'alpha', 'PENDING', 1.5),
				('00000000-0000-4000-8000-000000000002', 'beta', NULL, NULL);

INSERT INTO flow_run (id, flow_id, start_time, state_type, name) VALUES
				(1, '00000000-0000-4000-8000-000000000001', NULL, 'RUNNING', 'one'),
				(2, '00000000-0000-4000-8000-000000000002', '2024-01-02 03:04:05+00', NULL, 'two');

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e002' WHERE "version_num" = 'e0e0e0e0e001';

COMMIT;

-- Running upgrade e0e0e0e0e002 -> e0e0e0e0e003, add columns
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow" ADD COLUMN "description" text;

ALTER TABLE "flow" ADD COLUMN "priority" smallint DEFAULT -1 NOT NULL;

COMMENT ON COLUMN "flow"."priority" IS 'lower runs first';

ALTER TABLE "flow" ADD COLUMN "updated" timestamp with time zone DEFAULT now() NOT NULL;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e003' WHERE "version_num" = 'e0e0e0e0e002';

COMMIT;

-- Running upgrade e0e0e0e0e003 -> e0e0e0e0e004, drop and rename columns
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow" DROP COLUMN "description";

ALTER TABLE "flow" RENAME COLUMN "price" TO "cost";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e004' WHERE "version_num" = 'e0e0e0e0e003';

COMMIT;

-- Running upgrade e0e0e0e0e004 -> e0e0e0e0e005, alter columns
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow" ALTER COLUMN "runs" TYPE bigint USING runs::bigint;

UPDATE "flow" SET "state" = 'PENDING' WHERE "state" IS NULL;

ALTER TABLE "flow" ALTER COLUMN "state" SET NOT NULL;

ALTER TABLE "flow" ALTER COLUMN "cost" DROP DEFAULT;

ALTER TABLE "flow" ALTER COLUMN "cost" TYPE numeric(12,4);

ALTER TABLE "flow" ALTER COLUMN "cost" SET DEFAULT 1.5;

ALTER TABLE "flow" ALTER COLUMN "tags" DROP DEFAULT;

COMMENT ON COLUMN "flow"."name" IS 'the flow''s name';

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e005' WHERE "version_num" = 'e0e0e0e0e004';

COMMIT;

-- Running upgrade e0e0e0e0e005 -> e0e0e0e0e006, indexes
BEGIN;

SET LOCAL lock_timeout = 5000;

COMMIT;

-- Outside a transaction:
CREATE INDEX CONCURRENTLY "ix_flow_run__start_time" ON "flow_run" ("start_time");

BEGIN;

SET LOCAL lock_timeout = 5000;

CREATE INDEX "ix_flow_run__name_pattern" ON "flow_run" ("name" "text_pattern_ops");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

DROP INDEX "ix_flow_run__scheduled";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e006' WHERE "version_num" = 'e0e0e0e0e005';

COMMIT;

-- Running upgrade e0e0e0e0e006 -> e0e0e0e0e007, constraints
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow" ADD COLUMN "parent_run" integer;

UPDATE flow SET parent_run = 1 WHERE name = 'alpha';

ALTER TABLE "flow" ADD CONSTRAINT "fk_flow__parent_run__flow_run" FOREIGN KEY ("parent_run") REFERENCES "flow_run" ("id") ON DELETE SET NULL;

ALTER TABLE "flow" ADD CONSTRAINT "uq_flow__name_state" UNIQUE ("name", "state");

ALTER TABLE "flow" ADD CONSTRAINT "ck_flow__runs_small" CHECK (runs < 1000000);

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e007' WHERE "version_num" = 'e0e0e0e0e006';

COMMIT;

-- Running upgrade e0e0e0e0e007 -> e0e0e0e0e008, drop constraints and an index
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow" DROP CONSTRAINT "fk_flow__parent_run__flow_run";

ALTER TABLE "flow" DROP CONSTRAINT "uq_flow__name_state";

ALTER TABLE "flow" DROP CONSTRAINT "ck_flow__runs_small";

COMMIT;

-- Outside a transaction:
DROP INDEX CONCURRENTLY "ix_flow_run__start_time";

BEGIN;

SET LOCAL lock_timeout = 5000;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e008' WHERE "version_num" = 'e0e0e0e0e007';

COMMIT;

-- Running upgrade e0e0e0e0e008 -> e0e0e0e0e009, enum values and comments
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TYPE "state_type" ADD VALUE 'CANCELLING' BEFORE 'RUNNING';

ALTER TYPE "state_type" ADD VALUE 'COMPLETED' AFTER 'RUNNING';

COMMENT ON TABLE "flow" IS 'Flows';

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e009' WHERE "version_num" = 'e0e0e0e0e008';

COMMIT;

-- Running upgrade e0e0e0e0e009 -> e0e0e0e0e010, data
BEGIN;

SET LOCAL lock_timeout = 5000;

UPDATE flow SET runs = runs + 1;

-- Revision e0e0e0e0e010, operation 2 runs Go code (a data migration) and cannot be rendered as SQL: run this migration online, or do its work here by hand.

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e010' WHERE "version_num" = 'e0e0e0e0e009';

COMMIT;

-- Running upgrade e0e0e0e0e010 -> e0e0e0e0e011, batch
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow_run" ADD COLUMN "tries" integer;

ALTER TABLE "flow_run" RENAME COLUMN "name" TO "label";

UPDATE "flow_run" SET "start_time" = '2000-01-01 00:00:00+00' WHERE "start_time" IS NULL;

ALTER TABLE "flow_run" ALTER COLUMN "start_time" SET NOT NULL;

CREATE INDEX "ix_flow_run__tries" ON "flow_run" ("tries" DESC);

ALTER TABLE "flow_run" ADD CONSTRAINT "ck_flow_run__tries" CHECK (tries IS NULL OR tries >= 0);

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e011' WHERE "version_num" = 'e0e0e0e0e010';

COMMIT;

-- Running upgrade e0e0e0e0e011 -> e0e0e0e0e012, autocommit
BEGIN;

SET LOCAL lock_timeout = 5000;

COMMIT;

-- Outside a transaction:
ALTER TYPE "state_type" ADD VALUE 'CRASHED';

CREATE INDEX CONCURRENTLY "ix_flow__active" ON "flow" ("active");

BEGIN;

SET LOCAL lock_timeout = 5000;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e012' WHERE "version_num" = 'e0e0e0e0e011';

COMMIT;

-- Running upgrade e0e0e0e0e012 -> e0e0e0e0e013, tables renamed and dropped
BEGIN;

SET LOCAL lock_timeout = 5000;

CREATE EXTENSION IF NOT EXISTS "hstore";

CREATE TABLE "scratch" (
	"id" integer NOT NULL,
	"note" text,
	CONSTRAINT "pk_scratch" PRIMARY KEY ("id")
);

ALTER TABLE "scratch" RENAME TO "scratch2";

CREATE TABLE "other" (
	"x" text
);

DROP TABLE "other";

DROP EXTENSION IF EXISTS "hstore";

INSERT INTO scratch2 VALUES (1, 'x');

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e013' WHERE "version_num" = 'e0e0e0e0e012';

COMMIT;

-- Running upgrade e0e0e0e0e012 -> e0e0e0e0e014, a branch: color
BEGIN;

SET LOCAL lock_timeout = 5000;

ALTER TABLE "flow" ADD COLUMN "color" "color" DEFAULT 'red' NOT NULL;

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e014');

COMMIT;

-- Running upgrade e0e0e0e0e013, e0e0e0e0e014 -> e0e0e0e0e015, merge
BEGIN;

SET LOCAL lock_timeout = 5000;

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e013';

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e014';

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e015');

COMMIT;

-- Running upgrade e0e0e0e0e015 -> e0e0e0e0e016, sequences, domains, an enum rebuild and primary keys
BEGIN;

SET LOCAL lock_timeout = 5000;

CREATE SEQUENCE "ticket_seq" AS bigint START WITH 100;

ALTER SEQUENCE "ticket_seq" AS bigint INCREMENT BY 5 NO MINVALUE NO MAXVALUE START WITH 100 CACHE 1 NO CYCLE OWNED BY NONE;

CREATE DOMAIN "positive_int" AS integer;

ALTER DOMAIN "positive_int" ADD CONSTRAINT "positive_int_check" CHECK (VALUE > 0);

ALTER DOMAIN "positive_int" SET DEFAULT 1;

ALTER DOMAIN "positive_int" SET NOT NULL;

CREATE TABLE "nopk" (
	"id" integer NOT NULL,
	"v" text
);

INSERT INTO nopk VALUES (1, 'one'), (2, 'two');

ALTER TABLE "nopk" ADD CONSTRAINT "pk_nopk" PRIMARY KEY ("id");

ALTER TABLE "scratch2" DROP CONSTRAINT "pk_scratch";

ALTER TYPE "color" RENAME TO "_autogen_old_color";

CREATE TYPE "color" AS ENUM ('green', 'red', 'blue');

ALTER TABLE "flow" ALTER COLUMN "color" DROP DEFAULT;

ALTER TABLE "flow" ALTER COLUMN "color" TYPE "color" USING "color"::text::"color";

ALTER TABLE "flow" ALTER COLUMN "color" SET DEFAULT 'red';

DROP TYPE "_autogen_old_color";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e016' WHERE "version_num" = 'e0e0e0e0e015';

COMMIT;

