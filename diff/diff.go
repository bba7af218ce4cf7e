// Package diff compares two schemas of one dialect and returns the
// operations that turn the first into the second, ordered by dependency,
// with the operations that turn it back.
//
// It compares canonical forms: both sides are normally reflected from a
// database of the same dialect (see Desired for building the model's side
// on a scratch database), so spelling variants are settled by the database
// itself. Operations that create or alter objects are taken from the
// model's own declarations when a model is given. The include-object filter
// (Filter) decides what is compared at all.
package diff

import (
	"fmt"
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// Kind names a kind of change.
type Kind string

// Kinds of change.
const (
	AddExtension  Kind = "add_extension"
	DropExtension Kind = "drop_extension"
	AddEnum       Kind = "add_enum"
	DropEnum      Kind = "drop_enum"
	AddEnumValue  Kind = "add_enum_value"
	ChangeEnum    Kind = "change_enum"
	AddTable      Kind = "add_table"
	DropTable     Kind = "drop_table"
	AddColumn     Kind = "add_column"
	DropColumn    Kind = "drop_column"
	AlterColumn   Kind = "alter_column"
	AddIndex      Kind = "add_index"
	DropIndex     Kind = "drop_index"
	AddFK         Kind = "add_foreign_key"
	DropFK        Kind = "drop_foreign_key"
	AddUnique     Kind = "add_unique"
	DropUnique    Kind = "drop_unique"
	AddCheck      Kind = "add_check"
	DropCheck     Kind = "drop_check"
	ChangePK      Kind = "change_primary_key"
	ChangeComment Kind = "change_comment"
	AddSequence   Kind = "add_sequence"
	AlterSequence Kind = "alter_sequence"
	DropSequence  Kind = "drop_sequence"
	AddDomain     Kind = "add_domain"
	AlterDomain   Kind = "alter_domain"
	DropDomain    Kind = "drop_domain"
	// ChangePartitionKey is reported, never generated: PostgreSQL cannot
	// partition a table in place.
	ChangePartitionKey Kind = "change_partition_key"
)

// notGenerated opens the detail of a change that no operation makes
// (a domain's base type or collation, a partition key): check reports
// it so that nothing is missed, and the migration is written by hand.
const notGenerated = "not generated: write this migration by hand"

// Change is one difference between the current and the desired schema.
type Change struct {
	Kind    Kind   `json:"kind"`
	Table   string `json:"table,omitempty"`
	Object  string `json:"object,omitempty"` // column, index, constraint or enum name
	Detail  string `json:"detail,omitempty"` // what differs, for people
	Destroy bool   `json:"destructive,omitempty"`
}

// String describes the change in one line, e.g.
// `add column "flow"."labels" (jsonb)`.
func (c Change) String() string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(string(c.Kind), "_", " "))
	switch {
	case c.Table != "" && c.Object != "" && (c.Kind == AddColumn || c.Kind == DropColumn || c.Kind == AlterColumn):
		fmt.Fprintf(&b, " %q.%q", c.Table, c.Object)
	case c.Table != "" && c.Object != "":
		fmt.Fprintf(&b, " %q on table %q", c.Object, c.Table)
	case c.Table != "":
		fmt.Fprintf(&b, " %q", c.Table)
	case c.Object != "":
		fmt.Fprintf(&b, " %q", c.Object)
	}
	if c.Detail != "" {
		b.WriteString(": ")
		b.WriteString(c.Detail)
	}
	return b.String()
}

// Result is the outcome of a comparison on one dialect.
type Result struct {
	Dialect schema.Dialect `json:"dialect"`
	// Changes lists the differences, in the order of the upgrade.
	Changes []Change `json:"changes"`
	// Skipped lists the objects the filter kept out of the comparison.
	Skipped []Skipped `json:"skipped,omitempty"`
	// Upgrade turns current into desired; Downgrade turns it back.
	Upgrade   []migrations.Operation `json:"-"`
	Downgrade []migrations.Operation `json:"-"`
}

// Empty reports whether the two sides are the same.
func (r *Result) Empty() bool { return len(r.Changes) == 0 }

// Options tune a comparison.
type Options struct {
	// Filter decides which objects are compared; nil means DefaultFilter().
	Filter *Filter
	// Model, when set, is the resolved model whose declarations the upgrade
	// operations are written from (what the user wrote rather than what the
	// database reflects). Objects it lacks fall back to desired's values.
	Model *schema.Schema
}

