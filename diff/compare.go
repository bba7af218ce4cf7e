package diff

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// comparer walks two schemas and records changes and operations.
type comparer struct {
	d        schema.Dialect
	from, to *schema.Schema
	// model, when set, supplies the declarations operations are written
	// from (already narrowed to d by ForDialect).
	model *schema.Schema
	// orig is the resolved model as the user wrote it (not narrowed to d),
	// given to filter rules as Object.Model.
	orig    *schema.Schema
	filter  *Filter
	reverse bool // computing a downgrade: from is desired, to is current

	changes []Change
	skipped []Skipped
	plan    plan
	// fkMoved records the foreign keys dropped and added again around a
	// change of the key they reference.
	fkMoved map[string]bool

	// modelTables and origTables index model's and orig's tables by
	// name, built on first use: looking a table up by a scan of the
	// schema for every column made large comparisons quadratic.
	modelTables, origTables map[string]*schema.Table
}

func (c *comparer) run() error {
	c.extensions()
	c.enums()
	c.sequences()
	c.domains()
	fromTables := tableMap(c.from)
	toTables := tableMap(c.to)

	var added []*schema.Table
	for _, t := range c.to.Tables {
		if fromTables[t.Name] != nil {
			continue
		}
		if c.skip(Object{Kind: ObjTable, Table: t.Name, Name: t.Name, Desired: t}) {
			continue
		}
		added = append(added, c.declTable(t))
	}
	c.createTables(added)

	var dropped []*schema.Table
	for _, t := range c.from.Tables {
		if toTables[t.Name] != nil {
			continue
		}
		if c.skip(Object{Kind: ObjTable, Table: t.Name, Name: t.Name, Current: t}) {
			continue
		}
		dropped = append(dropped, t)
	}
	c.dropTables(dropped)

	for _, t := range c.to.Tables {
		if cur := fromTables[t.Name]; cur != nil {
			if err := c.table(cur, t); err != nil {
				return err
			}
		}
	}
	return nil
}

func tableMap(s *schema.Schema) map[string]*schema.Table {
	m := make(map[string]*schema.Table, len(s.Tables))
	for _, t := range s.Tables {
		m[t.Name] = t
	}
	return m
}

func (c *comparer) add(ch Change) { c.changes = append(c.changes, ch) }

// skip asks the filter about o and records it when it is dropped. On the
// way down the sides are swapped back, so that the filter sees the same
// question in both directions.
func (c *comparer) skip(o Object) bool {
	o.Dialect = c.d
	if c.reverse {
		o.Current, o.Desired = o.Desired, o.Current
	}
	if o.Model == nil {
		o.Model = c.origObject(o)
	}
	rule, drop := c.filter.drop(o)
	if drop && !c.reverse {
		c.skipped = append(c.skipped, Skipped{Object: o.describe(), Rule: rule, Kind: o.Kind, Table: o.Table, Name: o.Name})
	}
	return drop
}

// origObject finds the model's own declaration of o (by its name on this
// dialect), or nil.
func (c *comparer) origObject(o Object) any {
	if c.orig == nil {
		return nil
	}
	var t *schema.Table
	if o.Table != "" {
		if c.origTables == nil {
			c.origTables = tableMap(c.orig)
		}
		if t = c.origTables[o.Table]; t == nil {
			return nil
		}
	}
	switch o.Kind {
	case ObjTable, ObjTableComment:
		return t
	case ObjColumn, ObjColumnType, ObjColumnNullable, ObjColumnDefault, ObjColumnComment:
		if col := t.Column(o.Name); col != nil {
			return col
		}
	case ObjIndex:
		for _, x := range t.Indexes {
			if x.On(c.d) == o.Name {
				return x
			}
		}
	case ObjEnum:
		if e := c.orig.Enum(o.Name); e != nil {
			return e
		}
	}
	return nil
}

func (c *comparer) modelTable(name string) *schema.Table {
	if c.model == nil {
		return nil
	}
	if c.modelTables == nil {
		c.modelTables = tableMap(c.model)
	}
	return c.modelTables[name]
}

// declTable is the table to create: the model's declaration when there is
// one, else the desired (reflected) table.
func (c *comparer) declTable(t *schema.Table) *schema.Table {
	if m := c.modelTable(t.Name); m != nil {
		return m
	}
	return t
}

func (c *comparer) declColumn(table string, col *schema.Column) *schema.Column {
	if m := c.modelTable(table); m != nil {
		if mc := m.Column(col.Name); mc != nil {
			return mc
		}
	}
	return col
}

