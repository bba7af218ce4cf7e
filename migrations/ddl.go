package migrations

import (
	"errors"
	"fmt"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// ErrRebuildRequired reports an operation that SQLite cannot perform with
// ALTER TABLE. Apply performs such operations with a table rebuild (see
// Batch); Statements, which has no database to read the table from, returns
// an error wrapping ErrRebuildRequired for them.
var ErrRebuildRequired = errors.New("SQLite cannot do this with ALTER TABLE; it needs a table rebuild (batch mode)")

// ErrNoSQL reports an operation that has no SQL form: a Run operation, whose
// Go function needs a live transaction.
var ErrNoSQL = errors.New("the operation runs Go code and has no SQL form")

// Statements returns the SQL statements that perform op on dialect d, in
// order, where the operation is pure SQL. enums sizes enum columns on SQLite
// (see schema.Type.Render); it may be nil when no enum column is involved.
//
// Every identifier is quoted with schema.QuoteIdent and every string literal
// with schema.QuoteString; names of indexes and constraints are their names
// on d (cut to PostgreSQL's limit when generated).
//
// Objects restricted to other dialects (a table or index whose Only excludes
// d) produce no statements, as do enum and extension operations on SQLite.
// On SQLite, changes that ALTER TABLE cannot make return an error wrapping
// ErrRebuildRequired; Run returns ErrNoSQL.
func Statements(d schema.Dialect, op Operation, enums schema.EnumLookup) ([]string, error) {
	var (
		stmts []string
		err   error
	)
	switch d {
	case schema.Postgres:
		stmts, err = postgresStatements(op)
	case schema.SQLite:
		stmts, err = sqliteStatements(op, enums)
	default:
		return nil, fmt.Errorf("unknown dialect %q", d)
	}
	if err != nil {
		return nil, fmt.Errorf("%s on %s: %w", describe(op), d.Title(), err)
	}
	return stmts, nil
}

// describe names an operation and its object for error messages and logs.
func describe(op Operation) string {
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	switch o := op.(type) {
	case CreateTable:
		if o.Table == nil {
			return "create table (nil)"
		}
		return "create table " + q(o.Table.Name)
	case DropTable:
		return "drop table " + q(o.Table)
	case RenameTable:
		return fmt.Sprintf("rename table %q to %q", o.Table, o.To)
	case AddColumn:
		if o.Column == nil {
			return fmt.Sprintf("add column to %q (nil)", o.Table)
		}
		return fmt.Sprintf("add column %q.%q", o.Table, o.Column.Name)
	case DropColumn:
		return fmt.Sprintf("drop column %q.%q", o.Table, o.Column)
	case RenameColumn:
		return fmt.Sprintf("rename column %q.%q to %q", o.Table, o.Column, o.To)
	case AlterColumn:
		return fmt.Sprintf("alter column %q.%q", o.Table, o.Column)
	case CreateIndex:
		if o.Index == nil {
			return fmt.Sprintf("create index on %q (nil)", o.Table)
		}
		return fmt.Sprintf("create index %q on %q", o.Index.Name, o.Table)
	case DropIndex:
		return fmt.Sprintf("drop index %q on %q", o.Index, o.Table)
	case AddForeignKey:
		if o.ForeignKey == nil {
			return fmt.Sprintf("add foreign key to %q (nil)", o.Table)
		}
		return fmt.Sprintf("add foreign key %q to %q", o.ForeignKey.Name, o.Table)
	case DropForeignKey:
		return fmt.Sprintf("drop foreign key %q from %q", o.Name, o.Table)
	case AddUnique:
		if o.Unique == nil {
			return fmt.Sprintf("add unique constraint to %q (nil)", o.Table)
		}
		return fmt.Sprintf("add unique constraint %q to %q", o.Unique.Name, o.Table)
	case DropUnique:
		return fmt.Sprintf("drop unique constraint %q from %q", o.Name, o.Table)
	case AddCheck:
		if o.Check == nil {
			return fmt.Sprintf("add check constraint to %q (nil)", o.Table)
		}
		return fmt.Sprintf("add check constraint %q to %q", o.Check.Name, o.Table)
	case DropCheck:
		return fmt.Sprintf("drop check constraint %q from %q", o.Name, o.Table)
	case CreateEnum:
		if o.Enum == nil {
			return "create enum (nil)"
		}
		return "create enum " + q(o.Enum.Name)
	case DropEnum:
		return "drop enum " + q(o.Enum)
	case AddEnumValue:
		return fmt.Sprintf("add value %q to enum %q", o.Value, o.Enum)
	case CreateExtension:
		return "create extension " + q(o.Name)
	case DropExtension:
		return "drop extension " + q(o.Name)
	case AlterTableComment:
		return "set the comment of table " + q(o.Table)
	case CreateSequence:
		if o.Sequence == nil {
			return "create sequence (nil)"
		}
		return "create sequence " + q(o.Sequence.Name)
	case AlterSequence:
		if o.Sequence == nil {
			return "alter sequence (nil)"
		}
		return "alter sequence " + q(o.Sequence.Name)
	case DropSequence:
		return "drop sequence " + q(o.Name)
	case CreateDomain:
		if o.Domain == nil {
			return "create domain (nil)"
		}
		return "create domain " + q(o.Domain.Name)
	case DropDomain:
		return "drop domain " + q(o.Name)
	case AlterDomain:
		return "alter domain " + q(o.Name)
	case RebuildEnum:
		if o.Enum == nil {
			return "rebuild enum (nil)"
		}
		return "rebuild enum " + q(o.Enum.Name)
	case AddPrimaryKey:
		return "add primary key to " + q(o.Table)
	case DropPrimaryKey:
		return fmt.Sprintf("drop primary key %q from %q", o.Name, o.Table)
	case Exec:
		return "execute SQL"
	case Run:
		return "run Go code"
	case Batch:
		return "batch on table " + q(o.Table)
	case nil:
		return "nil operation"
	}
	return fmt.Sprintf("operation %T", op)
}

// ident quotes a name for d.
func ident(d schema.Dialect, name string) string { return schema.QuoteIdent(d, name) }

// identList quotes names and joins them with ", ".
func identList(d schema.Dialect, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = ident(d, n)
	}
	return strings.Join(out, ", ")
}

