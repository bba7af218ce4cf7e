package schemagen

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/autogen-dev/autogen/schema"
)

// The constructs of Full schemas beyond tables and their columns:
// extensions, domains, sequences, the shapes of primary keys (integer,
// AUTOINCREMENT, partitioned tables) and collations per dialect.

// extensionNames are the extensions Full schemas create; they come with
// PostgreSQL (contrib) and nothing in the schema uses them.
var extensionNames = []string{"pg_trgm", "btree_gin"}

// addObjects adds the schema-level objects of a Full schema: maybe an
// extension, and up to two domains (each used by a column later, see
// useDomains).
func (g *gen) addObjects() {
	if g.chance(0.3) {
		g.s.Extensions = append(g.s.Extensions, schema.Extension{Name: extensionNames[g.pick(len(extensionNames))]})
	}
	for range g.pick(3) {
		g.s.Domains = append(g.s.Domains, g.newDomain())
	}
}

// newDomain returns a domain of a random base type with some of a
// domain's options: NOT NULL, a default, a collation, CHECKs (an IN list
// among them).
func (g *gen) newDomain() *schema.Domain {
	n := g.next()
	d := &schema.Domain{Name: fmt.Sprintf("dom_%d", n)}
	check := func(suffix, expr string) {
		d.Checks = append(d.Checks, &schema.Check{Name: fmt.Sprintf("dom_%d_%s", n, suffix), Expr: schema.Expr(expr)})
	}
	switch g.pick(4) {
	case 0:
		d.Type = schema.Integer
		check("positive", "VALUE > 0")
		if g.chance(0.5) {
			d.Default = schema.NumberDefault("1")
		}
	case 1:
		d.Type = schema.Varchar(20)
		check("known", "VALUE IN ('red', 'green', 'blue')")
		if g.chance(0.5) {
			d.Default = schema.StringDefault("red")
		}
		if g.chance(0.4) {
			d.Collation = "C"
		}
	case 2:
		d.Type = schema.Text
		if g.chance(0.5) {
			check("nonempty", "length(VALUE) > 0")
		}
		if g.chance(0.4) {
			d.Collation = "POSIX"
		}
	default:
		d.Type = schema.Numeric(10, 2)
		check("not_negative", "VALUE >= 0")
		if g.chance(0.5) {
			check("small", "VALUE < 1000")
		}
	}
	d.NotNull = g.chance(0.3)
	return d
}

// useDomains gives each domain no column uses a column of its type (a
// domain nothing uses is not part of the schema but an unmanaged object),
// and drops it when there is no table to put one in.
func (g *gen) useDomains() {
	for _, d := range slices.Clone(g.s.Domains) {
		if g.domainUsed(d.Name) {
			continue
		}
		t := g.someTable(func(t *schema.Table) bool { return true })
		if t == nil {
			g.s.Domains = slices.DeleteFunc(g.s.Domains, func(x *schema.Domain) bool { return x == d })
			continue
		}
		t.Columns = append(t.Columns, &schema.Column{Name: fmt.Sprintf("%s_value", d.Name), Type: schema.DomainType(d.Name)})
	}
}

func (g *gen) domainUsed(name string) bool {
	for _, t := range g.s.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == schema.KindDomain && c.Type.Domain == name {
				return true
			}
		}
	}
	return false
}

// sequenceTemplates are the parameters of generated sequences, each valid
// for its type and consistent (the start within the bounds).
var sequenceTemplates = []schema.Sequence{
	{},
	{Type: schema.Integer, Start: 100, Increment: 10, Cache: 5},
	{Type: schema.SmallInt},
	{Increment: -1},
	{Type: schema.Integer, MinValue: 10, MaxValue: 100000, Cycle: true},
	{Start: 7, Increment: 3, MaxValue: 1000000},
}

// giveSequence makes column c of t draw its default from a sequence: a
// new one, owned by the column when serial, or (sometimes) one that other
// columns use already.
func (g *gen) giveSequence(t *schema.Table, c *schema.Column, serial bool) {
	if !serial {
		var shared []*schema.Sequence
		for _, q := range g.s.Sequences {
			if q.OwnerTable == "" {
				shared = append(shared, q)
			}
		}
		if len(shared) > 0 && g.chance(0.3) {
			c.Default = schema.NextVal(shared[g.pick(len(shared))].Name)
			return
		}
	}
	q := sequenceTemplates[g.pick(len(sequenceTemplates))]
	q.Name = fmt.Sprintf("%s_%s_seq_%d", t.Name, c.Name, g.next())
	if serial {
		q.OwnerTable, q.OwnerColumn = t.Name, c.Name
	}
	g.s.Sequences = append(g.s.Sequences, &q)
	c.Default = schema.NextVal(q.Name)
}

