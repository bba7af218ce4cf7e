// Package schema is autogen's declarative model of a database schema: tables,
// columns, types, defaults, keys, indexes, constraints and enums, with
// per-dialect variants and a naming convention for generated names.
//
// The same plain values describe a model written in Go and a schema reflected
// from a live database. Values are trees (objects refer to each other by name,
// never by pointer), so two schemas compare directly with go-cmp. The package
// knows nothing about connections or SQL execution.
package schema

// Dialect names a SQL dialect autogen supports.
type Dialect string

// The supported dialects. The strings are the names used on disk
// (versions/postgresql, versions/sqlite) and on the command line.
const (
	Postgres Dialect = "postgresql"
	SQLite   Dialect = "sqlite"
)

// Dialects lists every supported dialect, in a fixed order.
var Dialects = []Dialect{Postgres, SQLite}

// Valid reports whether d is a supported dialect.
func (d Dialect) Valid() bool { return d == Postgres || d == SQLite }

// Title is the dialect's display name ("PostgreSQL", "SQLite").
func (d Dialect) Title() string {
	switch d {
	case Postgres:
		return "PostgreSQL"
	case SQLite:
		return "SQLite"
	}
	return string(d)
}

type (
	// Schema is a whole database schema: enums, tables, extensions and the
	// naming convention used for generated constraint and index names.
	Schema struct {
		Enums      []*Enum           `json:"enums,omitempty"`
		Tables     []*Table          `json:"tables,omitempty"`
		Extensions []Extension       `json:"extensions,omitempty"`
		Naming     *NamingConvention `json:"naming,omitempty"`
		// Sequences and Domains are PostgreSQL objects the tables use: a
		// sequence a column's default draws from or that a column owns
		// (serial columns), a domain a column has as its type. Sequences
		// and domains nothing in the schema uses are unmanaged.
		Sequences []*Sequence `json:"sequences,omitempty"`
		Domains   []*Domain   `json:"domains,omitempty"`
		// Unmanaged lists what reflection found but autogen does not
		// manage: views, triggers, functions, rules, partitions, … They are
		// reported, never compared, altered or dropped. Reflection fills
		// it; in a model it is ignored.
		Unmanaged []UnmanagedObject `json:"unmanaged,omitempty"`
	}

	// Extension is a PostgreSQL extension the schema needs (CREATE EXTENSION).
	Extension struct {
		Name string `json:"name"`
	}

	// Enum is an enumerated type: a native type on PostgreSQL, a VARCHAR sized
	// to the longest value on SQLite.
	Enum struct {
		Name   string   `json:"name"`
		Values []string `json:"values"`
		// SQLiteCheck adds, on SQLite, a CHECK constraint to every column
		// of the enum's type that allows only its values, as SQLAlchemy's
		// Enum(create_constraint=True) does. It is named by the naming
		// convention's check template with the enum's name as the
		// constraint name (the column's name is appended when a table has
		// two such columns), and left unnamed without one.
		SQLiteCheck bool `json:"sqlite_check,omitempty"`
	}

	// Sequence is a PostgreSQL sequence. Zero numbers mean PostgreSQL's
	// defaults (increment 1, minimum 1, the type's maximum, start at the
	// minimum, cache 1); reflection writes them as zero when they are the
	// defaults, so that equal sequences compare equal.
	Sequence struct {
		Name string `json:"name"`
		// Type is smallint, integer or bigint; the zero Type is bigint.
		Type      Type  `json:"type,omitzero"`
		Start     int64 `json:"start,omitempty"`
		Increment int64 `json:"increment,omitempty"`
		MinValue  int64 `json:"min_value,omitempty"`
		MaxValue  int64 `json:"max_value,omitempty"`
		Cache     int64 `json:"cache,omitempty"`
		Cycle     bool  `json:"cycle,omitempty"`
		// OwnerTable and OwnerColumn name the column that owns the
		// sequence (OWNED BY): dropping the column or its table drops the
		// sequence. A serial column is an integer column owning a sequence
		// it draws its default from.
		OwnerTable  string `json:"owner_table,omitempty"`
		OwnerColumn string `json:"owner_column,omitempty"`
	}

	// Domain is a PostgreSQL domain: a base type with an optional default,
	// NOT NULL, collation and CHECK constraints (written with VALUE). On
	// SQLite a column of a domain type has the domain's base type.
	Domain struct {
		Name      string   `json:"name"`
		Type      Type     `json:"type"`
		NotNull   bool     `json:"not_null,omitempty"`
		Default   Default  `json:"default,omitzero"`
		Collation string   `json:"collation,omitempty"`
		Checks    []*Check `json:"checks,omitempty"`
	}

	// UnmanagedObject is a database object autogen lists but does not
	// manage (see UnmanagedKind).
	UnmanagedObject struct {
		Kind UnmanagedKind `json:"kind"`
		Name string        `json:"name"`
		// Tables are the tables the object belongs to or depends on: a
		// trigger's or rule's table, a partition's or inheritance child's
		// parent, the tables a view reads, a sequence's owner.
		Tables []string `json:"tables,omitempty"`
		// SQL is the object's CREATE statement on SQLite (as
		// sqlite_schema keeps it); empty on PostgreSQL.
		SQL string `json:"sql,omitempty"`
		// Domain is an unmanaged domain's definition (PostgreSQL): a
		// domain no column uses yet. A model that declares it, or starts
		// using it, adopts it instead of creating it again.
		Domain *Domain `json:"domain,omitempty"`
	}

	// Table is a table with its columns and table-level objects.
	Table struct {
		Name        string        `json:"name"`
		Columns     []*Column     `json:"columns"`
		PrimaryKey  *PrimaryKey   `json:"primary_key,omitempty"`
		Uniques     []*Unique     `json:"uniques,omitempty"`
		Checks      []*Check      `json:"checks,omitempty"`
		ForeignKeys []*ForeignKey `json:"foreign_keys,omitempty"`
		Indexes     []*Index      `json:"indexes,omitempty"`
		Comment     string        `json:"comment,omitempty"`
		Only        []Dialect     `json:"only,omitempty"` // empty: every dialect
		// PartitionBy is a PostgreSQL partitioned table's partition key as
		// it follows PARTITION BY, e.g. "RANGE (payment_date)"; empty for
		// an ordinary table. The partitions themselves are unmanaged.
		PartitionBy string `json:"partition_by,omitempty"`
	}

	// Column is a table column.
	Column struct {
		Name    string  `json:"name"`
		Type    Type    `json:"type"`
		NotNull bool    `json:"not_null,omitempty"`
		Default Default `json:"default,omitzero"` // Kind "" means no default
		Comment string  `json:"comment,omitempty"`
		// Identity makes the database number the column: "always" or
		// "by default" for a PostgreSQL identity column (nothing on
		// SQLite), "autoincrement" for SQLite's INTEGER PRIMARY KEY
		// AUTOINCREMENT (an identity "by default" on PostgreSQL); empty
		// otherwise. See IdentityAlways and the other constants.
		Identity string `json:"identity,omitempty"`
		// Collation is the column's collation (COLLATE) per dialect, as
		// Where and Expr are: collation names differ between dialects
		// ("C" on PostgreSQL, "NOCASE" on SQLite), so a model usually
		// gives one per dialect, schema.SQL{schema.Postgres: "C",
		// schema.SQLite: "NOCASE"}, and Collate("C") one for every
		// dialect. A dialect with no name (or an empty one) uses the
		// type's default collation. Reflection keys the name by its
		// dialect.
		Collation SQL `json:"collation,omitempty"`
	}

	// PrimaryKey is a table's primary key.
	PrimaryKey struct {
		Name    string   `json:"name,omitempty"`
		Columns []string `json:"columns"`
		// Generated is true when Name came from the naming convention; such
		// names are cut to the dialect's identifier limit as SQLAlchemy does.
		Generated bool `json:"generated,omitempty"`
	}

	// Unique is a UNIQUE constraint.
	Unique struct {
		Name      string   `json:"name"`
		Columns   []string `json:"columns"`
		Generated bool     `json:"generated,omitempty"`
	}

	// Check is a CHECK constraint. Expr holds the expression per dialect
	// when it must be written differently.
	Check struct {
		Name      string `json:"name"`
		Expr      SQL    `json:"expr"`
		Generated bool   `json:"generated,omitempty"`
	}

	// ForeignKey is a FOREIGN KEY constraint.
	ForeignKey struct {
		Name       string   `json:"name"`
		Columns    []string `json:"columns"`
		RefTable   string   `json:"ref_table"`
		RefColumns []string `json:"ref_columns"`
		OnDelete   Action   `json:"on_delete,omitempty"`
		OnUpdate   Action   `json:"on_update,omitempty"`
		Deferrable bool     `json:"deferrable,omitempty"`
		// InitiallyDeferred applies to a deferrable constraint.
		InitiallyDeferred bool `json:"initially_deferred,omitempty"`
		Generated         bool `json:"generated,omitempty"`
	}

	// Index is an index: plain, composite, unique, expression, partial,
	// dialect-only.
	Index struct {
		Name   string     `json:"name"`
		Keys   []IndexKey `json:"keys"`
		Unique bool       `json:"unique,omitempty"`
		// Where is the partial-index predicate, per dialect where needed.
		Where SQL `json:"where,omitempty"`
		// Include lists non-key columns (PostgreSQL INCLUDE).
		Include []string `json:"include,omitempty"`
		// Method is the access method (PostgreSQL USING), empty for btree.
		Method string `json:"method,omitempty"`
		// NullsNotDistinct is PostgreSQL 15's NULLS NOT DISTINCT.
		NullsNotDistinct bool      `json:"nulls_not_distinct,omitempty"`
		Only             []Dialect `json:"only,omitempty"` // empty: every dialect
		Generated        bool      `json:"generated,omitempty"`
	}

	// IndexKey is one key of an index: a column or an expression, with its
	// order, its collation per dialect (as Column.Collation) and, on
	// PostgreSQL, its operator class.
	IndexKey struct {
		Column    string `json:"column,omitempty"`
		Expr      SQL    `json:"expr,omitempty"`
		Desc      bool   `json:"desc,omitempty"`
		Opclass   string `json:"opclass,omitempty"`
		Collation SQL    `json:"collation,omitempty"`
		// Nulls is "first" or "last" when given explicitly.
		Nulls string `json:"nulls,omitempty"`
	}

	// Default is a column's server default. Exactly one form is used: a
	// literal (Kind String/Number/Bool), a well-known function (Now,
	// GenerateUUID), or SQL text per dialect (Kind Expr). The zero Default
	// means no default.
	Default struct {
		Kind  DefaultKind `json:"kind"`
		Value string      `json:"value,omitempty"` // literal value, unquoted
		// SQL holds the expression per dialect for Kind Expr, and optional
		// per-dialect overrides for every other kind.
		SQL SQL `json:"sql,omitempty"`
	}
)

