-- Upgrade of the SQLite chain from base to e0e0e0e0e016, written by autogen for offline use.

PRAGMA foreign_keys = OFF;

-- Running upgrade base -> e0e0e0e0e001, extensions and enums
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS "alembic_version" (
	"version_num" VARCHAR(32) NOT NULL,
	CONSTRAINT "alembic_version_pkc" PRIMARY KEY ("version_num")
);

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e001');

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e001 -> e0e0e0e0e002, tables
BEGIN IMMEDIATE;

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

INSERT INTO flow (id, name, state, price) VALUES
				('00000000-0000-4000-8000-000000000001', 'alpha', 'PENDING', 1.5),
				('00000000-0000-4000-8000-000000000002', 'beta', NULL, NULL);

INSERT INTO flow_run (id, flow_id, start_time, state_type, name) VALUES
				(1, '00000000-0000-4000-8000-000000000001', NULL, 'RUNNING', 'one'),
				(2, '00000000-0000-4000-8000-000000000002', '2024-01-02 03:04:05+00', NULL, 'two');

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e002' WHERE "version_num" = 'e0e0e0e0e001';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e002 -> e0e0e0e0e003, add columns
BEGIN IMMEDIATE;

ALTER TABLE "flow" ADD COLUMN "description" TEXT;

ALTER TABLE "flow" ADD COLUMN "priority" SMALLINT DEFAULT -1 NOT NULL;

CREATE TABLE "_autogen_tmp_flow" (
	"id" CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	"created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"name" VARCHAR COLLATE "NOCASE" NOT NULL,
	"tags" JSON DEFAULT ('[]') NOT NULL,
	"state" VARCHAR(9) DEFAULT 'SCHEDULED',
	"runs" INTEGER DEFAULT 0 NOT NULL,
	"active" BOOLEAN DEFAULT 1 NOT NULL,
	"price" NUMERIC(10, 2),
	"description" TEXT,
	"priority" SMALLINT DEFAULT -1 NOT NULL,
	"updated" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
	CONSTRAINT "pk_flow" PRIMARY KEY ("id"),
	CONSTRAINT "uq_flow__name" UNIQUE ("name"),
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "price", "description", "priority")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "price", "description", "priority" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e003' WHERE "version_num" = 'e0e0e0e0e002';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e003 -> e0e0e0e0e004, drop and rename columns
BEGIN IMMEDIATE;

ALTER TABLE "flow" DROP COLUMN "description";

ALTER TABLE "flow" RENAME COLUMN "price" TO "cost";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e004' WHERE "version_num" = 'e0e0e0e0e003';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e004 -> e0e0e0e0e005, alter columns
BEGIN IMMEDIATE;

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
SELECT rowid, "id", "created", "name", "tags", coalesce("state", 'PENDING'), "runs", "active", "cost", "priority", "updated" FROM "flow";

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
	"tags" JSON NOT NULL,
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

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e005' WHERE "version_num" = 'e0e0e0e0e004';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e005 -> e0e0e0e0e006, indexes
BEGIN IMMEDIATE;

CREATE INDEX "ix_flow_run__start_time" ON "flow_run" ("start_time");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

DROP INDEX "ix_flow_run__scheduled";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e006' WHERE "version_num" = 'e0e0e0e0e005';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e006 -> e0e0e0e0e007, constraints
BEGIN IMMEDIATE;

ALTER TABLE "flow" ADD COLUMN "parent_run" INTEGER;

UPDATE flow SET parent_run = 1 WHERE name = 'alpha';

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

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e007' WHERE "version_num" = 'e0e0e0e0e006';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e007 -> e0e0e0e0e008, drop constraints and an index
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
	CONSTRAINT "ck_flow__runs_positive" CHECK (runs >= 0)
);

