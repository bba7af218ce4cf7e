package migrations

import (
	"context"
	"database/sql"

	"github.com/autogen-dev/autogen/schema"
)

// Operation is one schema change: plain data, produced by autogen's diff,
// written as Go in migration files, and executed (or printed as SQL) by
// the runtime. The concrete types are listed below.
type Operation interface {
	// TableName is the table the operation changes, or "" for schema-level
	// operations (enums, extensions, raw SQL).
	TableName() string
}

type (
	// CreateTable creates a table with its constraints and indexes. Indexes
	// restricted to other dialects are skipped.
	CreateTable struct{ Table *schema.Table }
	// DropTable drops a table.
	DropTable struct{ Table string }
	// RenameTable renames a table.
	RenameTable struct{ Table, To string }

	// AddColumn adds a column.
	AddColumn struct {
		Table  string
		Column *schema.Column
	}
	// DropColumn drops a column.
	DropColumn struct{ Table, Column string }
	// RenameColumn renames a column.
	RenameColumn struct{ Table, Column, To string }
	// AlterColumn changes a column's type, nullability, default, comment,
	// collation or identity. Nil fields are left as they are.
	AlterColumn struct {
		Table, Column string
		Type          *schema.Type
		NotNull       *bool
		// Default, when not nil, is the new default; a zero Default drops it.
		Default *schema.Default
		// Using converts existing values on a type change (PostgreSQL USING).
		Using string
		// FillNulls, when making a column NOT NULL, is the SQL expression
		// that existing NULLs are set to first. Empty: NULLs make it fail.
		FillNulls string
		// Comment, when not nil, is the column's new comment; an empty one
		// removes it (PostgreSQL; SQLite has no comments).
		Comment *string
		// Collation, when not nil, is the column's new collation on this
		// dialect; an empty one is the type's default. PostgreSQL sets it
		// with ALTER COLUMN … TYPE … COLLATE, so Type must be given too
		// (the column's own type when only the collation changes), and a
		// type change without it resets the collation to the new type's
		// default. SQLite rebuilds the table.
		Collation *string
		// Identity, when not nil, is the column's new identity on this
		// dialect: "always" or "by default" on PostgreSQL, "autoincrement"
		// on SQLite (the column must be the INTEGER PRIMARY KEY; the table
		// is rebuilt), "" for none. See AddIdentity.
		Identity *string
		// AddIdentity says the column is not an identity column yet:
		// PostgreSQL adds one (ADD GENERATED … AS IDENTITY, the column
		// NOT NULL and without a default by then) and sets its sequence to
		// continue after the column's largest value, instead of changing
		// the kind of the existing one (SET GENERATED …).
		AddIdentity bool
	}
	// AlterTableComment sets a table's comment; an empty one removes it
	// (PostgreSQL; SQLite has no comments).
	AlterTableComment struct{ Table, Comment string }

	// CreateIndex creates an index. Concurrently asks PostgreSQL for CREATE
	// INDEX CONCURRENTLY, which runs outside the migration's transaction.
	CreateIndex struct {
		Table        string
		Index        *schema.Index
		Concurrently bool
	}
	// DropIndex drops an index by its name on this dialect.
	DropIndex struct {
		Table, Index string
		Concurrently bool
	}

	// AddForeignKey adds a foreign key to an existing table.
	AddForeignKey struct {
		Table      string
		ForeignKey *schema.ForeignKey
	}
	// DropForeignKey drops a foreign key by its name on this dialect.
	DropForeignKey struct{ Table, Name string }
	// AddUnique adds a unique constraint.
	AddUnique struct {
		Table  string
		Unique *schema.Unique
	}
	// DropUnique drops a unique constraint.
	DropUnique struct{ Table, Name string }
	// AddCheck adds a check constraint.
	AddCheck struct {
		Table string
		Check *schema.Check
	}
	// DropCheck drops a check constraint.
	DropCheck struct{ Table, Name string }

	// CreateEnum creates an enum type (PostgreSQL; nothing on SQLite).
	CreateEnum struct{ Enum *schema.Enum }
	// DropEnum drops an enum type (PostgreSQL; nothing on SQLite).
	DropEnum struct{ Enum string }
	// AddEnumValue adds a value to an enum, before or after an existing
	// one, or at the end when both are empty.
	AddEnumValue struct {
		Enum, Value   string
		Before, After string
	}

	// CreateExtension creates a PostgreSQL extension if it is missing.
	CreateExtension struct{ Name string }
	// DropExtension drops a PostgreSQL extension if it exists.
	DropExtension struct{ Name string }

	// Exec runs SQL written by hand.
	Exec struct{ SQL string }
	// Run runs Go code (a data migration) inside the migration's
	// transaction. It cannot be printed as SQL.
	Run struct {
		Func func(ctx context.Context, tx *sql.Tx) error
	}

	// Autocommit runs its operations outside the migration's transaction
	// (Alembic's autocommit_block), for statements PostgreSQL refuses in a
	// transaction block. The transaction so far is committed first and a
	// new one begins after the block, so a failure or a crash after the
	// block leaves the earlier work of the migration in place: keep such
	// migrations small, and their autocommit statements safe to run again.
	// On SQLite the operations run in the transaction like any other.
	Autocommit struct{ Ops []Operation }

	// Batch groups changes to one table. On SQLite the runtime applies them
	// with native ALTER TABLE where SQLite allows it and one table rebuild
	// otherwise; on PostgreSQL they run one by one.
	Batch struct {
		Table string
		Ops   []Operation
	}
)