// Compare returns the changes that turn current into desired on dialect d,
// with the upgrade and downgrade operations. Both schemas should be
// canonical for d (reflected from d).
func Compare(d schema.Dialect, current, desired *schema.Schema, opts Options) (*Result, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("diff: unknown dialect %q", d)
	}
	filter := opts.Filter
	if filter == nil {
		f := DefaultFilter()
		filter = &f
	}
	var model *schema.Schema
	if opts.Model != nil {
		model = ForDialect(opts.Model, d)
	}
	up := &comparer{d: d, from: orEmpty(current), to: orEmpty(desired), model: model, orig: opts.Model, filter: filter}
	if err := up.run(); err != nil {
		return nil, err
	}
	// The downgrade is the comparison the other way round, written from the
	// current (reflected) definitions, with the objects the filter skipped
	// on the way up skipped again.
	down := &comparer{d: d, from: orEmpty(desired), to: orEmpty(current), orig: opts.Model, filter: filter, reverse: true}
	if err := down.run(); err != nil {
		return nil, err
	}
	return &Result{
		Dialect:   d,
		Changes:   up.changes,
		Skipped:   up.skipped,
		Upgrade:   commitAddedValues(d, up.plan.operations(d)),
		Downgrade: commitAddedValues(d, down.plan.operations(d)),
	}, nil
}

func orEmpty(s *schema.Schema) *schema.Schema {
	if s == nil {
		return &schema.Schema{}
	}
	return s
}

// ForDialect returns the part of a resolved model that applies to dialect
// d, spelled for d: objects restricted to other dialects are left out and
// generated names are cut to d's limit.
//
// On PostgreSQL an autoincrement column becomes an identity "by default".
// On SQLite (which has no enum types, domains, sequences, identities or
// partitioning) enum columns become VARCHAR(n) sized to the enum's longest
// value, with a CHECK when the enum asks for one (Enum.SQLiteCheck); domain
// columns take the domain's base type; defaults drawn from a sequence and
// PostgreSQL identities are dropped; and the enums, domains, sequences,
// extensions and partition keys are left out.
func ForDialect(model *schema.Schema, d schema.Dialect) *schema.Schema {
	out := &schema.Schema{Naming: model.Naming}
	if d == schema.Postgres {
		for _, e := range model.Enums {
			out.Enums = append(out.Enums, e.Clone())
		}
		out.Extensions = append(out.Extensions, model.Extensions...)
		// Copies of the sequences and domains alone (not of every table).
		clone := (&schema.Schema{Sequences: model.Sequences, Domains: model.Domains}).Clone()
		out.Sequences, out.Domains = clone.Sequences, clone.Domains
	}
	byName := make(map[string]*schema.Table, len(model.Tables))
	for _, t := range model.Tables {
		byName[t.Name] = t
	}
	for _, t := range model.Tables {
		if !schema.AppliesTo(t.Only, d) {
			continue
		}
		t = t.Clone()
		t.Only = nil
		narrowSQL(t, d)
		if d == schema.SQLite {
			t.PartitionBy = ""
			t.Checks = append(t.Checks, enumChecks(model, t)...)
		}
		for _, c := range t.Columns {
			narrowColumn(model, d, c)
		}
		var idx []*schema.Index
		for _, x := range t.Indexes {
			if schema.AppliesTo(x.Only, d) {
				x.Name, x.Generated, x.Only = x.On(d), false, nil
				if d == schema.SQLite {
					stripPostgresIndexOptions(x)
				}
				idx = append(idx, x)
			}
		}
		t.Indexes = idx
		if pk := t.PrimaryKey; pk != nil {
			pk.Name, pk.Generated = pk.On(d), false
		}
		for _, u := range t.Uniques {
			u.Name, u.Generated = u.On(d), false
		}
		for _, c := range t.Checks {
			c.Name, c.Generated = c.On(d), false
		}
		var fks []*schema.ForeignKey
		for _, fk := range t.ForeignKeys {
			if ref := byName[fk.RefTable]; ref != nil && !schema.AppliesTo(ref.Only, d) {
				continue
			}
			fk.Name, fk.Generated = fk.On(d), false
			fks = append(fks, fk)
		}
		t.ForeignKeys = fks
		out.Tables = append(out.Tables, t)
	}
	return out
}

