package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// SQLite batch mode.
//
// Operations on one table run in order. Each runs as native ALTER TABLE
// while SQLite allows it:
//
//   - ADD COLUMN for a column that is nullable or has a constant default
//     (not CURRENT_TIMESTAMP, not an expression) and, when NOT NULL, a
//     non-NULL one;
//   - DROP COLUMN for a column outside every key, unique constraint, index,
//     foreign key and CHECK constraint;
//   - RENAME COLUMN and RENAME TO, always (SQLite rewrites the indexes,
//     triggers and views that refer to them);
//   - CREATE INDEX and DROP INDEX.
//
// The first operation that ALTER TABLE cannot do (changing a column's type,
// nullability or default; adding or dropping a constraint; adding or
// dropping columns beyond the rules above) starts a rebuild: that operation
// and the following ones edit a copy of the table's reflected definition,
// and one rebuild at the end (or before the next rename, which runs
// natively) realizes them all, following
// https://www.sqlite.org/lang_altertable.html#otheralter:
//
//  1. save the CREATE statements of the table's indexes, of the views that
//     refer to the table (directly or through other views) and of the
//     triggers on it or referring to it, from sqlite_schema;
//  2. drop those triggers and views;
//  3. CREATE TABLE "_autogen_tmp_<table>" with the new definition;
//  4. INSERT INTO it SELECT the kept columns (rowids included) FROM the old
//     table: new columns get their default, FillNulls fills NULLs; the row
//     count must match;
//  5. DROP the old table, RENAME the new one to the old name;
//  6. re-create the indexes from their saved text (so DESC, expression,
//     partial and COLLATE keys survive byte for byte), except those the
//     batch dropped, then those the batch created;
//  7. re-create the views (checking that each still compiles) and the
//     triggers, in their original order.
//
// It all happens in the migration's transaction, with foreign keys off;
// PRAGMA foreign_key_check runs before COMMIT.
//
// Dropping a column in a rebuild drops the keys, unique and check
// constraints, foreign keys and indexes that involve it, as PostgreSQL's
// DROP COLUMN does; a foreign key of another table that refers to it is an
// error. An AUTOINCREMENT table keeps its sqlite_sequence counter. A table
// the model cannot describe faithfully (WITHOUT ROWID, STRICT, generated
// columns, ON CONFLICT clauses) is not rebuilt: the error says so.

// rebuildPrefix starts the name of the table a rebuild creates.
const rebuildPrefix = "_autogen_tmp_"

// batchEnv is where batch mode runs: online, a live transaction (the table
// definitions are reflected from the database); offline, the schema
// simulator and an output for the statements (see OfflineSQL).
type batchEnv interface {
	// exec runs (or prints) one statement.
	exec(ctx context.Context, q string) error
	// tableState returns the current definition of table, with its
	// indexes, and the whole schema (for foreign keys of other tables).
	tableState(ctx context.Context, table string) (*schema.Table, *schema.Schema, error)
	// tableSQL returns the CREATE TABLE statement of t and the CREATE
	// statements of its explicit indexes, in creation order.
	tableSQL(ctx context.Context, t *schema.Table) (string, []savedObject, error)
	// runRebuild realizes a rebuild plan.
	runRebuild(ctx context.Context, p *rebuild) error
	// other runs an operation that is not a change to the batch's table.
	other(ctx context.Context, op Operation) error
	// done records that op has been carried out (the simulator follows).
	done(op Operation) error
	logger() *slog.Logger
	enumLookup() schema.EnumLookup
}