func (o CreateTable) TableName() string       { return o.Table.Name }
func (o DropTable) TableName() string         { return o.Table }
func (o RenameTable) TableName() string       { return o.Table }
func (o AddColumn) TableName() string         { return o.Table }
func (o DropColumn) TableName() string        { return o.Table }
func (o RenameColumn) TableName() string      { return o.Table }
func (o AlterColumn) TableName() string       { return o.Table }
func (o CreateIndex) TableName() string       { return o.Table }
func (o DropIndex) TableName() string         { return o.Table }
func (o AddForeignKey) TableName() string     { return o.Table }
func (o DropForeignKey) TableName() string    { return o.Table }
func (o AddUnique) TableName() string         { return o.Table }
func (o DropUnique) TableName() string        { return o.Table }
func (o AddCheck) TableName() string          { return o.Table }
func (o DropCheck) TableName() string         { return o.Table }
func (o CreateEnum) TableName() string        { return "" }
func (o DropEnum) TableName() string          { return "" }
func (o AddEnumValue) TableName() string      { return "" }
func (o CreateExtension) TableName() string   { return "" }
func (o DropExtension) TableName() string     { return "" }
func (o AlterTableComment) TableName() string { return o.Table }
func (o Exec) TableName() string              { return "" }
func (o Run) TableName() string               { return "" }
func (o Batch) TableName() string             { return o.Table }
func (o Autocommit) TableName() string        { return "" }

// Op records the operations of one migration step. Migration files receive
// an *Op in their Upgrade and Downgrade functions and call its methods in
// order; nothing runs until the runtime executes the recorded list, so the
// same function serves online upgrades, offline SQL and review.
type Op struct {
	ops []Operation
}

// Operations returns what was recorded, in order.
func (op *Op) Operations() []Operation { return op.ops }

// Add records operations given as values.
func (op *Op) Add(ops ...Operation) { op.ops = append(op.ops, ops...) }

// CreateTable creates t with its constraints and indexes.
func (op *Op) CreateTable(t *schema.Table) { op.Add(CreateTable{Table: t}) }

// DropTable drops the table.
func (op *Op) DropTable(table string) { op.Add(DropTable{Table: table}) }

// RenameTable renames a table.
func (op *Op) RenameTable(table, to string) { op.Add(RenameTable{Table: table, To: to}) }

// SetTableComment sets the table's comment; an empty one removes it.
func (op *Op) SetTableComment(table, comment string) {
	op.Add(AlterTableComment{Table: table, Comment: comment})
}

// AddColumn adds column c to table.
func (op *Op) AddColumn(table string, c *schema.Column) { op.Add(AddColumn{Table: table, Column: c}) }

// DropColumn drops a column.
func (op *Op) DropColumn(table, column string) { op.Add(DropColumn{Table: table, Column: column}) }

// RenameColumn renames a column.
func (op *Op) RenameColumn(table, column, to string) {
	op.Add(RenameColumn{Table: table, Column: column, To: to})
}