func (c *comparer) declIndex(table string, x *schema.Index) *schema.Index {
	if m := c.modelTable(table); m != nil {
		if mx := m.Index(x.Name); mx != nil {
			return mx
		}
	}
	return x
}

func (c *comparer) extensions() {
	if c.d != schema.Postgres {
		return
	}
	has := func(s *schema.Schema, name string) bool {
		return slices.ContainsFunc(s.Extensions, func(e schema.Extension) bool { return e.Name == name })
	}
	for _, e := range c.to.Extensions {
		if !has(c.from, e.Name) && !c.skip(Object{Kind: ObjExtension, Name: e.Name}) {
			c.add(Change{Kind: AddExtension, Object: e.Name})
			c.plan.add(phaseExtensions, "", migrations.CreateExtension{Name: e.Name})
		}
	}
	for _, e := range c.from.Extensions {
		if !has(c.to, e.Name) && !c.skip(Object{Kind: ObjExtension, Name: e.Name}) {
			c.add(Change{Kind: DropExtension, Object: e.Name, Destroy: true})
			c.plan.add(phaseDropLast, "", migrations.DropExtension{Name: e.Name})
		}
	}
}

func (c *comparer) enums() {
	if c.d != schema.Postgres {
		return
	}
	for _, e := range c.to.Enums {
		cur := c.from.Enum(e.Name)
		obj := Object{Kind: ObjEnum, Name: e.Name, Desired: e}
		if cur != nil {
			obj.Current = cur
		}
		if c.skip(obj) {
			continue
		}
		decl := e
		if c.model != nil && c.model.Enum(e.Name) != nil {
			decl = c.model.Enum(e.Name)
		}
		if cur == nil {
			c.add(Change{Kind: AddEnum, Object: e.Name, Detail: strings.Join(e.Values, ", ")})
			c.plan.add(phaseEnums, "", migrations.CreateEnum{Enum: decl})
			continue
		}
		if slices.Equal(cur.Values, e.Values) {
			continue
		}
		if added, ok := appendedValues(cur.Values, e.Values); ok {
			for _, v := range added {
				c.add(Change{Kind: AddEnumValue, Object: e.Name, Detail: v.String()})
				c.plan.add(phaseEnums, "", migrations.AddEnumValue{Enum: e.Name, Value: v.value, Before: v.before, After: v.after})
			}
			continue
		}
		c.rebuildEnum(cur, e, decl)
	}
	for _, e := range c.from.Enums {
		if c.to.Enum(e.Name) == nil && !c.skip(Object{Kind: ObjEnum, Name: e.Name, Current: e}) {
			c.add(Change{Kind: DropEnum, Object: e.Name, Destroy: true})
			c.plan.add(phaseDropLast, "", migrations.DropEnum{Enum: e.Name})
		}
	}
}

type newValue struct{ value, before, after string }

func (v newValue) String() string {
	switch {
	case v.before != "":
		return fmt.Sprintf("%q before %q", v.value, v.before)
	case v.after != "":
		return fmt.Sprintf("%q after %q", v.value, v.after)
	}
	return fmt.Sprintf("%q", v.value)
}

// appendedValues reports whether want is have with values inserted (the
// existing ones kept in order), and the inserted values with positions.
func appendedValues(have, want []string) ([]newValue, bool) {
	i := 0
	var added []newValue
	for j, w := range want {
		if i < len(have) && have[i] == w {
			i++
			continue
		}
		if slices.Contains(have, w) {
			return nil, false // reordered
		}
		v := newValue{value: w}
		if i < len(have) {
			v.before = have[i]
		} else if j > 0 {
			v.after = want[j-1]
		}
		added = append(added, v)
	}
	return added, i == len(have)
}

// createTables records CREATE TABLE for new tables in foreign-key order.
// On PostgreSQL a foreign key that closes a cycle among new tables is
// added after all of them exist; SQLite accepts forward references.
func (c *comparer) createTables(tables []*schema.Table) {
	ordered, late := orderTables(tables)
	for _, t := range ordered {
		t = t.Clone()
		var keep []*schema.ForeignKey
		for _, fk := range t.ForeignKeys {
			if (late[fkKey(t.Name, fk)] || c.refKeyPending(fk)) && c.d == schema.Postgres {
				c.plan.add(phaseAddFKs, "", migrations.AddForeignKey{Table: t.Name, ForeignKey: fk})
				continue
			}
			keep = append(keep, fk)
		}
		t.ForeignKeys = keep
		c.add(Change{Kind: AddTable, Table: t.Name, Detail: fmt.Sprintf("%d columns", len(t.Columns))})
		c.plan.add(phaseCreateTables, "", migrations.CreateTable{Table: t})
	}
}