// sqliteBatch applies ops, all on table, natively or by rebuilding it.
func sqliteBatch(ctx context.Context, env batchEnv, table string, ops []Operation) error {
	var plan *rebuild
	flush := func() error {
		if plan == nil {
			return nil
		}
		p := plan
		plan = nil
		return env.runRebuild(ctx, p)
	}
	for i, op := range ops {
		err := sqliteBatchOp(ctx, env, &plan, &table, op, flush)
		if err == nil && changesBatchTable(op) {
			err = env.done(op)
		}
		if err != nil {
			if len(ops) == 1 {
				return err
			}
			return fmt.Errorf("batch operation %d (%s): %w", i+1, describe(op), err)
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("rebuilding table %q: %w", table, err)
	}
	return nil
}

// changesBatchTable reports whether batch mode handles op itself (natively
// or in a rebuild) rather than running it as any other operation.
func changesBatchTable(op Operation) bool {
	switch op.(type) {
	case RenameColumn, RenameTable, AddColumn, DropColumn, CreateIndex, DropIndex, AlterColumn,
		AddForeignKey, DropForeignKey, AddUnique, DropUnique, AddCheck, DropCheck, AlterTableComment,
		AddPrimaryKey, DropPrimaryKey:
		return true
	}
	return false
}

func sqliteBatchOp(ctx context.Context, env batchEnv, plan **rebuild, table *string, op Operation, flush func() error) error {
	if t := op.TableName(); t != "" && !strings.EqualFold(t, *table) {
		return fmt.Errorf("the operation is on table %q, not on the batch's table %q", t, *table)
	}
	native := func() error { return execStatements(ctx, lite, op, env.enumLookup(), env.exec) }
	start := func() error {
		if *plan != nil {
			return nil
		}
		p, err := newRebuild(ctx, env, *table)
		if err != nil {
			return err
		}
		*plan = p
		return nil
	}
	switch o := op.(type) {
	case RenameColumn:
		if err := flush(); err != nil {
			return fmt.Errorf("rebuilding table %q: %w", *table, err)
		}
		return native()
	case RenameTable:
		if err := flush(); err != nil {
			return fmt.Errorf("rebuilding table %q: %w", *table, err)
		}
		if err := native(); err != nil {
			return err
		}
		*table = o.To
		return nil
	case AddColumn:
		if o.Column == nil {
			return errors.New("no column given")
		}
		if *plan == nil && sqliteAddColumnNative(o.Column) == nil {
			return native()
		}
		if err := start(); err != nil {
			return err
		}
		return (*plan).addColumn(o.Column)
	case DropColumn:
		if *plan == nil {
			t, s, err := env.tableState(ctx, *table)
			if err != nil {
				return err
			}
			ok, err := canDropColumnNatively(t, s, o.Column)
			if err != nil {
				return err
			}
			if ok {
				return native()
			}
		}
		if err := start(); err != nil {
			return err
		}
		return (*plan).dropColumn(o.Column)
	case CreateIndex:
		if o.Index == nil {
			return errors.New("no index given")
		}
		if *plan == nil {
			return native()
		}
		return (*plan).createIndex(o.Index)
	case DropIndex:
		if *plan == nil {
			return native()
		}
		return (*plan).dropIndex(o.Index)
	case AlterColumn:
		if !o.changesSQLite() {
			return nil // a comment, which SQLite does not store
		}
		if err := start(); err != nil {
			return err
		}
		return (*plan).alterColumn(o)
	case AddForeignKey, DropForeignKey, AddUnique, DropUnique, AddCheck, DropCheck, AddPrimaryKey, DropPrimaryKey:
		if err := start(); err != nil {
			return err
		}
		return (*plan).constraint(op)
	case AlterTableComment:
		return nil
	}
	// Anything else (SQL, Go code, other tables) runs in order, after the
	// pending rebuild.
	if err := flush(); err != nil {
		return fmt.Errorf("rebuilding table %q: %w", *table, err)
	}
	return env.other(ctx, op)
}

// findTable returns the table of s named name (case-insensitively).
func findTable(s *schema.Schema, name string) *schema.Table {
	for _, t := range s.Tables {
		if strings.EqualFold(t.Name, name) {
			return t
		}
	}
	return nil
}

// canDropColumnNatively reports whether ALTER TABLE DROP COLUMN can drop
// column of t: it is in no key, unique constraint, index, foreign key or
// check constraint. (SQLite also refuses when a view or trigger uses the
// column; it reports that itself, as PostgreSQL would without CASCADE.)
func canDropColumnNatively(t *schema.Table, s *schema.Schema, column string) (bool, error) {
	c := findColumn(t, column)
	if c == nil {
		return false, fmt.Errorf("table %q has no column %q", t.Name, column)
	}
	if err := referencedBy(s, t.Name, c.Name); err != nil {
		return false, err
	}
	if t.PrimaryKey != nil && containsFold(t.PrimaryKey.Columns, c.Name) {
		return false, nil
	}
	for _, u := range t.Uniques {
		if containsFold(u.Columns, c.Name) {
			return false, nil
		}
	}
	for _, fk := range t.ForeignKeys {
		if containsFold(fk.Columns, c.Name) {
			return false, nil
		}
	}
	for _, ck := range t.Checks {
		if expr, _ := ck.Expr.For(lite); mentions(expr, c.Name) {
			return false, nil
		}
	}
	for _, ix := range t.Indexes {
		if appliesTo(ix.Only, lite) && indexInvolves(ix, c.Name) {
			return false, nil
		}
	}
	return true, nil
}

// referencedBy fails when a foreign key of another table refers to
// table.column.
func referencedBy(s *schema.Schema, table, column string) error {
	for _, other := range s.Tables {
		if strings.EqualFold(other.Name, table) {
			continue
		}
		for _, fk := range other.ForeignKeys {
			if strings.EqualFold(fk.RefTable, table) && containsFold(fk.RefColumns, column) {
				return fmt.Errorf("column %q of table %q is referenced by foreign key %q of table %q; drop that foreign key first",
					column, table, fk.Name, other.Name)
			}
		}
	}
	return nil
}

// indexInvolves reports whether an index uses column in a key, an
// expression or its WHERE predicate.
func indexInvolves(ix *schema.Index, column string) bool {
	for _, k := range ix.Keys {
		if strings.EqualFold(k.Column, column) {
			return true
		}
		if e, ok := k.Expr.For(lite); ok && mentions(e, column) {
			return true
		}
	}
	if w, ok := ix.Where.For(lite); ok && mentions(w, column) {
		return true
	}
	return containsFold(ix.Include, column)
}

// rebuild is a pending table rebuild: the table's new definition, how to
// fill it from the old one, and the table's indexes.
type rebuild struct {
	log    *slog.Logger
	enums  schema.EnumLookup
	name   string        // the table, as SQLite spells it
	sql    string        // its CREATE TABLE statement
	t      *schema.Table // the new definition, without indexes
	all    *schema.Schema
	src    map[string]string // lower-case column name -> SELECT expression
	saved  []savedObject     // the table's explicit indexes, as created
	reflIx map[string]*schema.Index
	added  []*schema.Index // indexes the batch creates
}

// savedObject is a schema object's row of sqlite_schema.
type savedObject struct {
	typ, name, tbl, sql string
}

func newRebuild(ctx context.Context, env batchEnv, table string) (*rebuild, error) {
	t, all, err := env.tableState(ctx, table)
	if err != nil {
		return nil, err
	}
	p := &rebuild{log: env.logger(), enums: env.enumLookup(), name: t.Name, t: t.Clone(), all: all,
		src: map[string]string{}, reflIx: map[string]*schema.Index{}}
	p.t.Indexes = nil
	p.t.Only = nil
	for _, ix := range t.Indexes {
		p.reflIx[strings.ToLower(ix.On(lite))] = ix
	}
	for _, c := range t.Columns {
		p.src[strings.ToLower(c.Name)] = ident(lite, c.Name)
	}
	p.sql, p.saved, err = env.tableSQL(ctx, t)
	if err != nil {
		return nil, err
	}
	bad := unsupportedTableFeatures(p.sql)
	if autoincrementColumn(t) != nil {
		// The model describes it (an identity "autoincrement"); the
		// rebuild keeps the table's sqlite_sequence counter.
		bad = slices.DeleteFunc(bad, func(f string) bool { return f == "AUTOINCREMENT" })
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("table %q uses %s, which autogen's model cannot describe, so rebuilding it would lose them; change it with Exec instead",
			t.Name, strings.Join(bad, ", "))
	}
	return p, nil
}

// sqliteObjects lists sqlite_schema in creation order.
func (x *executor) sqliteObjects(ctx context.Context) ([]savedObject, error) {
	rows, err := x.query(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY rowid")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []savedObject
	for rows.Next() {
		var o savedObject
		if err := rows.Scan(&o.typ, &o.name, &o.tbl, &o.sql); err != nil {
			return nil, fmt.Errorf("reading sqlite_schema: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading sqlite_schema: %w", err)
	}
	return out, nil
}

func (p *rebuild) column(name string) (*schema.Column, error) {
	c := findColumn(p.t, name)
	if c == nil {
		return nil, fmt.Errorf("table %q has no column %q", p.name, name)
	}
	return c, nil
}

func (p *rebuild) addColumn(c *schema.Column) error {
	if findColumn(p.t, c.Name) != nil {
		return fmt.Errorf("table %q already has a column %q", p.name, c.Name)
	}
	p.t.Columns = append(p.t.Columns, c.Clone())
	return nil
}

// dropColumn removes a column with the keys, constraints and indexes that
// involve it, as PostgreSQL does.
func (p *rebuild) dropColumn(name string) error {
	c, err := p.column(name)
	if err != nil {
		return err
	}
	if err := referencedBy(p.all, p.name, c.Name); err != nil {
		return err
	}
	if len(p.t.Columns) == 1 {
		return fmt.Errorf("cannot drop %q, the only column of table %q", c.Name, p.name)
	}
	delete(p.src, strings.ToLower(c.Name))
	if pk := p.t.PrimaryKey; pk != nil && containsFold(pk.Columns, c.Name) {
		p.log.Info("dropping the primary key with its column", "table", p.name, "column", c.Name)
	}
	dropColumnFrom(p.t, c.Name)
	p.saved = slices.DeleteFunc(p.saved, func(o savedObject) bool {
		ix := p.reflIx[strings.ToLower(o.name)]
		return ix != nil && indexInvolves(ix, c.Name)
	})
	p.added = slices.DeleteFunc(p.added, func(ix *schema.Index) bool { return indexInvolves(ix, c.Name) })
	return nil
}

func (p *rebuild) alterColumn(o AlterColumn) error {
	c, err := p.column(o.Column)
	if err != nil {
		return err
	}
	key := strings.ToLower(c.Name)
	if o.Type != nil {
		c.Type = *o.Type
	}
	if o.Default != nil {
		c.Default = *o.Default
	}
	if o.Collation != nil {
		c.Collation = nil
		if *o.Collation != "" {
			c.Collation = schema.SQL{lite: *o.Collation}
		}
	}
	if o.Identity != nil {
		if *o.Identity != "" && *o.Identity != schema.IdentityAutoincrement {
			return fmt.Errorf("column %q: SQLite has no identity %q (only %q, for the INTEGER PRIMARY KEY)", c.Name, *o.Identity, schema.IdentityAutoincrement)
		}
		c.Identity = *o.Identity
	}
	if o.NotNull != nil {
		c.NotNull = *o.NotNull
		if c.NotNull && o.FillNulls != "" {
			if s, ok := p.src[key]; ok {
				p.src[key] = "coalesce(" + s + ", " + o.FillNulls + ")"
			} else if c.Default.IsZero() {
				p.src[key] = o.FillNulls
			}
		}
	}
	if o.Using != "" {
		p.log.Debug("USING applies to PostgreSQL only; SQLite converts values by the column's new affinity",
			"table", p.name, "column", c.Name)
	}
	return nil
}

// constraint adds or drops a unique, check or foreign key constraint.
func (p *rebuild) constraint(op Operation) error {
	switch o := op.(type) {
	case AddForeignKey:
		if o.ForeignKey == nil {
			return errors.New("no foreign key given")
		}
		if n := o.ForeignKey.On(lite); n != "" && slices.ContainsFunc(p.t.ForeignKeys, func(fk *schema.ForeignKey) bool { return strings.EqualFold(fk.Name, n) }) {
			return fmt.Errorf("table %q already has a foreign key %q", p.name, n)
		}
		p.t.ForeignKeys = append(p.t.ForeignKeys, o.ForeignKey.Clone())
	case AddUnique:
		if o.Unique == nil {
			return errors.New("no unique constraint given")
		}
		u := *o.Unique
		u.Columns = slices.Clone(u.Columns)
		p.t.Uniques = append(p.t.Uniques, &u)
	case AddCheck:
		if o.Check == nil {
			return errors.New("no check constraint given")
		}
		c := *o.Check
		c.Expr = maps.Clone(o.Check.Expr)
		p.t.Checks = append(p.t.Checks, &c)
	case DropForeignKey:
		i := slices.IndexFunc(p.t.ForeignKeys, func(fk *schema.ForeignKey) bool {
			return fk.Name != "" && strings.EqualFold(fk.On(lite), o.Name)
		})
		if i < 0 {
			return notFound("foreign key", o.Name, p.name, constraintNames(p.t, "fk"))
		}
		p.t.ForeignKeys = slices.Delete(p.t.ForeignKeys, i, i+1)
	case DropUnique:
		i := slices.IndexFunc(p.t.Uniques, func(u *schema.Unique) bool { return u.Name != "" && strings.EqualFold(u.On(lite), o.Name) })
		if i < 0 {
			return notFound("unique constraint", o.Name, p.name, constraintNames(p.t, "uq"))
		}
		p.t.Uniques = slices.Delete(p.t.Uniques, i, i+1)
	case DropCheck:
		i := slices.IndexFunc(p.t.Checks, func(c *schema.Check) bool { return c.Name != "" && strings.EqualFold(c.On(lite), o.Name) })
		if i < 0 {
			return notFound("check constraint", o.Name, p.name, constraintNames(p.t, "ck"))
		}
		p.t.Checks = slices.Delete(p.t.Checks, i, i+1)
	case AddPrimaryKey:
		if o.PrimaryKey == nil {
			return errors.New("no primary key given")
		}
		if p.t.PrimaryKey != nil {
			return fmt.Errorf("table %q already has a primary key", p.name)
		}
		pk := *o.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		p.t.PrimaryKey = &pk
	case DropPrimaryKey:
		if p.t.PrimaryKey == nil {
			return fmt.Errorf("table %q has no primary key", p.name)
		}
		p.t.PrimaryKey = nil
	}
	return nil
}

func constraintNames(t *schema.Table, kind string) []string {
	var out []string
	switch kind {
	case "fk":
		for _, x := range t.ForeignKeys {
			out = append(out, x.Name)
		}
	case "uq":
		for _, x := range t.Uniques {
			out = append(out, x.Name)
		}
	case "ck":
		for _, x := range t.Checks {
			out = append(out, x.Name)
		}
	}
	return out
}

func notFound(what, name, table string, have []string) error {
	var named []string
	for _, n := range have {
		if n != "" {
			named = append(named, fmt.Sprintf("%q", n))
		}
	}
	has := "none with a name"
	if len(named) > 0 {
		has = strings.Join(named, ", ")
	}
	return fmt.Errorf("table %q has no %s %q (it has: %s)", table, what, name, has)
}

func (p *rebuild) createIndex(ix *schema.Index) error {
	if !appliesTo(ix.Only, lite) {
		return nil
	}
	n := ix.On(lite)
	if slices.ContainsFunc(p.saved, func(o savedObject) bool { return strings.EqualFold(o.name, n) }) ||
		slices.ContainsFunc(p.added, func(x *schema.Index) bool { return strings.EqualFold(x.On(lite), n) }) {
		return fmt.Errorf("table %q already has an index %q", p.name, n)
	}
	p.added = append(p.added, ix.Clone())
	return nil
}

func (p *rebuild) dropIndex(name string) error {
	if i := slices.IndexFunc(p.saved, func(o savedObject) bool { return strings.EqualFold(o.name, name) }); i >= 0 {
		p.saved = slices.Delete(p.saved, i, i+1)
		return nil
	}
	if i := slices.IndexFunc(p.added, func(x *schema.Index) bool { return strings.EqualFold(x.On(lite), name) }); i >= 0 {
		p.added = slices.Delete(p.added, i, i+1)
		return nil
	}
	return fmt.Errorf("table %q has no index %q", p.name, name)
}

// newDefinition renders the CREATE TABLE statement of the new table under
// the name tmp, and the CREATE INDEX statements of the indexes the batch
// adds.
func (p *rebuild) newDefinition(tmp string) (create []string, added []string, err error) {
	create, err = sqliteCreateTable(p.t, tmp, p.enums, false)
	if err != nil {
		return nil, nil, fmt.Errorf("the new definition of table %q: %w", p.name, err)
	}
	for _, ix := range p.added {
		s, err := sqliteCreateIndex(p.name, ix)
		if err != nil {
			return nil, nil, err
		}
		added = append(added, s)
	}
	return create, added, nil
}

// copyColumns returns the columns of the new table to fill and the SELECT
// expression for each, rowid first when the table keeps it (so rows keep
// their rowids, which other tables or the application may rely on), and
// whether it does.
func (p *rebuild) copyColumns() (cols, exprs []string, keepRowid bool) {
	keepRowid = true
	for _, c := range p.t.Columns {
		if isRowidName(c.Name) {
			keepRowid = false
		}
		if s, ok := p.src[strings.ToLower(c.Name)]; ok {
			cols = append(cols, ident(lite, c.Name))
			exprs = append(exprs, s)
		}
	}
	for k := range p.src {
		if isRowidName(k) {
			keepRowid = false
		}
	}
	if keepRowid {
		cols = append([]string{"rowid"}, cols...)
		exprs = append([]string{"rowid"}, exprs...)
	}
	if len(cols) == 0 {
		// Every old column is gone: one default row per old row.
		cols, exprs = []string{"rowid"}, []string{"rowid"}
	}
	return cols, exprs, keepRowid
}

// copySQL is the INSERT … SELECT that fills tmp, with an optional suffix
// (a WHERE clause and LIMIT for a chunk).
func (p *rebuild) copySQL(tmp, suffix string) string {
	cols, exprs, _ := p.copyColumns()
	return "INSERT INTO " + ident(lite, tmp) + " (" + strings.Join(cols, ", ") + ")\nSELECT " +
		strings.Join(exprs, ", ") + " FROM " + ident(lite, p.name) + suffix
}

// indexStatements are the CREATE INDEX statements that follow the rename:
// the table's indexes as they were created (so DESC, expression, partial
// and COLLATE keys survive byte for byte), except those the batch dropped,
// then those the batch created.
func (p *rebuild) indexStatements(added []string) []string {
	var out []string
	for _, o := range p.saved {
		out = append(out, o.sql)
	}
	return append(out, added...)
}

// sequenceStatements carry an AUTOINCREMENT table's counter
// (sqlite_sequence) over to the new table, so that rowids of deleted rows
// are not handed out again; nothing for other tables. They run after the
// copy, while both tables exist; the rename then carries the row over.
func (p *rebuild) sequenceStatements(tmp string) []string {
	if autoincrementColumn(p.t) == nil {
		return nil
	}
	return []string{
		"DELETE FROM sqlite_sequence WHERE name = " + schema.QuoteString(tmp),
		"INSERT INTO sqlite_sequence (name, seq) SELECT " + schema.QuoteString(tmp) + ", seq FROM sqlite_sequence WHERE name = " + schema.QuoteString(p.name),
	}
}

// offlineStatements are the statements of the rebuild for printing: no
// views or triggers (the simulator does not know them) and no row count
// check.
func (p *rebuild) offlineStatements() ([]string, error) {
	tmp := rebuildPrefix + p.name
	create, added, err := p.newDefinition(tmp)
	if err != nil {
		return nil, err
	}
	stmts := append(create, p.copySQL(tmp, ""))
	stmts = append(stmts, p.sequenceStatements(tmp)...)
	stmts = append(stmts, "DROP TABLE "+ident(lite, p.name),
		"ALTER TABLE "+ident(lite, tmp)+" RENAME TO "+ident(lite, p.name))
	return append(stmts, p.indexStatements(added)...), nil
}

// runRebuild performs the rebuild in the transaction.
func (x *executor) runRebuild(ctx context.Context, p *rebuild) error {
	tmp := rebuildPrefix + p.name
	x.s.log.InfoContext(ctx, "rebuilding table", "table", p.name)
	create, added, err := p.newDefinition(tmp)
	if err != nil {
		return err
	}

	// Views and triggers that depend on the table, saved before anything
	// is dropped.
	objs, err := x.sqliteObjects(ctx)
	if err != nil {
		return err
	}
	for _, o := range objs {
		if strings.EqualFold(o.name, tmp) {
			return fmt.Errorf("a %s named %q is in the way of the rebuild", o.typ, tmp)
		}
	}
	views, triggers := dependents(objs, p.name)

	for _, o := range triggers {
		if err := x.exec(ctx, "DROP TRIGGER "+ident(lite, o.name)); err != nil {
			return err
		}
	}
	for i := len(views) - 1; i >= 0; i-- {
		if err := x.exec(ctx, "DROP VIEW "+ident(lite, views[i].name)); err != nil {
			return err
		}
	}
	for _, q := range create {
		if err := x.exec(ctx, q); err != nil {
			return err
		}
	}
	if err := x.copyRows(ctx, p, tmp); err != nil {
		return err
	}
	for _, q := range p.sequenceStatements(tmp) {
		if err := x.exec(ctx, q); err != nil {
			return err
		}
	}
	if err := x.exec(ctx, "DROP TABLE "+ident(lite, p.name)); err != nil {
		return err
	}
	if err := x.exec(ctx, "ALTER TABLE "+ident(lite, tmp)+" RENAME TO "+ident(lite, p.name)); err != nil {
		return err
	}
	for _, q := range p.indexStatements(added) {
		if err := x.exec(ctx, q); err != nil {
			return fmt.Errorf("re-creating an index of table %q: %w", p.name, err)
		}
	}
	for _, o := range views {
		if err := x.exec(ctx, o.sql); err != nil {
			return fmt.Errorf("re-creating view %q: %w", o.name, err)
		}
		rows, err := x.tx.QueryContext(ctx, "SELECT * FROM "+ident(lite, o.name)+" LIMIT 0")
		if err != nil {
			return fmt.Errorf("view %q no longer works after the change to table %q: %w", o.name, p.name, err)
		}
		rows.Close()
	}
	for _, o := range triggers {
		if err := x.exec(ctx, o.sql); err != nil {
			return fmt.Errorf("re-creating trigger %q: %w", o.name, err)
		}
	}
	return nil
}

// rebuildChunk is how many rows a rebuild copies per statement when it
// reports progress.
const rebuildChunk = 100_000

// Progress reports how far a long operation has got: a table rebuild on
// SQLite copying its rows.
type Progress struct {
	// Table is the table being rebuilt.
	Table string
	// Rows is how many rows have been copied so far; Total how many there
	// are.
	Rows, Total int64
}

// copyRows fills the new table from the old one, rowids included, and
// checks that every row arrived. When someone watches (a WithProgress
// callback, or a logger enabled at info level), a large table whose rows
// keep their rowids is copied in chunks of rebuildChunk rows in rowid
// order, with progress reported after each chunk; otherwise in one
// statement, which is a little faster. The copy is the same either way.
func (x *executor) copyRows(ctx context.Context, p *rebuild, tmp string) error {
	var before int64
	q := "SELECT count(*) FROM " + ident(lite, p.name)
	if err := x.tx.QueryRowContext(ctx, q).Scan(&before); err != nil {
		return &StatementError{SQL: q, Err: err}
	}
	_, _, keepRowid := p.copyColumns()
	report := func(n int64) {
		x.s.log.InfoContext(ctx, "copying rows", "table", p.name, "rows", n, "total", before)
		if f := x.s.cfg.progress; f != nil {
			f(Progress{Table: p.name, Rows: n, Total: before})
		}
	}
	watched := x.s.cfg.progress != nil || x.s.log.Enabled(ctx, slog.LevelInfo)
	if !keepRowid || before <= rebuildChunk || !watched {
		ins := p.copySQL(tmp, "")
		n, err := x.execCount(ctx, ins)
		if err != nil {
			return err
		}
		if n != before {
			return fmt.Errorf("copying table %q: %d rows copied of %d", p.name, n, before)
		}
		if before > 0 {
			report(n)
		}
		return nil
	}
	chunk := p.copySQL(tmp, " WHERE rowid > ? ORDER BY rowid LIMIT "+fmt.Sprint(rebuildChunk))
	last := "SELECT max(rowid) FROM " + ident(lite, tmp)
	var copied, from int64
	from = math.MinInt64
	for copied < before {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := x.execCount(ctx, chunk, from)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		copied += n
		if err := x.tx.QueryRowContext(ctx, last).Scan(&from); err != nil {
			return &StatementError{SQL: last, Err: err}
		}
		report(copied)
	}
	if copied != before {
		return fmt.Errorf("copying table %q: %d rows copied of %d", p.name, copied, before)
	}
	return nil
}

// execCount runs a statement with arguments and returns the number of rows
// it changed.
func (x *executor) execCount(ctx context.Context, q string, args ...any) (int64, error) {
	x.s.log.DebugContext(ctx, "exec", "sql", q)
	res, err := x.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, &StatementError{SQL: q, Err: err}
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, &StatementError{SQL: q, Err: err}
	}
	return n, nil
}

func isRowidName(s string) bool {
	switch strings.ToLower(s) {
	case "rowid", "_rowid_", "oid":
		return true
	}
	return false
}

// dependents returns the views that refer to table, directly or through
// other views, and the triggers on the table, on those views, or referring
// to any of them, each in creation order. References are found by name
// (any identifier token equal to the name), which may include a few objects
// that do not need it; re-creating them is harmless.
func dependents(objs []savedObject, table string) (views, triggers []savedObject) {
	names := map[string]bool{strings.ToLower(table): true}
	inViews := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, o := range objs {
			if o.typ != "view" || inViews[o.name] {
				continue
			}
			if mentionsAny(o.sql, names) {
				inViews[o.name] = true
				names[strings.ToLower(o.name)] = true
				changed = true
			}
		}
	}
	for _, o := range objs {
		switch {
		case o.typ == "view" && inViews[o.name]:
			views = append(views, o)
		case o.typ == "trigger" && (names[strings.ToLower(o.tbl)] || mentionsAny(o.sql, names)):
			triggers = append(triggers, o)
		}
	}
	return views, triggers
}

func findColumn(t *schema.Table, name string) *schema.Column {
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// SQL text scanning, enough to find the names a statement mentions.

type tokenKind int

const (
	tokWord   tokenKind = iota // a bare word: keyword or identifier
	tokQuoted                  // a quoted identifier: "x", `x` or [x]
	tokString                  // a string literal
	tokNumber
	tokPunct
)

type sqlToken struct {
	kind tokenKind
	text string // identifiers unquoted; punctuation as is
}

// tokenize splits SQLite SQL into tokens, skipping comments.
func tokenize(s string) []sqlToken {
	var out []sqlToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
		case c == '\'' || c == '"' || c == '`':
			var b strings.Builder
			j := i + 1
			for j < len(s) {
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c {
						b.WriteByte(c)
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			kind := tokQuoted
			if c == '\'' {
				kind = tokString
			}
			out = append(out, sqlToken{kind, b.String()})
			i = j + 1
		case c == '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				end = len(s) - i
			}
			out = append(out, sqlToken{tokQuoted, s[i+1 : min(i+end, len(s))]})
			i += end + 1
		case isWordStart(c):
			j := i
			for j < len(s) && (isWordStart(s[j]) || (s[j] >= '0' && s[j] <= '9') || s[j] == '$') {
				j++
			}
			out = append(out, sqlToken{tokWord, s[i:j]})
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i
			for j < len(s) && (isWordStart(s[j]) || (s[j] >= '0' && s[j] <= '9') || s[j] == '.') {
				j++
			}
			out = append(out, sqlToken{tokNumber, s[i:j]})
			i = j
		default:
			out = append(out, sqlToken{tokPunct, string(c)})
			i++
		}
	}
	return out
}

func isWordStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

// mentions reports whether SQL text names name (as a bare or quoted
// identifier, case-insensitively).
func mentions(sqlText, name string) bool {
	return mentionsAny(sqlText, map[string]bool{strings.ToLower(name): true})
}

// mentionsAny reports whether SQL text names any of names (lower case).
func mentionsAny(sqlText string, names map[string]bool) bool {
	for _, t := range tokenize(sqlText) {
		if (t.kind == tokWord || t.kind == tokQuoted) && names[strings.ToLower(t.text)] {
			return true
		}
	}
	return false
}

// unsupportedTableFeatures lists what a CREATE TABLE statement uses that
// the schema model does not describe, so a rebuild from the model would
// drop it.
func unsupportedTableFeatures(createSQL string) []string {
	toks := tokenize(createSQL)
	var out []string
	add := func(f string) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	word := func(i int, w string) bool {
		return i < len(toks) && toks[i].kind == tokWord && strings.EqualFold(toks[i].text, w)
	}
	depth, opened := 0, false
	for i, t := range toks {
		if t.kind == tokPunct {
			switch t.text {
			case "(":
				depth++
				opened = true
			case ")":
				depth--
			}
			continue
		}
		switch {
		case opened && depth == 0 && t.kind == tokWord:
			add(strings.ToUpper(t.text)) // table options: WITHOUT ROWID, STRICT
		case word(i, "AUTOINCREMENT"):
			add("AUTOINCREMENT")
		case word(i, "ON") && word(i+1, "CONFLICT"):
			add("ON CONFLICT")
		case word(i, "GENERATED") && word(i+1, "ALWAYS"),
			word(i, "AS") && i+1 < len(toks) && toks[i+1].kind == tokPunct && toks[i+1].text == "(":
			add("generated columns")
		}
	}
	return out
}

// The executor runs batch mode online.

// tableState reflects table and returns its definition with a schema that
// holds the tables whose foreign keys refer to it (all a rebuild needs to
// know about others). It reflects only those: their CREATE statements
// (and the table's indexes and parents) are copied from sqlite_schema into
// an in-memory database, which is reflected, so that the cost does not
// grow with the size of the schema. When that copy cannot be built (a
// collation or module only the live connection has), the live database is
// reflected whole.
func (x *executor) tableState(ctx context.Context, table string) (*schema.Table, *schema.Schema, error) {
	s, err := x.reflectAround(ctx, table)
	if err != nil {
		x.s.log.DebugContext(ctx, "reflecting the whole database instead of a copy of the table's surroundings", "table", table, "reason", err)
		s, err = reflect.SQLite(ctx, x.tx, reflect.Options{})
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading table %q: %w", table, err)
	}
	if t := findTable(s, table); t != nil {
		return t, s, nil
	}
	return nil, nil, fmt.Errorf("table %q does not exist", table)
}

// maxAround is how many CREATE statements reflectAround copies at most;
// past it, reflecting the live database is quicker than building the copy.
const maxAround = 100

// aroundQuery selects the CREATE statements of a table (?1), its indexes,
// the tables its foreign keys refer to and the tables whose foreign keys
// refer to it, in creation order.
const aroundQuery = `SELECT sql FROM sqlite_schema m
WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND (
	(type = 'index' AND tbl_name = ?1 COLLATE NOCASE)
	OR (type = 'table' AND (
		name = ?1 COLLATE NOCASE
		OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) p WHERE p."table" = ?1 COLLATE NOCASE)
		OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(?1) p WHERE p."table" = m.name COLLATE NOCASE))))
ORDER BY rowid`

// reflectAround reflects a copy of table's surroundings (see tableState).
func (x *executor) reflectAround(ctx context.Context, table string) (*schema.Schema, error) {
	rows, err := x.tx.QueryContext(ctx, aroundQuery, table)
	if err != nil {
		return nil, err
	}
	var stmts []string
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			rows.Close()
			return nil, err
		}
		stmts = append(stmts, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return &schema.Schema{}, nil
	}
	if len(stmts) > maxAround {
		return nil, fmt.Errorf("%d tables and indexes are involved; a whole reflection is quicker", len(stmts))
	}
	scratch, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer scratch.Close()
	conn, err := scratch.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("copying %s: %w", abbreviate(q), err)
		}
	}
	return reflect.SQLite(ctx, conn, reflect.Options{})
}

