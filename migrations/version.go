package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/autogen-dev/autogen/schema"
)

// DefaultVersionTable is the version table's default name, Alembic's, so
// that a database Alembic manages can be adopted with Stamp.
const DefaultVersionTable = "alembic_version"

// ErrVersionConflict reports that the version table did not hold what the
// runner had just read from it in the same transaction, which means
// something outside autogen changed it.
var ErrVersionConflict = errors.New("version table conflict")

// querier is what reading and writing SQL needs; *sql.DB, *sql.Conn and
// *sql.Tx satisfy it.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// versionTable is the table recording the revisions a database is at, in
// Alembic's layout: one row per head, in the column version_num.
type versionTable struct {
	d    schema.Dialect
	name string
}

// placeholder is the i-th (from 1) bind parameter for d.
func placeholder(d schema.Dialect, i int) string {
	if d == schema.Postgres {
		return fmt.Sprintf("$%d", i)
	}
	return "?"
}

// createSQL is Alembic's DDL for the table, made idempotent.
func (v versionTable) createSQL() string {
	pk := schema.Name(v.d, v.name+"_pkc", true)
	return "CREATE TABLE IF NOT EXISTS " + ident(v.d, v.name) + " (\n\t" +
		ident(v.d, "version_num") + " VARCHAR(32) NOT NULL,\n\t" +
		"CONSTRAINT " + ident(v.d, pk) + " PRIMARY KEY (" + ident(v.d, "version_num") + ")\n)"
}

// exists reports whether the version table exists (on PostgreSQL, in the
// current search path).
func (v versionTable) exists(ctx context.Context, q querier) (bool, error) {
	var query string
	switch v.d {
	case schema.Postgres:
		query = "SELECT to_regclass(quote_ident($1)) IS NOT NULL"
	default:
		query = "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE"
	}
	var ok bool
	if err := q.QueryRowContext(ctx, query, v.name).Scan(&ok); err != nil {
		return false, fmt.Errorf("looking for version table %q: %w", v.name, err)
	}
	return ok, nil
}

// ensure creates the table when it is missing.
func (v versionTable) ensure(ctx context.Context, q querier) error {
	ok, err := v.exists(ctx, q)
	if err != nil || ok {
		return err
	}
	if _, err := q.ExecContext(ctx, v.createSQL()); err != nil {
		return fmt.Errorf("creating version table %q: %w", v.name, err)
	}
	return nil
}

// read returns the revisions recorded, sorted; none (base) when the table
// does not exist.
func (v versionTable) read(ctx context.Context, q querier) ([]string, error) {
	ok, err := v.exists(ctx, q)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, "SELECT "+ident(v.d, "version_num")+" FROM "+ident(v.d, v.name))
	if err != nil {
		return nil, fmt.Errorf("reading version table %q: %w", v.name, err)
	}
	defer rows.Close()
	var revs []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("reading version table %q: %w", v.name, err)
		}
		revs = append(revs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading version table %q: %w", v.name, err)
	}
	sort.Strings(revs)
	return revs, nil
}

// revisionChanges returns the revisions in old but not in new (rows to
// delete) and those in new but not in old (rows to insert).
func revisionChanges(old, new []string) (del, ins []string) {
	for _, r := range old {
		if !slices.Contains(new, r) {
			del = append(del, r)
		}
	}
	for _, r := range new {
		if !slices.Contains(old, r) {
			ins = append(ins, r)
		}
	}
	return del, ins
}

// move changes the recorded revisions from old (as just read in the same
// transaction) to new: an UPDATE for a plain step, DELETEs and INSERTs for
// branches and merges. Each changed row must match exactly once.
func (v versionTable) move(ctx context.Context, q querier, old, new []string) error {
	del, ins := revisionChanges(old, new)
	tbl, col := ident(v.d, v.name), ident(v.d, "version_num")
	one := func(what, query string, args ...any) error {
		res, err := q.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("%s in version table %q: %w", what, v.name, err)
		}
		if n, err := res.RowsAffected(); err == nil && n != 1 {
			return errorOf([]error{ErrVersionConflict}, "%s in version table %q matched %d rows instead of 1; something else changed the table", what, v.name, n)
		}
		return nil
	}
	if len(del) == 1 && len(ins) == 1 {
		return one(fmt.Sprintf("updating %s to %s", del[0], ins[0]),
			"UPDATE "+tbl+" SET "+col+" = "+placeholder(v.d, 1)+" WHERE "+col+" = "+placeholder(v.d, 2), ins[0], del[0])
	}
	for _, r := range del {
		if err := one("deleting "+r, "DELETE FROM "+tbl+" WHERE "+col+" = "+placeholder(v.d, 1), r); err != nil {
			return err
		}
	}
	for _, r := range ins {
		if err := one("inserting "+r, "INSERT INTO "+tbl+" ("+col+") VALUES ("+placeholder(v.d, 1)+")", r); err != nil {
			return err
		}
	}
	return nil
}

// moveSQL is move as SQL text with the revisions written as literals, for
// offline SQL.
func (v versionTable) moveSQL(old, new []string) []string {
	del, ins := revisionChanges(old, new)
	tbl, col := ident(v.d, v.name), ident(v.d, "version_num")
	if len(del) == 1 && len(ins) == 1 {
		return []string{"UPDATE " + tbl + " SET " + col + " = " + schema.QuoteString(ins[0]) + " WHERE " + col + " = " + schema.QuoteString(del[0])}
	}
	var out []string
	for _, r := range del {
		out = append(out, "DELETE FROM "+tbl+" WHERE "+col+" = "+schema.QuoteString(r))
	}
	for _, r := range ins {
		out = append(out, "INSERT INTO "+tbl+" ("+col+") VALUES ("+schema.QuoteString(r)+")")
	}
	return out
}

// set replaces the table's content with revs (Stamp).
func (v versionTable) set(ctx context.Context, q querier, revs []string) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM "+ident(v.d, v.name)); err != nil {
		return fmt.Errorf("clearing version table %q: %w", v.name, err)
	}
	for _, r := range revs {
		if _, err := q.ExecContext(ctx, "INSERT INTO "+ident(v.d, v.name)+" ("+ident(v.d, "version_num")+") VALUES ("+placeholder(v.d, 1)+")", r); err != nil {
			return fmt.Errorf("writing %s to version table %q: %w", r, v.name, err)
		}
	}
	return nil
}
