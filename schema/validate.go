package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Errors is a list of problems found in a schema; each names its object.
type Errors []error

// Err returns nil for an empty list and the list otherwise.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is and errors.As see each problem.
func (e Errors) Unwrap() []error { return e }

// Validate checks s for problems: duplicate names, keys and indexes on
// missing columns, foreign keys to missing tables or columns or to columns
// that are not unique, enum defaults outside the enum, names over a
// dialect's limit, unknown types. It does not fill names; use Resolve.
func (s *Schema) Validate() error { return s.validate().Err() }

func (s *Schema) validate() Errors {
	v := &validator{s: s}
	enumNames := map[string]bool{}
	for _, e := range s.Enums {
		v.enum(e, enumNames)
	}
	seqNames := map[string]bool{}
	for _, q := range s.Sequences {
		v.sequence(q, seqNames)
	}
	domainNames := map[string]bool{}
	for _, d := range s.Domains {
		v.domain(d, domainNames)
	}
	tableNames := map[string]bool{}
	sqliteTables := map[string]string{}
	for _, t := range s.Tables {
		if t.Name == "" {
			v.errorf("a table has no name")
			continue
		}
		if tableNames[t.Name] {
			v.errorf("table %q is declared twice", t.Name)
		} else if AppliesTo(t.Only, SQLite) {
			v.sqliteCase(sqliteTables, "", "table", t.Name)
		}
		tableNames[t.Name] = true
		v.table(t)
	}
	v.globalNames()
	return v.errs
}

type validator struct {
	s    *Schema
	errs Errors
}

func (v *validator) errorf(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *validator) enum(e *Enum, seen map[string]bool) {
	switch {
	case e.Name == "":
		v.errorf("an enum has no name")
		return
	case seen[e.Name]:
		v.errorf("enum %q is declared twice", e.Name)
	case len(e.Values) == 0:
		v.errorf("enum %q has no values", e.Name)
	}
	seen[e.Name] = true
	v.ident(fmt.Sprintf("enum %q", e.Name), e.Name, false, nil)
	vals := map[string]bool{}
	for _, val := range e.Values {
		if vals[val] {
			v.errorf("enum %q: value %q is listed twice", e.Name, val)
		}
		if val == "" {
			v.errorf("enum %q: a value is empty", e.Name)
		}
		v.text(fmt.Sprintf("enum %q value", e.Name), val)
		vals[val] = true
	}
}

func (v *validator) sequence(q *Sequence, seen map[string]bool) {
	what := fmt.Sprintf("sequence %q", q.Name)
	switch {
	case q.Name == "":
		v.errorf("a sequence has no name")
		return
	case seen[q.Name]:
		v.errorf("%s is declared twice", what)
	}
	seen[q.Name] = true
	v.ident(what, q.Name, false, nil)
	switch q.Type.Kind {
	case "", KindSmallInt, KindInteger, KindBigInt:
	default:
		v.errorf("%s: type %s is not smallint, integer or bigint", what, q.Type.Kind)
	}
	if (q.OwnerTable == "") != (q.OwnerColumn == "") {
		v.errorf("%s: give both OwnerTable and OwnerColumn, or neither", what)
		return
	}
	if q.OwnerTable != "" {
		t := v.s.Table(q.OwnerTable)
		switch {
		case t == nil:
			v.errorf("%s is owned by table %q, which the schema does not have", what, q.OwnerTable)
		case t.Column(q.OwnerColumn) == nil:
			v.errorf("%s is owned by column %q of table %q, which does not exist", what, q.OwnerColumn, q.OwnerTable)
		case !AppliesTo(t.Only, Postgres):
			v.errorf("%s is owned by table %q, which does not exist on PostgreSQL; sequences exist on PostgreSQL only, so give it an owner there, or none", what, q.OwnerTable)
		}
	}
}

func (v *validator) domain(d *Domain, seen map[string]bool) {
	what := fmt.Sprintf("domain %q", d.Name)
	switch {
	case d.Name == "":
		v.errorf("a domain has no name")
		return
	case seen[d.Name]:
		v.errorf("%s is declared twice", what)
	}
	seen[d.Name] = true
	v.ident(what, d.Name, false, nil)
	if d.Type.Kind == KindDomain && d.Type.Domain == d.Name {
		v.errorf("%s is declared over itself", what)
	} else {
		v.typ(what, d.Type)
	}
	v.dflt(what, d.Default, d.Type)
	for _, c := range d.Checks {
		if c.Expr.IsZero() {
			v.errorf("%s: check constraint %q has no expression", what, c.Name)
		}
	}
}

