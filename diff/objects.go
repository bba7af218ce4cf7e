package diff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// Comparison of the PostgreSQL objects around tables: sequences, domains,
// and the rebuild of an enum whose values were removed or reordered.

// sequences compares the sequences of both sides. A new sequence is created
// before the tables, without its owner; the owner is set once the owning
// table exists. A sequence that goes is dropped after the tables (it may
// have gone with its owning table already).
func (c *comparer) sequences() {
	if c.d != schema.Postgres {
		return
	}
	for _, q := range c.to.Sequences {
		cur := c.from.Sequence(q.Name)
		obj := Object{Kind: ObjSequence, Name: q.Name, Desired: q}
		if cur != nil {
			obj.Current = cur
			if sequenceEqual(cur, q) || c.skip(obj) {
				continue
			}
			c.add(Change{Kind: AlterSequence, Object: q.Name, Detail: sequenceText(cur) + " → " + sequenceText(q)})
			c.plan.add(phaseAddFKs, "", migrations.AlterSequence{Sequence: c.declSequence(q)})
			continue
		}
		if c.skip(obj) {
			continue
		}
		decl := c.declSequence(q)
		c.add(Change{Kind: AddSequence, Object: q.Name, Detail: sequenceText(q)})
		created := *decl
		created.OwnerTable, created.OwnerColumn = "", ""
		c.plan.add(phaseEnums, "", migrations.CreateSequence{Sequence: &created})
		if decl.OwnerTable != "" {
			c.plan.add(phaseAddFKs, "", migrations.AlterSequence{Sequence: decl})
		}
	}
	for _, q := range c.from.Sequences {
		if c.to.Sequence(q.Name) == nil && !c.skip(Object{Kind: ObjSequence, Name: q.Name, Current: q}) {
			c.add(Change{Kind: DropSequence, Object: q.Name, Destroy: true})
			c.plan.add(phaseDropObjects, "", migrations.DropSequence{Name: q.Name})
		}
	}
}

func (c *comparer) declSequence(q *schema.Sequence) *schema.Sequence {
	if c.model != nil {
		if m := c.model.Sequence(q.Name); m != nil {
			return m
		}
	}
	return q
}

func sequenceEqual(a, b *schema.Sequence) bool {
	return a.Name == b.Name && sequenceType(a).Equal(sequenceType(b)) &&
		a.Start == b.Start && a.Increment == b.Increment && a.MinValue == b.MinValue &&
		a.MaxValue == b.MaxValue && a.Cache == b.Cache && a.Cycle == b.Cycle &&
		a.OwnerTable == b.OwnerTable && a.OwnerColumn == b.OwnerColumn
}

// sequenceType is a sequence's type, bigint when it gives none.
func sequenceType(q *schema.Sequence) schema.Type {
	if q.Type.Kind == "" {
		return schema.BigInt
	}
	return q.Type
}

func sequenceText(q *schema.Sequence) string {
	t, _ := sequenceType(q).Render(schema.Postgres, nil)
	parts := []string{t}
	for _, p := range []struct {
		name string
		v    int64
	}{{"start", q.Start}, {"increment", q.Increment}, {"min", q.MinValue}, {"max", q.MaxValue}, {"cache", q.Cache}} {
		if p.v != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", p.name, p.v))
		}
	}
	if q.Cycle {
		parts = append(parts, "cycle")
	}
	if q.OwnerTable != "" {
		parts = append(parts, "owned by "+q.OwnerTable+"."+q.OwnerColumn)
	}
	return strings.Join(parts, ", ")
}

// domains compares the domains of both sides: created before the tables,
// dropped after them; NOT NULL, the default and CHECK constraints change in
// place. A change of base type or collation is reported for a hand-written
// migration (ALTER DOMAIN cannot make it).
func (c *comparer) domains() {
	if c.d != schema.Postgres {
		return
	}
	for _, dom := range c.to.Domains {
		cur := c.from.Domain(dom.Name)
		obj := Object{Kind: ObjDomain, Name: dom.Name, Desired: dom}
		decl := dom
		if c.model != nil && c.model.Domain(dom.Name) != nil {
			decl = c.model.Domain(dom.Name)
		}
		if cur == nil {
			cur = unmanagedDomain(c.from, dom.Name)
		}
		if cur == nil {
			if !c.skip(obj) {
				c.add(Change{Kind: AddDomain, Object: dom.Name, Detail: c.typeName(dom.Type)})
				c.plan.add(phaseEnums, "", migrations.CreateDomain{Domain: decl})
			}
			continue
		}
		obj.Current = cur
		if c.domainEqual(cur, dom) || c.skip(obj) {
			continue
		}
		c.alterDomain(cur, dom, decl)
	}
	for _, dom := range c.from.Domains {
		if c.to.Domain(dom.Name) != nil || c.skip(Object{Kind: ObjDomain, Name: dom.Name, Current: dom}) {
			continue
		}
		// A domain no column uses any more, which the other side still
		// has (the model declares it), stays, as the other side has it.
		if keep := unmanagedDomain(c.to, dom.Name); keep != nil {
			if !c.domainEqual(dom, keep) {
				c.alterDomain(dom, keep, keep)
			}
			continue
		}
		c.add(Change{Kind: DropDomain, Object: dom.Name, Destroy: true})
		c.plan.add(phaseDropObjects, "", migrations.DropDomain{Name: dom.Name})
	}
}

