// Package schemagen writes synthetic schema models, deterministic by seed,
// for benchmarks and property tests: N tables shaped like an application's
// (UUID keys with server defaults, mixed column types, enums, CHECKs,
// unique, composite, partial, DESC and expression indexes, foreign keys to
// earlier tables), and mutations of a schema made of K changes of every
// kind that autogen generates operations for. With Full set, schemas use
// every construct of package schema, and mutations change each of them.
//
// It produces schema.Schema values, never SQL: a schema is built on a
// database with diff.CreateOps and migrations.Apply, so the same value
// builds on PostgreSQL and SQLite. Every schema it returns resolves
// (schema.Schema.Resolve) without error.
package schemagen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/autogen-dev/autogen/schema"
)

// Config says what Generate writes.
type Config struct {
	// Tables is the number of tables.
	Tables int
	// Seed makes the output deterministic: the same Config gives the same
	// schema.
	Seed uint64
	// Full turns on every construct of the model, for property tests:
	// every column type (arrays on PostgreSQL-only tables), per-dialect
	// defaults, identity, serial and AUTOINCREMENT columns, sequences,
	// domains, extensions, enums with SQLite CHECKs, composite and integer
	// keys, unique and check constraints (IN lists among them), every
	// referential action, deferrable foreign keys and foreign-key cycles,
	// INCLUDE, GIN with operator classes, NULLS FIRST/LAST, per-dialect
	// collations of columns and index keys, comments, partitioned tables,
	// and tables and indexes restricted to one dialect. Without it the
	// schema is the realistic one the benchmarks use, valid on both
	// dialects with no dialect-only objects.
	Full bool
}

// Generate returns a model of cfg.Tables tables (unresolved: most index and
// constraint names are left to the Prefect-style naming convention).
//
// With Full off, a table has 8–12 columns (10 on average), 2–4 indexes plus
// a unique one on every fifth table (3.2 on average), and one or two
// foreign keys to earlier tables (1.5 on average); every fourth table has
// an enum column and every third a CHECK constraint. 1,000 tables thus make
// about 10,000 columns, 3,200 indexes and 1,500 foreign keys.
func Generate(cfg Config) *schema.Schema {
	g := &gen{rng: rand.New(rand.NewPCG(cfg.Seed, 0x5eed)), full: cfg.Full}
	s := &schema.Schema{Naming: &schema.PrefectNaming}
	g.s = s
	nEnums := max(1, cfg.Tables/25)
	if cfg.Full {
		nEnums = 1 + g.rng.IntN(3)
	}
	for i := range nEnums {
		s.Enums = append(s.Enums, g.newEnum(i))
	}
	if cfg.Full {
		g.addObjects()
	}
	for range cfg.Tables {
		s.Tables = append(s.Tables, g.newTable())
	}
	if cfg.Full {
		g.addCycles()
		g.useDomains()
	}
	return s
}

// gen holds the state of one generation or mutation.
type gen struct {
	rng  *rand.Rand
	full bool
	s    *schema.Schema
	// seq numbers new objects so that names never repeat.
	seq int
	// tableSeq is the next table number, so that a dropped table's name
	// is not given to a new table.
	tableSeq int
}

func (g *gen) next() int { g.seq++; return g.seq }

// chance returns true with probability p.
func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *gen) pick(n int) int { return g.rng.IntN(n) }

var enumWords = []string{"READY", "NOT_READY", "PAUSED", "RUNNING", "FAILED", "DONE", "CANCELLING", "SCHEDULED"}

func (g *gen) newEnum(i int) *schema.Enum {
	n := 2 + g.pick(4)
	start := g.pick(len(enumWords))
	e := &schema.Enum{Name: fmt.Sprintf("status_%02d", i)}
	for j := range n {
		e.Values = append(e.Values, enumWords[(start+j)%len(enumWords)])
	}
	if g.full {
		e.SQLiteCheck = g.chance(0.5)
	}
	return e
}

// nextTableNumber returns a table number above every table of s.
func nextTableNumber(s *schema.Schema) int {
	n := 0
	for _, t := range s.Tables {
		if i, err := strconv.Atoi(t.Name[1:]); err == nil && i >= n {
			n = i + 1
		}
	}
	return n
}

// tableName names the n-th table.
func tableName(n int) string { return fmt.Sprintf("t%04d", n) }