// refKeyPending reports whether fk references an existing table by a key
// (primary key, unique constraint or index) that this migration adds, or
// drops and adds again: PostgreSQL checks the key when the foreign key is
// created, so the foreign key is added after it.
func (c *comparer) refKeyPending(fk *schema.ForeignKey) bool {
	return c.keyChanges(fk.RefTable, fk.RefColumns)
}

// keyChanges reports whether table exists on both sides and this migration
// does not leave a unique key on cols in place.
func (c *comparer) keyChanges(table string, cols []string) bool {
	from, to := c.from.Table(table), c.to.Table(table)
	return from != nil && to != nil && !stableKey(c.d, from, to, cols)
}

// stableKey reports whether table a has a unique key on cols (a primary
// key, a unique constraint, a full unique index) that b has the same: one
// this migration leaves in place.
func stableKey(d schema.Dialect, a, b *schema.Table, cols []string) bool {
	if pa, pb := a.PrimaryKey, b.PrimaryKey; pa != nil && pb != nil && sameSet(pa.Columns, cols) &&
		pa.Name == pb.Name && slices.Equal(pa.Columns, pb.Columns) {
		return true
	}
	for _, u := range a.Uniques {
		if w := b.Unique(u.Name); u.Name != "" && w != nil && sameSet(u.Columns, cols) && slices.Equal(u.Columns, w.Columns) {
			return true
		}
	}
	for _, x := range a.Indexes {
		if w := b.Index(x.Name); w != nil && x.Unique && x.Where.IsZero() && !x.HasExpr() &&
			sameSet(x.Columns(), cols) && indexEqualOn(d, x, w) {
			return true
		}
	}
	return false
}

// dropTables records DROP TABLE, referencing tables first.
func (c *comparer) dropTables(tables []*schema.Table) {
	ordered, late := orderTables(tables)
	for i := len(ordered) - 1; i >= 0; i-- {
		t := ordered[i]
		c.add(Change{Kind: DropTable, Table: t.Name, Destroy: true, Detail: c.unmanagedNote(t.Name, false)})
		if c.d == schema.Postgres {
			// Foreign keys that close a cycle among the dropped tables, and
			// those to a key that this migration drops (or drops and adds
			// again) on a kept table, go first: PostgreSQL refuses to drop
			// a table or key that a foreign key depends on, and tables are
			// dropped last.
			for _, fk := range t.ForeignKeys {
				if late[fkKey(t.Name, fk)] || c.keyChanges(fk.RefTable, fk.RefColumns) {
					c.plan.add(phaseDropFKs, "", migrations.DropForeignKey{Table: t.Name, Name: fk.Name})
				}
			}
		}
		c.plan.add(phaseDropTables, "", migrations.DropTable{Table: t.Name})
	}
}

func fkKey(table string, fk *schema.ForeignKey) string {
	return table + "\x00" + fk.Name + "\x00" + strings.Join(fk.Columns, ",")
}

// orderTables sorts tables so that a table comes after the tables its
// foreign keys reference (among the given ones), keeping the given order
// otherwise. Foreign keys that close a cycle are returned in late.
func orderTables(tables []*schema.Table) ([]*schema.Table, map[string]bool) {
	byName := make(map[string]*schema.Table, len(tables))
	for _, t := range tables {
		byName[t.Name] = t
	}
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	late := map[string]bool{}
	var out []*schema.Table
	var visit func(t *schema.Table)
	visit = func(t *schema.Table) {
		state[t.Name] = visiting
		for _, fk := range t.ForeignKeys {
			ref := byName[fk.RefTable]
			if ref == nil || ref == t {
				continue
			}
			switch state[ref.Name] {
			case unvisited:
				visit(ref)
			case visiting:
				late[fkKey(t.Name, fk)] = true
			}
		}
		state[t.Name] = done
		out = append(out, t)
	}
	for _, t := range tables {
		if state[t.Name] == unvisited {
			visit(t)
		}
	}
	return out, late
}

