-- Downgrade of the PostgreSQL chain from e0e0e0e0e016 to base, written by autogen for offline use.

-- Running downgrade e0e0e0e0e016 -> e0e0e0e0e015, sequences, domains, an enum rebuild and primary keys
BEGIN;

ALTER TYPE "color" RENAME TO "_autogen_old_color";

CREATE TYPE "color" AS ENUM ('red', 'green');

ALTER TABLE "flow" ALTER COLUMN "color" DROP DEFAULT;

ALTER TABLE "flow" ALTER COLUMN "color" TYPE "color" USING "color"::text::"color";

ALTER TABLE "flow" ALTER COLUMN "color" SET DEFAULT 'red';

DROP TYPE "_autogen_old_color";

ALTER TABLE "scratch2" ADD CONSTRAINT "pk_scratch" PRIMARY KEY ("id");

ALTER TABLE "nopk" DROP CONSTRAINT "pk_nopk";

DROP TABLE "nopk";

DROP DOMAIN "positive_int";

DROP SEQUENCE IF EXISTS "ticket_seq";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e015' WHERE "version_num" = 'e0e0e0e0e016';

COMMIT;

-- Running downgrade e0e0e0e0e015 -> e0e0e0e0e013, e0e0e0e0e014, merge
BEGIN;

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e015';

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e013');

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e014');

COMMIT;

-- Running downgrade e0e0e0e0e014 -> e0e0e0e0e012, a branch: color
BEGIN;

ALTER TABLE "flow" DROP COLUMN "color";

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e014';

COMMIT;

-- Running downgrade e0e0e0e0e013 -> e0e0e0e0e012, tables renamed and dropped
BEGIN;

DROP TABLE "scratch2";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e012' WHERE "version_num" = 'e0e0e0e0e013';

COMMIT;

-- Running downgrade e0e0e0e0e012 -> e0e0e0e0e011, autocommit
BEGIN;

COMMIT;

-- Outside a transaction:
DROP INDEX CONCURRENTLY "ix_flow__active";

BEGIN;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e011' WHERE "version_num" = 'e0e0e0e0e012';

COMMIT;

-- Running downgrade e0e0e0e0e011 -> e0e0e0e0e010, batch
BEGIN;

ALTER TABLE "flow_run" DROP CONSTRAINT "ck_flow_run__tries";

DROP INDEX "ix_flow_run__tries";

ALTER TABLE "flow_run" ALTER COLUMN "start_time" DROP NOT NULL;

ALTER TABLE "flow_run" RENAME COLUMN "label" TO "name";

ALTER TABLE "flow_run" DROP COLUMN "tries";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e010' WHERE "version_num" = 'e0e0e0e0e011';

COMMIT;

-- Running downgrade e0e0e0e0e010 -> e0e0e0e0e009, data
BEGIN;

UPDATE flow SET runs = runs - 1;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e009' WHERE "version_num" = 'e0e0e0e0e010';

COMMIT;

-- Running downgrade e0e0e0e0e009 -> e0e0e0e0e008, enum values and comments
BEGIN;

COMMENT ON TABLE "flow" IS 'A flow''s definition; it''s versioned.';

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e008' WHERE "version_num" = 'e0e0e0e0e009';

COMMIT;

-- Running downgrade e0e0e0e0e008 -> e0e0e0e0e007, drop constraints and an index
BEGIN;

COMMIT;

-- Outside a transaction:
CREATE INDEX CONCURRENTLY "ix_flow_run__start_time" ON "flow_run" ("start_time");

BEGIN;

ALTER TABLE "flow" ADD CONSTRAINT "ck_flow__runs_small" CHECK (runs < 1000000);

ALTER TABLE "flow" ADD CONSTRAINT "uq_flow__name_state" UNIQUE ("name", "state");

ALTER TABLE "flow" ADD CONSTRAINT "fk_flow__parent_run__flow_run" FOREIGN KEY ("parent_run") REFERENCES "flow_run" ("id") ON DELETE SET NULL;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e007' WHERE "version_num" = 'e0e0e0e0e008';

COMMIT;

-- Running downgrade e0e0e0e0e007 -> e0e0e0e0e006, constraints
BEGIN;

ALTER TABLE "flow" DROP CONSTRAINT "ck_flow__runs_small";

ALTER TABLE "flow" DROP CONSTRAINT "uq_flow__name_state";

ALTER TABLE "flow" DROP CONSTRAINT "fk_flow__parent_run__flow_run";

ALTER TABLE "flow" DROP COLUMN "parent_run";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e006' WHERE "version_num" = 'e0e0e0e0e007';

COMMIT;

-- Running downgrade e0e0e0e0e006 -> e0e0e0e0e005, indexes
BEGIN;

CREATE INDEX "ix_flow_run__scheduled" ON "flow_run" ("flow_id", "expected_start_time") WHERE state_type = 'SCHEDULED'::state_type;

DROP INDEX "ix_flow__lower_name";

DROP INDEX "ix_flow_run__name_pattern";

COMMIT;

-- Outside a transaction:
DROP INDEX CONCURRENTLY "ix_flow_run__start_time";

BEGIN;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e005' WHERE "version_num" = 'e0e0e0e0e006';

COMMIT;

-- Running downgrade e0e0e0e0e005 -> e0e0e0e0e004, alter columns
BEGIN;

COMMENT ON COLUMN "flow"."name" IS 'unique name';

ALTER TABLE "flow" ALTER COLUMN "tags" SET DEFAULT '[]'::jsonb;

ALTER TABLE "flow" ALTER COLUMN "cost" TYPE numeric(10,2);

ALTER TABLE "flow" ALTER COLUMN "cost" DROP DEFAULT;

ALTER TABLE "flow" ALTER COLUMN "state" DROP NOT NULL;

ALTER TABLE "flow" ALTER COLUMN "runs" TYPE integer USING runs::integer;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e004' WHERE "version_num" = 'e0e0e0e0e005';

COMMIT;

-- Running downgrade e0e0e0e0e004 -> e0e0e0e0e003, drop and rename columns
BEGIN;

ALTER TABLE "flow" RENAME COLUMN "cost" TO "price";

ALTER TABLE "flow" ADD COLUMN "description" text;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e003' WHERE "version_num" = 'e0e0e0e0e004';

COMMIT;

-- Running downgrade e0e0e0e0e003 -> e0e0e0e0e002, add columns
BEGIN;

ALTER TABLE "flow" DROP COLUMN "updated";

ALTER TABLE "flow" DROP COLUMN "priority";

ALTER TABLE "flow" DROP COLUMN "description";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e002' WHERE "version_num" = 'e0e0e0e0e003';

COMMIT;

-- Running downgrade e0e0e0e0e002 -> e0e0e0e0e001, tables
BEGIN;

DROP TABLE "flow_run";

DROP TABLE "flow";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e001' WHERE "version_num" = 'e0e0e0e0e002';

COMMIT;

-- Running downgrade e0e0e0e0e001 -> base, extensions and enums
BEGIN;

DROP TYPE "color";

DROP TYPE "state_type";

DROP EXTENSION IF EXISTS "pg_trgm";

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e001';

COMMIT;