// newTable returns a new table; its foreign keys reference tables already
// in g.s of the same dialects.
func (g *gen) newTable() *schema.Table {
	n := max(nextTableNumber(g.s), g.tableSeq)
	g.tableSeq = n + 1
	t := &schema.Table{Name: tableName(n)}
	if g.full && g.chance(0.15) {
		t.Only = []schema.Dialect{schema.Dialects[g.pick(2)]}
	}
	t.Columns = []*schema.Column{
		{Name: "id", Type: schema.UUID, NotNull: true, Default: schema.GenerateUUID},
		{Name: "created", Type: schema.TimestampTZ, NotNull: true, Default: schema.Now},
		{Name: "name", Type: schema.Varchar(100), NotNull: true},
		{Name: "kind", Type: schema.Varchar(20), NotNull: true, Default: schema.StringDefault("plain")},
		{Name: "deleted", Type: schema.TimestampTZ},
	}
	t.PrimaryKey = &schema.PrimaryKey{Columns: []string{"id"}}
	if g.full {
		g.keyShape(t)
	}
	if g.full && g.chance(0.1) && !partitioned(t) && t.Column("id").Type.Kind == schema.KindUUID {
		// A composite primary key.
		t.Columns = append(t.Columns, &schema.Column{Name: "part", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("0")})
		t.PrimaryKey.Columns = append(t.PrimaryKey.Columns, "part")
	}
	if g.full && g.chance(0.3) {
		t.Comment = "table " + t.Name + "'s comment"
	}

	// Foreign keys to earlier tables, 1–2 (the first table has none).
	nfk := 0
	if len(g.s.Tables) > 0 {
		nfk = 1 + g.pick(2)
		if g.full {
			nfk = g.pick(3)
		}
	}
	for range nfk {
		ref := g.refTable(t)
		if ref == nil {
			break
		}
		g.addForeignKey(t, ref)
	}

	// Other columns up to 8–12 in all.
	want := 8 + g.pick(5)
	if g.full {
		want = 6 + g.pick(6)
	}
	if len(g.s.Enums) > 0 && (g.full && g.chance(0.4) || !g.full && n%4 == 0) {
		e := g.s.Enums[g.pick(len(g.s.Enums))]
		c := &schema.Column{Name: "status", Type: e.Type()}
		if g.chance(0.5) {
			c.NotNull, c.Default = true, schema.StringDefault(e.Values[0])
		}
		t.Columns = append(t.Columns, c)
		if g.full && only(t, schema.Postgres) && g.chance(0.5) {
			t.Columns = append(t.Columns, &schema.Column{Name: "statuses", Type: schema.ArrayOf(e.Type())})
		}
	}
	for len(t.Columns) < want {
		t.Columns = append(t.Columns, g.newColumn(t))
	}

	// Indexes: 2–4 in all, plus a unique one on every fifth table.
	nidx := 2 + g.pick(3)
	if !g.full && n%5 == 0 {
		nidx++
	}
	if g.full {
		nidx = g.pick(5)
	} else {
		nidx -= len(t.Indexes) // the foreign keys' indexes count
	}
	for range nidx {
		if x := g.newIndex(t); x != nil {
			t.Indexes = append(t.Indexes, x)
		}
	}
	if !g.full && n%5 == 0 && !hasUniqueIndex(t) {
		t.Indexes = append(t.Indexes, g.uniqueIndex(t))
	}
	if (!g.full && n%3 == 0) || (g.full && g.chance(0.4)) {
		t.Checks = append(t.Checks, g.newCheck(t))
	}
	if g.full && g.chance(0.3) {
		if u := g.newUnique(t); u != nil {
			t.Uniques = append(t.Uniques, u)
		}
	}
	if g.full && g.chance(0.2) && !partitioned(t) && (len(t.Only) == 0 || !g.chance(0.5)) {
		// A primary key named explicitly, not by the convention.
		t.PrimaryKey.Name = "pk_" + t.Name + "_" + strconv.Itoa(g.next())
	}
	return t
}

func hasUniqueIndex(t *schema.Table) bool {
	return slices.ContainsFunc(t.Indexes, func(x *schema.Index) bool { return x.Unique })
}

