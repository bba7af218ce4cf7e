package migrations

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// simulator keeps a schema in memory and applies operations to it as the
// database would, so that offline SQL knows the definition of a table that
// a SQLite batch rebuilds without a database to reflect it from. It knows
// what the chain's operations say; tables, indexes, views and triggers made
// by SQL written by hand (Exec) are unknown to it.
type simulator struct {
	d schema.Dialect
	s *schema.Schema
	// enums sizes enum columns on SQLite when they are created, as the
	// database does: VARCHAR(n) from the values known then.
	enums schema.EnumLookup
}

func newSimulator(d schema.Dialect, enums schema.EnumLookup) *simulator {
	return &simulator{d: d, s: &schema.Schema{}, enums: enums}
}

// column returns c as the database stores it: on SQLite, an enum column is
// a VARCHAR sized to the enum's values at the time.
func (sim *simulator) column(c *schema.Column) *schema.Column {
	c = c.Clone()
	sim.fixType(&c.Type)
	return c
}

func (sim *simulator) fixType(t *schema.Type) {
	if sim.d != schema.SQLite || t.Kind != schema.KindEnum || sim.enums == nil {
		return
	}
	if e, ok := sim.enums(t.Enum); ok {
		*t = schema.Varchar(e.MaxLen())
	}
}

// table returns the table named name, or an error saying the simulator
// does not know it.
func (sim *simulator) table(name string) (*schema.Table, error) {
	if t := findTable(sim.s, name); t != nil {
		return t, nil
	}
	return nil, fmt.Errorf("table %q is unknown from the chain's operations (was it created by hand-written SQL?)", name)
}

// apply changes the simulated schema as op changes the database.
func (sim *simulator) apply(op Operation) error {
	// Every operation on an existing table needs it.
	var t *schema.Table
	if x, ok := op.(CreateIndex); ok && (x.Index == nil || !appliesTo(x.Index.Only, sim.d)) {
		return nil
	}
	switch op.(type) {
	case CreateTable, Batch, Autocommit:
	default:
		if name := op.TableName(); name != "" {
			var err error
			if t, err = sim.table(name); err != nil {
				return err
			}
		}
	}
	switch o := op.(type) {
	case CreateTable:
		if o.Table == nil || !appliesTo(o.Table.Only, sim.d) {
			return nil
		}
		if findTable(sim.s, o.Table.Name) != nil {
			return fmt.Errorf("table %q already exists", o.Table.Name)
		}
		t := o.Table.Clone()
		t.Only = nil
		for i, c := range t.Columns {
			t.Columns[i] = sim.column(c)
		}
		t.Indexes = slices.DeleteFunc(t.Indexes, func(x *schema.Index) bool { return !appliesTo(x.Only, sim.d) })
		sim.s.Tables = append(sim.s.Tables, t)
	case DropTable:
		sim.s.Tables = slices.DeleteFunc(sim.s.Tables, func(t *schema.Table) bool { return strings.EqualFold(t.Name, o.Table) })
	case RenameTable:
		for _, other := range sim.s.Tables {
			for _, fk := range other.ForeignKeys {
				if strings.EqualFold(fk.RefTable, t.Name) {
					fk.RefTable = o.To
				}
			}
		}
		t.Name = o.To
	case AddColumn:
		if o.Column == nil {
			return fmt.Errorf("add column to %q: no column given", o.Table)
		}
		if findColumn(t, o.Column.Name) != nil {
			return fmt.Errorf("table %q already has a column %q", t.Name, o.Column.Name)
		}
		t.Columns = append(t.Columns, sim.column(o.Column))
	case DropColumn:
		if findColumn(t, o.Column) == nil {
			return fmt.Errorf("table %q has no column %q", t.Name, o.Column)
		}
		dropColumnFrom(t, o.Column)
	case RenameColumn:
		c := findColumn(t, o.Column)
		if c == nil {
			return fmt.Errorf("table %q has no column %q", t.Name, o.Column)
		}
		sim.renameColumn(t, c.Name, o.To)
	case AlterColumn:
		c := findColumn(t, o.Column)
		if c == nil {
			return fmt.Errorf("table %q has no column %q", t.Name, o.Column)
		}
		if o.Type != nil {
			c.Type = *o.Type
			sim.fixType(&c.Type)
		}
		if o.NotNull != nil {
			c.NotNull = *o.NotNull
		}
		if o.Default != nil {
			c.Default = *o.Default
		}
		if o.Comment != nil {
			c.Comment = *o.Comment
		}
		if o.Collation != nil {
			c.Collation = nil
			if *o.Collation != "" {
				c.Collation = schema.SQL{sim.d: *o.Collation}
			}
		}
		if o.Identity != nil {
			c.Identity = *o.Identity
		}
	case AlterTableComment:
		t.Comment = o.Comment
	case CreateIndex:
		t.Indexes = append(t.Indexes, o.Index.Clone())
	case DropIndex:
		t.Indexes = slices.DeleteFunc(t.Indexes, func(x *schema.Index) bool { return strings.EqualFold(x.On(sim.d), o.Index) })
	case AddForeignKey:
		if o.ForeignKey != nil {
			t.ForeignKeys = append(t.ForeignKeys, o.ForeignKey.Clone())
		}
	case AddUnique:
		if o.Unique != nil {
			u := *o.Unique
			u.Columns = slices.Clone(u.Columns)
			t.Uniques = append(t.Uniques, &u)
		}
	case AddCheck:
		if o.Check != nil {
			c := *o.Check
			c.Expr = maps.Clone(o.Check.Expr)
			t.Checks = append(t.Checks, &c)
		}
	case DropForeignKey:
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool { return strings.EqualFold(fk.On(sim.d), o.Name) })
	case DropUnique:
		t.Uniques = slices.DeleteFunc(t.Uniques, func(u *schema.Unique) bool { return strings.EqualFold(u.On(sim.d), o.Name) })
	case DropCheck:
		t.Checks = slices.DeleteFunc(t.Checks, func(c *schema.Check) bool { return strings.EqualFold(c.On(sim.d), o.Name) })
	case AddPrimaryKey:
		if o.PrimaryKey != nil {
			pk := *o.PrimaryKey
			pk.Columns = slices.Clone(pk.Columns)
			t.PrimaryKey = &pk
		}
	case DropPrimaryKey:
		t.PrimaryKey = nil
	case Batch:
		for _, sub := range o.Ops {
			if err := sim.apply(sub); err != nil {
				return err
			}
		}
	case Autocommit:
		for _, sub := range o.Ops {
			if err := sim.apply(sub); err != nil {
				return err
			}
		}
	}
	// Enums are tracked by the enum set; extensions, SQL and Go code
	// change nothing the simulator knows.
	return nil
}