// unmanagedDomain returns the definition of the domain name on s's list of
// unmanaged objects (one that no column uses), or nil.
func unmanagedDomain(s *schema.Schema, name string) *schema.Domain {
	for _, o := range s.Unmanaged {
		if o.Kind == schema.UnmanagedDomain && o.Name == name {
			return o.Domain
		}
	}
	return nil
}

func (c *comparer) domainEqual(a, b *schema.Domain) bool {
	if !a.Type.Equal(b.Type) || a.NotNull != b.NotNull || a.Collation != b.Collation ||
		!defaultEqualOn(c.d, a.Default, b.Default) || len(a.Checks) != len(b.Checks) {
		return false
	}
	for i := range a.Checks {
		if a.Checks[i].Name != b.Checks[i].Name || !sqlEqualOn(c.d, a.Checks[i].Expr, b.Checks[i].Expr) {
			return false
		}
	}
	return true
}

func (c *comparer) alterDomain(cur, want, decl *schema.Domain) {
	var details []string
	if !cur.Type.Equal(want.Type) {
		details = append(details, fmt.Sprintf("base type %s → %s (%s: PostgreSQL cannot change the base type of a domain)",
			c.typeName(cur.Type), c.typeName(want.Type), notGenerated))
	}
	if cur.Collation != want.Collation {
		details = append(details, fmt.Sprintf("collation %s → %s (%s: PostgreSQL cannot change the collation of a domain)",
			collationText(cur.Collation), collationText(want.Collation), notGenerated))
	}
	if cur.NotNull != want.NotNull {
		v := want.NotNull
		details = append(details, fmt.Sprintf("nullable %s → %s", nullWord(cur.NotNull), nullWord(want.NotNull)))
		c.plan.add(phaseEnums, "", migrations.AlterDomain{Name: want.Name, NotNull: &v})
	}
	if !defaultEqualOn(c.d, cur.Default, want.Default) {
		def := decl.Default
		details = append(details, fmt.Sprintf("default %s → %s", c.defaultText(cur.Default), c.defaultText(want.Default)))
		c.plan.add(phaseEnums, "", migrations.AlterDomain{Name: want.Name, Default: &def})
	}
	for _, ck := range cur.Checks {
		if i := slices.IndexFunc(want.Checks, func(w *schema.Check) bool { return w.Name == ck.Name }); i < 0 || !sqlEqualOn(c.d, want.Checks[i].Expr, ck.Expr) {
			details = append(details, fmt.Sprintf("drop check %q", ck.Name))
			c.plan.add(phaseEnums, "", migrations.AlterDomain{Name: want.Name, DropCheck: ck.Name})
		}
	}
	for _, ck := range want.Checks {
		if i := slices.IndexFunc(cur.Checks, func(w *schema.Check) bool { return w.Name == ck.Name }); i < 0 || !sqlEqualOn(c.d, cur.Checks[i].Expr, ck.Expr) {
			declCk := ck
			if j := slices.IndexFunc(decl.Checks, func(w *schema.Check) bool { return w.Name == ck.Name }); j >= 0 {
				declCk = decl.Checks[j]
			}
			details = append(details, fmt.Sprintf("add check %q", ck.Name))
			c.plan.add(phaseEnums, "", migrations.AlterDomain{Name: want.Name, AddCheck: declCk})
		}
	}
	c.add(Change{Kind: AlterDomain, Object: want.Name, Detail: strings.Join(details, "; ")})
}

