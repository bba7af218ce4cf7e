package migrations

import (
	"errors"
	"fmt"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

const pg = schema.Postgres

// postgresStatements is Statements for PostgreSQL.
func postgresStatements(op Operation) ([]string, error) {
	switch o := op.(type) {
	case CreateTable:
		return pgCreateTable(o.Table)
	case DropTable:
		return []string{"DROP TABLE " + ident(pg, o.Table)}, nil
	case RenameTable:
		return []string{alterTable(pg, o.Table) + " RENAME TO " + ident(pg, o.To)}, nil
	case AddColumn:
		if o.Column == nil {
			return nil, errors.New("no column given")
		}
		def, err := pgColumnDef(o.Column)
		if err != nil {
			return nil, err
		}
		stmts := []string{alterTable(pg, o.Table) + " ADD COLUMN " + def}
		if o.Column.Comment != "" {
			stmts = append(stmts, pgColumnComment(o.Table, o.Column.Name, o.Column.Comment))
		}
		return stmts, nil
	case DropColumn:
		return []string{alterTable(pg, o.Table) + " DROP COLUMN " + ident(pg, o.Column)}, nil
	case RenameColumn:
		return []string{alterTable(pg, o.Table) + " RENAME COLUMN " + ident(pg, o.Column) + " TO " + ident(pg, o.To)}, nil
	case AlterColumn:
		return pgAlterColumn(o)
	case CreateIndex:
		if o.Index == nil {
			return nil, errors.New("no index given")
		}
		if !appliesTo(o.Index.Only, pg) {
			return nil, nil
		}
		s, err := pgCreateIndex(o.Table, o.Index, o.Concurrently)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case DropIndex:
		s := "DROP INDEX "
		if o.Concurrently {
			s += "CONCURRENTLY "
		}
		return []string{s + ident(pg, o.Index)}, nil
	case AddForeignKey:
		if o.ForeignKey == nil {
			return nil, errors.New("no foreign key given")
		}
		c, err := foreignKeyClause(pg, o.ForeignKey)
		if err != nil {
			return nil, err
		}
		return []string{alterTable(pg, o.Table) + " ADD " + c}, nil
	case AddUnique:
		if o.Unique == nil {
			return nil, errors.New("no unique constraint given")
		}
		c, err := uniqueClause(pg, o.Unique)
		if err != nil {
			return nil, err
		}
		return []string{alterTable(pg, o.Table) + " ADD " + c}, nil
	case AddCheck:
		if o.Check == nil {
			return nil, errors.New("no check constraint given")
		}
		c, err := checkClause(pg, o.Check)
		if err != nil {
			return nil, err
		}
		return []string{alterTable(pg, o.Table) + " ADD " + c}, nil
	case DropForeignKey:
		return pgDropConstraint(o.Table, o.Name)
	case DropUnique:
		return pgDropConstraint(o.Table, o.Name)
	case DropCheck:
		return pgDropConstraint(o.Table, o.Name)
	case CreateEnum:
		if o.Enum == nil {
			return nil, errors.New("no enum given")
		}
		vals := make([]string, len(o.Enum.Values))
		for i, v := range o.Enum.Values {
			vals[i] = schema.QuoteString(v)
		}
		return []string{"CREATE TYPE " + ident(pg, o.Enum.Name) + " AS ENUM (" + strings.Join(vals, ", ") + ")"}, nil
	case DropEnum:
		return []string{"DROP TYPE " + ident(pg, o.Enum)}, nil
	case AddEnumValue:
		s := "ALTER TYPE " + ident(pg, o.Enum) + " ADD VALUE " + schema.QuoteString(o.Value)
		switch {
		case o.Before != "" && o.After != "":
			return nil, errors.New("give Before or After, not both")
		case o.Before != "":
			s += " BEFORE " + schema.QuoteString(o.Before)
		case o.After != "":
			s += " AFTER " + schema.QuoteString(o.After)
		}
		return []string{s}, nil
	case CreateExtension:
		return []string{"CREATE EXTENSION IF NOT EXISTS " + ident(pg, o.Name)}, nil
	case DropExtension:
		return []string{"DROP EXTENSION IF EXISTS " + ident(pg, o.Name)}, nil
	case AlterTableComment:
		return []string{"COMMENT ON TABLE " + ident(pg, o.Table) + " IS " + pgCommentText(o.Comment)}, nil
	case CreateSequence, AlterSequence, DropSequence, CreateDomain, DropDomain, AlterDomain, RebuildEnum,
		AddPrimaryKey, DropPrimaryKey:
		return pgSchemaObjectStatements(op)
	case Exec:
		return []string{o.SQL}, nil
	case Run:
		return nil, ErrNoSQL
	case Batch:
		var out []string
		for i, sub := range o.Ops {
			stmts, err := postgresStatements(sub)
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

// alterTable is "ALTER TABLE <table>".
func alterTable(d schema.Dialect, table string) string { return "ALTER TABLE " + ident(d, table) }

func pgDropConstraint(table, name string) ([]string, error) {
	if name == "" {
		return nil, errors.New("a constraint can only be dropped by name")
	}
	return []string{alterTable(pg, table) + " DROP CONSTRAINT " + ident(pg, name)}, nil
}

// pgCreateTable is CREATE TABLE with the table's constraints, then its
// comments and the indexes that apply to PostgreSQL.
func pgCreateTable(t *schema.Table) ([]string, error) {
	if t == nil {
		return nil, errors.New("no table given")
	}
	if !appliesTo(t.Only, pg) {
		return nil, nil
	}
	if len(t.Columns) == 0 {
		return nil, errors.New("the table has no columns")
	}
	var lines []string
	for _, c := range t.Columns {
		def, err := pgColumnDef(c)
		if err != nil {
			return nil, err
		}
		lines = append(lines, def)
	}
	cons, err := tableConstraints(pg, t)
	if err != nil {
		return nil, err
	}
	lines = append(lines, cons...)
	create := "CREATE TABLE " + ident(pg, t.Name) + " (\n\t" + strings.Join(lines, ",\n\t") + "\n)"
	if t.PartitionBy != "" {
		create += " PARTITION BY " + t.PartitionBy
	}
	stmts := []string{create}
	if t.Comment != "" {
		stmts = append(stmts, "COMMENT ON TABLE "+ident(pg, t.Name)+" IS "+schema.QuoteString(t.Comment))
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			stmts = append(stmts, pgColumnComment(t.Name, c.Name, c.Comment))
		}
	}
	for _, x := range t.Indexes {
		if !appliesTo(x.Only, pg) {
			continue
		}
		s, err := pgCreateIndex(t.Name, x, false)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, s)
	}
	return stmts, nil
}

// tableConstraints renders a table's primary key, unique, check and foreign
// key constraints as CREATE TABLE lines.
func tableConstraints(d schema.Dialect, t *schema.Table) ([]string, error) {
	var lines []string
	if t.PrimaryKey != nil {
		s, err := primaryKeyClause(d, t.PrimaryKey)
		if err != nil {
			return nil, err
		}
		lines = append(lines, s)
	}
	for _, u := range t.Uniques {
		s, err := uniqueClause(d, u)
		if err != nil {
			return nil, err
		}
		lines = append(lines, s)
	}
	for _, c := range t.Checks {
		s, err := checkClause(d, c)
		if err != nil {
			return nil, err
		}
		lines = append(lines, s)
	}
	for _, fk := range t.ForeignKeys {
		s, err := foreignKeyClause(d, fk)
		if err != nil {
			return nil, err
		}
		lines = append(lines, s)
	}
	return lines, nil
}

// pgColumnDef is a column definition: name, type, collation, identity,
// default and NOT NULL.
func pgColumnDef(c *schema.Column) (string, error) {
	typ, err := c.Type.Render(pg, nil)
	if err != nil {
		return "", fmt.Errorf("column %q: %w", c.Name, err)
	}
	var b strings.Builder
	b.WriteString(ident(pg, c.Name) + " " + typ)
	b.WriteString(collateClause(pg, c.Collation))
	switch strings.ToLower(c.Identity) {
	case "":
	case schema.IdentityAlways:
		b.WriteString(" GENERATED ALWAYS AS IDENTITY")
	case schema.IdentityByDefault, schema.IdentityAutoincrement:
		b.WriteString(" GENERATED BY DEFAULT AS IDENTITY")
	default:
		return "", fmt.Errorf("column %q: Identity must be %q, %q or %q, not %q", c.Name,
			schema.IdentityAlways, schema.IdentityByDefault, schema.IdentityAutoincrement, c.Identity)
	}
	if !c.Default.IsZero() {
		if c.Identity != "" {
			return "", fmt.Errorf("column %q: an identity column cannot have a default", c.Name)
		}
		def, err := renderDefault(pg, c.Default)
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

func pgColumnComment(table, column, comment string) string {
	return "COMMENT ON COLUMN " + ident(pg, table) + "." + ident(pg, column) + " IS " + pgCommentText(comment)
}

// pgCommentText is the literal of a comment; an empty comment removes it.
func pgCommentText(comment string) string {
	if comment == "" {
		return "NULL"
	}
	return schema.QuoteString(comment)
}

// pgCreateIndex is CREATE INDEX with every PostgreSQL feature the model has.
func pgCreateIndex(table string, x *schema.Index, concurrently bool) (string, error) {
	name := x.On(pg)
	if name == "" {
		return "", errors.New("the index has no name")
	}
	keys, err := indexKeys(pg, x)
	if err != nil {
		return "", err
	}
	where, err := indexWhere(pg, x)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if x.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX ")
	if concurrently {
		b.WriteString("CONCURRENTLY ")
	}
	b.WriteString(ident(pg, name) + " ON " + ident(pg, table))
	if x.Method != "" {
		b.WriteString(" USING " + ident(pg, x.Method))
	}
	b.WriteString(" (" + keys + ")")
	if len(x.Include) > 0 {
		b.WriteString(" INCLUDE (" + identList(pg, x.Include) + ")")
	}
	if x.NullsNotDistinct {
		if !x.Unique {
			return "", fmt.Errorf("index %q: NULLS NOT DISTINCT needs a unique index", x.Name)
		}
		b.WriteString(" NULLS NOT DISTINCT")
	}
	b.WriteString(where)
	return b.String(), nil
}

// pgAlterColumn changes a column's identity, type, collation, default,
// nullability and comment, one statement each, in the order PostgreSQL
// needs: an identity is dropped first (so that a default can be set) and
// added last (once the column is NOT NULL without a default); when both
// the type and the default change, the old default is dropped first so
// that it need not be castable to the new type. FillNulls runs an UPDATE
// before SET NOT NULL.
func pgAlterColumn(o AlterColumn) ([]string, error) {
	prefix := alterTable(pg, o.Table) + " ALTER COLUMN " + ident(pg, o.Column)
	var stmts []string
	identity, err := pgIdentity(o)
	if err != nil {
		return nil, err
	}
	if o.Identity != nil && *o.Identity == "" {
		stmts = append(stmts, prefix+" DROP IDENTITY IF EXISTS")
	}
	if o.Type != nil {
		if o.Default != nil && !o.Default.IsZero() {
			stmts = append(stmts, prefix+" DROP DEFAULT")
		}
		typ, err := o.Type.Render(pg, nil)
		if err != nil {
			return nil, err
		}
		s := prefix + " TYPE " + typ
		if o.Collation != nil && *o.Collation != "" {
			s += " COLLATE " + ident(pg, *o.Collation)
		}
		if o.Using != "" {
			s += " USING " + o.Using
		}
		stmts = append(stmts, s)
	} else if o.Using != "" {
		return nil, errors.New("Using is given without a type change")
	} else if o.Collation != nil {
		return nil, errors.New("PostgreSQL changes a collation with ALTER COLUMN … TYPE: give the column's type (SetType) with SetCollation")
	}
	if o.Default != nil {
		if o.Default.IsZero() {
			stmts = append(stmts, prefix+" DROP DEFAULT")
		} else {
			def, err := renderDefault(pg, *o.Default)
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, prefix+" SET DEFAULT "+def)
		}
	}
	if o.NotNull != nil {
		if *o.NotNull {
			if o.FillNulls != "" {
				stmts = append(stmts, "UPDATE "+ident(pg, o.Table)+" SET "+ident(pg, o.Column)+" = "+o.FillNulls+
					" WHERE "+ident(pg, o.Column)+" IS NULL")
			}
			stmts = append(stmts, prefix+" SET NOT NULL")
		} else {
			stmts = append(stmts, prefix+" DROP NOT NULL")
		}
	} else if o.FillNulls != "" {
		return nil, errors.New("FillNulls is given without SetNotNull")
	}
	switch {
	case identity == "":
	case o.AddIdentity:
		// The new sequence starts after the rows the column holds, so
		// that the next generated value is not one of theirs. It is found
		// by its internal dependency on the column: pg_get_serial_sequence
		// may name another sequence the column owns (a serial's, kept).
		table := schema.QuoteString(ident(pg, o.Table))
		identitySeq := "(SELECT d.objid::regclass FROM pg_catalog.pg_depend d" +
			" JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid" +
			" WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refobjid = " + table + "::regclass" +
			" AND a.attname = " + schema.QuoteString(o.Column) + " AND d.deptype = 'i')"
		stmts = append(stmts, prefix+" ADD "+identity+" AS IDENTITY",
			"SELECT pg_catalog.setval("+identitySeq+", greatest(coalesce(max("+ident(pg, o.Column)+"), 0) + 1, 1), false) FROM "+ident(pg, o.Table))
	default:
		stmts = append(stmts, prefix+" SET "+identity)
	}
	if o.Comment != nil {
		stmts = append(stmts, pgColumnComment(o.Table, o.Column, *o.Comment))
	}
	return stmts, nil
}

// pgIdentity is "GENERATED ALWAYS" or "GENERATED BY DEFAULT" for an
// AlterColumn that makes the column an identity column (autoincrement is
// by default here), "" otherwise.
func pgIdentity(o AlterColumn) (string, error) {
	if o.Identity == nil {
		return "", nil
	}
	switch strings.ToLower(*o.Identity) {
	case "":
		return "", nil
	case schema.IdentityAlways:
		return "GENERATED ALWAYS", nil
	case schema.IdentityByDefault, schema.IdentityAutoincrement:
		return "GENERATED BY DEFAULT", nil
	}
	return "", fmt.Errorf("Identity must be %q, %q, %q or empty, not %q",
		schema.IdentityAlways, schema.IdentityByDefault, schema.IdentityAutoincrement, *o.Identity)
}