// table compares one table present on both sides.
func (c *comparer) table(cur, want *schema.Table) error {
	name := want.Name
	c.columns(cur, want)
	c.primaryKey(cur, want)
	c.indexes(cur, want)
	c.uniques(cur, want)
	c.checks(cur, want)
	c.foreignKeys(cur, want)
	if cur.Comment != want.Comment && c.d == schema.Postgres && !c.skip(Object{Kind: ObjTableComment, Table: name, Name: name, Current: cur, Desired: want}) {
		c.add(Change{Kind: ChangeComment, Table: name, Detail: fmt.Sprintf("%q → %q", cur.Comment, want.Comment)})
		c.plan.add(phaseColumns, name, migrations.AlterTableComment{Table: name, Comment: want.Comment})
	}
	if cur.PartitionBy != want.PartitionBy && !c.skip(Object{Kind: ObjPartitionKey, Table: name, Name: name, Current: cur, Desired: want}) {
		// PostgreSQL cannot partition a table in place: the data must move.
		c.add(Change{Kind: ChangePartitionKey, Table: name, Destroy: true,
			Detail: fmt.Sprintf("%q → %q (%s: PostgreSQL cannot partition a table in place; re-create it and move its rows)", cur.PartitionBy, want.PartitionBy, notGenerated)})
	}
	return nil
}

func (c *comparer) columns(cur, want *schema.Table) {
	name := want.Name
	for _, col := range want.Columns {
		old := cur.Column(col.Name)
		if old == nil {
			if c.skip(Object{Kind: ObjColumn, Table: name, Name: col.Name, Desired: col}) {
				continue
			}
			decl := c.declColumn(name, col)
			c.add(Change{Kind: AddColumn, Table: name, Object: col.Name, Detail: c.typeName(decl.Type) + nullText(decl.NotNull)})
			c.plan.add(phaseColumns, name, migrations.AddColumn{Table: name, Column: decl})
			continue
		}
		if c.d == schema.SQLite && old.NotNull != col.NotNull && rowidAlias(cur, old.Name) && rowidAlias(want, col.Name) {
			// SQLite's rowid never holds NULL: NOT NULL changes nothing.
			same := *old
			same.NotNull = col.NotNull
			old = &same
		}
		c.alterColumn(name, old, col)
	}
	for _, col := range cur.Columns {
		if want.Column(col.Name) == nil && !c.skip(Object{Kind: ObjColumn, Table: name, Name: col.Name, Current: col}) {
			c.add(Change{Kind: DropColumn, Table: name, Object: col.Name, Destroy: true, Detail: c.unmanagedNote(name, true)})
			c.plan.add(phaseDropColumns, name, migrations.DropColumn{Table: name, Column: col.Name})
		}
	}
}

// rowidAlias reports whether column is t's INTEGER PRIMARY KEY, which on
// SQLite is the rowid under another name.
func rowidAlias(t *schema.Table, column string) bool {
	c := t.Column(column)
	return c != nil && c.Type.Kind == schema.KindInteger && t.PrimaryKey != nil &&
		len(t.PrimaryKey.Columns) == 1 && t.PrimaryKey.Columns[0] == column
}

func nullText(notNull bool) string {
	if notNull {
		return ", NOT NULL"
	}
	return ""
}

func (c *comparer) typeName(t schema.Type) string {
	s, err := t.Render(c.d, c.to.Lookup())
	if err != nil {
		return string(t.Kind)
	}
	return s
}

func (c *comparer) defaultText(d schema.Default) string {
	if d.IsZero() {
		return "none"
	}
	s, err := d.Render(c.d)
	if err != nil {
		return string(d.Kind)
	}
	return s
}

