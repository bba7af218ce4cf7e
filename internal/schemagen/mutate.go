package schemagen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// Change names a kind of change Mutate makes.
type Change string

// The kinds of change Mutate makes: every kind autogen writes operations
// for, in both directions (adding an object in the mutation is dropping it
// in the reverse). Not made: what autogen reports but leaves to a
// hand-written migration (a domain's base type or collation, a partition
// key).
const (
	AddTable         Change = "add_table"
	DropTable        Change = "drop_table"
	AddColumn        Change = "add_column"
	DropColumn       Change = "drop_column"
	AlterType        Change = "alter_type"
	AlterNullable    Change = "alter_nullable"
	AlterDefault     Change = "alter_default"
	AlterComment     Change = "alter_comment"
	TableComment     Change = "table_comment"
	AddIndex         Change = "add_index"
	DropIndex        Change = "drop_index"
	ChangeIndex      Change = "change_index"
	AddUnique        Change = "add_unique"
	DropUnique       Change = "drop_unique"
	AddCheck         Change = "add_check"
	DropCheck        Change = "drop_check"
	AddForeignKey    Change = "add_foreign_key"
	DropForeignKey   Change = "drop_foreign_key"
	ChangeForeignKey Change = "change_foreign_key"
	AddEnum          Change = "add_enum"
	DropEnum         Change = "drop_enum"
	// AddEnumValue inserts a value; its reverse is a rebuild of the enum.
	AddEnumValue Change = "add_enum_value"
	// ChangeEnumValues removes or reorders values (a rebuild).
	ChangeEnumValues Change = "change_enum_values"
	// EnumCheck switches an enum's CHECK on SQLite (Enum.SQLiteCheck).
	EnumCheck        Change = "enum_check"
	AlterIdentity    Change = "alter_identity"
	AlterCollation   Change = "alter_collation"
	ChangePrimaryKey Change = "change_primary_key"
	AddSequence      Change = "add_sequence"
	DropSequence     Change = "drop_sequence"
	AlterSequence    Change = "alter_sequence"
	AddDomain        Change = "add_domain"
	DropDomain       Change = "drop_domain"
	AlterDomain      Change = "alter_domain"
	AddExtension     Change = "add_extension"
	DropExtension    Change = "drop_extension"
)

// Changes lists every kind of change, in a fixed order.
var Changes = []Change{
	AddTable, DropTable, AddColumn, DropColumn, AlterType, AlterNullable, AlterDefault,
	AlterComment, TableComment, AddIndex, DropIndex, ChangeIndex, AddUnique, DropUnique,
	AddCheck, DropCheck, AddForeignKey, DropForeignKey, ChangeForeignKey, AddEnum, DropEnum,
	AddEnumValue, ChangeEnumValues, EnumCheck, AlterIdentity, AlterCollation, ChangePrimaryKey,
	AddSequence, DropSequence, AlterSequence, AddDomain, DropDomain, AlterDomain, AddExtension, DropExtension,
}

// fullOnly are the changes that need constructs only Full schemas use.
var fullOnly = map[Change]bool{
	AlterComment: true, TableComment: true, AddUnique: true, DropUnique: true,
	AddEnumValue: true, ChangeEnumValues: true, EnumCheck: true, AlterIdentity: true, AlterCollation: true,
	ChangePrimaryKey: true, AddSequence: true, DropSequence: true, AlterSequence: true, AddDomain: true,
	DropDomain: true, AlterDomain: true, AddExtension: true, DropExtension: true,
}

// MutateConfig says what Mutate changes.
type MutateConfig struct {
	// Changes is the number of changes to make (K).
	Changes int
	// Seed makes the mutation deterministic.
	Seed uint64
	// Full allows the constructs of a Full schema in new objects, and
	// comment and unique-constraint changes.
	Full bool
	// Kinds, when not empty, restricts the changes to these kinds;
	// otherwise the changes cycle through every kind, starting at a random
	// one, so that K ≥ len(Changes) makes at least one of each that the
	// schema allows.
	Kinds []Change
}

