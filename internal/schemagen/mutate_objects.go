package schemagen

import (
	"fmt"
	"slices"

	"github.com/autogen-dev/autogen/schema"
)

// Mutations of enum values, identities, primary keys, sequences and
// domains (Full only).

// enumDefaults returns the values of enum e that column defaults use.
func (g *gen) enumDefaults(e *schema.Enum) []string {
	var out []string
	for _, t := range g.s.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == schema.KindEnum && c.Type.Enum == e.Name && c.Default.Kind == schema.DefaultString {
				out = append(out, c.Default.Value)
			}
		}
	}
	return out
}

// addEnumValue inserts a new value into an enum, at any position.
func (g *gen) addEnumValue() bool {
	if len(g.s.Enums) == 0 {
		return false
	}
	e := g.s.Enums[g.pick(len(g.s.Enums))]
	v := fmt.Sprintf("V%d", g.next())
	for _, w := range enumWords {
		if !slices.Contains(e.Values, w) {
			v = w
			break
		}
	}
	e.Values = slices.Insert(e.Values, g.pick(len(e.Values)+1), v)
	return true
}

// changeEnumValues removes a value no default uses, or swaps two values.
func (g *gen) changeEnumValues() bool {
	if len(g.s.Enums) == 0 {
		return false
	}
	e := g.s.Enums[g.pick(len(g.s.Enums))]
	used := g.enumDefaults(e)
	var removable []int
	for i, v := range e.Values {
		if !slices.Contains(used, v) {
			removable = append(removable, i)
		}
	}
	switch {
	case len(e.Values) > 2 && len(removable) > 0 && g.chance(0.5):
		i := removable[g.pick(len(removable))]
		e.Values = slices.Delete(e.Values, i, i+1)
	case len(e.Values) >= 2:
		i := g.pick(len(e.Values) - 1)
		e.Values[i], e.Values[i+1] = e.Values[i+1], e.Values[i]
	default:
		return false
	}
	return true
}

// integerKind reports whether a column of type t can be an identity.
func integerKind(t schema.Type) bool {
	switch t.Kind {
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
		return true
	}
	return false
}

// alterIdentity adds, drops or changes a column's identity: an integer id
// gains or loses AUTOINCREMENT (an identity on PostgreSQL), an identity
// column loses it or changes its kind, another integer column becomes one.
func (g *gen) alterIdentity() bool {
	_, c := g.someColumn2(func(t *schema.Table, c *schema.Column) bool {
		return integerKind(c.Type) && !partitioned(t) && c.Default.Kind != schema.DefaultSequence &&
			!slices.ContainsFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool { return slices.Contains(fk.Columns, c.Name) })
	})
	idTable := g.someTable(func(t *schema.Table) bool {
		id := t.Column("id")
		return id.Type.Kind == schema.KindInteger && t.PrimaryKey != nil && slices.Equal(t.PrimaryKey.Columns, []string{"id"})
	})
	if idTable != nil && (c == nil || g.chance(0.4)) {
		id := idTable.Column("id")
		if id.Identity == schema.IdentityAutoincrement {
			id.Identity = ""
		} else {
			id.Identity = schema.IdentityAutoincrement
		}
		return true
	}
	if c == nil {
		return false
	}
	switch {
	case c.Identity == "":
		c.Identity = []string{schema.IdentityAlways, schema.IdentityByDefault}[g.pick(2)]
		c.NotNull, c.Default = true, schema.Default{}
	case g.chance(0.5):
		c.Identity = ""
		if g.chance(0.5) {
			c.Default = schema.NumberDefault("0")
		}
	case c.Identity == schema.IdentityAlways:
		c.Identity = schema.IdentityByDefault
	default:
		c.Identity = schema.IdentityAlways
	}
	return true
}

