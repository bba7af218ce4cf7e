// Package reflect reads a live database's schema into schema values: enums,
// tables, columns, primary keys, unique/check/foreign-key constraints,
// indexes and, on PostgreSQL, extensions and the sequences and domains the
// tables use, for PostgreSQL 12+ and SQLite.
//
// Reflection reads the catalogs in bulk: a fixed number of statements for
// the whole schema (10 on PostgreSQL, 4 on SQLite), never one per table. The
// result is deterministic (objects sorted by name, unnamed ones by their
// columns; columns in ordinal order; enum values in their sort order) and
// keeps the database's own spelling of types, defaults and expressions,
// keyed by the reflected dialect, so that two databases holding the same
// schema reflect to equal values. Reflected names are final
// (Generated is never set).
//
// It hides the migration version table, SQLite's internal tables, FTS
// shadow tables and autoindexes, and the indexes that back primary-key and
// unique constraints (those are reported as constraints). Views,
// materialized views, triggers, functions, rules, foreign and virtual
// tables, partitions, inheritance children (a partitioned parent is a table
// with its partition key), and sequences and domains no table uses are
// listed in Schema.Unmanaged with the tables they depend on (and, on
// SQLite, their statements), never described further. SQLite expressions
// (index keys, predicates, CHECKs) are kept as written, less the
// parentheses around a whole expression. It neither
// connects to nor changes the database: the caller provides the connection
// and its driver (pgx's database/sql driver, modernc.org/sqlite).
package reflect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// Querier is what reflection needs; *sql.DB, *sql.Conn and *sql.Tx satisfy it.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Options tune reflection.
type Options struct {
	// VersionTable is hidden from the result (default "alembic_version").
	VersionTable string
	// Schema is the PostgreSQL namespace to read (default "public"); ignored on SQLite.
	Schema string
}

// DefaultVersionTable is the version table hidden when Options.VersionTable
// is empty.
const DefaultVersionTable = "alembic_version"

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.VersionTable == "" {
		o.VersionTable = DefaultVersionTable
	}
	if o.Schema == "" {
		o.Schema = "public"
	}
	return o
}

// Postgres reflects the PostgreSQL database behind q: the tables and enums
// of the namespace Options.Schema and the database's extensions (except
// plpgsql). A namespace that does not exist reflects as an empty schema.
// Errors name the catalog query that failed.
func Postgres(ctx context.Context, q Querier, opts Options) (*schema.Schema, error) {
	return reflectPostgres(ctx, q, opts.withDefaults())
}

// SQLite reflects the main schema of the SQLite database behind q. It fails
// when a statement in sqlite_schema cannot be parsed, naming the object,
// rather than return a schema that silently lacks names or expressions.
func SQLite(ctx context.Context, q Querier, opts Options) (*schema.Schema, error) {
	return reflectSQLite(ctx, q, opts.withDefaults())
}

// Database dispatches on d: Postgres or SQLite; any other dialect is an
// error.
func Database(ctx context.Context, d schema.Dialect, q Querier, opts Options) (*schema.Schema, error) {
	switch d {
	case schema.Postgres:
		return Postgres(ctx, q, opts)
	case schema.SQLite:
		return SQLite(ctx, q, opts)
	}
	return nil, fmt.Errorf("reflect: unknown dialect %q", d)
}

// sortSchema puts a reflected schema in its canonical order: enums, tables
// and every table's constraints and indexes by name (unnamed ones by their
// columns or expression). Columns keep their ordinal order and enum values
// their sort order.
func sortSchema(s *schema.Schema) {
	slices.SortFunc(s.Enums, func(a, b *schema.Enum) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Tables, func(a, b *schema.Table) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Extensions, func(a, b schema.Extension) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Sequences, func(a, b *schema.Sequence) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Domains, func(a, b *schema.Domain) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Unmanaged, cmpUnmanaged)
	for _, d := range s.Domains {
		slices.SortFunc(d.Checks, func(a, b *schema.Check) int { return strings.Compare(a.Name, b.Name) })
	}
	for _, t := range s.Tables {
		slices.SortFunc(t.Uniques, func(a, b *schema.Unique) int {
			return cmpNamed(a.Name, b.Name, a.Columns, b.Columns)
		})
		slices.SortFunc(t.Checks, func(a, b *schema.Check) int {
			return cmpNamed(a.Name, b.Name, sqlTexts(a.Expr), sqlTexts(b.Expr))
		})
		slices.SortFunc(t.ForeignKeys, func(a, b *schema.ForeignKey) int {
			if c := cmpNamed(a.Name, b.Name, a.Columns, b.Columns); c != 0 {
				return c
			}
			if c := strings.Compare(a.RefTable, b.RefTable); c != 0 {
				return c
			}
			return slices.Compare(a.RefColumns, b.RefColumns)
		})
		slices.SortFunc(t.Indexes, func(a, b *schema.Index) int {
			return cmpNamed(a.Name, b.Name, a.Columns(), b.Columns())
		})
	}
}

// cmpNamed orders objects by name, then by a list (columns or expression).
func cmpNamed(a, b string, ka, kb []string) int {
	if c := strings.Compare(a, b); c != 0 {
		return c
	}
	return slices.Compare(ka, kb)
}

// sqlTexts lists the texts of s in dialect order.
func sqlTexts(s schema.SQL) []string {
	out := make([]string, 0, len(s))
	for _, d := range append([]schema.Dialect{""}, schema.Dialects...) {
		if v, ok := s[d]; ok {
			out = append(out, v)
		}
	}
	return out
}

// collation keys a reflected collation name by its dialect; no name is
// no collation (nil).
func collation(d schema.Dialect, name string) schema.SQL {
	if name == "" {
		return nil
	}
	return schema.SQL{d: name}
}