// AlterColumn changes a column; see SetType, SetNotNull, DropNotNull,
// SetDefault, DropDefault, Using and FillNulls.
func (op *Op) AlterColumn(table, column string, changes ...ColumnChange) {
	a := AlterColumn{Table: table, Column: column}
	for _, c := range changes {
		c(&a)
	}
	op.Add(a)
}

// CreateIndex creates index x on table.
func (op *Op) CreateIndex(table string, x *schema.Index) { op.Add(CreateIndex{Table: table, Index: x}) }

// CreateIndexConcurrently creates index x without locking writes
// (PostgreSQL; outside the migration's transaction). On SQLite it is a
// plain CREATE INDEX.
func (op *Op) CreateIndexConcurrently(table string, x *schema.Index) {
	op.Add(CreateIndex{Table: table, Index: x, Concurrently: true})
}

// DropIndex drops an index of table by name.
func (op *Op) DropIndex(table, name string) { op.Add(DropIndex{Table: table, Index: name}) }

// AddForeignKey adds fk to table.
func (op *Op) AddForeignKey(table string, fk *schema.ForeignKey) {
	op.Add(AddForeignKey{Table: table, ForeignKey: fk})
}

// DropForeignKey drops a foreign key of table by name.
func (op *Op) DropForeignKey(table, name string) { op.Add(DropForeignKey{Table: table, Name: name}) }

// AddUnique adds a unique constraint to table.
func (op *Op) AddUnique(table string, u *schema.Unique) { op.Add(AddUnique{Table: table, Unique: u}) }

// DropUnique drops a unique constraint of table by name.
func (op *Op) DropUnique(table, name string) { op.Add(DropUnique{Table: table, Name: name}) }

// AddCheck adds a check constraint to table.
func (op *Op) AddCheck(table string, c *schema.Check) { op.Add(AddCheck{Table: table, Check: c}) }

// DropCheck drops a check constraint of table by name.
func (op *Op) DropCheck(table, name string) { op.Add(DropCheck{Table: table, Name: name}) }

// CreateEnum creates an enum type.
func (op *Op) CreateEnum(e *schema.Enum) { op.Add(CreateEnum{Enum: e}) }

// DropEnum drops an enum type.
func (op *Op) DropEnum(name string) { op.Add(DropEnum{Enum: name}) }

// AddEnumValue adds value to an enum after an existing value (or at the end
// when after is empty).
func (op *Op) AddEnumValue(enum, value, after string) {
	op.Add(AddEnumValue{Enum: enum, Value: value, After: after})
}

// CreateExtension creates a PostgreSQL extension if it is missing.
func (op *Op) CreateExtension(name string) { op.Add(CreateExtension{Name: name}) }

// DropExtension drops a PostgreSQL extension if it exists.
func (op *Op) DropExtension(name string) { op.Add(DropExtension{Name: name}) }

// Exec runs SQL written by hand.
func (op *Op) Exec(sql string) { op.Add(Exec{SQL: sql}) }

// Run runs Go code inside the migration's transaction.
func (op *Op) Run(f func(ctx context.Context, tx *sql.Tx) error) { op.Add(Run{Func: f}) }

// Autocommit records operations that run outside the migration's
// transaction on PostgreSQL (see the Autocommit operation).
func (op *Op) Autocommit(f func(op *Op)) {
	inner := &Op{}
	f(inner)
	op.Add(Autocommit{Ops: inner.ops})
}

// Batch groups changes to one table (see the Batch operation).
func (op *Op) Batch(table string, f func(b *BatchOp)) {
	b := &BatchOp{table: table}
	f(b)
	op.Add(Batch{Table: table, Ops: b.ops})
}

// BatchOp records the changes of one Batch; its methods mirror Op's without
// the table argument.
type BatchOp struct {
	table string
	ops   []Operation
}

// AddColumn adds a column.
func (b *BatchOp) AddColumn(c *schema.Column) {
	b.ops = append(b.ops, AddColumn{Table: b.table, Column: c})
}

// DropColumn drops a column.
func (b *BatchOp) DropColumn(column string) {
	b.ops = append(b.ops, DropColumn{Table: b.table, Column: column})
}

// RenameColumn renames a column.
func (b *BatchOp) RenameColumn(column, to string) {
	b.ops = append(b.ops, RenameColumn{Table: b.table, Column: column, To: to})
}

