-- Downgrade of the SQLite chain from e0e0e0e0e016 to base, written by autogen for offline use.

PRAGMA foreign_keys = OFF;

-- Running downgrade e0e0e0e0e016 -> e0e0e0e0e015, sequences, domains, an enum rebuild and primary keys
BEGIN IMMEDIATE;

CREATE TABLE "_autogen_tmp_scratch2" (
	"id" INTEGER NOT NULL,
	"note" TEXT,
	CONSTRAINT "pk_scratch" PRIMARY KEY ("id")
);

INSERT INTO "_autogen_tmp_scratch2" (rowid, "id", "note")
SELECT rowid, "id", "note" FROM "scratch2";

DROP TABLE "scratch2";

ALTER TABLE "_autogen_tmp_scratch2" RENAME TO "scratch2";

CREATE TABLE "_autogen_tmp_nopk" (
	"id" INTEGER NOT NULL,
	"v" TEXT
);

INSERT INTO "_autogen_tmp_nopk" (rowid, "id", "v")
SELECT rowid, "id", "v" FROM "nopk";

DROP TABLE "nopk";

ALTER TABLE "_autogen_tmp_nopk" RENAME TO "nopk";

DROP TABLE "nopk";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e015' WHERE "version_num" = 'e0e0e0e0e016';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e015 -> e0e0e0e0e013, e0e0e0e0e014, merge
BEGIN IMMEDIATE;

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e015';

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e013');

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e014');

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e014 -> e0e0e0e0e012, a branch: color
BEGIN IMMEDIATE;

ALTER TABLE "flow" DROP COLUMN "color";

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e014';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e013 -> e0e0e0e0e012, tables renamed and dropped
BEGIN IMMEDIATE;

DROP TABLE "scratch2";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e012' WHERE "version_num" = 'e0e0e0e0e013';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e012 -> e0e0e0e0e011, autocommit
BEGIN IMMEDIATE;

DROP INDEX "ix_flow__active";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e011' WHERE "version_num" = 'e0e0e0e0e012';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e011 -> e0e0e0e0e010, batch
BEGIN IMMEDIATE;

CREATE TABLE "_autogen_tmp_flow_run" (
	"id" INTEGER NOT NULL,
	"flow_id" CHAR(36) NOT NULL,
	"start_time" DATETIME,
	"expected_start_time" DATETIME,
	"state_type" VARCHAR(9),
	"label" TEXT,
	"tries" INTEGER,
	CONSTRAINT "pk_flow_run" PRIMARY KEY ("id"),
	CONSTRAINT "fk_flow_run__flow_id__flow" FOREIGN KEY ("flow_id") REFERENCES "flow" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO "_autogen_tmp_flow_run" (rowid, "id", "flow_id", "start_time", "expected_start_time", "state_type", "label", "tries")
SELECT rowid, "id", "flow_id", "start_time", "expected_start_time", "state_type", "label", "tries" FROM "flow_run";

DROP TABLE "flow_run";

ALTER TABLE "_autogen_tmp_flow_run" RENAME TO "flow_run";

CREATE INDEX "ix_flow_run__coalesce_start_time_expected_start_time_desc" ON "flow_run" ((coalesce(start_time, expected_start_time)) DESC);

CREATE INDEX "ix_flow_run__a_generated_name_that_is_much_longer_than_sixty_three_bytes_long" ON "flow_run" ("label");

ALTER TABLE "flow_run" RENAME COLUMN "label" TO "name";

ALTER TABLE "flow_run" DROP COLUMN "tries";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e010' WHERE "version_num" = 'e0e0e0e0e011';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e010 -> e0e0e0e0e009, data
BEGIN IMMEDIATE;

UPDATE flow SET runs = runs - 1;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e009' WHERE "version_num" = 'e0e0e0e0e010';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e009 -> e0e0e0e0e008, enum values and comments
BEGIN IMMEDIATE;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e008' WHERE "version_num" = 'e0e0e0e0e009';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e008 -> e0e0e0e0e007, drop constraints and an index
BEGIN IMMEDIATE;

CREATE INDEX "ix_flow_run__start_time" ON "flow_run" ("start_time");

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"parent_run" INTEGER,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0),
	CONSTRAINT "ck_flow__runs_small" CHECK (runs < 1000000)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"parent_run" INTEGER,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "uq_flow__name_state" UNIQUE ("name", "state"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0),
	CONSTRAINT "ck_flow__runs_small" CHECK (runs < 1000000)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"parent_run" INTEGER,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "uq_flow__name_state" UNIQUE ("name", "state"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0),
	CONSTRAINT "ck_flow__runs_small" CHECK (runs < 1000000),
	CONSTRAINT "fk_flow__parent_run__flow_run" FOREIGN KEY ("parent_run") REFERENCES "flow_run" ("id") ON DELETE SET NULL
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e007' WHERE "version_num" = 'e0e0e0e0e008';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e007 -> e0e0e0e0e006, constraints
BEGIN IMMEDIATE;

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"parent_run" INTEGER,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "uq_flow__name_state" UNIQUE ("name", "state"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0),
	CONSTRAINT "fk_flow__parent_run__flow_run" FOREIGN KEY ("parent_run") REFERENCES "flow_run" ("id") ON DELETE SET NULL
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"parent_run" INTEGER,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0),
	CONSTRAINT "fk_flow__parent_run__flow_run" FOREIGN KEY ("parent_run") REFERENCES "flow_run" ("id") ON DELETE SET NULL
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"parent_run" INTEGER,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