// rebuildEnum plans the rebuild of an enum whose values were removed or
// reordered: every column of its type (or an array of it) is converted,
// with the default it has afterwards, and the indexes and CHECK
// constraints whose text names the type are dropped before and made again
// after (their expressions refer to the old type).
func (c *comparer) rebuildEnum(cur, want, decl *schema.Enum) {
	op := migrations.RebuildEnum{Enum: decl}
	var removed []string
	for _, v := range cur.Values {
		if !slices.Contains(want.Values, v) {
			removed = append(removed, v)
		}
	}
	for _, t := range c.from.Tables {
		for _, col := range t.Columns {
			array := col.Type.Kind == schema.KindArray && col.Type.Elem != nil && col.Type.Elem.Kind == schema.KindEnum && col.Type.Elem.Enum == cur.Name
			if !array && !(col.Type.Kind == schema.KindEnum && col.Type.Enum == cur.Name) {
				continue
			}
			ec := migrations.EnumColumn{Table: t.Name, Column: col.Name, Array: array}
			// The default it has afterwards: the model's when the column
			// keeps its type, the current one when the type changes later,
			// none when the column goes (its table or itself dropped later in
			// the migration): its current default may name a removed value.
			var def schema.Default
			if nt := c.to.Table(t.Name); nt != nil {
				switch nc := nt.Column(col.Name); {
				case nc != nil && nc.Type.Equal(col.Type):
					def = c.declColumn(t.Name, nc).Default
				case nc != nil:
					def = col.Default
				}
			}
			if !def.IsZero() {
				ec.Default = &def
			}
			op.Columns = append(op.Columns, ec)
		}
		c.aroundRebuild(t, cur.Name)
	}
	detail := fmt.Sprintf("values %s → %s", strings.Join(cur.Values, ", "), strings.Join(want.Values, ", "))
	if len(removed) > 0 {
		detail += fmt.Sprintf(" (removes %s: rows holding them make it fail)", strings.Join(removed, ", "))
	}
	c.add(Change{Kind: ChangeEnum, Object: want.Name, Detail: detail, Destroy: len(removed) > 0})
	c.plan.add(phaseRebuildEnums, "", op)
}

// aroundRebuild drops the indexes and CHECK constraints of table t (as it
// is now) whose text names type typ before an enum rebuild, and makes them
// again after it, unless the comparison changes them anyway.
func (c *comparer) aroundRebuild(t *schema.Table, typ string) {
	want := c.to.Table(t.Name)
	if want == nil {
		return
	}
	for _, x := range t.Indexes {
		w := want.Index(x.Name)
		if w == nil || !indexEqualOn(c.d, x, w) || !indexMentions(c.d, x, typ) {
			continue
		}
		c.plan.add(phaseDropIndexes, t.Name, migrations.DropIndex{Table: t.Name, Index: x.Name})
		c.plan.add(phaseCreateIndexes, t.Name, migrations.CreateIndex{Table: t.Name, Index: c.declIndex(t.Name, w)})
	}
	for _, ck := range t.Checks {
		w := want.Check(ck.Name)
		text, _ := ck.Expr.For(c.d)
		if ck.Name == "" || w == nil || !sqlEqualOn(c.d, ck.Expr, w.Expr) || !mentionsName(text, typ) {
			continue
		}
		decl := w
		if m := c.modelTable(t.Name); m != nil && m.Check(w.Name) != nil {
			decl = m.Check(w.Name)
		}
		c.plan.add(phaseDropIndexes, t.Name, migrations.DropCheck{Table: t.Name, Name: ck.Name})
		c.plan.add(phaseCreateIndexes, t.Name, migrations.AddCheck{Table: t.Name, Check: decl})
	}
}

// indexMentions reports whether an index's keys or predicate name typ.
func indexMentions(d schema.Dialect, x *schema.Index, typ string) bool {
	if w, ok := x.Where.For(d); ok && mentionsName(w, typ) {
		return true
	}
	for _, k := range x.Keys {
		if e, ok := k.Expr.For(d); ok && mentionsName(e, typ) {
			return true
		}
	}
	return false
}

// mentionsName reports whether PostgreSQL text has name as an identifier
// token, quoted or not.
func mentionsName(text, name string) bool {
	for _, t := range sqlTokens(schema.Postgres, text) {
		if t == name || len(t) >= 2 && t[0] == '"' && strings.ReplaceAll(t[1:len(t)-1], `""`, `"`) == name {
			return true
		}
	}
	return false
}

// unmanagedNote says which unmanaged views of the current schema read
// table, for a change that may break them: dropping the table, or dropping
// or retyping one of its columns. The database refuses such a change (or,
// SQLite dropping a table, leaves the view broken), and autogen never
// touches the views itself, so the note tells the reviewer to handle them
// by hand. It is "" when no view reads the table.
func (c *comparer) unmanagedNote(table string, column bool) string {
	var views []string
	for _, o := range c.from.Unmanaged {
		if (o.Kind == schema.UnmanagedView || o.Kind == schema.UnmanagedMaterializedView) && slices.Contains(o.Tables, table) {
			views = append(views, strconv.Quote(o.Name))
		}
	}
	if len(views) == 0 {
		return ""
	}
	what := "view " + views[0] + " reads"
	if len(views) > 1 {
		what = "views " + strings.Join(views, ", ") + " read"
	}
	switch {
	case column:
		return what + " the table and is not managed by autogen: if it uses the column, the database refuses the change until it is dropped and made again by hand"
	case c.d == schema.Postgres:
		return what + " the table and is not managed by autogen: PostgreSQL refuses to drop the table until it is dropped by hand"
	}
	return what + " the table and is not managed by autogen: it stops working"
}