// AlterColumn changes a column.
func (b *BatchOp) AlterColumn(column string, changes ...ColumnChange) {
	a := AlterColumn{Table: b.table, Column: column}
	for _, c := range changes {
		c(&a)
	}
	b.ops = append(b.ops, a)
}

// CreateIndex creates an index.
func (b *BatchOp) CreateIndex(x *schema.Index) {
	b.ops = append(b.ops, CreateIndex{Table: b.table, Index: x})
}

// DropIndex drops an index by name.
func (b *BatchOp) DropIndex(name string) {
	b.ops = append(b.ops, DropIndex{Table: b.table, Index: name})
}

// AddForeignKey adds a foreign key.
func (b *BatchOp) AddForeignKey(fk *schema.ForeignKey) {
	b.ops = append(b.ops, AddForeignKey{Table: b.table, ForeignKey: fk})
}

// DropForeignKey drops a foreign key by name.
func (b *BatchOp) DropForeignKey(name string) {
	b.ops = append(b.ops, DropForeignKey{Table: b.table, Name: name})
}

// AddUnique adds a unique constraint.
func (b *BatchOp) AddUnique(u *schema.Unique) {
	b.ops = append(b.ops, AddUnique{Table: b.table, Unique: u})
}

// DropUnique drops a unique constraint by name.
func (b *BatchOp) DropUnique(name string) {
	b.ops = append(b.ops, DropUnique{Table: b.table, Name: name})
}

// AddCheck adds a check constraint.
func (b *BatchOp) AddCheck(c *schema.Check) {
	b.ops = append(b.ops, AddCheck{Table: b.table, Check: c})
}

// DropCheck drops a check constraint by name.
func (b *BatchOp) DropCheck(name string) {
	b.ops = append(b.ops, DropCheck{Table: b.table, Name: name})
}

// ColumnChange is one change made by AlterColumn.
type ColumnChange func(*AlterColumn)

// SetType changes the column's type.
func SetType(t schema.Type) ColumnChange { return func(a *AlterColumn) { a.Type = &t } }

// SetNotNull makes the column NOT NULL.
func SetNotNull() ColumnChange {
	return func(a *AlterColumn) { v := true; a.NotNull = &v }
}

// DropNotNull makes the column nullable.
func DropNotNull() ColumnChange {
	return func(a *AlterColumn) { v := false; a.NotNull = &v }
}

// SetDefault sets the column's server default.
func SetDefault(d schema.Default) ColumnChange { return func(a *AlterColumn) { a.Default = &d } }

// DropDefault removes the column's server default.
func DropDefault() ColumnChange {
	return func(a *AlterColumn) { a.Default = &schema.Default{} }
}

// Using gives the expression that converts existing values on a type
// change (PostgreSQL's USING).
func Using(expr string) ColumnChange { return func(a *AlterColumn) { a.Using = expr } }

// SetComment sets the column's comment; an empty one removes it.
func SetComment(text string) ColumnChange { return func(a *AlterColumn) { a.Comment = &text } }

// SetCollation changes the column's collation on the migration's dialect
// ("" for the type's default). On PostgreSQL it goes with SetType (the
// column's own type when only the collation changes).
func SetCollation(name string) ColumnChange {
	return func(a *AlterColumn) { a.Collation = &name }
}

// AddIdentity makes a column that is not an identity column one of the
// given kind: schema.IdentityAlways or schema.IdentityByDefault on
// PostgreSQL (its sequence continuing after the column's largest value),
// schema.IdentityAutoincrement on SQLite.
func AddIdentity(kind string) ColumnChange {
	return func(a *AlterColumn) { a.Identity, a.AddIdentity = &kind, true }
}

// SetIdentity changes the kind of an identity column (PostgreSQL's SET
// GENERATED ALWAYS or BY DEFAULT), keeping its sequence.
func SetIdentity(kind string) ColumnChange {
	return func(a *AlterColumn) { a.Identity, a.AddIdentity = &kind, false }
}

// DropIdentity makes an identity column an ordinary one; it stays NOT NULL.
func DropIdentity() ColumnChange {
	return func(a *AlterColumn) { none := ""; a.Identity, a.AddIdentity = &none, false }
}

// FillNulls sets existing NULLs to expr before the column becomes NOT NULL.
func FillNulls(expr string) ColumnChange { return func(a *AlterColumn) { a.FillNulls = expr } }