// ident checks a name: no NUL bytes, and within the dialects' limits unless
// generated (generated names are cut).
func (v *validator) ident(what, name string, generated bool, only []Dialect) {
	v.text(what, name)
	if generated {
		return
	}
	for _, d := range Dialects {
		if limit := MaxIdentLen(d); limit > 0 && len(name) > limit && AppliesTo(only, d) {
			v.errorf("%s: the name is %d bytes, over %s's limit of %d; shorten it, or leave it empty and let the naming convention make one", what, len(name), d.Title(), limit)
		}
	}
}

func (v *validator) text(what, s string) {
	if strings.ContainsRune(s, 0) {
		v.errorf("%s contains a NUL byte", what)
	}
}

func (v *validator) table(t *Table) {
	tn := fmt.Sprintf("table %q", t.Name)
	v.ident(tn, t.Name, false, t.Only)
	v.dialects(tn, t.Only)
	v.text(tn+" comment", t.Comment)
	if len(t.Columns) == 0 {
		v.errorf("%s has no columns", tn)
	}
	cols := map[string]*Column{}
	sqliteCols := map[string]string{}
	for _, c := range t.Columns {
		if c.Name == "" {
			v.errorf("%s: a column has no name", tn)
			continue
		}
		if cols[c.Name] != nil {
			v.errorf("%s: column %q is declared twice", tn, c.Name)
		} else if AppliesTo(t.Only, SQLite) {
			v.sqliteCase(sqliteCols, tn+": ", "column", c.Name)
		}
		cols[c.Name] = c
		v.column(t, c)
	}
	checkCols := func(what string, names []string) {
		if len(names) == 0 {
			v.errorf("%s: %s has no columns", tn, what)
		}
		seen := map[string]bool{}
		for _, n := range names {
			if cols[n] == nil {
				v.errorf("%s: %s refers to column %q, which the table does not have", tn, what, n)
			}
			if seen[n] {
				v.errorf("%s: %s lists column %q twice", tn, what, n)
			}
			seen[n] = true
		}
	}
	if pk := t.PrimaryKey; pk != nil {
		what := "the primary key"
		if pk.Name != "" {
			what = fmt.Sprintf("primary key %q", pk.Name)
			v.ident(tn+": "+what, pk.Name, pk.Generated, t.Only)
		}
		checkCols(what, pk.Columns)
	}
	for _, u := range t.Uniques {
		what := describeCols("unique constraint", u.Name, u.Columns)
		v.ident(tn+": "+what, u.Name, u.Generated, t.Only)
		checkCols(what, u.Columns)
	}
	for _, c := range t.Checks {
		what := fmt.Sprintf("check constraint %q", c.Name)
		v.ident(tn+": "+what, c.Name, c.Generated, t.Only)
		if c.Expr.IsZero() {
			v.errorf("%s: %s has no expression", tn, what)
		}
	}
	for _, fk := range t.ForeignKeys {
		what := describeCols("foreign key", fk.Name, fk.Columns)
		v.ident(tn+": "+what, fk.Name, fk.Generated, t.Only)
		checkCols(what, fk.Columns)
		v.foreignKey(t, fk, what)
	}
	for _, x := range t.Indexes {
		what := describeCols("index", x.Name, x.Columns())
		if x.Name == "" {
			v.errorf("%s: %s has no name; name it, or give the schema a naming convention for indexes", tn, what)
		}
		v.ident(tn+": "+what, x.Name, x.Generated, x.Only)
		v.dialects(tn+": "+what, x.Only)
		if len(x.Keys) == 0 {
			v.errorf("%s: %s has no keys", tn, what)
		}
		for _, k := range x.Keys {
			switch {
			case k.Column != "" && !k.Expr.IsZero():
				v.errorf("%s: %s: a key has both a column and an expression", tn, what)
			case k.Column != "" && cols[k.Column] == nil:
				v.errorf("%s: %s refers to column %q, which the table does not have", tn, what, k.Column)
			case k.Column == "" && k.Expr.IsZero():
				v.errorf("%s: %s: a key has neither a column nor an expression", tn, what)
			}
			v.sqlDialects(tn+": "+what+" key collation", k.Collation)
			if c := cols[k.Column]; c != nil && k.Collation.Name(Postgres) != "" && !collatable(c.Type) && AppliesTo(x.Only, Postgres) {
				v.errorf("%s: %s: collation %q on column %q of type %s, which PostgreSQL does not collate; give the collation for SQLite only (SQL{%q: …}) or drop it", tn, what, k.Collation.Name(Postgres), k.Column, c.Type.Kind, SQLite)
			}
			if k.Nulls != "" && k.Nulls != "first" && k.Nulls != "last" {
				v.errorf("%s: %s: NULLS %q must be \"first\" or \"last\"", tn, what, k.Nulls)
			}
		}
		for _, n := range x.Include {
			if cols[n] == nil {
				v.errorf("%s: %s includes column %q, which the table does not have", tn, what, n)
			}
		}
	}
}