// refTable picks a table that t may reference: one that exists on every
// dialect t exists on, and is not partitioned (its key includes the
// partition key).
func (g *gen) refTable(t *schema.Table) *schema.Table {
	var cands []*schema.Table
	for _, r := range g.s.Tables {
		if r != t && covers(r.Only, t.Only) && !partitioned(r) {
			cands = append(cands, r)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Prefer recent tables, as applications do, but reach back too.
	if g.chance(0.7) {
		return cands[len(cands)-1-g.pick(min(len(cands), 20))]
	}
	return cands[g.pick(len(cands))]
}

// covers reports whether an object restricted to outer exists wherever one
// restricted to inner does.
func covers(outer, inner []schema.Dialect) bool {
	for _, d := range schema.Dialects {
		if schema.AppliesTo(inner, d) && !schema.AppliesTo(outer, d) {
			return false
		}
	}
	return true
}

var actions = []schema.Action{schema.NoAction, schema.Cascade, schema.SetNull, schema.Restrict, schema.SetDefault}

// addForeignKey adds a nullable column to t referencing ref's id, of the
// id's type.
func (g *gen) addForeignKey(t, ref *schema.Table) {
	col := fmt.Sprintf("%s_id", ref.Name)
	for t.Column(col) != nil {
		col = fmt.Sprintf("%s_id%d", ref.Name, g.next())
	}
	t.Columns = append(t.Columns, &schema.Column{Name: col, Type: ref.Column("id").Type})
	fk := &schema.ForeignKey{Columns: []string{col}, RefTable: ref.Name, RefColumns: []string{"id"}}
	// A composite key, or none: reference a unique id instead.
	ensureUniqueID(ref)
	if g.full {
		fk.OnDelete = actions[g.pick(len(actions))]
		fk.OnUpdate = actions[g.pick(len(actions))]
		if g.chance(0.2) {
			fk.Deferrable = true
			fk.InitiallyDeferred = g.chance(0.5)
		}
	} else if g.chance(0.5) {
		fk.OnDelete = schema.Cascade
	} else {
		fk.OnDelete = schema.SetNull
	}
	t.ForeignKeys = append(t.ForeignKeys, fk)
	if !g.full || g.chance(0.5) {
		t.Indexes = append(t.Indexes, &schema.Index{Keys: schema.Cols(col)})
	}
}

// ensureUniqueID gives a table with a composite primary key a unique
// constraint on id, so that foreign keys can reference it.
func ensureUniqueID(t *schema.Table) {
	if !t.HasUniqueKey([]string{"id"}) {
		t.Uniques = append(t.Uniques, &schema.Unique{Columns: []string{"id"}})
	}
}

// columnKind is a column shape Generate picks from; pgOnly ones go only
// into tables restricted to PostgreSQL, sqlite ones into tables restricted
// to SQLite.
type columnKind struct {
	name   string
	full   bool // only with Full
	pgOnly bool
	sqlite bool // only on SQLite-only tables
	make   func(g *gen) schema.Column
	// seq gives the column a sequence of its own after it is named: its
	// default draws from it, and "serial" makes the column own it.
	seq string
}

// columnKinds are the column shapes of every schema; Full schemas pick
// from fullKinds too.
var columnKinds = []columnKind{
	{name: "amount", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Numeric(10, 2), Default: schema.NumberDefault("0")}
	}},
	{name: "active", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Boolean, NotNull: true, Default: schema.False}
	}},
	{name: "payload", make: func(g *gen) schema.Column { return schema.Column{Type: schema.JSON} }},
	{name: "note", make: func(g *gen) schema.Column { return schema.Column{Type: schema.Text} }},
	{name: "counter", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("1")}
	}},
	{name: "score", make: func(g *gen) schema.Column { return schema.Column{Type: schema.Float} }},
	{name: "code", make: func(g *gen) schema.Column { return schema.Column{Type: schema.Char(8)} }},
	{name: "tags", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")}
	}},
	{name: "updated", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.TimestampTZ, NotNull: true, Default: schema.Now}
	}},
	{name: "total", make: func(g *gen) schema.Column { return schema.Column{Type: schema.BigInt} }},
	{name: "day", make: func(g *gen) schema.Column { return schema.Column{Type: schema.Date} }},
	{name: "label", make: func(g *gen) schema.Column { return schema.Column{Type: schema.String} }},
	{name: "blob", full: true, make: func(g *gen) schema.Column { return schema.Column{Type: schema.Bytes} }},
	{name: "small", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.SmallInt, Default: schema.NumberDefault("-1")}
	}},
	{name: "ratio", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Real, Default: schema.NumberDefault("1.5")}
	}},
	{name: "price", full: true, make: func(g *gen) schema.Column { return schema.Column{Type: schema.Numeric(0, 0)} }},
	{name: "raw_json", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.JSONText, Default: schema.StringDefault("{}")}
	}},
	{name: "naive", full: true, make: func(g *gen) schema.Column { return schema.Column{Type: schema.Timestamp} }},
	{name: "at", full: true, make: func(g *gen) schema.Column { return schema.Column{Type: schema.Time} }},
	{name: "run_time", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Interval, NotNull: true, Default: schema.StringDefault("0")}
	}},
	{name: "quoted", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Text, Default: schema.StringDefault("it's \"here\"")}
	}},
	{name: "per_dialect", full: true, make: func(g *gen) schema.Column {
		// A literal with a per-dialect override.
		return schema.Column{Type: schema.Varchar(40), Default: schema.StringDefault("pg").On(schema.SQLite, "'lite'")}
	}},
	{name: "computed", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Integer, Default: schema.ExprDefault(schema.SQL{
			schema.Postgres: "(2 * 3)",
			schema.SQLite:   "2 * 3",
		})}
	}},
	{name: "today", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Date, Default: schema.ExprDefault(schema.Expr("CURRENT_DATE"))}
	}},
	{name: "flag", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Boolean, Default: schema.True}
	}},
	{name: "uid", full: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.UUID, Default: schema.GenerateUUID}
	}},
	{name: "numbers", full: true, pgOnly: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.ArrayOf(schema.Integer)}
	}},
	{name: "words", full: true, pgOnly: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.ArrayOf(schema.Text), NotNull: true, Default: schema.ExprDefault(schema.SQL{schema.Postgres: "'{}'::text[]"})}
	}},
	{name: "seq", full: true, pgOnly: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.BigInt, NotNull: true, Identity: "by default"}
	}},
	{name: "addr", full: true, pgOnly: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.NativeType(schema.SQL{schema.Postgres: "inet"})}
	}},
	{name: "c_name", full: true, pgOnly: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Text, Collation: schema.Collate("C")}
	}},
	{name: "nocase", full: true, sqlite: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Text, Collation: schema.Collate("NOCASE")}
	}},
	{name: "decimal", full: true, sqlite: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.NativeType(schema.SQL{schema.SQLite: "DECIMAL(12, 4)"})}
	}},
}

