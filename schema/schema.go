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
	}

	// Column is a table column.
	Column struct {
		Name    string  `json:"name"`
		Type    Type    `json:"type"`
		NotNull bool    `json:"not_null,omitempty"`
		Default Default `json:"default,omitzero"` // Kind "" means no default
		Comment string  `json:"comment,omitempty"`
		// Identity is "always" or "by default" for a PostgreSQL identity
		// column, empty otherwise.
		Identity string `json:"identity,omitempty"`
		// Collation is the column's collation (COLLATE), empty for the default.
		Collation string `json:"collation,omitempty"`
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
	// order and, on PostgreSQL, operator class and collation.
	IndexKey struct {
		Column    string `json:"column,omitempty"`
		Expr      SQL    `json:"expr,omitempty"`
		Desc      bool   `json:"desc,omitempty"`
		Opclass   string `json:"opclass,omitempty"`
		Collation string `json:"collation,omitempty"`
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