// qualifiedIdent quotes each dot-separated part of a possibly
// schema-qualified name (an operator class such as "public.gin_trgm_ops").
func qualifiedIdent(d schema.Dialect, name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = ident(d, p)
	}
	return strings.Join(parts, ".")
}

// constraintName is "CONSTRAINT <name> " for a named constraint, "" otherwise.
func constraintName(d schema.Dialect, name string) string {
	if name == "" {
		return ""
	}
	return "CONSTRAINT " + ident(d, name) + " "
}

// primaryKeyClause is a table-level PRIMARY KEY constraint.
func primaryKeyClause(d schema.Dialect, pk *schema.PrimaryKey) (string, error) {
	if len(pk.Columns) == 0 {
		return "", errors.New("the primary key has no columns")
	}
	return constraintName(d, pk.On(d)) + "PRIMARY KEY (" + identList(d, pk.Columns) + ")", nil
}

// uniqueClause is a table-level UNIQUE constraint.
func uniqueClause(d schema.Dialect, u *schema.Unique) (string, error) {
	if len(u.Columns) == 0 {
		return "", fmt.Errorf("unique constraint %q has no columns", u.Name)
	}
	return constraintName(d, u.On(d)) + "UNIQUE (" + identList(d, u.Columns) + ")", nil
}

// checkClause is a CHECK constraint with the expression for d.
func checkClause(d schema.Dialect, c *schema.Check) (string, error) {
	expr, ok := c.Expr.For(d)
	if !ok || strings.TrimSpace(expr) == "" {
		return "", fmt.Errorf("check constraint %q has no expression for %s", c.Name, d.Title())
	}
	return constraintName(d, c.On(d)) + "CHECK (" + expr + ")", nil
}

