package migrations

import (
	"errors"
	"fmt"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

const lite = schema.SQLite

// sqliteStatements is Statements for SQLite.
func sqliteStatements(op Operation, enums schema.EnumLookup) ([]string, error) {
	switch o := op.(type) {
	case CreateTable:
		if o.Table == nil {
			return nil, errors.New("no table given")
		}
		return sqliteCreateTable(o.Table, o.Table.Name, enums, true)
	case DropTable:
		return []string{"DROP TABLE " + ident(lite, o.Table)}, nil
	case RenameTable:
		return []string{alterTable(lite, o.Table) + " RENAME TO " + ident(lite, o.To)}, nil
	case AddColumn:
		if o.Column == nil {
			return nil, errors.New("no column given")
		}
		if err := sqliteAddColumnNative(o.Column); err != nil {
			return nil, err
		}
		def, err := sqliteColumnDef(o.Column, enums)
		if err != nil {
			return nil, err
		}
		return []string{alterTable(lite, o.Table) + " ADD COLUMN " + def}, nil
	case DropColumn:
		// SQLite refuses to drop a column that is part of a key, an index
		// or a constraint; Apply checks that first and rebuilds the table
		// instead. Here, without a database, the native form is all there is.
		return []string{alterTable(lite, o.Table) + " DROP COLUMN " + ident(lite, o.Column)}, nil
	case RenameColumn:
		return []string{alterTable(lite, o.Table) + " RENAME COLUMN " + ident(lite, o.Column) + " TO " + ident(lite, o.To)}, nil
	case CreateIndex:
		if o.Index == nil {
			return nil, errors.New("no index given")
		}
		if !appliesTo(o.Index.Only, lite) {
			return nil, nil
		}
		s, err := sqliteCreateIndex(o.Table, o.Index)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case DropIndex:
		return []string{"DROP INDEX " + ident(lite, o.Index)}, nil
	case AlterColumn:
		if !o.changesSQLite() {
			// Nothing SQLite stores (comments do not exist there).
			return nil, nil
		}
		return nil, fmt.Errorf("changing a column's type, nullability, default, collation or identity: %w", ErrRebuildRequired)
	case AddForeignKey, DropForeignKey, AddUnique, DropUnique, AddCheck, DropCheck, AddPrimaryKey, DropPrimaryKey:
		return nil, fmt.Errorf("adding or dropping a constraint: %w", ErrRebuildRequired)
	case CreateSequence, AlterSequence, DropSequence, CreateDomain, DropDomain, AlterDomain, RebuildEnum:
		// PostgreSQL's objects: SQLite has no sequences or domains, and its
		// enum columns are VARCHARs.
		return nil, nil
	case CreateEnum, DropEnum, AddEnumValue:
		// Enums are not types on SQLite: enum columns are VARCHAR(n).
		return nil, nil
	case CreateExtension, DropExtension, AlterTableComment:
		return nil, nil
	case Exec:
		return []string{o.SQL}, nil
	case Run:
		return nil, ErrNoSQL
	case Batch:
		var out []string
		for i, sub := range o.Ops {
			stmts, err := sqliteStatements(sub, enums)
			if err != nil {
				return nil, fmt.Errorf("operation %d (%s): %w", i+1, describe(sub), err)
			}
			out = append(out, stmts...)
		}
		return out, nil
	case nil:
		return nil, errors.New("nil operation")
	}
	return nil, fmt.Errorf("unsupported operation %T", op)
}

// changesSQLite reports whether the change alters what SQLite stores of
// the column (it has no comments).
func (o AlterColumn) changesSQLite() bool {
	return o.Type != nil || o.NotNull != nil || o.Default != nil || o.Collation != nil || o.Identity != nil
}

// sqliteAddColumnNative returns nil when ALTER TABLE ADD COLUMN can add c
// whatever the table holds, and an error wrapping ErrRebuildRequired saying
// why not otherwise. SQLite's rules (lang_altertable.html#altertabaddcol):
// no PRIMARY KEY or UNIQUE (a Column has neither; they are constraints), a
// NOT NULL column needs a non-NULL default, and the default must be a
// constant: not CURRENT_TIMESTAMP and the like, not an expression in
// parentheses. (SQLite accepts a non-constant default on an empty table;
// autogen does not depend on the data and rebuilds in every case.)
func sqliteAddColumnNative(c *schema.Column) error {
	switch {
	case c.NotNull && c.Default.IsZero():
		return fmt.Errorf("adding NOT NULL column %q without a default: %w", c.Name, ErrRebuildRequired)
	case c.Default.IsZero():
		return nil
	case c.Default.Kind == schema.DefaultNow || c.Default.IsExpr(lite):
		return fmt.Errorf("adding column %q whose default is not a constant: %w", c.Name, ErrRebuildRequired)
	}
	return nil
}

// sqliteCreateTable is CREATE TABLE with every constraint inline, named as
// in the model, followed by the table's SQLite indexes when withIndexes.
// name is the name to create the table under (the rebuild creates a
// temporary table).
func sqliteCreateTable(t *schema.Table, name string, enums schema.EnumLookup, withIndexes bool) ([]string, error) {
	if t == nil {
		return nil, errors.New("no table given")
	}
	if !appliesTo(t.Only, lite) {
		return nil, nil
	}
	if len(t.Columns) == 0 {
		return nil, errors.New("the table has no columns")
	}
	// An AUTOINCREMENT key is declared on its column, the only place
	// SQLite accepts the keyword.
	var lines []string
	auto := autoincrementColumn(t)
	for _, c := range t.Columns {
		def, err := sqliteColumnDef(c, enums)
		if err != nil {
			return nil, err
		}
		if c == auto {
			def += " " + constraintName(lite, t.PrimaryKey.On(lite)) + "PRIMARY KEY AUTOINCREMENT"
		}
		lines = append(lines, def)
	}
	withoutPK := t
	if auto != nil {
		withoutPK = &schema.Table{Name: t.Name, Uniques: t.Uniques, Checks: t.Checks, ForeignKeys: t.ForeignKeys}
	}
	cons, err := tableConstraints(lite, withoutPK)
	if err != nil {
		return nil, err
	}
	lines = append(lines, cons...)
	stmts := []string{"CREATE TABLE " + ident(lite, name) + " (\n\t" + strings.Join(lines, ",\n\t") + "\n)"}
	if withIndexes {
		for _, x := range t.Indexes {
			if !appliesTo(x.Only, lite) {
				continue
			}
			s, err := sqliteCreateIndex(t.Name, x)
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, s)
		}
	}
	return stmts, nil
}

