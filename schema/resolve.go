package schema

import (
	"fmt"
	"slices"
)

// Resolve returns a copy of s ready for use: names of indexes and
// constraints filled from the naming convention, then validated. The error,
// when not nil, lists every problem found, each naming its object.
func (s *Schema) Resolve() (*Schema, error) {
	out := s.Clone()
	var errs Errors
	if out.Naming != nil {
		for _, t := range out.Tables {
			errs = append(errs, out.Naming.fill(t)...)
		}
	}
	errs = append(errs, out.validate()...)
	return out, errs.Err()
}

// fill names the unnamed (or template-named) objects of t.
func (n *NamingConvention) fill(t *Table) Errors {
	var errs Errors
	set := func(obj string, name *string, generated *bool, template string, tok namingTokens) {
		if *generated {
			return // already resolved
		}
		tok.table = t.Name
		v, gen, err := applyName(*name, template, tok)
		if err != nil {
			errs = append(errs, fmt.Errorf("table %q: %s: %w", t.Name, obj, err))
			return
		}
		*name, *generated = v, gen
	}
	if pk := t.PrimaryKey; pk != nil {
		set("primary key", &pk.Name, &pk.Generated, n.PrimaryKey, namingTokens{columns: pk.Columns})
	}
	for _, u := range t.Uniques {
		set(describeCols("unique constraint", u.Name, u.Columns), &u.Name, &u.Generated, n.Unique, namingTokens{columns: u.Columns})
	}
	for _, c := range t.Checks {
		set(fmt.Sprintf("check constraint %q", c.Name), &c.Name, &c.Generated, n.Check, namingTokens{})
	}
	for _, fk := range t.ForeignKeys {
		set(describeCols("foreign key", fk.Name, fk.Columns), &fk.Name, &fk.Generated, n.ForeignKey,
			namingTokens{columns: fk.Columns, referredTable: fk.RefTable, referredColumns: fk.RefColumns})
	}
	for _, x := range t.Indexes {
		set(describeCols("index", x.Name, x.Columns()), &x.Name, &x.Generated, n.Index, namingTokens{columns: x.Columns()})
	}
	return errs
}

func describeCols(kind, name string, cols []string) string {
	if name != "" {
		return fmt.Sprintf("%s %q", kind, name)
	}
	return fmt.Sprintf("%s on %v", kind, cols)
}

// Clone returns a deep copy of s.
func (s *Schema) Clone() *Schema {
	if s == nil {
		return nil
	}
	out := &Schema{Extensions: slices.Clone(s.Extensions)}
	if s.Naming != nil {
		n := *s.Naming
		out.Naming = &n
	}
	for _, e := range s.Enums {
		out.Enums = append(out.Enums, e.Clone())
	}
	for _, t := range s.Tables {
		out.Tables = append(out.Tables, t.Clone())
	}
	for _, q := range s.Sequences {
		v := *q
		v.Type = q.Type.clone()
		out.Sequences = append(out.Sequences, &v)
	}
	for _, d := range s.Domains {
		out.Domains = append(out.Domains, d.Clone())
	}
	for _, u := range s.Unmanaged {
		u.Tables = slices.Clone(u.Tables)
		out.Unmanaged = append(out.Unmanaged, u)
	}
	return out
}

// Clone returns a deep copy of d.
func (d *Domain) Clone() *Domain {
	v := *d
	v.Type = d.Type.clone()
	v.Default.SQL = d.Default.SQL.clone()
	v.Checks = cloneChecks(d.Checks)
	return &v
}

func cloneChecks(checks []*Check) []*Check {
	var out []*Check
	for _, c := range checks {
		v := *c
		v.Expr = c.Expr.clone()
		out = append(out, &v)
	}
	return out
}

// Clone returns a deep copy of e.
func (e *Enum) Clone() *Enum {
	return &Enum{Name: e.Name, Values: slices.Clone(e.Values), SQLiteCheck: e.SQLiteCheck}
}

// Clone returns a deep copy of t.
func (t *Table) Clone() *Table {
	out := &Table{Name: t.Name, Comment: t.Comment, Only: slices.Clone(t.Only), PartitionBy: t.PartitionBy}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, c.Clone())
	}
	if t.PrimaryKey != nil {
		pk := *t.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		out.PrimaryKey = &pk
	}
	for _, u := range t.Uniques {
		v := *u
		v.Columns = slices.Clone(u.Columns)
		out.Uniques = append(out.Uniques, &v)
	}
	out.Checks = cloneChecks(t.Checks)
	for _, fk := range t.ForeignKeys {
		out.ForeignKeys = append(out.ForeignKeys, fk.Clone())
	}
	for _, x := range t.Indexes {
		out.Indexes = append(out.Indexes, x.Clone())
	}
	return out
}

// Clone returns a deep copy of c.
func (c *Column) Clone() *Column {
	v := *c
	v.Type = c.Type.clone()
	v.Default.SQL = c.Default.SQL.clone()
	v.Collation = c.Collation.clone()
	return &v
}

// Clone returns a deep copy of fk.
func (fk *ForeignKey) Clone() *ForeignKey {
	v := *fk
	v.Columns = slices.Clone(fk.Columns)
	v.RefColumns = slices.Clone(fk.RefColumns)
	return &v
}

// Clone returns a deep copy of x.
func (x *Index) Clone() *Index {
	v := *x
	v.Keys = make([]IndexKey, len(x.Keys))
	for i, k := range x.Keys {
		k.Expr = k.Expr.clone()
		k.Collation = k.Collation.clone()
		v.Keys[i] = k
	}
	v.Where = x.Where.clone()
	v.Include = slices.Clone(x.Include)
	v.Only = slices.Clone(x.Only)
	return &v
}

func (t Type) clone() Type {
	t.Native = t.Native.clone()
	if t.Elem != nil {
		e := t.Elem.clone()
		t.Elem = &e
	}
	return t
}

func (s SQL) clone() SQL {
	if s == nil {
		return nil
	}
	out := make(SQL, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}