// SQL is a piece of SQL text, given per dialect. The empty dialect key ""
// holds text valid on every dialect. Expr builds the common case.
type SQL map[Dialect]string

// Expr returns SQL text valid on every dialect.
func Expr(text string) SQL { return SQL{"": text} }

// On returns a copy of s whose text for dialect d is text.
func (s SQL) On(d Dialect, text string) SQL {
	out := make(SQL, len(s)+1)
	for k, v := range s {
		out[k] = v
	}
	out[d] = text
	return out
}

// For returns the SQL text for dialect d: its own text, else the common
// text, else "" and false.
func (s SQL) For(d Dialect) (string, bool) {
	if v, ok := s[d]; ok {
		return v, true
	}
	v, ok := s[""]
	return v, ok
}

// IsZero reports whether s holds no text.
func (s SQL) IsZero() bool { return len(s) == 0 }

// Collate returns a collation name for every dialect (see
// Column.Collation); per-dialect names are written as SQL values.
func Collate(name string) SQL { return SQL{"": name} }

// Name returns s's text for dialect d as a name (a collation): its own
// text, else the common text, else "" (none).
func (s SQL) Name(d Dialect) string {
	v, _ := s.For(d)
	return v
}

// Action is a foreign-key referential action.
type Action string

// Referential actions. The empty Action is NO ACTION, the database default.
const (
	NoAction   Action = ""
	Cascade    Action = "CASCADE"
	SetNull    Action = "SET NULL"
	SetDefault Action = "SET DEFAULT"
	Restrict   Action = "RESTRICT"
)