// fullKinds are the column shapes only Full schemas have.
var fullKinds = []columnKind{
	{name: "sorted", make: func(g *gen) schema.Column {
		// A collation per dialect, or on one dialect only.
		return schema.Column{Type: schema.Varchar(60), Collation: g.collation(nil, nil)}
	}},
	{name: "number", make: func(g *gen) schema.Column {
		kinds := []string{schema.IdentityAlways, schema.IdentityByDefault}
		return schema.Column{Type: schema.BigInt, NotNull: true, Identity: kinds[g.pick(2)]}
	}},
	{name: "ticket", seq: "default", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Integer}
	}},
	{name: "serial", seq: "serial", make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.Integer, NotNull: true}
	}},
	{name: "payload_at", pgOnly: true, make: func(g *gen) schema.Column {
		return schema.Column{Type: schema.NativeType(schema.Expr("macaddr"))}
	}},
}

// only reports whether t is restricted to exactly dialect d.
func only(t *schema.Table, d schema.Dialect) bool {
	return len(t.Only) == 1 && t.Only[0] == d
}

// newColumn returns a column for t whose name t does not have yet.
func (g *gen) newColumn(t *schema.Table) *schema.Column {
	for {
		var k columnKind
		if n := len(columnKinds); g.full {
			if i := g.pick(n + len(fullKinds)); i < n {
				k = columnKinds[i]
			} else {
				k = fullKinds[i-n]
			}
		} else {
			k = columnKinds[g.pick(n)]
		}
		if (k.full && !g.full) || (k.pgOnly && !only(t, schema.Postgres)) || (k.sqlite && !only(t, schema.SQLite)) ||
			(partitioned(t) && (k.seq != "" || k.name == "number")) || (k.seq != "" && only(t, schema.SQLite)) {
			continue
		}
		c := k.make(g)
		c.Name = k.name
		if t.Column(c.Name) != nil {
			c.Name = k.name + "_" + strconv.Itoa(g.next())
		}
		if g.full && g.chance(0.15) {
			c.Comment = "column " + c.Name + "'s comment"
		}
		if len(g.s.Domains) > 0 && g.full && g.chance(0.08) {
			// A column of a domain type instead.
			d := g.s.Domains[g.pick(len(g.s.Domains))]
			c = schema.Column{Name: c.Name, Type: schema.DomainType(d.Name), Comment: c.Comment}
		} else if k.seq != "" {
			g.giveSequence(t, &c, k.seq == "serial")
		}
		return &c
	}
}