// foreignKeyClause is a table-level FOREIGN KEY constraint with its actions
// and deferrability.
func foreignKeyClause(d schema.Dialect, fk *schema.ForeignKey) (string, error) {
	switch {
	case len(fk.Columns) == 0:
		return "", fmt.Errorf("foreign key %q has no columns", fk.Name)
	case fk.RefTable == "":
		return "", fmt.Errorf("foreign key %q names no referenced table", fk.Name)
	case len(fk.RefColumns) != len(fk.Columns):
		return "", fmt.Errorf("foreign key %q has %d columns but %d referenced columns", fk.Name, len(fk.Columns), len(fk.RefColumns))
	}
	var b strings.Builder
	b.WriteString(constraintName(d, fk.On(d)))
	fmt.Fprintf(&b, "FOREIGN KEY (%s) REFERENCES %s (%s)", identList(d, fk.Columns), ident(d, fk.RefTable), identList(d, fk.RefColumns))
	for _, a := range []struct {
		what   string
		action schema.Action
	}{{"DELETE", fk.OnDelete}, {"UPDATE", fk.OnUpdate}} {
		switch a.action {
		case schema.NoAction:
		case schema.Cascade, schema.SetNull, schema.SetDefault, schema.Restrict:
			fmt.Fprintf(&b, " ON %s %s", a.what, a.action)
		default:
			return "", fmt.Errorf("foreign key %q: unknown ON %s action %q", fk.Name, a.what, a.action)
		}
	}
	switch {
	case fk.Deferrable && fk.InitiallyDeferred:
		b.WriteString(" DEFERRABLE INITIALLY DEFERRED")
	case fk.Deferrable:
		b.WriteString(" DEFERRABLE")
	case fk.InitiallyDeferred:
		return "", fmt.Errorf("foreign key %q is initially deferred but not deferrable", fk.Name)
	}
	return b.String(), nil
}

// indexKeys renders an index's key list for d: columns or parenthesized
// expressions, each with its collation, operator class, order and NULLS
// placement (callers reject the PostgreSQL-only parts for SQLite).
func indexKeys(d schema.Dialect, x *schema.Index) (string, error) {
	if len(x.Keys) == 0 {
		return "", fmt.Errorf("index %q has no keys", x.Name)
	}
	keys := make([]string, len(x.Keys))
	for i, k := range x.Keys {
		var b strings.Builder
		switch {
		case k.Column != "":
			b.WriteString(ident(d, k.Column))
		default:
			expr, ok := k.Expr.For(d)
			if !ok || strings.TrimSpace(expr) == "" {
				return "", fmt.Errorf("index %q: key %d has neither a column nor an expression for %s", x.Name, i+1, d.Title())
			}
			if wrapped(expr) {
				b.WriteString(expr) // already in parentheses: keep it as reflected
			} else {
				b.WriteString("(" + expr + ")")
			}
		}
		b.WriteString(collateClause(d, k.Collation))
		if k.Opclass != "" {
			b.WriteString(" " + qualifiedIdent(d, k.Opclass))
		}
		if k.Desc {
			b.WriteString(" DESC")
		}
		switch strings.ToLower(k.Nulls) {
		case "":
		case "first":
			b.WriteString(" NULLS FIRST")
		case "last":
			b.WriteString(" NULLS LAST")
		default:
			return "", fmt.Errorf("index %q: key %d: Nulls must be \"first\" or \"last\", not %q", x.Name, i+1, k.Nulls)
		}
		keys[i] = b.String()
	}
	return strings.Join(keys, ", "), nil
}

// wrapped reports whether expr is one parenthesised group, "(…)", so that
// an index key written from a reflected expression does not gain a layer
// of parentheses each time it is re-created (SQLite keeps the text as
// written). Quoted text is skipped.
func wrapped(expr string) bool {
	expr = strings.TrimSpace(expr)
	if len(expr) < 2 || expr[0] != '(' || expr[len(expr)-1] != ')' {
		return false
	}
	depth := 0
	var quote byte
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '[':
			quote = ']'
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 && i < len(expr)-1 {
				return false
			}
		}
	}
	return depth == 0
}

// indexWhere renders " WHERE <predicate>" for a partial index, or "".
func indexWhere(d schema.Dialect, x *schema.Index) (string, error) {
	if x.Where.IsZero() {
		return "", nil
	}
	pred, ok := x.Where.For(d)
	if !ok || strings.TrimSpace(pred) == "" {
		return "", fmt.Errorf("index %q has a WHERE predicate but none for %s", x.Name, d.Title())
	}
	return " WHERE " + pred, nil
}

// renderDefault renders a column default for d: SQLite needs parentheses
// around expressions.
func renderDefault(d schema.Dialect, def schema.Default) (string, error) {
	s, err := def.Render(d)
	if err != nil {
		return "", err
	}
	if d == schema.SQLite && def.IsExpr(d) {
		s = "(" + s + ")"
	}
	return s, nil
}

// collateClause is " COLLATE <name>" for the collation c names on d, or
// "" when it names none there.
func collateClause(d schema.Dialect, c schema.SQL) string {
	if name := c.Name(d); name != "" {
		return " COLLATE " + ident(d, name)
	}
	return ""
}

// appliesTo reports whether an object restricted to only applies to d.
func appliesTo(only []schema.Dialect, d schema.Dialect) bool { return schema.AppliesTo(only, d) }