// Identity values of a Column.
const (
	IdentityAlways        = "always"
	IdentityByDefault     = "by default"
	IdentityAutoincrement = "autoincrement"
)

// UnmanagedKind names a kind of object autogen does not manage.
type UnmanagedKind string

// Kinds of unmanaged objects.
const (
	UnmanagedView             UnmanagedKind = "view"
	UnmanagedMaterializedView UnmanagedKind = "materialized_view"
	UnmanagedTrigger          UnmanagedKind = "trigger"
	UnmanagedFunction         UnmanagedKind = "function" // functions, procedures and aggregates
	UnmanagedSequence         UnmanagedKind = "sequence" // one no column uses or owns
	UnmanagedRule             UnmanagedKind = "rule"
	UnmanagedDomain           UnmanagedKind = "domain" // one no column has as its type
	UnmanagedPartition        UnmanagedKind = "partition"
	UnmanagedInheritanceChild UnmanagedKind = "inheritance_child"
	UnmanagedForeignTable     UnmanagedKind = "foreign_table"
	UnmanagedVirtualTable     UnmanagedKind = "virtual_table" // SQLite: FTS, R*Tree, …
)

// DefaultKind says which form a Default takes.
type DefaultKind string

// Default kinds.
const (
	DefaultString DefaultKind = "string" // a quoted string literal
	DefaultNumber DefaultKind = "number" // a numeric literal
	DefaultBool   DefaultKind = "bool"   // true or false (1 or 0 on SQLite)
	DefaultNow    DefaultKind = "now"    // the current timestamp
	DefaultUUID   DefaultKind = "uuid"   // a freshly generated random UUID
	DefaultExpr   DefaultKind = "expr"   // SQL text per dialect
	// DefaultSequence is the next value of the sequence named by Value
	// (PostgreSQL nextval); on SQLite the column has no default.
	DefaultSequence DefaultKind = "sequence"
)

