package migrations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/autogen-dev/autogen/schema"
)

// everyOpRevs are the revisions of everyOpChain, in order.
var everyOpRevs = func() []string {
	var out []string
	for i := 1; i <= 16; i++ {
		out = append(out, fmt.Sprintf("e0e0e0e0e0%02d", i))
	}
	return out
}()

// everyOpChain is a chain for dialect d that uses every kind of operation,
// with data in the tables, a branch and a merge, and a downgrade for every
// step. It is what the offline SQL tests print and run.
func everyOpChain(d schema.Dialect) *Chain {
	pgOnly := func(op *Op, ops ...Operation) {
		if d == schema.Postgres {
			op.Add(ops...)
		}
	}
	scheduled := &schema.Index{Name: "ix_flow_run__scheduled", Keys: []schema.IndexKey{{Column: "flow_id"}, {Column: "expected_start_time"}},
		Where: schema.SQL{schema.Postgres: "state_type = 'SCHEDULED'::state_type", schema.SQLite: "state_type = 'SCHEDULED'"}}
	startTime := &schema.Index{Name: "ix_flow_run__start_time", Keys: []schema.IndexKey{{Column: "start_time"}}}
	parentFK := &schema.ForeignKey{Name: "fk_flow__parent_run__flow_run", Columns: []string{"parent_run"}, RefTable: "flow_run",
		RefColumns: []string{"id"}, OnDelete: schema.SetNull}
	nameState := &schema.Unique{Name: "uq_flow__name_state", Columns: []string{"name", "state"}}
	runsSmall := &schema.Check{Name: "ck_flow__runs_small", Expr: schema.Expr("runs < 1000000")}
	color := &schema.Enum{Name: "color", Values: []string{"red", "green"}}
	steps := []struct {
		msg      string
		parents  []int
		up, down func(op *Op)
	}{
		{"extensions and enums", nil, func(op *Op) {
			op.CreateExtension("pg_trgm")
			op.CreateEnum(stateType)
			op.CreateEnum(color)
		}, func(op *Op) {
			op.DropEnum("color")
			op.DropEnum("state_type")
			op.DropExtension("pg_trgm")
		}},
		{"tables", nil, func(op *Op) {
			op.CreateTable(flowTable())
			op.CreateTable(flowRunTable())
			op.Exec(`INSERT INTO flow (id, name, state, price) VALUES
				('00000000-0000-4000-8000-000000000001', 'alpha', 'PENDING', 1.5),
				('00000000-0000-4000-8000-000000000002', 'beta', NULL, NULL)`)
			op.Exec(`INSERT INTO flow_run (id, flow_id, start_time, state_type, name) VALUES
				(1, '00000000-0000-4000-8000-000000000001', NULL, 'RUNNING', 'one'),
				(2, '00000000-0000-4000-8000-000000000002', '2024-01-02 03:04:05+00', NULL, 'two')`)
		}, func(op *Op) {
			op.DropTable("flow_run")
			op.DropTable("flow")
		}},
		{"add columns", nil, func(op *Op) {
			op.AddColumn("flow", &schema.Column{Name: "description", Type: schema.Text})
			op.AddColumn("flow", &schema.Column{Name: "priority", Type: schema.SmallInt, NotNull: true, Default: schema.NumberDefault("-1"), Comment: "lower runs first"})
			op.AddColumn("flow", &schema.Column{Name: "updated", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now})
		}, func(op *Op) {
			op.Batch("flow", func(b *BatchOp) {
				b.DropColumn("updated")
				b.DropColumn("priority")
				b.DropColumn("description")
			})
		}},
		{"drop and rename columns", nil, func(op *Op) {
			op.DropColumn("flow", "description")
			op.RenameColumn("flow", "price", "cost")
		}, func(op *Op) {
			op.RenameColumn("flow", "cost", "price")
			op.AddColumn("flow", &schema.Column{Name: "description", Type: schema.Text})
		}},
		{"alter columns", nil, func(op *Op) {
			op.AlterColumn("flow", "runs", SetType(schema.BigInt), Using("runs::bigint"))
			op.AlterColumn("flow", "state", SetNotNull(), FillNulls("'PENDING'"))
			op.AlterColumn("flow", "cost", SetType(schema.Numeric(12, 4)), SetDefault(schema.NumberDefault("1.5")))
			op.AlterColumn("flow", "tags", DropDefault())
			op.AlterColumn("flow", "name", SetComment("the flow's name"))
		}, func(op *Op) {
			op.AlterColumn("flow", "name", SetComment("unique name"))
			op.AlterColumn("flow", "tags", SetDefault(schema.ExprDefault(schema.SQL{schema.Postgres: "'[]'::jsonb", schema.SQLite: "'[]'"})))
			op.AlterColumn("flow", "cost", SetType(schema.Numeric(10, 2)), DropDefault())
			op.AlterColumn("flow", "state", DropNotNull())
			op.AlterColumn("flow", "runs", SetType(schema.Integer), Using("runs::integer"))
		}},
		{"indexes", nil, func(op *Op) {
			op.CreateIndexConcurrently("flow_run", startTime)
			op.CreateIndex("flow_run", &schema.Index{Name: "ix_flow_run__name_pattern", Keys: []schema.IndexKey{{Column: "name", Opclass: "text_pattern_ops"}},
				Only: []schema.Dialect{schema.Postgres}})
			op.CreateIndex("flow", &schema.Index{Name: "ix_flow__lower_name", Keys: []schema.IndexKey{{Expr: schema.Expr("lower(name)")}}})
			op.DropIndex("flow_run", "ix_flow_run__scheduled")
		}, func(op *Op) {
			op.CreateIndex("flow_run", scheduled)
			op.DropIndex("flow", "ix_flow__lower_name")
			pgOnly(op, DropIndex{Table: "flow_run", Index: "ix_flow_run__name_pattern"})
			op.Add(DropIndex{Table: "flow_run", Index: "ix_flow_run__start_time", Concurrently: true})
		}},
		{"constraints", nil, func(op *Op) {
			op.AddColumn("flow", &schema.Column{Name: "parent_run", Type: schema.Integer})
			op.Exec(`UPDATE flow SET parent_run = 1 WHERE name = 'alpha'`)
			op.AddForeignKey("flow", parentFK)
			op.AddUnique("flow", nameState)
			op.AddCheck("flow", runsSmall)
		}, func(op *Op) {
			op.DropCheck("flow", "ck_flow__runs_small")
			op.DropUnique("flow", "uq_flow__name_state")
			op.DropForeignKey("flow", "fk_flow__parent_run__flow_run")
			op.DropColumn("flow", "parent_run")
		}},
		{"drop constraints and an index", nil, func(op *Op) {
			op.DropForeignKey("flow", "fk_flow__parent_run__flow_run")
			op.DropUnique("flow", "uq_flow__name_state")
			op.DropCheck("flow", "ck_flow__runs_small")
			op.Add(DropIndex{Table: "flow_run", Index: "ix_flow_run__start_time", Concurrently: true})
		}, func(op *Op) {
			op.CreateIndexConcurrently("flow_run", startTime)
			op.AddCheck("flow", runsSmall)
			op.AddUnique("flow", nameState)
			op.AddForeignKey("flow", parentFK)
		}},
		{"enum values and comments", nil, func(op *Op) {
			op.Add(AddEnumValue{Enum: "state_type", Value: "CANCELLING", Before: "RUNNING"})
			op.AddEnumValue("state_type", "COMPLETED", "RUNNING")
			op.SetTableComment("flow", "Flows")
		}, func(op *Op) {
			op.SetTableComment("flow", "A flow's definition; it's versioned.")
		}},
		{"data", nil, func(op *Op) {
			op.Exec(`UPDATE flow SET runs = runs + 1`)
			op.Run(func(ctx context.Context, tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE flow_run SET name = upper(name)`)
				return err
			})
		}, func(op *Op) {
			op.Exec(`UPDATE flow SET runs = runs - 1`)
		}},
		{"batch", nil, func(op *Op) {
			op.Batch("flow_run", func(b *BatchOp) {
				b.AddColumn(&schema.Column{Name: "tries", Type: schema.Integer})
				b.RenameColumn("name", "label")
				b.AlterColumn("start_time", SetNotNull(), FillNulls("'2000-01-01 00:00:00+00'"))
				b.CreateIndex(&schema.Index{Name: "ix_flow_run__tries", Keys: []schema.IndexKey{{Column: "tries", Desc: true}}})
				b.AddCheck(&schema.Check{Name: "ck_flow_run__tries", Expr: schema.Expr("tries IS NULL OR tries >= 0")})
			})
		}, func(op *Op) {
			op.Batch("flow_run", func(b *BatchOp) {
				b.DropCheck("ck_flow_run__tries")
				b.DropIndex("ix_flow_run__tries")
				b.AlterColumn("start_time", DropNotNull())
				b.RenameColumn("label", "name")
				b.DropColumn("tries")
			})
		}},
		{"autocommit", nil, func(op *Op) {
			op.Autocommit(func(op *Op) {
				op.AddEnumValue("state_type", "CRASHED", "")
				op.CreateIndexConcurrently("flow", &schema.Index{Name: "ix_flow__active", Keys: []schema.IndexKey{{Column: "active"}}})
			})
		}, func(op *Op) {
			op.Autocommit(func(op *Op) {
				op.Add(DropIndex{Table: "flow", Index: "ix_flow__active", Concurrently: true})
			})
		}},
		{"tables renamed and dropped", []int{11}, func(op *Op) {
			op.CreateExtension("hstore")
			op.CreateTable(&schema.Table{Name: "scratch", Columns: []*schema.Column{
				{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "note", Type: schema.Text}},
				PrimaryKey: &schema.PrimaryKey{Name: "pk_scratch", Columns: []string{"id"}}})
			op.RenameTable("scratch", "scratch2")
			op.CreateTable(&schema.Table{Name: "other", Columns: []*schema.Column{{Name: "x", Type: schema.Text}}})
			op.DropTable("other")
			op.DropExtension("hstore")
			op.Exec(`INSERT INTO scratch2 VALUES (1, 'x')`)
		}, func(op *Op) {
			op.DropTable("scratch2")
		}},
		{"a branch: color", []int{11}, func(op *Op) {
			op.AddColumn("flow", &schema.Column{Name: "color", Type: schema.EnumType("color"), NotNull: true, Default: schema.StringDefault("red")})
		}, func(op *Op) {
			op.DropColumn("flow", "color")
		}},
		{"merge", []int{12, 13}, nil, nil},
		{"sequences, domains, an enum rebuild and primary keys", nil, func(op *Op) {
			op.CreateSequence(&schema.Sequence{Name: "ticket_seq", Start: 100})
			op.AlterSequence(&schema.Sequence{Name: "ticket_seq", Start: 100, Increment: 5})
			op.CreateDomain(&schema.Domain{Name: "positive_int", Type: schema.Integer})
			op.AddDomainCheck("positive_int", &schema.Check{Name: "positive_int_check", Expr: schema.Expr("VALUE > 0")})
			op.SetDomainDefault("positive_int", schema.NumberDefault("1"))
			op.SetDomainNotNull("positive_int", true)
			op.CreateTable(&schema.Table{Name: "nopk", Columns: []*schema.Column{{Name: "id", Type: schema.Integer, NotNull: true}, {Name: "v", Type: schema.Text}}})
			op.Exec(`INSERT INTO nopk VALUES (1, 'one'), (2, 'two')`)
			op.AddPrimaryKey("nopk", &schema.PrimaryKey{Name: "pk_nopk", Columns: []string{"id"}})
			op.DropPrimaryKey("scratch2", "pk_scratch")
			op.RebuildEnum(&schema.Enum{Name: "color", Values: []string{"green", "red", "blue"}},
				EnumColumn{Table: "flow", Column: "color", Default: new(schema.StringDefault("red"))})
		}, func(op *Op) {
			op.RebuildEnum(color, EnumColumn{Table: "flow", Column: "color", Default: new(schema.StringDefault("red"))})
			op.AddPrimaryKey("scratch2", &schema.PrimaryKey{Name: "pk_scratch", Columns: []string{"id"}})
			op.DropPrimaryKey("nopk", "pk_nopk")
			op.DropTable("nopk")
			op.DropDomain("positive_int")
			op.DropSequence("ticket_seq")
		}},
	}
	c := NewChain(d)
	for i, s := range steps {
		var down []string
		switch {
		case s.parents != nil:
			for _, p := range s.parents {
				down = append(down, everyOpRevs[p])
			}
		case i > 0:
			down = []string{everyOpRevs[i-1]}
		}
		c.Add(Migration{Revision: everyOpRevs[i], DownRevisions: down, Message: s.msg,
			Created: fmt.Sprintf("2024-02-%02d 00:00:00", i+1), Upgrade: s.up, Downgrade: s.down})
	}
	return c
}
