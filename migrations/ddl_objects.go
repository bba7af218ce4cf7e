package migrations

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// DDL for the operations of ops_schema.go on PostgreSQL: sequences,
// domains, the rebuild of an enum and primary keys. (SQLite has no
// sequences, domains or enum types; its primary keys change by a rebuild.)

// pgSchemaObjectStatements is Statements for the operations of
// ops_schema.go on PostgreSQL.
func pgSchemaObjectStatements(op Operation) ([]string, error) {
	switch o := op.(type) {
	case CreateSequence:
		if o.Sequence == nil {
			return nil, errors.New("no sequence given")
		}
		return pgCreateSequence(o.Sequence)
	case AlterSequence:
		if o.Sequence == nil {
			return nil, errors.New("no sequence given")
		}
		s, err := pgAlterSequence(o.Sequence)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case DropSequence:
		return []string{"DROP SEQUENCE IF EXISTS " + ident(pg, o.Name)}, nil
	case CreateDomain:
		if o.Domain == nil {
			return nil, errors.New("no domain given")
		}
		s, err := pgCreateDomain(o.Domain)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case DropDomain:
		return []string{"DROP DOMAIN " + ident(pg, o.Name)}, nil
	case AlterDomain:
		return pgAlterDomain(o)
	case RebuildEnum:
		return pgRebuildEnum(o)
	case AddPrimaryKey:
		if o.PrimaryKey == nil {
			return nil, errors.New("no primary key given")
		}
		c, err := primaryKeyClause(pg, o.PrimaryKey)
		if err != nil {
			return nil, err
		}
		return []string{alterTable(pg, o.Table) + " ADD " + c}, nil
	case DropPrimaryKey:
		return pgDropConstraint(o.Table, o.Name)
	}
	return nil, fmt.Errorf("unsupported operation %T", op)
}

// sequenceType renders a sequence's type; the zero Type is bigint.
func sequenceType(s *schema.Sequence) (string, error) {
	switch s.Type.Kind {
	case "":
		return "bigint", nil
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		return s.Type.Render(pg, nil)
	}
	return "", fmt.Errorf("sequence %q: type %s is not smallint, integer or bigint", s.Name, s.Type.Kind)
}

// pgCreateSequence is CREATE SEQUENCE with the parameters that differ from
// the defaults, then OWNED BY when the sequence has an owner.
func pgCreateSequence(s *schema.Sequence) ([]string, error) {
	typ, err := sequenceType(s)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("CREATE SEQUENCE " + ident(pg, s.Name) + " AS " + typ)
	num := func(what string, v int64) {
		if v != 0 {
			b.WriteString(" " + what + " " + strconv.FormatInt(v, 10))
		}
	}
	num("INCREMENT BY", s.Increment)
	num("MINVALUE", s.MinValue)
	num("MAXVALUE", s.MaxValue)
	num("START WITH", s.Start)
	num("CACHE", s.Cache)
	if s.Cycle {
		b.WriteString(" CYCLE")
	}
	stmts := []string{b.String()}
	if s.OwnerTable != "" {
		owner, err := sequenceOwner(s)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, "ALTER SEQUENCE "+ident(pg, s.Name)+" OWNED BY "+owner)
	}
	return stmts, nil
}

func sequenceOwner(s *schema.Sequence) (string, error) {
	switch {
	case s.OwnerTable == "" && s.OwnerColumn == "":
		return "NONE", nil
	case s.OwnerTable == "" || s.OwnerColumn == "":
		return "", fmt.Errorf("sequence %q: give both the owner's table and column, or neither", s.Name)
	}
	return ident(pg, s.OwnerTable) + "." + ident(pg, s.OwnerColumn), nil
}

// pgAlterSequence sets every parameter of a sequence, resetting those left
// at zero to their defaults, and its owner.
func pgAlterSequence(s *schema.Sequence) (string, error) {
	typ, err := sequenceType(s)
	if err != nil {
		return "", err
	}
	owner, err := sequenceOwner(s)
	if err != nil {
		return "", err
	}
	incr := s.Increment
	if incr == 0 {
		incr = 1
	}
	var b strings.Builder
	b.WriteString("ALTER SEQUENCE " + ident(pg, s.Name) + " AS " + typ + " INCREMENT BY " + strconv.FormatInt(incr, 10))
	bound := func(what string, v int64) {
		if v != 0 {
			b.WriteString(" " + what + " " + strconv.FormatInt(v, 10))
		} else {
			b.WriteString(" NO " + what)
		}
	}
	bound("MINVALUE", s.MinValue)
	bound("MAXVALUE", s.MaxValue)
	// The default start is the minimum (ascending) or maximum (descending);
	// with NO MINVALUE / NO MAXVALUE those are 1 and -1.
	start := s.Start
	switch {
	case start != 0:
	case incr > 0 && s.MinValue != 0:
		start = s.MinValue
	case incr > 0:
		start = 1
	case s.MaxValue != 0:
		start = s.MaxValue
	default:
		start = -1
	}
	cache := s.Cache
	if cache == 0 {
		cache = 1
	}
	b.WriteString(" START WITH " + strconv.FormatInt(start, 10) + " CACHE " + strconv.FormatInt(cache, 10))
	if s.Cycle {
		b.WriteString(" CYCLE")
	} else {
		b.WriteString(" NO CYCLE")
	}
	b.WriteString(" OWNED BY " + owner)
	return b.String(), nil
}