// Mutate returns a changed copy of s (an unresolved model from Generate)
// and the changes made, in order. s is not modified. A change that the
// schema has no object for (a drop on a schema with nothing left to drop)
// is replaced by another kind.
func Mutate(s *schema.Schema, cfg MutateConfig) (*schema.Schema, []Change) {
	out := s.Clone()
	g := &gen{rng: rand.New(rand.NewPCG(cfg.Seed, 0x3a7e)), full: cfg.Full, s: out, seq: maxSeq(out)}
	// New tables are numbered after every table of s, so that a table
	// dropped by one change is not re-created under its name by another
	// (that would change its primary key, which autogen does not generate).
	g.tableSeq = nextTableNumber(out)
	kinds := cfg.Kinds
	if len(kinds) == 0 {
		for _, k := range Changes {
			if cfg.Full || !fullOnly[k] {
				kinds = append(kinds, k)
			}
		}
	}
	start := g.pick(len(kinds))
	var made []Change
	for i := 0; len(made) < cfg.Changes && i < cfg.Changes*10+len(kinds); i++ {
		k := kinds[(start+i)%len(kinds)]
		if len(cfg.Kinds) > 0 || cfg.Changes < len(kinds) {
			k = kinds[g.pick(len(kinds))]
		}
		if g.apply(k) {
			made = append(made, k)
			if cfg.Full {
				g.prune()
			}
		}
	}
	return out, made
}

// maxSeq returns a number above every numeric suffix used in s's names,
// so that new names never repeat old ones.
func maxSeq(s *schema.Schema) int {
	n := 0
	for _, t := range s.Tables {
		n += len(t.Columns) + len(t.Checks) + len(t.Indexes) + len(t.ForeignKeys) + 1
	}
	return n * 10
}