// autoincrementColumn returns the column of t declared INTEGER PRIMARY KEY
// AUTOINCREMENT: an integer column with Identity "autoincrement" that is
// the whole primary key. Nil when there is none.
func autoincrementColumn(t *schema.Table) *schema.Column {
	pk := t.PrimaryKey
	if pk == nil || len(pk.Columns) != 1 {
		return nil
	}
	for _, c := range t.Columns {
		if c.Name == pk.Columns[0] && c.Identity == schema.IdentityAutoincrement && c.Type.Kind == schema.KindInteger {
			return c
		}
	}
	return nil
}

// sqliteColumnDef is a column definition: name, type (an enum becomes
// VARCHAR(n)), collation, default and NOT NULL. Identity is PostgreSQL's
// and is left out; comments do not exist on SQLite.
func sqliteColumnDef(c *schema.Column, enums schema.EnumLookup) (string, error) {
	typ, err := c.Type.Render(lite, enums)
	if err != nil {
		return "", fmt.Errorf("column %q: %w", c.Name, err)
	}
	var b strings.Builder
	b.WriteString(ident(lite, c.Name) + " " + typ)
	b.WriteString(collateClause(lite, c.Collation))
	if !c.Default.IsZero() {
		def, err := renderDefault(lite, c.Default)
		if err != nil {
			return "", fmt.Errorf("column %q: %w", c.Name, err)
		}
		b.WriteString(" DEFAULT " + def)
	}
	if c.NotNull {
		b.WriteString(" NOT NULL")
	}
	return b.String(), nil
}

// sqliteCreateIndex is CREATE INDEX for SQLite: column and expression keys,
// COLLATE, DESC and WHERE. PostgreSQL-only features are an error, since the
// index applies to SQLite (otherwise it would have been skipped).
func sqliteCreateIndex(table string, x *schema.Index) (string, error) {
	name := x.On(lite)
	if name == "" {
		return "", errors.New("the index has no name")
	}
	if f := pgOnlyIndexFeatures(x); len(f) > 0 {
		return "", fmt.Errorf("index %q uses %s, which SQLite does not have; restrict the index to PostgreSQL with Only: []schema.Dialect{schema.Postgres} (and declare a SQLite variant if one is wanted)",
			x.Name, strings.Join(f, ", "))
	}
	keys, err := indexKeys(lite, x)
	if err != nil {
		return "", err
	}
	where, err := indexWhere(lite, x)
	if err != nil {
		return "", err
	}
	s := "CREATE "
	if x.Unique {
		s += "UNIQUE "
	}
	return s + "INDEX " + ident(lite, name) + " ON " + ident(lite, table) + " (" + keys + ")" + where, nil
}

// pgOnlyIndexFeatures lists the PostgreSQL-only features an index uses.
func pgOnlyIndexFeatures(x *schema.Index) []string {
	var f []string
	if x.Method != "" && !strings.EqualFold(x.Method, "btree") {
		f = append(f, "access method "+x.Method)
	}
	if len(x.Include) > 0 {
		f = append(f, "INCLUDE")
	}
	if x.NullsNotDistinct {
		f = append(f, "NULLS NOT DISTINCT")
	}
	for _, k := range x.Keys {
		if k.Opclass != "" {
			f = append(f, "operator class "+k.Opclass)
			break
		}
	}
	for _, k := range x.Keys {
		if k.Nulls != "" {
			f = append(f, "NULLS FIRST/LAST")
			break
		}
	}
	return f
}