INSERT INTO "_autogen_tmp_flow" (rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run")
SELECT rowid, "id", "created", "name", "tags", "state", "runs", "active", "cost", "priority", "updated", "parent_run" FROM "flow";

DROP TABLE "flow";

ALTER TABLE "_autogen_tmp_flow" RENAME TO "flow";

CREATE INDEX "ix_flow__created_desc" ON "flow" ("created" DESC);

CREATE INDEX "ix_flow_name_case_insensitive" ON "flow" ("name" COLLATE "NOCASE");

CREATE INDEX "ix_flow__lower_name" ON "flow" ((lower(name)));

DROP INDEX "ix_flow_run__start_time";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e008' WHERE "version_num" = 'e0e0e0e0e007';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e008 -> e0e0e0e0e009, enum values and comments
BEGIN IMMEDIATE;

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e009' WHERE "version_num" = 'e0e0e0e0e008';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e009 -> e0e0e0e0e010, data
BEGIN IMMEDIATE;

UPDATE flow SET runs = runs + 1;

-- Revision e0e0e0e0e010, operation 2 runs Go code (a data migration) and cannot be rendered as SQL: run this migration online, or do its work here by hand.

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e010' WHERE "version_num" = 'e0e0e0e0e009';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e010 -> e0e0e0e0e011, batch
BEGIN IMMEDIATE;

ALTER TABLE "flow_run" ADD COLUMN "tries" INTEGER;

ALTER TABLE "flow_run" RENAME COLUMN "name" TO "label";

CREATE TABLE "_autogen_tmp_flow_run" (
	"id" INTEGER NOT NULL,
	"flow_id" CHAR(36) NOT NULL,
	"start_time" DATETIME NOT NULL,
	"expected_start_time" DATETIME,
	"state_type" VARCHAR(9),
	"label" TEXT,
	"tries" INTEGER,
	CONSTRAINT "pk_flow_run" PRIMARY KEY ("id"),
	CONSTRAINT "ck_flow_run__tries" CHECK (tries IS NULL OR tries >= 0),
	CONSTRAINT "fk_flow_run__flow_id__flow" FOREIGN KEY ("flow_id") REFERENCES "flow" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO "_autogen_tmp_flow_run" (rowid, "id", "flow_id", "start_time", "expected_start_time", "state_type", "label", "tries")
SELECT rowid, "id", "flow_id", coalesce("start_time", '2000-01-01 00:00:00+00'), "expected_start_time", "state_type", "label", "tries" FROM "flow_run";

DROP TABLE "flow_run";

ALTER TABLE "_autogen_tmp_flow_run" RENAME TO "flow_run";

CREATE INDEX "ix_flow_run__coalesce_start_time_expected_start_time_desc" ON "flow_run" ((coalesce(start_time, expected_start_time)) DESC);

CREATE INDEX "ix_flow_run__a_generated_name_that_is_much_longer_than_sixty_three_bytes_long" ON "flow_run" ("label");

CREATE INDEX "ix_flow_run__tries" ON "flow_run" ("tries" DESC);

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e011' WHERE "version_num" = 'e0e0e0e0e010';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e011 -> e0e0e0e0e012, autocommit
BEGIN IMMEDIATE;

CREATE INDEX "ix_flow__active" ON "flow" ("active");

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e012' WHERE "version_num" = 'e0e0e0e0e011';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e012 -> e0e0e0e0e013, tables renamed and dropped
BEGIN IMMEDIATE;

CREATE TABLE "scratch" (
	"id" INTEGER NOT NULL,
	"note" TEXT,
	CONSTRAINT "pk_scratch" PRIMARY KEY ("id")
);

ALTER TABLE "scratch" RENAME TO "scratch2";

CREATE TABLE "other" (
	"x" TEXT
);

DROP TABLE "other";

INSERT INTO scratch2 VALUES (1, 'x');

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e013' WHERE "version_num" = 'e0e0e0e0e012';

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e012 -> e0e0e0e0e014, a branch: color
BEGIN IMMEDIATE;

ALTER TABLE "flow" ADD COLUMN "color" VARCHAR(5) DEFAULT 'red' NOT NULL;

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e014');

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e013, e0e0e0e0e014 -> e0e0e0e0e015, merge
BEGIN IMMEDIATE;

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e013';

DELETE FROM "alembic_version" WHERE "version_num" = 'e0e0e0e0e014';

INSERT INTO "alembic_version" ("version_num") VALUES ('e0e0e0e0e015');

PRAGMA foreign_key_check;

COMMIT;

-- Running upgrade e0e0e0e0e015 -> e0e0e0e0e016, sequences, domains, an enum rebuild and primary keys
BEGIN IMMEDIATE;

CREATE TABLE "nopk" (
	"id" INTEGER NOT NULL,
	"v" TEXT
);

INSERT INTO nopk VALUES (1, 'one'), (2, 'two');

CREATE TABLE "_autogen_tmp_nopk" (
	"id" INTEGER NOT NULL,
	"v" TEXT,
	CONSTRAINT "pk_nopk" PRIMARY KEY ("id")
);

INSERT INTO "_autogen_tmp_nopk" (rowid, "id", "v")
SELECT rowid, "id", "v" FROM "nopk";

DROP TABLE "nopk";

ALTER TABLE "_autogen_tmp_nopk" RENAME TO "nopk";

CREATE TABLE "_autogen_tmp_scratch2" (
	"id" INTEGER NOT NULL,
	"note" TEXT
);

INSERT INTO "_autogen_tmp_scratch2" (rowid, "id", "note")
SELECT rowid, "id", "note" FROM "scratch2";

DROP TABLE "scratch2";

ALTER TABLE "_autogen_tmp_scratch2" RENAME TO "scratch2";

UPDATE "alembic_version" SET "version_num" = 'e0e0e0e0e016' WHERE "version_num" = 'e0e0e0e0e015';

PRAGMA foreign_key_check;

COMMIT;

PRAGMA foreign_keys = ON;

