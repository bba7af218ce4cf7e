package migrations

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// OfflineSQL writes to w the SQL that takes a database of the chain's
// dialect from the revisions from (nil: base) to target in direction dir,
// without touching a database: Alembic's offline mode (`upgrade --sql`).
// Targets are those of Graph.Plan; an offline downgrade needs from, since
// there is no database to read it from (the CLI parses Alembic's FROM:TO
// form into from and target).
//
// The output is what the Runner would do, statement for statement: one
// transaction per migration (BEGIN; on PostgreSQL, BEGIN IMMEDIATE; on
// SQLite) with the version table update in it, the version table created
// first when starting from base, and on PostgreSQL the configured
// statement and lock timeouts (SET LOCAL). On SQLite, foreign key
// enforcement is turned off before the first transaction and on after
// the last, and PRAGMA foreign_key_check runs before each COMMIT (its
// output lists violations; a script run without a database session cannot
// roll back on them). Operations that must run outside a transaction on
// PostgreSQL (CONCURRENTLY, Autocommit blocks) are written between a
// COMMIT and a new BEGIN. ALTER TYPE … ADD VALUE is written inside the
// transaction, which PostgreSQL 12 and later accept.
//
// SQLite table rebuilds need the table's definition: OfflineSQL replays
// the chain's operations from base in memory to know it. Tables, views and
// triggers made by hand-written SQL (Exec) are unknown to that replay: a
// rebuild of such a table is an error naming the migration, and views and
// triggers that depend on a rebuilt table are not re-created (online
// upgrades do re-create them). Run operations (Go code) have no SQL form:
// a comment says so where they would run.
//
// Options that need no database apply: WithVersionTable, WithEnums,
// WithStatementTimeout and WithLockTimeout.
func OfflineSQL(w io.Writer, chain *Chain, from []string, target string, dir Direction, opts ...Option) error {
	if chain == nil {
		return errors.New("migrations: OfflineSQL needs a chain")
	}
	d := chain.Dialect()
	if !d.Valid() {
		return fmt.Errorf("migrations: the chain's dialect %q is not supported", d)
	}
	r := &Runner{d: d, vt: versionTable{d: d, name: DefaultVersionTable}}
	for _, o := range opts {
		o(r)
	}
	if r.vt.name == "" {
		return errors.New("migrations: the version table name is empty")
	}
	if dir != Up && dir != Down {
		return fmt.Errorf("migrations: unknown direction %d", int(dir))
	}
	if dir == Down && len(from) == 0 {
		return fmt.Errorf("migrations: an offline downgrade needs the revision to start from (FROM:TARGET, e.g. head:%s): without a database there is nothing to read it from", target)
	}
	g, err := chain.Graph()
	if err != nil {
		return fmt.Errorf("migrations: %s chain: %w", d.Title(), err)
	}
	plan, err := g.Plan(from, target, dir)
	if err != nil {
		return fmt.Errorf("migrations: %s to %s: %w", dir, target, err)
	}
	o := &offline{d: d, w: bufio.NewWriter(w), vt: r.vt, enums: newEnumSet(r.enums), r: r}
	ctx := context.Background()
	if d == schema.SQLite {
		o.sim = newSimulator(d, o.enums.lookup)
		applied := g.closure(plan.Current)
		for _, m := range g.order {
			if !applied[m.Revision] {
				continue
			}
			ops, err := m.Ops(true)
			if err != nil {
				return fmt.Errorf("migrations: %w", err)
			}
			for i, op := range ops {
				o.enums.observe(op)
				if err := o.sim.apply(op); err != nil {
					return fmt.Errorf("migrations: replaying revision %s (%q), operation %d (%s), to know the schema: %w",
						m.Revision, m.Message, i+1, describe(op), err)
				}
			}
		}
	}

	o.comment(fmt.Sprintf("%s of the %s chain from %s to %s, written by autogen for offline use.",
		titleCase(dir.String()), d.Title(), revList(plan.Current), revList(plan.Target)))
	o.blank()
	if len(plan.Steps) == 0 {
		o.comment("Nothing to do: the database is already there.")
		return o.w.Flush()
	}
	if d == schema.SQLite {
		o.stmt("PRAGMA foreign_keys = OFF")
	}
	heads := plan.Current
	for i, m := range plan.Steps {
		next := g.after(heads, m, dir)
		o.revision = m
		from, to := revList(m.DownRevisions), m.Revision
		if dir == Down {
			from, to = to, from
		}
		o.comment(fmt.Sprintf("Running %s %s -> %s, %s", dir, from, to, oneLine(m.Message)))
		o.begin()
		if dir == Up && len(plan.Current) == 0 && i == 0 {
			o.stmt(r.vt.createSQL())
		}
		ops, err := m.Ops(dir == Up)
		if err != nil {
			return fmt.Errorf("migrations: %w", err)
		}
		for j, op := range ops {
			o.index = j + 1
			if err := o.op(ctx, op); err != nil {
				return fmt.Errorf("migrations: %s %s (%q), operation %d (%s): %w", dir, m.Revision, m.Message, j+1, describe(op), err)
			}
		}
		for _, q := range r.vt.moveSQL(heads, next) {
			o.stmt(q)
		}
		if d == schema.SQLite {
			o.stmt("PRAGMA foreign_key_check")
		}
		o.stmt("COMMIT")
		heads = next
	}
	if d == schema.SQLite {
		o.stmt("PRAGMA foreign_keys = ON")
	}
	return o.w.Flush()
}