// changePrimaryKey widens a table's key to (id, part), narrows it back to
// (id), renames it, or drops or adds it on a table nothing refers to. A
// table others refer to keeps a unique id for them.
func (g *gen) changePrimaryKey() bool {
	t := g.someTable(func(t *schema.Table) bool { return !partitioned(t) && !autoincrement(t) })
	if t == nil {
		return false
	}
	pk := t.PrimaryKey
	switch {
	case pk == nil:
		t.PrimaryKey = &schema.PrimaryKey{Columns: []string{"id"}}
		// The unique id that stood in for the key is not needed now.
		t.Uniques = slices.DeleteFunc(t.Uniques, func(u *schema.Unique) bool { return slices.Equal(u.Columns, []string{"id"}) })
	case len(pk.Columns) > 1:
		pk.Columns = []string{"id"}
		t.Uniques = slices.DeleteFunc(t.Uniques, func(u *schema.Unique) bool { return slices.Equal(u.Columns, []string{"id"}) })
	case g.chance(0.3):
		pk.Name = fmt.Sprintf("pk_%s_%d", t.Name, g.next())
	case !g.referenced(t) && g.chance(0.4):
		t.PrimaryKey = nil
	default:
		if t.Column("part") == nil {
			t.Columns = append(t.Columns, &schema.Column{Name: "part", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")})
		}
		pk.Columns = []string{"id", "part"}
		if g.referenced(t) {
			ensureUniqueID(t)
		}
	}
	return true
}

// dropSequence drops a sequence with the columns that draw from it.
func (g *gen) dropSequence() bool {
	if len(g.s.Sequences) == 0 {
		return false
	}
	q := g.s.Sequences[g.pick(len(g.s.Sequences))]
	for _, t := range g.s.Tables {
		for _, c := range t.Columns {
			if c.Default.Kind == schema.DefaultSequence && c.Default.Value == q.Name && (columnUsed(t, c.Name) || coreColumns[c.Name]) {
				return false
			}
		}
	}
	for _, t := range g.s.Tables {
		t.Columns = slices.DeleteFunc(t.Columns, func(c *schema.Column) bool {
			return c.Default.Kind == schema.DefaultSequence && c.Default.Value == q.Name ||
				t.Name == q.OwnerTable && c.Name == q.OwnerColumn
		})
	}
	g.s.Sequences = slices.DeleteFunc(g.s.Sequences, func(x *schema.Sequence) bool { return x == q })
	return true
}

// alterSequence changes parameters that keep the sequence's current value
// (its start: property tests never draw from it) within its bounds, or
// gives a sequence with one user that user as its owner, or takes the
// owner away.
func (g *gen) alterSequence() bool {
	if len(g.s.Sequences) == 0 {
		return false
	}
	q := g.s.Sequences[g.pick(len(g.s.Sequences))]
	switch g.pick(4) {
	case 0:
		q.Cycle = !q.Cycle
	case 1:
		q.Cache = []int64{0, 5, 20}[g.pick(3)]
		if q.Cache == 0 {
			q.Cache = 10
		}
	case 2:
		step := []int64{1, 2, 10}[g.pick(3)]
		if q.Increment < 0 {
			step = -step
		}
		q.Increment = step
		if q.Increment == 1 {
			q.Increment = 0
		}
	default:
		if q.OwnerTable != "" {
			q.OwnerTable, q.OwnerColumn = "", ""
			return true
		}
		var users [][2]string
		for _, t := range g.s.Tables {
			for _, c := range t.Columns {
				if c.Default.Kind == schema.DefaultSequence && c.Default.Value == q.Name {
					users = append(users, [2]string{t.Name, c.Name})
				}
			}
		}
		if len(users) != 1 {
			q.Cycle = !q.Cycle
			return true
		}
		q.OwnerTable, q.OwnerColumn = users[0][0], users[0][1]
	}
	return true
}

// alterDomain changes a domain's NOT NULL, its default, or its CHECKs (one
// added or dropped); never its base type or collation, which autogen
// reports without generating.
func (g *gen) alterDomain() bool {
	if len(g.s.Domains) == 0 {
		return false
	}
	d := g.s.Domains[g.pick(len(g.s.Domains))]
	switch g.pick(3) {
	case 0:
		d.NotNull = !d.NotNull
	case 1:
		if !d.Default.IsZero() {
			d.Default = schema.Default{}
			break
		}
		switch d.Type.Kind {
		case schema.KindInteger, schema.KindNumeric:
			d.Default = schema.NumberDefault("2")
		default:
			d.Default = schema.StringDefault("green")
		}
	default:
		if len(d.Checks) > 0 && g.chance(0.5) {
			d.Checks = d.Checks[:len(d.Checks)-1]
			break
		}
		expr := "VALUE IS NOT NULL"
		if d.Type.Kind == schema.KindVarchar || d.Type.Kind == schema.KindText {
			expr = "VALUE IN ('red', 'green', 'blue', 'black')"
		}
		d.Checks = append(d.Checks, &schema.Check{Name: fmt.Sprintf("%s_extra_%d", d.Name, g.next()), Expr: schema.Expr(expr)})
	}
	return true
}