// dropColumnFrom removes a column from t with the keys, constraints and
// indexes that involve it, as a SQLite rebuild and PostgreSQL's DROP
// COLUMN do.
func dropColumnFrom(t *schema.Table, column string) {
	t.Columns = slices.DeleteFunc(t.Columns, func(c *schema.Column) bool { return strings.EqualFold(c.Name, column) })
	if pk := t.PrimaryKey; pk != nil && containsFold(pk.Columns, column) {
		t.PrimaryKey = nil
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(u *schema.Unique) bool { return containsFold(u.Columns, column) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool { return containsFold(fk.Columns, column) })
	t.Checks = slices.DeleteFunc(t.Checks, func(ck *schema.Check) bool {
		e, _ := ck.Expr.For(lite)
		return mentions(e, column)
	})
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *schema.Index) bool { return indexInvolves(ix, column) })
}

// renameColumn renames a column of t everywhere the model names it: keys,
// constraints, index keys and the foreign keys of other tables. (SQLite
// and PostgreSQL also rewrite expressions; the simulator rewrites the
// identifiers in CHECK expressions, index expressions and predicates.)
func (sim *simulator) renameColumn(t *schema.Table, from, to string) {
	rename := func(cols []string) {
		for i, c := range cols {
			if strings.EqualFold(c, from) {
				cols[i] = to
			}
		}
	}
	renameSQL := func(s schema.SQL) {
		for k, v := range s {
			s[k] = renameIdentifier(v, from, to)
		}
	}
	findColumn(t, from).Name = to
	if t.PrimaryKey != nil {
		rename(t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		rename(u.Columns)
	}
	for _, fk := range t.ForeignKeys {
		rename(fk.Columns)
	}
	for _, c := range t.Checks {
		renameSQL(c.Expr)
	}
	for _, ix := range t.Indexes {
		for i := range ix.Keys {
			if strings.EqualFold(ix.Keys[i].Column, from) {
				ix.Keys[i].Column = to
			}
			renameSQL(ix.Keys[i].Expr)
		}
		renameSQL(ix.Where)
		rename(ix.Include)
	}
	for _, other := range sim.s.Tables {
		for _, fk := range other.ForeignKeys {
			if strings.EqualFold(fk.RefTable, t.Name) {
				rename(fk.RefColumns)
			}
		}
	}
}

// renameIdentifier replaces the identifier from (bare or quoted, compared
// case-insensitively) by the quoted identifier to in SQL text, leaving
// string literals and everything else as written.
func renameIdentifier(text, from, to string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'':
			j := i + 1
			for j < len(text) {
				if text[j] == '\'' {
					if j+1 < len(text) && text[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(text))
			b.WriteString(text[i:j])
			i = j
		case c == '"' || c == '`':
			j := i + 1
			var name strings.Builder
			for j < len(text) {
				if text[j] == c {
					if j+1 < len(text) && text[j+1] == c {
						name.WriteByte(c)
						j += 2
						continue
					}
					break
				}
				name.WriteByte(text[j])
				j++
			}
			j = min(j+1, len(text))
			if strings.EqualFold(name.String(), from) {
				b.WriteString(schema.QuoteIdent(lite, to))
			} else {
				b.WriteString(text[i:j])
			}
			i = j
		case isWordStart(c):
			j := i
			for j < len(text) && (isWordStart(text[j]) || (text[j] >= '0' && text[j] <= '9') || text[j] == '$') {
				j++
			}
			if strings.EqualFold(text[i:j], from) {
				b.WriteString(schema.QuoteIdent(lite, to))
			} else {
				b.WriteString(text[i:j])
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