// AppliesTo reports whether an object restricted to only applies to d.
func AppliesTo(only []Dialect, d Dialect) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == d {
			return true
		}
	}
	return false
}

// Table returns the table named name, or nil.
func (s *Schema) Table(name string) *Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Sequence returns the sequence named name, or nil.
func (s *Schema) Sequence(name string) *Sequence {
	for _, q := range s.Sequences {
		if q.Name == name {
			return q
		}
	}
	return nil
}

// Domain returns the domain named name, or nil.
func (s *Schema) Domain(name string) *Domain {
	for _, d := range s.Domains {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Enum returns the enum named name, or nil.
func (s *Schema) Enum(name string) *Enum {
	for _, e := range s.Enums {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Index returns the index named name, or nil.
func (t *Table) Index(name string) *Index {
	for _, x := range t.Indexes {
		if x.Name == name {
			return x
		}
	}
	return nil
}

// ForeignKey returns the foreign key named name, or nil.
func (t *Table) ForeignKey(name string) *ForeignKey {
	for _, fk := range t.ForeignKeys {
		if fk.Name == name {
			return fk
		}
	}
	return nil
}

// Unique returns the unique constraint named name, or nil.
func (t *Table) Unique(name string) *Unique {
	for _, u := range t.Uniques {
		if u.Name == name {
			return u
		}
	}
	return nil
}

// Check returns the check constraint named name, or nil.
func (t *Table) Check(name string) *Check {
	for _, c := range t.Checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Cols returns index keys on the named columns, in order, ascending.
func Cols(names ...string) []IndexKey {
	keys := make([]IndexKey, len(names))
	for i, n := range names {
		keys[i] = IndexKey{Column: n}
	}
	return keys
}

// Columns returns the names of the columns an index's keys refer to
// directly, in key order (expression keys are skipped).
func (x *Index) Columns() []string {
	var cols []string
	for _, k := range x.Keys {
		if k.Column != "" {
			cols = append(cols, k.Column)
		}
	}
	return cols
}

// HasExpr reports whether any key of the index is an expression.
func (x *Index) HasExpr() bool {
	for _, k := range x.Keys {
		if k.Column == "" {
			return true
		}
	}
	return false
}