// newIndex returns an index on t of a random shape, or nil when t has no
// room for one.
func (g *gen) newIndex(t *schema.Table) *schema.Index {
	pg := only(t, schema.Postgres)
	shapes := 6
	if g.full {
		shapes = 13
	}
	for try := 0; try < 20; try++ {
		x := &schema.Index{}
		switch g.pick(shapes) {
		case 0: // plain, on a random column
			x.Keys = schema.Cols(g.someColumn(t))
		case 1: // composite
			x.Keys = schema.Cols("kind", g.someColumn(t))
		case 2: // unique composite
			x.Unique = true
			x.Keys = schema.Cols("name", "kind")
		case 3: // partial
			x.Keys = schema.Cols("created")
			x.Where = schema.Expr("deleted IS NULL")
		case 4: // DESC
			x.Keys = []schema.IndexKey{{Column: "kind"}, {Column: "created", Desc: true}}
		case 5: // expression
			x.Name = "ix_" + t.Name + "__lower_name"
			x.Keys = []schema.IndexKey{{Expr: schema.Expr("lower(name)")}}
		case 6: // expression and partial predicate per dialect, DESC
			x.Name = "ix_" + t.Name + "__name_len"
			x.Keys = []schema.IndexKey{{Expr: schema.SQL{schema.Postgres: "char_length(name)", schema.SQLite: "length(name)"}, Desc: true}}
			x.Where = schema.SQL{schema.Postgres: "kind <> 'x'::text", schema.SQLite: "kind <> 'x'"}
		case 7: // INCLUDE, PostgreSQL only
			x.Keys = schema.Cols("name")
			x.Include = []string{"kind"}
			x.Only = []schema.Dialect{schema.Postgres}
			x.Name = "ix_" + t.Name + "__name_incl"
		case 8: // GIN with an operator class, PostgreSQL only
			col := g.jsonColumn(t)
			if col == "" {
				continue
			}
			x.Name = "ix_" + t.Name + "__" + col + "_gin"
			x.Method = "gin"
			x.Keys = []schema.IndexKey{{Column: col, Opclass: "jsonb_path_ops"}}
			x.Only = []schema.Dialect{schema.Postgres}
		case 9: // collation and NULLS placement: per dialect
			if pg || g.chance(0.5) && !only(t, schema.SQLite) {
				x.Name = "ix_" + t.Name + "__name_c"
				x.Keys = []schema.IndexKey{{Column: "name", Collation: schema.Collate("C"), Nulls: "first", Desc: true}}
				x.Only = []schema.Dialect{schema.Postgres}
			} else {
				x.Name = "ix_" + t.Name + "__name_nocase"
				x.Keys = []schema.IndexKey{{Column: "name", Collation: schema.Collate("NOCASE")}}
				x.Only = []schema.Dialect{schema.SQLite}
			}
		case 10: // unique NULLS NOT DISTINCT, PostgreSQL only
			x.Name = "ix_" + t.Name + "__kind_nnd"
			x.Unique, x.NullsNotDistinct = true, true
			x.Keys = schema.Cols("kind", "deleted")
			x.Only = []schema.Dialect{schema.Postgres}
		case 11: // a GIN index with no restriction: plain on SQLite
			col := g.jsonColumn(t)
			if col == "" {
				continue
			}
			x.Name = "ix_" + t.Name + "__" + col + "_any_gin"
			x.Method = "gin"
			x.Keys = schema.Cols(col)
		case 12: // a key collated per dialect
			x.Name = "ix_" + t.Name + "__name_collated"
			x.Keys = []schema.IndexKey{{Column: "name", Collation: g.collation(t.Only, nil)}, {Column: "kind"}}
			if x.Keys[0].Collation == nil {
				continue
			}
		}
		if !indexFits(t, x) {
			continue
		}
		return x
	}
	return nil
}