// prune removes what a change left unused: sequences whose owning column
// is gone or that no column draws from, domains no column has, and the
// owner of a sequence whose column no longer draws from it alone.
func (g *gen) prune() {
	users := map[string]int{}
	for _, t := range g.s.Tables {
		for _, c := range t.Columns {
			if c.Default.Kind == schema.DefaultSequence {
				users[c.Default.Value]++
			}
		}
	}
	g.s.Sequences = slices.DeleteFunc(g.s.Sequences, func(q *schema.Sequence) bool {
		if q.OwnerTable == "" {
			return users[q.Name] == 0
		}
		t := g.s.Table(q.OwnerTable)
		return t == nil || t.Column(q.OwnerColumn) == nil
	})
	g.s.Domains = slices.DeleteFunc(g.s.Domains, func(d *schema.Domain) bool { return !g.domainUsed(d.Name) })
}

// keyShape gives a new Full table the shape of its primary key: most keep
// the UUID id; some have an integer id (an AUTOINCREMENT, an identity, or
// neither); a few PostgreSQL tables are partitioned by range of created,
// which then belongs to the key.
func (g *gen) keyShape(t *schema.Table) {
	switch r := g.rng.Float64(); {
	case r < 0.15:
		id := t.Column("id")
		id.Type, id.Default = schema.Integer, schema.Default{}
		id.Identity = []string{schema.IdentityAutoincrement, "", schema.IdentityAlways}[g.pick(3)]
	case r < 0.2 && !only(t, schema.SQLite):
		t.Only = []schema.Dialect{schema.Postgres}
		t.PartitionBy = "RANGE (created)"
		t.PrimaryKey.Columns = []string{"id", "created"}
	}
}

// partitioned reports whether t is a partitioned table.
func partitioned(t *schema.Table) bool { return t.PartitionBy != "" }

// Collation names of each dialect that any server has.
var collationNames = map[schema.Dialect][]string{
	schema.Postgres: {"C", "POSIX"},
	schema.SQLite:   {"NOCASE", "RTRIM", "BINARY"},
}

// collation returns a collation for a column or key of a table restricted
// to only, different from old when it can: per dialect on a table of both
// (sometimes on one of them only), for every dialect ("" key) on a table
// of one. It may be nil (the default collation).
func (g *gen) collation(only []schema.Dialect, old schema.SQL) schema.SQL {
	for range 10 {
		var out schema.SQL
		if len(only) == 1 {
			if names := collationNames[only[0]]; g.chance(0.8) {
				out = schema.Collate(names[g.pick(len(names))])
			}
		} else {
			for _, d := range schema.Dialects {
				if names := collationNames[d]; g.chance(0.7) {
					out = out.On(d, names[g.pick(len(names))])
				}
			}
		}
		if !sameCollation(out, old) {
			return out
		}
	}
	return nil
}

func sameCollation(a, b schema.SQL) bool {
	for _, d := range append([]schema.Dialect{""}, schema.Dialects...) {
		if a.Name(d) != b.Name(d) {
			return false
		}
	}
	return true
}

// textual reports whether a column of type t can have a collation.
func textual(t schema.Type) bool {
	switch t.Kind {
	case schema.KindText, schema.KindVarchar, schema.KindChar:
		return true
	}
	return false
}

// autoincrement reports whether t's key is an AUTOINCREMENT integer id.
func autoincrement(t *schema.Table) bool {
	id := t.Column("id")
	return id != nil && id.Identity == schema.IdentityAutoincrement
}

// referenced reports whether a foreign key of another table refers to t.
func (g *gen) referenced(t *schema.Table) bool {
	for _, o := range g.s.Tables {
		for _, fk := range o.ForeignKeys {
			if fk.RefTable == t.Name && o != t {
				return true
			}
		}
	}
	return false
}

// freshName returns name, or name with a number when t has a column of
// that name.
func (g *gen) freshName(t *schema.Table, name string) string {
	if t.Column(name) == nil {
		return name
	}
	return name + "_" + strconv.Itoa(g.next())
}