// apply makes one change of kind k, reporting whether it could.
func (g *gen) apply(k Change) bool {
	switch k {
	case AddTable:
		g.s.Tables = append(g.s.Tables, g.newTable())
		return true
	case DropTable:
		return g.dropTable()
	case AddColumn:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		c := g.newColumn(t)
		if c.Identity != "" && !g.full {
			return false
		}
		if c.NotNull && c.Default.IsZero() && c.Identity == "" {
			c.NotNull = false
		}
		t.Columns = append(t.Columns, c)
		return true
	case DropColumn:
		return g.dropColumn()
	case AlterType:
		return g.alterType()
	case AlterNullable:
		t, c := g.someColumn2(func(t *schema.Table, c *schema.Column) bool {
			return !inPrimaryKey(t, c.Name) && c.Identity == "" && !usedByUnique(t, c.Name)
		})
		if c == nil {
			return false
		}
		_ = t
		c.NotNull = !c.NotNull
		return true
	case AlterDefault:
		return g.alterDefault()
	case AlterComment:
		_, c := g.someColumn2(func(*schema.Table, *schema.Column) bool { return true })
		if c == nil {
			return false
		}
		if c.Comment == "" {
			c.Comment = fmt.Sprintf("comment %d on %s", g.next(), c.Name)
		} else {
			c.Comment = ""
		}
		return true
	case TableComment:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		if t.Comment == "" {
			t.Comment = fmt.Sprintf("comment %d", g.next())
		} else {
			t.Comment = ""
		}
		return true
	case AddIndex:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		x := g.newIndex(t)
		if x == nil {
			return false
		}
		if x.Name != "" {
			x.Name += fmt.Sprintf("_%d", g.next())
		}
		t.Indexes = append(t.Indexes, x)
		return true
	case DropIndex:
		t := g.someTable(func(t *schema.Table) bool { return len(droppableIndexes(t)) > 0 })
		if t == nil {
			return false
		}
		ds := droppableIndexes(t)
		drop := ds[g.pick(len(ds))]
		t.Indexes = slices.DeleteFunc(t.Indexes, func(x *schema.Index) bool { return x == drop })
		return true
	case ChangeIndex:
		return g.changeIndex()
	case AddUnique:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		u := g.newUnique(t)
		if u == nil {
			return false
		}
		t.Uniques = append(t.Uniques, u)
		return true
	case DropUnique:
		t := g.someTable(func(t *schema.Table) bool { return len(droppableUniques(g.s, t)) > 0 })
		if t == nil {
			return false
		}
		us := droppableUniques(g.s, t)
		drop := us[g.pick(len(us))]
		t.Uniques = slices.DeleteFunc(t.Uniques, func(u *schema.Unique) bool { return u == drop })
		return true
	case AddCheck:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		t.Checks = append(t.Checks, g.newCheck(t))
		return true
	case DropCheck:
		t := g.someTable(func(t *schema.Table) bool { return len(t.Checks) > 0 })
		if t == nil {
			return false
		}
		t.Checks = slices.Delete(t.Checks, 0, 1)
		return true
	case AddForeignKey:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		ref := g.refTable(t)
		if ref == nil {
			return false
		}
		g.addForeignKey(t, ref)
		return true
	case DropForeignKey:
		t := g.someTable(func(t *schema.Table) bool { return len(t.ForeignKeys) > 0 })
		if t == nil {
			return false
		}
		t.ForeignKeys = slices.Delete(t.ForeignKeys, 0, 1)
		return true
	case ChangeForeignKey:
		t := g.someTable(func(t *schema.Table) bool { return len(t.ForeignKeys) > 0 })
		if t == nil {
			return false
		}
		fk := t.ForeignKeys[g.pick(len(t.ForeignKeys))]
		switch {
		case g.full && g.chance(0.3):
			fk.Deferrable = !fk.Deferrable
			fk.InitiallyDeferred = fk.Deferrable && g.chance(0.5)
		case fk.OnDelete == schema.Cascade:
			fk.OnDelete = schema.SetNull
		default:
			fk.OnDelete = schema.Cascade
		}
		return true
	case AddEnum:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		// A fresh name: a dropped enum's name given to a new one would be
		// a change of its values, which autogen does not generate.
		e := g.newEnum(len(g.s.Enums))
		e.Name = fmt.Sprintf("status_%d", g.next())
		g.s.Enums = append(g.s.Enums, e)
		t.Columns = append(t.Columns, &schema.Column{Name: fmt.Sprintf("state_%d", g.next()), Type: e.Type()})
		return true
	case DropEnum:
		return g.dropEnum()
	case AddEnumValue:
		return g.addEnumValue()
	case ChangeEnumValues:
		return g.changeEnumValues()
	case EnumCheck:
		if len(g.s.Enums) == 0 {
			return false
		}
		e := g.s.Enums[g.pick(len(g.s.Enums))]
		e.SQLiteCheck = !e.SQLiteCheck
		return true
	case AlterIdentity:
		return g.alterIdentity()
	case AlterCollation:
		t, c := g.someColumn2(func(t *schema.Table, c *schema.Column) bool { return textual(c.Type) })
		if c == nil {
			return false
		}
		c.Collation = g.collation(t.Only, c.Collation)
		return true
	case ChangePrimaryKey:
		return g.changePrimaryKey()
	case AddSequence:
		t := g.someTable(func(t *schema.Table) bool { return !partitioned(t) && !only(t, schema.SQLite) })
		if t == nil {
			return false
		}
		c := &schema.Column{Name: g.freshName(t, "ticket"), Type: schema.Integer}
		g.giveSequence(t, c, g.chance(0.5))
		t.Columns = append(t.Columns, c)
		return true
	case DropSequence:
		return g.dropSequence()
	case AlterSequence:
		return g.alterSequence()
	case AddDomain:
		t := g.someTable(nil)
		if t == nil {
			return false
		}
		d := g.newDomain()
		g.s.Domains = append(g.s.Domains, d)
		t.Columns = append(t.Columns, &schema.Column{Name: g.freshName(t, d.Name+"_value"), Type: schema.DomainType(d.Name)})
		return true
	case DropDomain:
		if len(g.s.Domains) == 0 {
			return false
		}
		d := g.s.Domains[g.pick(len(g.s.Domains))]
		for _, t := range g.s.Tables {
			t.Columns = slices.DeleteFunc(t.Columns, func(c *schema.Column) bool {
				return c.Type.Kind == schema.KindDomain && c.Type.Domain == d.Name
			})
		}
		g.s.Domains = slices.DeleteFunc(g.s.Domains, func(x *schema.Domain) bool { return x == d })
		return true
	case AlterDomain:
		return g.alterDomain()
	case AddExtension:
		for _, name := range extensionNames {
			if !slices.ContainsFunc(g.s.Extensions, func(e schema.Extension) bool { return e.Name == name }) {
				g.s.Extensions = append(g.s.Extensions, schema.Extension{Name: name})
				return true
			}
		}
		return false
	case DropExtension:
		if len(g.s.Extensions) == 0 {
			return false
		}
		g.s.Extensions = slices.Delete(g.s.Extensions, 0, 1)
		return true
	}
	return false
}