func (c *comparer) alterColumn(table string, old, col *schema.Column) {
	decl := c.declColumn(table, col)
	obj := Object{Table: table, Name: col.Name, Current: old, Desired: col}
	a := migrations.AlterColumn{Table: table, Column: col.Name}
	var details []string
	destroy := false
	retyped := false
	if !typeEqualOn(c.d, old.Type, col.Type) && !c.skip(withKind(obj, ObjColumnType)) {
		t := decl.Type
		a.Type = &t
		retyped = true
		if c.d == schema.Postgres {
			a.Using = c.pgUsing(col.Name, old.Type, col.Type)
		}
		details = append(details, fmt.Sprintf("type %s → %s", c.typeName(old.Type), c.typeName(col.Type)))
		if note := c.unmanagedNote(table, true); note != "" && c.d == schema.Postgres {
			details = append(details, note)
		}
		destroy = true
	}
	if old.NotNull != col.NotNull && !c.skip(withKind(obj, ObjColumnNullable)) {
		v := col.NotNull
		a.NotNull = &v
		details = append(details, fmt.Sprintf("nullable %s → %s", nullWord(old.NotNull), nullWord(col.NotNull)))
	}
	if !defaultEqualOn(c.d, old.Default, col.Default) && !c.skip(withKind(obj, ObjColumnDefault)) {
		def := decl.Default
		a.Default = &def
		details = append(details, fmt.Sprintf("default %s → %s", c.defaultText(old.Default), c.defaultText(col.Default)))
	}
	if retyped && a.Default == nil && !decl.Default.IsZero() {
		// PostgreSQL keeps the old default's cast through a type change
		// ('x'::text on a column that became varchar): set it again.
		def := decl.Default
		a.Default = &def
	}
	if old.Comment != col.Comment && c.d == schema.Postgres && !c.skip(withKind(obj, ObjColumnComment)) {
		details = append(details, fmt.Sprintf("comment %q → %q", old.Comment, col.Comment))
		text := col.Comment
		a.Comment = &text
	}
	from, to := old.Collation.Name(c.d), col.Collation.Name(c.d)
	if !strings.EqualFold(from, to) && !c.skip(withKind(obj, ObjColumnCollation)) {
		details = append(details, fmt.Sprintf("collation %s → %s", collationText(from), collationText(to)))
		v := decl.Collation.Name(c.d)
		a.Collation = &v
	}
	if c.d == schema.Postgres {
		// PostgreSQL sets a collation with ALTER COLUMN … TYPE … COLLATE,
		// and a type change without COLLATE resets it to the type's
		// default: a collation change carries the type, a type change
		// the collation.
		if a.Collation != nil && a.Type == nil {
			t := decl.Type
			a.Type = &t
		}
		if retyped && a.Collation == nil {
			if v := decl.Collation.Name(c.d); v != "" {
				a.Collation = &v
			}
		}
	}
	if old.Identity != col.Identity && !c.skip(withKind(obj, ObjColumnIdentity)) {
		details = append(details, fmt.Sprintf("identity %s → %s", identityText(old.Identity), identityText(col.Identity)))
		v := decl.Identity
		a.Identity = &v
		a.AddIdentity = old.Identity == ""
	}
	if len(details) == 0 {
		return
	}
	c.add(Change{Kind: AlterColumn, Table: table, Object: col.Name, Detail: strings.Join(details, "; "), Destroy: destroy})
	c.plan.add(phaseColumns, table, a)
}

func collationText(name string) string {
	if name == "" {
		return "default"
	}
	return strconv.Quote(name)
}

func identityText(identity string) string {
	if identity == "" {
		return "none"
	}
	return strconv.Quote(identity)
}

func withKind(o Object, k ObjectKind) Object { o.Kind = k; return o }

func nullWord(notNull bool) string {
	if notNull {
		return "NOT NULL"
	}
	return "NULL"
}

func (c *comparer) primaryKey(cur, want *schema.Table) {
	a, b := cur.PrimaryKey, want.PrimaryKey
	same := (a == nil) == (b == nil) && (a == nil || (slices.Equal(a.Columns, b.Columns) && a.Name == b.Name))
	if same || c.skip(Object{Kind: ObjPrimaryKey, Table: want.Name, Current: a, Desired: b}) {
		return
	}
	c.add(Change{Kind: ChangePK, Table: want.Name, Detail: fmt.Sprintf("%s → %s", pkText(a), pkText(b))})
	if a != nil {
		c.plan.add(phaseDropIndexes, want.Name, migrations.DropPrimaryKey{Table: want.Name, Name: a.Name})
		c.refsAroundKeyChange(want.Name, a.Columns)
	}
	if b != nil {
		decl := b
		if m := c.modelTable(want.Name); m != nil && m.PrimaryKey != nil {
			decl = m.PrimaryKey
		}
		c.plan.add(phaseCreateIndexes, want.Name, migrations.AddPrimaryKey{Table: want.Name, PrimaryKey: decl})
	}
}