// pgCreateDomain is CREATE DOMAIN with its collation, default, NOT NULL
// and CHECK constraints.
func pgCreateDomain(d *schema.Domain) (string, error) {
	typ, err := d.Type.Render(pg, nil)
	if err != nil {
		return "", fmt.Errorf("domain %q: %w", d.Name, err)
	}
	var b strings.Builder
	b.WriteString("CREATE DOMAIN " + ident(pg, d.Name) + " AS " + typ)
	if d.Collation != "" {
		b.WriteString(" COLLATE " + ident(pg, d.Collation))
	}
	if !d.Default.IsZero() {
		def, err := renderDefault(pg, d.Default)
		if err != nil {
			return "", fmt.Errorf("domain %q: %w", d.Name, err)
		}
		b.WriteString(" DEFAULT " + def)
	}
	if d.NotNull {
		b.WriteString(" NOT NULL")
	}
	for _, c := range d.Checks {
		clause, err := checkClause(pg, c)
		if err != nil {
			return "", fmt.Errorf("domain %q: %w", d.Name, err)
		}
		b.WriteString(" " + clause)
	}
	return b.String(), nil
}

// pgAlterDomain changes what the operation gives, one statement each.
func pgAlterDomain(o AlterDomain) ([]string, error) {
	prefix := "ALTER DOMAIN " + ident(pg, o.Name)
	var stmts []string
	if o.NotNull != nil {
		if *o.NotNull {
			stmts = append(stmts, prefix+" SET NOT NULL")
		} else {
			stmts = append(stmts, prefix+" DROP NOT NULL")
		}
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
	if o.DropCheck != "" {
		stmts = append(stmts, prefix+" DROP CONSTRAINT "+ident(pg, o.DropCheck))
	}
	if o.AddCheck != nil {
		clause, err := checkClause(pg, o.AddCheck)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, prefix+" ADD "+clause)
	}
	if len(stmts) == 0 {
		return nil, errors.New("nothing to change")
	}
	return stmts, nil
}

// rebuildEnumOldName is the name the old type of a RebuildEnum has while
// the columns are converted, cut to PostgreSQL's limit.
func rebuildEnumOldName(name string) string {
	return schema.Name(pg, "_autogen_old_"+name, true)
}

// pgRebuildEnum renames the old type, creates the new one, converts each
// column through text (default dropped first, set again after) and drops
// the old type.
func pgRebuildEnum(o RebuildEnum) ([]string, error) {
	if o.Enum == nil {
		return nil, errors.New("no enum given")
	}
	e := o.Enum
	if len(e.Values) == 0 {
		return nil, fmt.Errorf("enum %q has no values", e.Name)
	}
	old := rebuildEnumOldName(e.Name)
	create, err := postgresStatements(CreateEnum{Enum: e})
	if err != nil {
		return nil, err
	}
	stmts := []string{"ALTER TYPE " + ident(pg, e.Name) + " RENAME TO " + ident(pg, old)}
	stmts = append(stmts, create...)
	for _, c := range o.Columns {
		prefix := alterTable(pg, c.Table) + " ALTER COLUMN " + ident(pg, c.Column)
		typ, cast := ident(pg, e.Name), "text"
		if c.Array {
			typ, cast = typ+"[]", "text[]"
		}
		stmts = append(stmts,
			prefix+" DROP DEFAULT",
			prefix+" TYPE "+typ+" USING "+ident(pg, c.Column)+"::"+cast+"::"+typ)
		if c.Default != nil && !c.Default.IsZero() {
			def, err := renderDefault(pg, *c.Default)
			if err != nil {
				return nil, fmt.Errorf("column %q.%q: %w", c.Table, c.Column, err)
			}
			stmts = append(stmts, prefix+" SET DEFAULT "+def)
		}
	}
	return append(stmts, "DROP TYPE "+ident(pg, old)), nil
}