// offline renders operations as SQL text, and is batch mode's environment
// for offline SQL.
type offline struct {
	d     schema.Dialect
	w     *bufio.Writer
	vt    versionTable
	enums *enumSet
	sim   *simulator // SQLite only
	r     *Runner    // the options

	revision *Migration // the migration being written
	index    int        // its operation being written, from 1
}

// stmt writes one statement and its terminator.
func (o *offline) stmt(q string) {
	q = strings.TrimRight(strings.TrimSpace(q), "; \t\n")
	lines := strings.Split(q, "\n")
	if strings.Contains(lines[len(lines)-1], "--") {
		q += "\n" // a trailing comment would swallow the semicolon
	}
	o.w.WriteString(q + ";\n\n")
}

// comment writes an SQL comment line.
func (o *offline) comment(text string) { o.w.WriteString("-- " + oneLine(text) + "\n") }

func (o *offline) blank() { o.w.WriteString("\n") }

// begin opens a transaction, with the timeouts on PostgreSQL.
func (o *offline) begin() {
	if o.d == schema.SQLite {
		o.stmt("BEGIN IMMEDIATE")
		return
	}
	o.stmt("BEGIN")
	if t := o.r.statementTimeout; t > 0 {
		o.stmt(fmt.Sprintf("SET LOCAL statement_timeout = %d", t.Milliseconds()))
	}
	if t := o.r.lockTimeout; t > 0 {
		o.stmt(fmt.Sprintf("SET LOCAL lock_timeout = %d", t.Milliseconds()))
	}
}

// op writes the statements of one operation and applies it to the
// simulated schema.
func (o *offline) op(ctx context.Context, op Operation) error {
	o.enums.observe(op)
	switch x := op.(type) {
	case Run:
		o.comment(fmt.Sprintf("Revision %s, operation %d runs Go code (a data migration) and cannot be rendered as SQL: run this migration online, or do its work here by hand.",
			o.revision.Revision, o.index))
		o.blank()
		return nil
	case Autocommit:
		if o.d == schema.Postgres {
			return o.outside(ctx, x.Ops)
		}
		for _, sub := range x.Ops {
			if err := o.op(ctx, sub); err != nil {
				return err
			}
		}
		return nil
	case Batch:
		if o.d == schema.SQLite {
			return sqliteBatch(ctx, o, x.Table, x.Ops)
		}
		for _, sub := range x.Ops {
			if err := o.op(ctx, sub); err != nil {
				return err
			}
		}
		return nil
	case CreateIndex:
		if x.Concurrently && o.d == schema.Postgres {
			return o.outside(ctx, []Operation{op})
		}
	case DropIndex:
		if x.Concurrently && o.d == schema.Postgres {
			return o.outside(ctx, []Operation{op})
		}
	}
	if o.d == schema.SQLite && needsSQLiteBatch(op) {
		return sqliteBatch(ctx, o, op.TableName(), []Operation{op})
	}
	if err := execStatements(ctx, o.d, op, o.enums.lookup, o.exec); err != nil {
		return err
	}
	if o.sim != nil {
		return o.sim.apply(op)
	}
	return nil
}

// outside writes operations that run outside a transaction on
// PostgreSQL: COMMIT, the statements, BEGIN again.
func (o *offline) outside(ctx context.Context, ops []Operation) error {
	if len(ops) == 0 {
		return nil
	}
	o.stmt("COMMIT")
	o.comment("Outside a transaction:")
	for _, op := range ops {
		if _, ok := op.(Run); ok {
			return errors.New("Go code (Run) cannot run outside a transaction")
		}
		if err := execStatements(ctx, o.d, op, nil, o.exec); err != nil {
			return err
		}
	}
	o.begin()
	return nil
}

// Batch mode's environment, offline.

func (o *offline) exec(_ context.Context, q string) error {
	o.stmt(q)
	return nil
}

func (o *offline) tableState(_ context.Context, table string) (*schema.Table, *schema.Schema, error) {
	t, err := o.sim.table(table)
	if err != nil {
		return nil, nil, fmt.Errorf("%w; offline SQL cannot rebuild it", err)
	}
	return t, o.sim.s, nil
}

func (o *offline) tableSQL(_ context.Context, t *schema.Table) (string, []savedObject, error) {
	create, err := sqliteCreateTable(t, t.Name, o.enums.lookup, false)
	if err != nil {
		return "", nil, fmt.Errorf("table %q: %w", t.Name, err)
	}
	var saved []savedObject
	for _, ix := range t.Indexes {
		if !appliesTo(ix.Only, lite) {
			continue
		}
		q, err := sqliteCreateIndex(t.Name, ix)
		if err != nil {
			return "", nil, err
		}
		saved = append(saved, savedObject{typ: "index", name: ix.On(lite), tbl: t.Name, sql: q})
	}
	return create[0], saved, nil
}

func (o *offline) runRebuild(_ context.Context, p *rebuild) error {
	stmts, err := p.offlineStatements()
	if err != nil {
		return err
	}
	for _, q := range stmts {
		o.stmt(q)
	}
	return nil
}

func (o *offline) other(ctx context.Context, op Operation) error { return o.op(ctx, op) }

func (o *offline) done(op Operation) error { return o.sim.apply(op) }

func (o *offline) logger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func (o *offline) enumLookup() schema.EnumLookup { return o.enums.lookup }

// revList is a list of revisions for a comment, "base" when empty.
func revList(revs []string) string {
	if len(revs) == 0 {
		return "base"
	}
	return strings.Join(revs, ", ")
}

// oneLine puts text on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