// jsonColumn returns the name of a jsonb column of t, or "".
func (g *gen) jsonColumn(t *schema.Table) string {
	for _, c := range t.Columns {
		if c.Type.Kind == schema.KindJSON {
			return c.Name
		}
	}
	return ""
}

// indexFits reports whether x may be added to t: its dialects are t's, no
// index of t has the same keys or the same explicit name, and on a
// partitioned table a unique index includes the partition key.
func indexFits(t *schema.Table, x *schema.Index) bool {
	if len(x.Only) > 0 && len(t.Only) > 0 && !slices.Equal(x.Only, t.Only) {
		return false
	}
	if partitioned(t) && x.Unique && !slices.Contains(x.Columns(), "created") {
		return false
	}
	if len(x.Only) > 0 && len(t.Only) > 0 {
		x.Only = nil // the table's restriction is enough
	}
	for _, y := range t.Indexes {
		if x.Name != "" && y.Name == x.Name {
			return false
		}
		if x.Name == "" && y.Name == "" && slices.Equal(x.Columns(), y.Columns()) {
			return false // the convention would give both the same name
		}
	}
	return true
}

// someColumn returns a column of t other than id.
func (g *gen) someColumn(t *schema.Table) string {
	for {
		c := t.Columns[1+g.pick(len(t.Columns)-1)]
		if c.Type.Kind != schema.KindJSON && c.Type.Kind != schema.KindJSONText && c.Type.Kind != schema.KindArray &&
			c.Type.Kind != schema.KindNative && c.Type.Kind != schema.KindDomain {
			return c.Name
		}
	}
}

func (g *gen) uniqueIndex(t *schema.Table) *schema.Index {
	return &schema.Index{Unique: true, Keys: schema.Cols("name", "kind")}
}

func (g *gen) newCheck(t *schema.Table) *schema.Check {
	n := g.next()
	switch g.pick(3) {
	case 0:
		return &schema.Check{Name: fmt.Sprintf("name_nonempty_%d", n), Expr: schema.Expr("length(name) > 0")}
	case 1:
		if g.full && g.chance(0.3) {
			return &schema.Check{Name: fmt.Sprintf("kind_known_%d", n), Expr: schema.Expr("kind <> 'never'")}
		}
		return &schema.Check{Name: fmt.Sprintf("kind_known_%d", n), Expr: schema.Expr("kind IN ('plain', 'fancy', 'x')")}
	}
	// Written differently per dialect.
	return &schema.Check{Name: fmt.Sprintf("created_set_%d", n), Expr: schema.SQL{
		schema.Postgres: "created > '2000-01-01 00:00:00+00'::timestamp with time zone",
		schema.SQLite:   "created > '2000-01-01'",
	}}
}

func (g *gen) newUnique(t *schema.Table) *schema.Unique {
	cands := [][]string{{"name"}, {"kind", "created"}, {"name", "created"}}
	for _, cols := range cands {
		taken := slices.ContainsFunc(t.Uniques, func(u *schema.Unique) bool { return slices.Equal(u.Columns, cols) })
		if !taken && !(t.PrimaryKey != nil && slices.Equal(t.PrimaryKey.Columns, cols)) &&
			(!partitioned(t) || slices.Contains(cols, "created")) {
			return &schema.Unique{Columns: cols}
		}
	}
	return nil
}

// addCycles makes a few foreign keys point forward, closing cycles.
func (g *gen) addCycles() {
	n := len(g.s.Tables)
	if n < 2 || !g.chance(0.5) {
		return
	}
	for range 1 + g.pick(2) {
		from := g.s.Tables[g.pick(n-1)]
		to := g.s.Tables[len(g.s.Tables)-1-g.pick(2)]
		if from == to || !covers(to.Only, from.Only) || partitioned(to) {
			continue
		}
		g.addForeignKey(from, to)
	}
}