// tableSQL reads the CREATE statements of t and of its explicit indexes
// from sqlite_schema.
func (x *executor) tableSQL(ctx context.Context, t *schema.Table) (string, []savedObject, error) {
	rows, err := x.query(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "+
		"WHERE tbl_name = ? COLLATE NOCASE AND type IN ('table', 'index') ORDER BY rowid", t.Name)
	if err != nil {
		return "", nil, err
	}
	defer rows.Close()
	var (
		create string
		saved  []savedObject
	)
	for rows.Next() {
		var o savedObject
		if err := rows.Scan(&o.typ, &o.name, &o.tbl, &o.sql); err != nil {
			return "", nil, fmt.Errorf("reading sqlite_schema: %w", err)
		}
		switch {
		case o.typ == "table":
			create = o.sql
		case o.sql != "":
			saved = append(saved, o)
		}
	}
	if err := rows.Err(); err != nil {
		return "", nil, fmt.Errorf("reading sqlite_schema: %w", err)
	}
	if create == "" {
		return "", nil, fmt.Errorf("table %q has no CREATE TABLE statement in sqlite_schema", t.Name)
	}
	return create, saved, nil
}

// other runs an operation met inside a batch that is not a table change.
func (x *executor) other(ctx context.Context, op Operation) error { return x.applyOne(ctx, op) }

// done does nothing online: the database is the state.
func (x *executor) done(Operation) error { return nil }

func (x *executor) logger() *slog.Logger { return x.s.log }

func (x *executor) enumLookup() schema.EnumLookup { return x.enums.lookup }