// sqlDialects checks that per-dialect text names known dialects (or ""
// for every dialect).
func (v *validator) sqlDialects(what string, s SQL) {
	for _, d := range slices.Sorted(maps.Keys(s)) {
		if d != "" && !d.Valid() {
			v.errorf("%s: unknown dialect %q (use %q, %q or \"\" for every dialect)", what, d, Postgres, SQLite)
		}
	}
}

func (v *validator) dialects(what string, only []Dialect) {
	for _, d := range only {
		if !d.Valid() {
			v.errorf("%s: unknown dialect %q (use %q or %q)", what, d, Postgres, SQLite)
		}
	}
}

func (v *validator) column(t *Table, c *Column) {
	what := fmt.Sprintf("table %q: column %q", t.Name, c.Name)
	v.ident(what, c.Name, false, t.Only)
	v.text(what+" comment", c.Comment)
	v.typ(what, c.Type)
	v.sqlDialects(what+" collation", c.Collation)
	if name := c.Collation.Name(Postgres); name != "" && !collatable(c.Type) {
		v.errorf("%s: collation %q on a column of type %s, which PostgreSQL does not collate (only text, varchar, char, their arrays and domains); give the collation for SQLite only (SQL{%q: …}) or drop it", what, name, c.Type.Kind, SQLite)
	}
	switch c.Identity {
	case "", IdentityAlways, IdentityByDefault:
	case IdentityAutoincrement:
		if c.Type.Kind != KindInteger || t.PrimaryKey == nil || !slices.Equal(t.PrimaryKey.Columns, []string{c.Name}) {
			v.errorf("%s: autoincrement needs an integer column that is the whole primary key (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT)", what)
		}
	default:
		v.errorf("%s: identity %q must be %q, %q or %q", what, c.Identity, IdentityAlways, IdentityByDefault, IdentityAutoincrement)
	}
	if c.Identity != "" && !c.Default.IsZero() {
		v.errorf("%s: an identity column cannot have a default", what)
	}
	v.dflt(what, c.Default, c.Type)
}

// dflt checks a default of a column or domain of type t.
func (v *validator) dflt(what string, d Default, t Type) {
	switch d.Kind {
	case "", DefaultNow, DefaultUUID, DefaultExpr:
	case DefaultString, DefaultNumber, DefaultBool:
		v.text(what+" default", d.Value)
	case DefaultSequence:
		if d.Value == "" {
			v.errorf("%s: the default names no sequence", what)
		} else if v.s.Sequence(d.Value) == nil {
			v.errorf("%s: the default draws from sequence %q, which the schema does not declare; add it to Sequences", what, d.Value)
		}
	default:
		v.errorf("%s: unknown default kind %q", what, d.Kind)
	}
	if d.Kind == DefaultNumber && !isNumber(d.Value) {
		v.errorf("%s: default %q is not a number", what, d.Value)
	}
	if d.Kind == DefaultExpr && d.SQL.IsZero() {
		v.errorf("%s: default expression is empty", what)
	}
	if t.Kind == KindEnum && d.Kind == DefaultString {
		if e := v.s.Enum(t.Enum); e != nil && !slices.Contains(e.Values, d.Value) {
			v.errorf("%s: default %q is not a value of enum %q (values: %s)", what, d.Value, e.Name, strings.Join(e.Values, ", "))
		}
	}
}

func (v *validator) typ(what string, t Type) {
	switch t.Kind {
	case KindInteger, KindBigInt, KindSmallInt, KindText, KindBoolean, KindFloat, KindReal,
		KindUUID, KindJSON, KindJSONText, KindTimestamp, KindTimestampTZ, KindDate, KindTime,
		KindInterval, KindBytes:
	case KindVarchar, KindChar:
		if t.Length < 0 {
			v.errorf("%s: length %d is negative", what, t.Length)
		}
	case KindNumeric:
		if t.Precision < 0 || t.Scale < 0 || (t.Precision > 0 && t.Scale > t.Precision) {
			v.errorf("%s: numeric(%d,%d) is not a valid precision and scale", what, t.Precision, t.Scale)
		}
	case KindEnum:
		if v.s.Enum(t.Enum) == nil {
			v.errorf("%s: enum %q is not declared in the schema", what, t.Enum)
		}
	case KindDomain:
		if v.s.Domain(t.Domain) == nil {
			v.errorf("%s: domain %q is not declared in the schema", what, t.Domain)
		}
	case KindArray:
		if t.Elem == nil {
			v.errorf("%s: array type has no element type", what)
		} else {
			v.typ(what, *t.Elem)
		}
	case KindNative:
		if t.Native.IsZero() {
			v.errorf("%s: native type has no spelling", what)
		}
	case "":
		v.errorf("%s has no type", what)
	default:
		v.errorf("%s: unknown type kind %q", what, t.Kind)
	}
}