// someTable picks a table satisfying ok (any table when ok is nil), or nil.
func (g *gen) someTable(ok func(*schema.Table) bool) *schema.Table {
	var cands []*schema.Table
	for _, t := range g.s.Tables {
		if ok == nil || ok(t) {
			cands = append(cands, t)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	return cands[g.pick(len(cands))]
}

// someColumn2 picks a non-key column satisfying ok, with its table.
func (g *gen) someColumn2(ok func(*schema.Table, *schema.Column) bool) (*schema.Table, *schema.Column) {
	type tc struct {
		t *schema.Table
		c *schema.Column
	}
	var cands []tc
	for _, t := range g.s.Tables {
		for _, c := range t.Columns {
			if c.Name != "id" && ok(t, c) {
				cands = append(cands, tc{t, c})
			}
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	x := cands[g.pick(len(cands))]
	return x.t, x.c
}

// coreColumns are the columns every generated table has and that indexes,
// checks and keys refer to; they are never dropped.
var coreColumns = map[string]bool{"id": true, "created": true, "name": true, "kind": true, "deleted": true, "part": true}

func inPrimaryKey(t *schema.Table, col string) bool {
	return t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, col)
}

func usedByUnique(t *schema.Table, col string) bool {
	return slices.ContainsFunc(t.Uniques, func(u *schema.Unique) bool { return slices.Contains(u.Columns, col) })
}

// columnUsed reports whether any key, index or constraint of t uses col.
func columnUsed(t *schema.Table, col string) bool {
	if inPrimaryKey(t, col) || usedByUnique(t, col) {
		return true
	}
	for _, x := range t.Indexes {
		if slices.Contains(x.Columns(), col) || slices.Contains(x.Include, col) {
			return true
		}
	}
	for _, fk := range t.ForeignKeys {
		if slices.Contains(fk.Columns, col) {
			return true
		}
	}
	return false
}

// mentioned reports whether the SQL text of a CHECK or of an index's
// expressions and predicate holds col's name (or a longer name holding it).
func mentioned(t *schema.Table, col string) bool {
	texts := func(s schema.SQL) bool {
		for _, v := range s {
			if strings.Contains(v, col) {
				return true
			}
		}
		return false
	}
	for _, ck := range t.Checks {
		if texts(ck.Expr) {
			return true
		}
	}
	for _, x := range t.Indexes {
		if texts(x.Where) {
			return true
		}
		for _, k := range x.Keys {
			if texts(k.Expr) {
				return true
			}
		}
	}
	return false
}

func (g *gen) dropTable() bool {
	t := g.someTable(nil)
	if t == nil || len(g.s.Tables) < 2 {
		return false
	}
	if g.ownsSharedSequence(t, "") {
		return false
	}
	g.s.Tables = slices.DeleteFunc(g.s.Tables, func(x *schema.Table) bool { return x == t })
	// Foreign keys to it go too (their columns stay).
	for _, o := range g.s.Tables {
		o.ForeignKeys = slices.DeleteFunc(o.ForeignKeys, func(fk *schema.ForeignKey) bool { return fk.RefTable == t.Name })
	}
	return true
}

func (g *gen) dropColumn() bool {
	t, c := g.someColumn2(func(t *schema.Table, c *schema.Column) bool {
		return !coreColumns[c.Name] && !columnUsed(t, c.Name) && !g.ownsSharedSequence(t, c.Name)
	})
	if c == nil {
		return false
	}
	t.Columns = slices.DeleteFunc(t.Columns, func(x *schema.Column) bool { return x == c })
	return true
}

// typeChanges maps a type to types it converts to without USING on
// PostgreSQL.
func typeChange(t schema.Type) (schema.Type, bool) {
	switch t.Kind {
	case schema.KindInteger:
		return schema.BigInt, true
	case schema.KindBigInt:
		return schema.Integer, true
	case schema.KindSmallInt:
		return schema.Integer, true
	case schema.KindVarchar:
		if t.Length > 0 {
			return schema.Varchar(t.Length + 50), true
		}
		return schema.Text, true
	case schema.KindText:
		return schema.String, true
	case schema.KindNumeric:
		if t.Precision > 0 {
			return schema.Numeric(t.Precision+2, t.Scale), true
		}
		return schema.Numeric(12, 2), true
	case schema.KindTimestamp:
		return schema.TimestampTZ, true
	case schema.KindTimestampTZ:
		return schema.Timestamp, true
	case schema.KindFloat:
		return schema.Real, true
	case schema.KindReal:
		return schema.Float, true
	case schema.KindChar:
		return schema.Varchar(max(t.Length, 1)), true
	}
	return schema.Type{}, false
}

func (g *gen) alterType() bool {
	t, c := g.someColumn2(func(t *schema.Table, c *schema.Column) bool {
		_, ok := typeChange(c.Type)
		// Key columns and columns that foreign keys use keep their types
		// (the referenced side would have to change with them), as does a
		// partition key.
		return ok && !inPrimaryKey(t, c.Name) && !slices.ContainsFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool {
			return slices.Contains(fk.Columns, c.Name)
		}) && c.Identity == "" && c.Default.Kind != schema.DefaultExpr && !(partitioned(t) && c.Name == "created")
	})
	if c == nil {
		return false
	}
	// Now and then a change across kinds that PostgreSQL converts only
	// with an explicit cast (text to jsonb, varchar to integer, and back),
	// on a column no key, index or constraint uses, nor a later change
	// (the core columns, which indexes and CHECKs added later name).
	if g.full && !coreColumns[c.Name] && c.Default.IsZero() && len(c.Collation) == 0 && !columnUsed(t, c.Name) && !mentioned(t, c.Name) && g.chance(0.3) {
		switch c.Type.Kind {
		case schema.KindText:
			c.Type = schema.JSON
			return true
		case schema.KindVarchar:
			c.Type = schema.Integer
			return true
		}
	}
	c.Type, _ = typeChange(c.Type)
	return true
}

// defaultFor returns a default for a column of type typ, different from
// old when it can.
func (g *gen) defaultFor(typ schema.Type, old schema.Default) (schema.Default, bool) {
	var opts []schema.Default
	switch typ.Kind {
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindNumeric, schema.KindFloat, schema.KindReal:
		opts = []schema.Default{schema.NumberDefault("0"), schema.NumberDefault("7")}
	case schema.KindText, schema.KindVarchar:
		opts = []schema.Default{schema.StringDefault("a"), schema.StringDefault("b'c")}
		if g.full {
			opts = append(opts, schema.StringDefault("pg").On(schema.SQLite, "'lite'"))
		}
	case schema.KindBoolean:
		opts = []schema.Default{schema.True, schema.False}
	case schema.KindTimestamp, schema.KindTimestampTZ:
		opts = []schema.Default{schema.Now}
	case schema.KindUUID:
		opts = []schema.Default{schema.GenerateUUID}
	case schema.KindJSON:
		opts = []schema.Default{schema.StringDefault("{}"), schema.StringDefault("[]")}
	case schema.KindEnum:
		if e := g.s.Enum(typ.Enum); e != nil {
			for _, v := range e.Values {
				opts = append(opts, schema.StringDefault(v))
			}
		}
	}
	opts = slices.DeleteFunc(opts, func(d schema.Default) bool { return d.Equal(old) })
	if len(opts) == 0 {
		return schema.Default{}, false
	}
	return opts[g.pick(len(opts))], true
}

func (g *gen) alterDefault() bool {
	_, c := g.someColumn2(func(t *schema.Table, c *schema.Column) bool {
		if c.Identity != "" || c.Default.Kind == schema.DefaultExpr {
			return false
		}
		_, ok := g.defaultFor(c.Type, c.Default)
		return ok || !c.Default.IsZero()
	})
	if c == nil {
		return false
	}
	if !c.Default.IsZero() && (!c.NotNull && g.chance(0.4)) {
		c.Default = schema.Default{}
		return true
	}
	if d, ok := g.defaultFor(c.Type, c.Default); ok {
		c.Default = d
		return true
	}
	if c.NotNull {
		return false
	}
	c.Default = schema.Default{}
	return true
}

// droppableIndexes lists the indexes of t that no foreign key needs.
func droppableIndexes(t *schema.Table) []*schema.Index {
	return slices.Clone(t.Indexes)
}

// droppableUniques lists the unique constraints of t that no foreign key
// references.
func droppableUniques(s *schema.Schema, t *schema.Table) []*schema.Unique {
	var out []*schema.Unique
	for _, u := range t.Uniques {
		if !slices.Equal(u.Columns, []string{"id"}) {
			out = append(out, u)
		}
	}
	return out
}

func (g *gen) changeIndex() bool {
	t := g.someTable(func(t *schema.Table) bool {
		return slices.ContainsFunc(t.Indexes, func(x *schema.Index) bool { return len(x.Keys) > 0 && x.Method == "" })
	})
	if t == nil {
		return false
	}
	var cands []*schema.Index
	for _, x := range t.Indexes {
		if x.Method == "" {
			cands = append(cands, x)
		}
	}
	x := cands[g.pick(len(cands))]
	k := &x.Keys[len(x.Keys)-1]
	switch {
	case g.chance(0.5):
		k.Desc = !k.Desc
	case x.Where.IsZero() && !x.Unique:
		x.Where = schema.Expr("deleted IS NULL")
	case g.full && k.Column != "" && textual(t.Column(k.Column).Type) && g.chance(0.5):
		// Only on the key's own dialects (an index's restriction, or its
		// table's).
		only := x.Only
		if len(only) == 0 {
			only = t.Only
		}
		k.Collation = g.collation(only, k.Collation)
	case partitioned(t) && !x.Unique && !slices.Contains(x.Columns(), "created"):
		k.Desc = !k.Desc
	default:
		x.Unique = !x.Unique
		if x.NullsNotDistinct {
			x.NullsNotDistinct = x.Unique
		}
	}
	return true
}

// ownsSharedSequence reports whether column (any column when "") of t owns
// a sequence that a column elsewhere draws from: dropping the owner would
// drop the sequence under the other column's default.
func (g *gen) ownsSharedSequence(t *schema.Table, column string) bool {
	for _, q := range g.s.Sequences {
		if q.OwnerTable != t.Name || column != "" && q.OwnerColumn != column {
			continue
		}
		for _, o := range g.s.Tables {
			for _, c := range o.Columns {
				if c.Default.Kind == schema.DefaultSequence && c.Default.Value == q.Name && (o != t || c.Name != q.OwnerColumn) {
					return true
				}
			}
		}
	}
	return false
}

func (g *gen) dropEnum() bool {
	// Only an enum whose columns nothing else uses: the columns go with it.
	var cands []*schema.Enum
	for _, e := range g.s.Enums {
		used := false
		for _, t := range g.s.Tables {
			for _, c := range t.Columns {
				if enumOf(c.Type) == e.Name && columnUsed(t, c.Name) {
					used = true
				}
			}
		}
		if !used {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		return false
	}
	e := cands[g.pick(len(cands))]
	g.s.Enums = slices.DeleteFunc(g.s.Enums, func(x *schema.Enum) bool { return x == e })
	for _, t := range g.s.Tables {
		t.Columns = slices.DeleteFunc(t.Columns, func(c *schema.Column) bool {
			return enumOf(c.Type) == e.Name
		})
	}
	return true
}

// enumOf returns the enum a column of type t holds values of (as itself or
// as an array's elements), or "".
func enumOf(t schema.Type) string {
	for t.Kind == schema.KindArray && t.Elem != nil {
		t = *t.Elem
	}
	if t.Kind == schema.KindEnum {
		return t.Enum
	}
	return ""
}

// Describe summarises a schema's size: tables, columns, indexes, foreign
// keys, enums.
func Describe(s *schema.Schema) string {
	var cols, idx, fks, checks, uniques int
	for _, t := range s.Tables {
		cols += len(t.Columns)
		idx += len(t.Indexes)
		fks += len(t.ForeignKeys)
		checks += len(t.Checks)
		uniques += len(t.Uniques)
	}
	parts := []string{
		fmt.Sprintf("%d tables", len(s.Tables)),
		fmt.Sprintf("%d columns", cols),
		fmt.Sprintf("%d indexes", idx),
		fmt.Sprintf("%d foreign keys", fks),
		fmt.Sprintf("%d checks", checks),
		fmt.Sprintf("%d uniques", uniques),
		fmt.Sprintf("%d enums", len(s.Enums)),
	}
	for _, o := range []struct {
		n    int
		what string
	}{{len(s.Sequences), "sequences"}, {len(s.Domains), "domains"}, {len(s.Extensions), "extensions"}} {
		if o.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", o.n, o.what))
		}
	}
	return strings.Join(parts, ", ")
}