// narrowSQL drops the SQL text that t spells for other dialects (default
// overrides, key expressions, predicates, checks, native types,
// collations), so that a migration file for d holds d's spelling alone.
func narrowSQL(t *schema.Table, d schema.Dialect) {
	keep := func(s schema.SQL) schema.SQL {
		if s == nil {
			return nil
		}
		out := schema.SQL{}
		for k, v := range s {
			if k == "" || k == d {
				out[k] = v
			}
		}
		if len(out) == 0 && len(s) > 0 {
			return s // nothing for d: left for the DDL to report
		}
		return out
	}
	var typ func(x *schema.Type)
	typ = func(x *schema.Type) {
		if x.Native != nil {
			x.Native = keep(x.Native)
		}
		if x.Elem != nil {
			typ(x.Elem)
		}
	}
	for _, c := range t.Columns {
		typ(&c.Type)
		c.Collation = narrowName(c.Collation, d)
		switch {
		case c.Default.SQL == nil:
		case c.Default.Kind == schema.DefaultExpr:
			c.Default.SQL = keep(c.Default.SQL)
		default: // overrides of a portable default are optional
			var own schema.SQL
			for k, v := range c.Default.SQL {
				if k == "" || k == d {
					own = own.On(k, v)
				}
			}
			c.Default.SQL = own
		}
	}
	for _, ck := range t.Checks {
		ck.Expr = keep(ck.Expr)
	}
	for _, x := range t.Indexes {
		x.Where = keep(x.Where)
		for i := range x.Keys {
			x.Keys[i].Expr = keep(x.Keys[i].Expr)
			x.Keys[i].Collation = narrowName(x.Keys[i].Collation, d)
		}
	}
}

// narrowName keeps the name (a collation) that s gives for dialect d, or
// the common one; nil when it gives none there, which means the default.
func narrowName(s schema.SQL, d schema.Dialect) schema.SQL {
	for _, k := range []schema.Dialect{d, ""} {
		if v, ok := s[k]; ok {
			if v == "" {
				return nil
			}
			return schema.SQL{k: v}
		}
	}
	return nil
}

// narrowColumn spells a column of the model for dialect d (see ForDialect).
func narrowColumn(model *schema.Schema, d schema.Dialect, c *schema.Column) {
	switch d {
	case schema.Postgres:
		if c.Identity == schema.IdentityAutoincrement {
			c.Identity = schema.IdentityByDefault
		}
	case schema.SQLite:
		c.Type = sqliteType(model, c.Type)
		if c.Default.Kind == schema.DefaultSequence {
			c.Default = schema.Default{}
		}
		if c.Identity == schema.IdentityAlways || c.Identity == schema.IdentityByDefault {
			c.Identity = ""
		}
	}
}

// enumChecks returns, for the columns of t whose enum asks for a CHECK on
// SQLite, the constraint allowing only the enum's values (NULL passes, as
// in any CHECK). The name follows SQLAlchemy: the naming convention's check
// template with the enum's name, the column's name appended when the table
// has another column of the same enum; unnamed without a template.
func enumChecks(model *schema.Schema, t *schema.Table) []*schema.Check {
	var out []*schema.Check
	count := map[string]int{}
	for _, c := range t.Columns {
		if c.Type.Kind == schema.KindEnum {
			count[c.Type.Enum]++
		}
	}
	for _, c := range t.Columns {
		e := model.Enum(c.Type.Enum)
		if c.Type.Kind != schema.KindEnum || e == nil || !e.SQLiteCheck {
			continue
		}
		vals := make([]string, len(e.Values))
		for i, v := range e.Values {
			vals[i] = schema.QuoteString(v)
		}
		ck := &schema.Check{Expr: schema.Expr(schema.QuoteIdent(schema.SQLite, c.Name) + " IN (" + strings.Join(vals, ", ") + ")")}
		if model.Naming != nil && model.Naming.Check != "" {
			label := e.Name
			if count[e.Name] > 1 {
				label += "_" + c.Name
			}
			ck.Name, ck.Generated = model.Naming.CheckName(t.Name, label)
		}
		out = append(out, ck)
	}
	return out
}

// stripPostgresIndexOptions removes what only PostgreSQL indexes have
// (access method, operator classes, INCLUDE, NULLS NOT DISTINCT): like
// SQLAlchemy's postgresql_* index options, they do not apply on SQLite.
func stripPostgresIndexOptions(x *schema.Index) {
	x.Method, x.Include, x.NullsNotDistinct = "", nil, false
	for i := range x.Keys {
		x.Keys[i].Opclass = ""
	}
}

// sqliteType is the SQLite type of a model type: an enum is a VARCHAR of
// its longest value, a domain its base type (followed through domains of
// domains).
func sqliteType(model *schema.Schema, t schema.Type) schema.Type {
	for seen := 0; t.Kind == schema.KindDomain && seen <= len(model.Domains); seen++ {
		dom := model.Domain(t.Domain)
		if dom == nil {
			break
		}
		t = dom.Type
	}
	if t.Kind == schema.KindEnum {
		if e := model.Enum(t.Enum); e != nil {
			return schema.Varchar(e.MaxLen())
		}
	}
	return t
}