// refsAroundKeyChange drops, before a table's key on cols is dropped, the
// foreign keys of other kept tables that reference it, and adds them again
// afterwards (PostgreSQL refuses to drop a key a foreign key depends on;
// the new definition must give them a key again). Foreign keys the
// comparison changes anyway are left to it.
func (c *comparer) refsAroundKeyChange(table string, cols []string) {
	if c.d != schema.Postgres {
		return
	}
	for _, t := range c.from.Tables {
		nt := c.to.Table(t.Name)
		if nt == nil || t.Name == table {
			continue
		}
		for _, fk := range t.ForeignKeys {
			if fk.RefTable != table || !sameSet(fk.RefColumns, cols) {
				continue
			}
			kept := nt.ForeignKey(fk.Name)
			if kept == nil || fkDef(kept) != fkDef(fk) || !slices.Equal(kept.Columns, fk.Columns) {
				continue
			}
			if c.fkMoved[fkKey(t.Name, fk)] {
				continue
			}
			if c.fkMoved == nil {
				c.fkMoved = map[string]bool{}
			}
			c.fkMoved[fkKey(t.Name, fk)] = true
			decl := kept
			if m := c.modelTable(t.Name); m != nil && m.ForeignKey(fk.Name) != nil {
				decl = m.ForeignKey(fk.Name)
			}
			c.plan.add(phaseDropFKs, t.Name, migrations.DropForeignKey{Table: t.Name, Name: fk.Name})
			c.plan.add(phaseAddFKs, t.Name, migrations.AddForeignKey{Table: t.Name, ForeignKey: decl})
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func pkText(pk *schema.PrimaryKey) string {
	if pk == nil {
		return "none"
	}
	return "(" + strings.Join(pk.Columns, ", ") + ")"
}

func (c *comparer) indexes(cur, want *schema.Table) {
	name := want.Name
	for _, x := range want.Indexes {
		old := cur.Index(x.Name)
		obj := Object{Kind: ObjIndex, Table: name, Name: x.Name, Desired: x}
		if old != nil {
			obj.Current = old
		}
		if (old != nil && indexEqualOn(c.d, old, x)) || c.skip(obj) {
			continue
		}
		if old != nil {
			c.add(Change{Kind: DropIndex, Table: name, Object: old.Name, Detail: "changed: " + c.indexText(old) + " → " + c.indexText(x)})
			c.plan.add(phaseDropIndexes, name, migrations.DropIndex{Table: name, Index: old.Name})
		}
		decl := c.declIndex(name, x)
		c.add(Change{Kind: AddIndex, Table: name, Object: x.Name, Detail: c.indexText(x)})
		c.plan.add(phaseCreateIndexes, name, migrations.CreateIndex{Table: name, Index: decl})
	}
	for _, x := range cur.Indexes {
		if want.Index(x.Name) == nil && !c.skip(Object{Kind: ObjIndex, Table: name, Name: x.Name, Current: x}) {
			c.add(Change{Kind: DropIndex, Table: name, Object: x.Name, Detail: c.indexText(x)})
			c.plan.add(phaseDropIndexes, name, migrations.DropIndex{Table: name, Index: x.Name})
		}
	}
}

func (c *comparer) indexText(x *schema.Index) string {
	var keys []string
	for _, k := range x.Keys {
		s := k.Column
		if s == "" {
			s, _ = k.Expr.For(c.d)
			s = "(" + s + ")"
		}
		if k.Desc {
			s += " DESC"
		}
		keys = append(keys, s)
	}
	out := "(" + strings.Join(keys, ", ") + ")"
	if x.Unique {
		out = "UNIQUE " + out
	}
	if w, ok := x.Where.For(c.d); ok {
		out += " WHERE " + w
	}
	return out
}

// indexEqualOn reports whether two indexes are the same on dialect d,
// expressions and predicates compared in canonical form, collation names
// ignoring case (as both dialects do for the built-in ones).
func indexEqualOn(d schema.Dialect, a, b *schema.Index) bool {
	if a.Unique != b.Unique || a.Method != b.Method || a.NullsNotDistinct != b.NullsNotDistinct ||
		!slices.Equal(a.Include, b.Include) || !sqlEqualOn(d, a.Where, b.Where) || len(a.Keys) != len(b.Keys) {
		return false
	}
	for i := range a.Keys {
		ka, kb := a.Keys[i], b.Keys[i]
		if ka.Column != kb.Column || ka.Desc != kb.Desc || ka.Opclass != kb.Opclass ||
			!strings.EqualFold(ka.Collation.Name(d), kb.Collation.Name(d)) || ka.Nulls != kb.Nulls || !sqlEqualOn(d, ka.Expr, kb.Expr) {
			return false
		}
	}
	return true
}

// constraintKey identifies a constraint: by name when it has one, else by
// its definition (SQLite keeps unnamed constraints).
func constraintKey(name string, cols []string, extra string) string {
	if name != "" {
		return "name:" + name
	}
	return "def:" + strings.Join(cols, ",") + "\x00" + extra
}

func (c *comparer) uniques(cur, want *schema.Table) {
	name := want.Name
	have := map[string]*schema.Unique{}
	for _, u := range cur.Uniques {
		have[constraintKey(u.Name, u.Columns, "")] = u
	}
	seen := map[string]bool{}
	for _, u := range want.Uniques {
		key := constraintKey(u.Name, u.Columns, "")
		seen[key] = true
		old := have[key]
		if old != nil && slices.Equal(old.Columns, u.Columns) {
			continue
		}
		if c.skip(Object{Kind: ObjUnique, Table: name, Name: u.Name, Current: old, Desired: u}) {
			continue
		}
		if old != nil {
			c.add(Change{Kind: DropUnique, Table: name, Object: old.Name, Detail: "changed"})
			c.plan.add(phaseDropIndexes, name, migrations.DropUnique{Table: name, Name: old.Name})
			c.refsAroundKeyChange(name, old.Columns)
		}
		c.add(Change{Kind: AddUnique, Table: name, Object: u.Name, Detail: "(" + strings.Join(u.Columns, ", ") + ")"})
		c.plan.add(phaseCreateIndexes, name, migrations.AddUnique{Table: name, Unique: c.declUnique(name, u)})
	}
	for _, u := range cur.Uniques {
		key := constraintKey(u.Name, u.Columns, "")
		if !seen[key] && !c.skip(Object{Kind: ObjUnique, Table: name, Name: u.Name, Current: u}) {
			c.add(Change{Kind: DropUnique, Table: name, Object: u.Name, Detail: "(" + strings.Join(u.Columns, ", ") + ")"})
			c.plan.add(phaseDropIndexes, name, migrations.DropUnique{Table: name, Name: u.Name})
			c.refsAroundKeyChange(name, u.Columns)
		}
	}
}

func (c *comparer) declUnique(table string, u *schema.Unique) *schema.Unique {
	if m := c.modelTable(table); m != nil && u.Name != "" {
		if mu := m.Unique(u.Name); mu != nil {
			return mu
		}
	}
	return u
}

func (c *comparer) checks(cur, want *schema.Table) {
	name := want.Name
	textOf := func(ck *schema.Check) string { s, _ := ck.Expr.For(c.d); return s }
	exprOf := func(ck *schema.Check) string { return canonSQL(c.d, textOf(ck)) }
	have := map[string]*schema.Check{}
	for _, ck := range cur.Checks {
		have[constraintKey(ck.Name, nil, exprOf(ck))] = ck
	}
	seen := map[string]bool{}
	for _, ck := range want.Checks {
		key := constraintKey(ck.Name, nil, exprOf(ck))
		seen[key] = true
		old := have[key]
		if old != nil && exprOf(old) == exprOf(ck) {
			continue
		}
		if c.skip(Object{Kind: ObjCheck, Table: name, Name: ck.Name, Current: old, Desired: ck}) {
			continue
		}
		if old != nil {
			c.add(Change{Kind: DropCheck, Table: name, Object: old.Name, Detail: "changed: " + textOf(old) + " → " + textOf(ck)})
			c.plan.add(phaseDropIndexes, name, migrations.DropCheck{Table: name, Name: old.Name})
		}
		decl := ck
		if m := c.modelTable(name); m != nil && ck.Name != "" && m.Check(ck.Name) != nil {
			decl = m.Check(ck.Name)
		}
		c.add(Change{Kind: AddCheck, Table: name, Object: ck.Name, Detail: textOf(ck)})
		c.plan.add(phaseCreateIndexes, name, migrations.AddCheck{Table: name, Check: decl})
	}
	for _, ck := range cur.Checks {
		if !seen[constraintKey(ck.Name, nil, exprOf(ck))] && !c.skip(Object{Kind: ObjCheck, Table: name, Name: ck.Name, Current: ck}) {
			c.add(Change{Kind: DropCheck, Table: name, Object: ck.Name, Detail: textOf(ck)})
			c.plan.add(phaseDropIndexes, name, migrations.DropCheck{Table: name, Name: ck.Name})
		}
	}
}

func fkDef(fk *schema.ForeignKey) string {
	return fmt.Sprintf("%s(%s) %s %s %v %v", fk.RefTable, strings.Join(fk.RefColumns, ","), fk.OnDelete, fk.OnUpdate, fk.Deferrable, fk.InitiallyDeferred)
}

func fkText(fk *schema.ForeignKey) string {
	s := fmt.Sprintf("(%s) → %s(%s)", strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "))
	if fk.OnDelete != "" {
		s += " ON DELETE " + string(fk.OnDelete)
	}
	if fk.OnUpdate != "" {
		s += " ON UPDATE " + string(fk.OnUpdate)
	}
	return s
}

func (c *comparer) foreignKeys(cur, want *schema.Table) {
	name := want.Name
	have := map[string]*schema.ForeignKey{}
	for _, fk := range cur.ForeignKeys {
		have[constraintKey(fk.Name, fk.Columns, fkDef(fk))] = fk
	}
	seen := map[string]bool{}
	for _, fk := range want.ForeignKeys {
		key := constraintKey(fk.Name, fk.Columns, fkDef(fk))
		seen[key] = true
		old := have[key]
		if old != nil && slices.Equal(old.Columns, fk.Columns) && fkDef(old) == fkDef(fk) {
			continue
		}
		if c.skip(Object{Kind: ObjForeignKey, Table: name, Name: fk.Name, Current: old, Desired: fk}) {
			continue
		}
		if old != nil {
			c.add(Change{Kind: DropFK, Table: name, Object: old.Name, Detail: "changed: " + fkText(old) + " → " + fkText(fk)})
			c.plan.add(phaseDropFKs, name, migrations.DropForeignKey{Table: name, Name: old.Name})
		}
		decl := fk
		if m := c.modelTable(name); m != nil && fk.Name != "" && m.ForeignKey(fk.Name) != nil {
			decl = m.ForeignKey(fk.Name)
		}
		c.add(Change{Kind: AddFK, Table: name, Object: fk.Name, Detail: fkText(fk)})
		c.plan.add(phaseAddFKs, name, migrations.AddForeignKey{Table: name, ForeignKey: decl})
	}
	for _, fk := range cur.ForeignKeys {
		if !seen[constraintKey(fk.Name, fk.Columns, fkDef(fk))] && !c.skip(Object{Kind: ObjForeignKey, Table: name, Name: fk.Name, Current: fk}) {
			c.add(Change{Kind: DropFK, Table: name, Object: fk.Name, Detail: fkText(fk)})
			c.plan.add(phaseDropFKs, name, migrations.DropForeignKey{Table: name, Name: fk.Name})
		}
	}
}

// Phases order the operations of a migration.
const (
	phaseExtensions = iota
	phaseEnums
	phaseDropFKs
	phaseDropIndexes
	phaseRebuildEnums
	phaseCreateTables
	phaseColumns
	phaseDropColumns
	phaseCreateIndexes
	phaseAddFKs
	phaseDropTables
	phaseDropObjects // sequences and domains, after the tables that use them
	phaseDropLast
	numPhases
)

// plan collects operations by phase; table-level operations on existing
// tables carry their table so that SQLite can batch them.
type plan struct {
	steps []step
}

type step struct {
	phase int
	table string // existing table the op changes, "" otherwise
	op    migrations.Operation
}

func (p *plan) add(phase int, table string, op migrations.Operation) {
	if e, ok := op.(migrations.Exec); ok && e.SQL == "" {
		return
	}
	p.steps = append(p.steps, step{phase: phase, table: table, op: op})
}

// operations orders the plan. On SQLite the operations on each existing
// table become one Batch, placed after new tables are created.
func (p *plan) operations(d schema.Dialect) []migrations.Operation {
	steps := slices.Clone(p.steps)
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].phase < steps[j].phase })
	var out []migrations.Operation
	if d != schema.SQLite {
		for _, s := range steps {
			out = append(out, s.op)
		}
		return out
	}
	batches := map[string]*migrations.Batch{}
	var order []string
	for _, s := range steps {
		if s.table == "" {
			continue
		}
		b := batches[s.table]
		if b == nil {
			b = &migrations.Batch{Table: s.table}
			batches[s.table] = b
			order = append(order, s.table)
		}
		b.Ops = append(b.Ops, s.op)
	}
	sort.Strings(order)
	emitted := false
	emitBatches := func() {
		if emitted {
			return
		}
		emitted = true
		for _, t := range order {
			out = append(out, *batches[t])
		}
	}
	for _, s := range steps {
		if s.phase > phaseCreateTables {
			emitBatches()
		}
		if s.table == "" {
			out = append(out, s.op)
		}
	}
	emitBatches()
	return out
}