ALTER TABLE "flow" DROP COLUMN "parent_run";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e006' WHERE "version_num" = 'e0e0e0e0e007';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e006 -> e0e0e0e0e005, indexes
BEGIN IMMEDIATE;

CREATE INDEX "ix_flow_run__scheduled" ON "flow_run" ("flow_id", "expected_start_time") WHERE state_type = 'SCHEDULED';

DROP INDEX "ix_flow__lower_name";

DROP INDEX "ix_flow_run__start_time";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e005' WHERE "version_num" = 'e0e0e0e0e006';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e005 -> e0e0e0e0e004, alter columns
BEGIN IMMEDIATE;

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON DEFAULT ('[]') NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(12, 4) DEFAULT 1.5,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON DEFAULT ('[]') NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED' NOT NULL,
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(10, 2),
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON DEFAULT ('[]') NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED',
	"runs" BIGINT DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(10, 2),
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON DEFAULT ('[]') NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED',
	"runs" INTEGER DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"cost" NUMERIC(10, 2),
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e004' WHERE "version_num" = 'e0e0e0e0e005';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e004 -> e0e0e0e0e003, drop and rename columns
BEGIN IMMEDIATE;

ALTER TABLE "flow" RENAME COLUMN "cost" TO "price";

ALTER TABLE "flow" ADD COLUMN "description" TEXT;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e003' WHERE "version_num" = 'e0e0e0e0e004';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e003 -> e0e0e0e0e002, add columns
BEGIN IMMEDIATE;

ALTER TABLE "flow" DROP COLUMN "updated";

ALTER TABLE "flow" DROP COLUMN "priority";

ALTER TABLE "flow" DROP COLUMN "description";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e002' WHERE "version_num" = 'e0e0e0e0e003';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e002 -> e0e0e0e0e001, tables
BEGIN IMMEDIATE;

DROP TABLE "flow_run";

DROP TABLE "flow";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e001' WHERE "version_num" = 'e0e0e0e0e002';

PRAGMA foreign_key_check;

COMMIT;

-- Running downgrade e0e0e0e0e001 -> base, extensions and enums
BEGIN IMMEDIATE;

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e001';

PRAGMA foreign_key_check;

COMMIT;

PRAGMA foreign_keys = ON;