func (v *validator) foreignKey(t *Table, fk *ForeignKey, what string) {
	tn := fmt.Sprintf("table %q", t.Name)
	for _, a := range []Action{fk.OnDelete, fk.OnUpdate} {
		switch a {
		case NoAction, Cascade, SetNull, SetDefault, Restrict:
		default:
			v.errorf("%s: %s: unknown referential action %q", tn, what, a)
		}
	}
	ref := v.s.Table(fk.RefTable)
	if ref == nil {
		v.errorf("%s: %s references table %q, which the schema does not have", tn, what, fk.RefTable)
		return
	}
	if len(fk.RefColumns) != len(fk.Columns) {
		v.errorf("%s: %s has %d columns but references %d", tn, what, len(fk.Columns), len(fk.RefColumns))
		return
	}
	for _, c := range fk.RefColumns {
		if ref.Column(c) == nil {
			v.errorf("%s: %s references column %q of table %q, which does not exist", tn, what, c, ref.Name)
			return
		}
	}
	if !ref.HasUniqueKey(fk.RefColumns) {
		v.errorf("%s: %s references %s(%s), which is not a primary key or unique; add a unique constraint there", tn, what, ref.Name, strings.Join(fk.RefColumns, ", "))
	}
	for _, d := range Dialects {
		if AppliesTo(t.Only, d) && !AppliesTo(ref.Only, d) {
			v.errorf("%s: %s references table %q, which does not exist on %s", tn, what, ref.Name, d.Title())
		}
	}
}

// HasUniqueKey reports whether cols (in any order) are the table's primary
// key, a unique constraint, or the columns of a full (not partial) unique
// index.
func (t *Table) HasUniqueKey(cols []string) bool {
	same := func(a []string) bool {
		if len(a) != len(cols) {
			return false
		}
		for _, c := range cols {
			if !slices.Contains(a, c) {
				return false
			}
		}
		return true
	}
	if t.PrimaryKey != nil && same(t.PrimaryKey.Columns) {
		return true
	}
	for _, u := range t.Uniques {
		if same(u.Columns) {
			return true
		}
	}
	for _, x := range t.Indexes {
		if x.Unique && x.Where.IsZero() && !x.HasExpr() && len(x.Only) == 0 && same(x.Columns()) {
			return true
		}
	}
	return false
}

// globalNames checks that index names are unique across the schema (both
// dialects keep index names per schema, not per table) and do not clash
// with PostgreSQL primary-key and unique constraints, which own an index of
// the same name.
func (v *validator) globalNames() {
	for _, d := range Dialects {
		owner := map[string]string{}
		claim := func(name, what string) {
			if name == "" {
				return
			}
			if prev, ok := owner[name]; ok {
				v.errorf("%s and %s are both named %q on %s; rename one", prev, what, name, d.Title())
				return
			}
			owner[name] = what
		}
		for _, t := range v.s.Tables {
			if !AppliesTo(t.Only, d) {
				continue
			}
			for _, x := range t.Indexes {
				if AppliesTo(x.Only, d) {
					claim(x.On(d), fmt.Sprintf("table %q: index %q", t.Name, x.Name))
				}
			}
			if d != Postgres {
				continue
			}
			if pk := t.PrimaryKey; pk != nil {
				claim(pk.On(d), fmt.Sprintf("table %q: primary key", t.Name))
			}
			for _, u := range t.Uniques {
				claim(u.On(d), fmt.Sprintf("table %q: unique constraint %q", t.Name, u.Name))
			}
		}
	}
}

// collatable reports whether PostgreSQL accepts a collation on a column of
// type t: a string type, an array of one, or a type autogen cannot see
// into (a domain, a native spelling).
func collatable(t Type) bool {
	switch t.Kind {
	case KindText, KindVarchar, KindChar, KindDomain, KindNative:
		return true
	case KindArray:
		return t.Elem == nil || collatable(*t.Elem)
	}
	return false
}

// sqliteCase reports a name that differs from one already in seen only in
// the case of ASCII letters: SQLite does not tell such names apart.
func (v *validator) sqliteCase(seen map[string]string, prefix, kind, name string) {
	folded := strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, name)
	if other, ok := seen[folded]; ok {
		v.errorf("%s%s %q and %s %q differ only in case, which SQLite does not tell apart: rename one, or keep the table on PostgreSQL only", prefix, kind, name, kind, other)
		return
	}
	seen[folded] = name
}
