package migrations

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/autogen-dev/autogen/schema"
)

// ApplyOption configures Apply.
type ApplyOption func(*applyConfig)

type applyConfig struct {
	enums    schema.EnumLookup
	logger   *slog.Logger
	progress func(Progress)
}

// ApplyEnums gives the enums that enum columns refer to, for sizing them on
// SQLite. Enums created by CreateEnum operations earlier in the list are
// known without it; the lookup is asked about the others.
func ApplyEnums(lookup schema.EnumLookup) ApplyOption {
	return func(c *applyConfig) { c.enums = lookup }
}

// ApplyLogger logs each statement at debug level (default: no logging).
func ApplyLogger(l *slog.Logger) ApplyOption {
	return func(c *applyConfig) { c.logger = l }
}

// ApplyProgress calls f as a long operation advances: a SQLite table
// rebuild reports the rows copied so far (see Progress).
func ApplyProgress(f func(Progress)) ApplyOption {
	return func(c *applyConfig) { c.progress = f }
}

// Apply executes ops on db in one transaction: all of them or, on error,
// none (but see CONCURRENTLY below). It is how scratch databases are built
// from a model, and what the Runner does for each migration.
//
// On SQLite, Apply takes a dedicated connection, turns foreign key
// enforcement off on it outside the transaction (PRAGMA foreign_keys=OFF),
// sets a busy timeout of 5 s unless the connection has one, and begins a
// transaction that holds the write lock from its first statement, as BEGIN
// IMMEDIATE does (waiting, until ctx is done, for another writer). It runs
// the operations, then PRAGMA foreign_key_check before COMMIT: a violation
// that was not there before rolls everything back and is reported (see
// ForeignKeyError). The check covers the tables the operations changed and
// the tables whose foreign keys refer to them, or the whole database when
// the operations include SQL or Go code (which may change any table), so a
// small migration does not scan a large database. Finally foreign key
// enforcement is restored to what it was, on success or error. Table
// changes that ALTER TABLE cannot make (and Batch operations) go through
// batch mode's table rebuild.
//
// To tell old violations from new ones without scanning twice every time,
// the check runs once, at the end; only when it finds violations are the
// operations rolled back and run again, once, after recording the
// violations already present. Run functions may thus be called twice, the
// first call's work having been rolled back.
//
// On PostgreSQL, DDL is transactional: BEGIN, the operations, COMMIT. A
// CreateIndex or DropIndex with Concurrently set, and the operations of an
// Autocommit block, cannot run in a transaction: Apply commits what came
// before them, runs them on their own, and begins a new transaction for
// the rest, so a failure after them leaves the earlier operations and the
// index in place. They are made safe to run again (see Autocommit). An
// AddEnumValue runs in the transaction from PostgreSQL 12 on, outside it on
// older servers; a value already present is skipped.
//
// Run operations receive the transaction. Errors name the operation (its
// position, from 1, and what it does) and the failing statement (see
// StatementError).
func Apply(ctx context.Context, db *sql.DB, d schema.Dialect, ops []Operation, opts ...ApplyOption) (err error) {
	var cfg applyConfig
	for _, o := range opts {
		o(&cfg)
	}
	s, err := openSession(ctx, db, d, sessionConfig{logger: cfg.logger, progress: cfg.progress})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, s.close()) }()
	for {
		x, err := s.start(ctx, newEnumSet(cfg.enums))
		if err != nil {
			return err
		}
		if err := x.apply(ctx, ops); err != nil {
			return errors.Join(err, x.rollback())
		}
		err = x.finish(ctx)
		if errors.Is(err, errRetryWithBaseline) {
			continue // once: the session now records a baseline
		}
		return err
	}
}

// StatementError reports a statement that failed, with its SQL.
type StatementError struct {
	SQL string
	Err error
}

// Error names the statement (on one line, shortened) and the failure.
func (e *StatementError) Error() string {
	return fmt.Sprintf("executing %s: %v", abbreviate(e.SQL), e.Err)
}

// Unwrap returns the database's error.
func (e *StatementError) Unwrap() error { return e.Err }

// abbreviate puts SQL on one line and shortens it for error messages.
func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 300
	if len(s) > max {
		s = s[:max] + "…"
	}
	return "«" + s + "»"
}

// ErrForeignKeyViolation matches a ForeignKeyError.
var ErrForeignKeyViolation = errors.New("foreign key violation")

// ForeignKeyViolation is one row of SQLite's PRAGMA foreign_key_check.
type ForeignKeyViolation struct {
	Table  string // the table holding the row
	RowID  int64  // its rowid (0 for a WITHOUT ROWID table)
	Parent string // the table it refers to
	FKID   int    // the foreign key's index in PRAGMA foreign_key_list
}

// ForeignKeyError reports rows whose foreign keys a migration broke on
// SQLite; the transaction was rolled back.
type ForeignKeyError struct {
	Violations []ForeignKeyViolation
}

// Error lists the first violations.
func (e *ForeignKeyError) Error() string {
	var b strings.Builder
	b.WriteString("foreign key check failed; rolled back:")
	for i, v := range e.Violations {
		if i == 5 {
			fmt.Fprintf(&b, " (and %d more)", len(e.Violations)-i)
			break
		}
		fmt.Fprintf(&b, " table %q rowid %d refers to a missing row of %q;", v.Table, v.RowID, v.Parent)
	}
	return strings.TrimSuffix(b.String(), ";")
}

// Is makes errors.Is(err, ErrForeignKeyViolation) true.
func (e *ForeignKeyError) Is(target error) bool { return target == ErrForeignKeyViolation }

// sessionConfig is what a session needs from Apply's or the Runner's options.
type sessionConfig struct {
	logger           *slog.Logger
	statementTimeout time.Duration
	lockTimeout      time.Duration
	progress         func(Progress)
}

// session is a dedicated connection prepared for migrating: on SQLite,
// foreign keys off and a busy timeout, both restored by close.
type session struct {
	d    schema.Dialect
	conn *sql.Conn
	log  *slog.Logger
	cfg  sessionConfig

	restoreFK   bool // SQLite: foreign_keys was on
	restoreBusy bool // SQLite: busy_timeout was 0 and was set
	// fkBaseline makes start record the foreign key violations present
	// (SQLite), set once violations were seen.
	fkBaseline bool
	// discard makes close drop the connection instead of pooling it (its
	// state is unknown, e.g. an advisory lock could not be released).
	discard bool
	// pgVersion is server_version_num once read (PostgreSQL).
	pgVersion int
}

// serverVersion returns PostgreSQL's server_version_num, read once.
func (s *session) serverVersion(ctx context.Context) (int, error) {
	if s.pgVersion == 0 {
		var v string
		if err := s.conn.QueryRowContext(ctx, "SHOW server_version_num").Scan(&v); err != nil {
			return 0, fmt.Errorf("reading the server version: %w", err)
		}
		if _, err := fmt.Sscan(v, &s.pgVersion); err != nil {
			return 0, fmt.Errorf("reading the server version %q: %w", v, err)
		}
	}
	return s.pgVersion, nil
}

// sqliteBusyTimeout is the busy timeout set on SQLite connections that have
// none, so that a migration waits for another writer instead of failing.
const sqliteBusyTimeout = 5000 // ms

func openSession(ctx context.Context, db *sql.DB, d schema.Dialect, cfg sessionConfig) (*session, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("unknown dialect %q", d)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connecting to the %s database: %w", d.Title(), err)
	}
	log := cfg.logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &session{d: d, conn: conn, log: log, cfg: cfg}
	if d == schema.SQLite {
		if err := s.prepareSQLite(ctx); err != nil {
			return nil, errors.Join(err, s.close())
		}
	}
	return s, nil
}

func (s *session) prepareSQLite(ctx context.Context) error {
	var fk int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		return fmt.Errorf("reading PRAGMA foreign_keys: %w", err)
	}
	if fk != 0 {
		if _, err := s.conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return fmt.Errorf("turning foreign keys off: %w", err)
		}
		s.restoreFK = true
	}
	var busy int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
		return fmt.Errorf("reading PRAGMA busy_timeout: %w", err)
	}
	if busy == 0 {
		if _, err := s.conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", sqliteBusyTimeout)); err != nil {
			return fmt.Errorf("setting the busy timeout: %w", err)
		}
		s.restoreBusy = true
	}
	return nil
}

// close restores the connection's settings and returns it to the pool. When
// the settings cannot be restored the connection is discarded instead, so
// that no connection with foreign keys off is ever reused.
func (s *session) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var errs []error
	if s.restoreFK {
		if _, err := s.conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
			errs = append(errs, fmt.Errorf("turning foreign keys back on: %w", err))
		} else {
			var fk int
			if err := s.conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
				errs = append(errs, fmt.Errorf("turning foreign keys back on: still off (%v)", err))
			}
		}
	}
	if s.restoreBusy {
		if _, err := s.conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
			errs = append(errs, fmt.Errorf("restoring the busy timeout: %w", err))
		}
	}
	if len(errs) > 0 || s.discard {
		// Make database/sql close the connection rather than pool it.
		_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if err := s.conn.Close(); err != nil && !errors.Is(err, sql.ErrConnDone) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// sqliteLockProbe is a table created and dropped as the first statement of
// every SQLite transaction. database/sql begins transactions with a plain
// (deferred) BEGIN unless the DSN asks otherwise (modernc.org/sqlite's
// _txlock=immediate, which OpenDB sets); a write as the first statement
// takes the write lock at once, waiting under the busy timeout, exactly as
// BEGIN IMMEDIATE would. Without it, a transaction that reads first and
// writes later can fail with SQLITE_BUSY without waiting when another
// connection is writing.
const sqliteLockProbe = "_autogen_lock_probe"

// begin starts a transaction on the session's connection: with the write
// lock on SQLite, with the configured timeouts (SET LOCAL) on PostgreSQL.
//
// On SQLite, when another connection holds the write lock for longer than
// the busy timeout (a long migration in another process), begin keeps
// trying, with a pause between attempts, until ctx is done.
func (s *session) begin(ctx context.Context) (*sql.Tx, error) {
	if s.d != schema.SQLite {
		return s.tryBegin(ctx)
	}
	wait := 50 * time.Millisecond
	logged := false
	for {
		tx, err := s.tryBegin(ctx)
		if err == nil || !isSQLiteBusy(err) {
			return tx, err
		}
		if !logged {
			s.log.InfoContext(ctx, "waiting for another connection's write transaction (SQLite write lock)")
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for the SQLite write lock: %w (last attempt: %v)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

// isSQLiteBusy reports whether err is SQLITE_BUSY (the database is locked).
func isSQLiteBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

func (s *session) tryBegin(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("beginning a transaction: %w", err)
	}
	var setup []string
	switch s.d {
	case schema.SQLite:
		setup = []string{
			"CREATE TABLE " + ident(lite, sqliteLockProbe) + " (x INTEGER)",
			"DROP TABLE " + ident(lite, sqliteLockProbe),
		}
	case schema.Postgres:
		if t := s.cfg.statementTimeout; t > 0 {
			setup = append(setup, fmt.Sprintf("SET LOCAL statement_timeout = %d", t.Milliseconds()))
		}
		if t := s.cfg.lockTimeout; t > 0 {
			setup = append(setup, fmt.Sprintf("SET LOCAL lock_timeout = %d", t.Milliseconds()))
		}
	}
	for _, q := range setup {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			_ = tx.Rollback()
			if s.d == schema.SQLite {
				return nil, fmt.Errorf("taking the SQLite write lock: %w", err)
			}
			return nil, fmt.Errorf("beginning a transaction: %s: %w", q, err)
		}
	}
	return tx, nil
}

// errRetryWithBaseline is returned by finish when foreign key violations
// were found but the violations already present before the work are not
// known: the work was rolled back and should be done again, once, now that
// the session records them (see Apply).
var errRetryWithBaseline = errors.New("foreign key violations found without a baseline; retry")

// start begins the first transaction of a unit of work and, on SQLite once
// violations have been seen, records the foreign key violations present.
func (s *session) start(ctx context.Context, enums *enumSet) (*executor, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	x := &executor{s: s, tx: tx, enums: enums}
	if s.d == schema.SQLite && s.fkBaseline {
		x.fkBefore, err = foreignKeyViolations(ctx, tx, "")
		if err != nil {
			return nil, errors.Join(err, x.rollback())
		}
		x.haveBaseline = true
	}
	return x, nil
}

// executor runs operations in the session's current transaction.
type executor struct {
	s     *session
	tx    *sql.Tx
	enums *enumSet
	// fkBefore holds the violations present at the start, when
	// haveBaseline (SQLite).
	fkBefore     map[ForeignKeyViolation]bool
	haveBaseline bool
	// fkTables are the tables (lower case) the operations changed, whose
	// foreign keys, and those of the tables that refer to them, are
	// checked before COMMIT on SQLite; fkAll asks for the whole database
	// (SQL and Go code may change any table).
	fkTables map[string]bool
	fkAll    bool
}

// exec runs one statement in the transaction.
func (x *executor) exec(ctx context.Context, query string) error {
	x.s.log.DebugContext(ctx, "exec", "sql", query)
	if _, err := x.tx.ExecContext(ctx, query); err != nil {
		return &StatementError{SQL: query, Err: err}
	}
	return nil
}

// query returns rows of a query in the transaction.
func (x *executor) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := x.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, &StatementError{SQL: query, Err: err}
	}
	return rows, nil
}

// apply runs ops in order.
func (x *executor) apply(ctx context.Context, ops []Operation) error {
	for i, op := range ops {
		if err := x.applyOne(ctx, op); err != nil {
			return fmt.Errorf("operation %d (%s): %w", i+1, describe(op), err)
		}
	}
	return nil
}

func (x *executor) applyOne(ctx context.Context, op Operation) error {
	x.enums.observe(op)
	x.touch(op)
	switch o := op.(type) {
	case Run:
		return x.run(ctx, o)
	case Batch:
		if x.s.d == schema.SQLite {
			return sqliteBatch(ctx, x, o.Table, o.Ops)
		}
		for i, sub := range o.Ops {
			if err := x.applyOne(ctx, sub); err != nil {
				return fmt.Errorf("operation %d (%s): %w", i+1, describe(sub), err)
			}
		}
		return nil
	case Autocommit:
		if x.s.d == schema.Postgres {
			for _, sub := range o.Ops {
				x.enums.observe(sub)
			}
			return x.outsideTransaction(ctx, o.Ops)
		}
		for i, sub := range o.Ops {
			if err := x.applyOne(ctx, sub); err != nil {
				return fmt.Errorf("operation %d (%s): %w", i+1, describe(sub), err)
			}
		}
		return nil
	case CreateIndex:
		if o.Concurrently && x.s.d == schema.Postgres {
			return x.outsideTransaction(ctx, []Operation{op})
		}
	case DropIndex:
		if o.Concurrently && x.s.d == schema.Postgres {
			return x.outsideTransaction(ctx, []Operation{op})
		}
	case AddEnumValue:
		if x.s.d == schema.Postgres {
			return x.addEnumValue(ctx, o)
		}
	}
	if x.s.d == schema.SQLite && needsSQLiteBatch(op) {
		return sqliteBatch(ctx, x, op.TableName(), []Operation{op})
	}
	if err := execStatements(ctx, x.s.d, op, x.enums.lookup, x.exec); err != nil {
		return err
	}
	if x.s.d == schema.Postgres {
		return x.settleChecks(ctx, op)
	}
	return nil
}

// execStatements runs op's statements (see Statements) with exec.
func execStatements(ctx context.Context, d schema.Dialect, op Operation, enums schema.EnumLookup, exec func(context.Context, string) error) error {
	stmts, err := Statements(d, op, enums)
	if err != nil {
		return err
	}
	for _, q := range stmts {
		if err := exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// run calls a Run operation's function with the transaction, turning a
// panic into an error so that the transaction is rolled back.
func (x *executor) run(ctx context.Context, o Run) (err error) {
	if o.Func == nil {
		return errors.New("Run has no function")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return o.Func(ctx, x.tx)
}

// outsideTransaction runs operations outside a transaction on PostgreSQL:
// commit, run each in autocommit mode, begin again. Each is made safe to
// run again after an interruption: an index that CREATE INDEX CONCURRENTLY
// left invalid is dropped and built again, a valid one is kept; an index
// already dropped, or an enum value already present, is skipped.
func (x *executor) outsideTransaction(ctx context.Context, ops []Operation) error {
	if len(ops) == 0 {
		return nil
	}
	x.s.log.InfoContext(ctx, "committing to run statements outside a transaction", "operation", describe(ops[0]))
	if err := x.tx.Commit(); err != nil {
		x.tx = nil
		return fmt.Errorf("committing before %s: %w", describe(ops[0]), err)
	}
	x.tx = nil
	for i, op := range ops {
		if err := x.autocommitOne(ctx, op); err != nil {
			if len(ops) == 1 {
				return err
			}
			return fmt.Errorf("autocommit operation %d (%s): %w", i+1, describe(op), err)
		}
	}
	var err error
	x.tx, err = x.s.begin(ctx)
	return err
}

// autocommitOne runs one operation on the session's connection, outside a
// transaction.
func (x *executor) autocommitOne(ctx context.Context, op Operation) error {
	c := x.s.conn
	switch o := op.(type) {
	case CreateIndex:
		if o.Index == nil || !appliesTo(o.Index.Only, pg) {
			break
		}
		name := o.Index.On(pg)
		valid, exists, err := pgIndexState(ctx, c, name)
		if err != nil {
			return err
		}
		switch {
		case exists && valid:
			x.s.log.InfoContext(ctx, "the index exists and is valid, from an earlier interrupted run; keeping it", "index", name)
			return nil
		case exists:
			x.s.log.InfoContext(ctx, "dropping the invalid index an interrupted CREATE INDEX CONCURRENTLY left, to build it again", "index", name)
			if err := x.execConn(ctx, "DROP INDEX CONCURRENTLY IF EXISTS "+ident(pg, name)); err != nil {
				return err
			}
		}
	case DropIndex:
		if _, exists, err := pgIndexState(ctx, c, o.Index); err != nil {
			return err
		} else if !exists {
			x.s.log.InfoContext(ctx, "the index is already gone", "index", o.Index)
			return nil
		}
	case AddEnumValue:
		if present, err := pgEnumHasValue(ctx, c, o.Enum, o.Value); err != nil {
			return err
		} else if present {
			return nil
		}
	case Run:
		return errors.New("Go code (Run) cannot run outside a transaction")
	case Batch, Autocommit:
		return fmt.Errorf("%s cannot be nested in an autocommit block", describe(op))
	}
	return execStatements(ctx, x.s.d, op, nil, x.execConn)
}

// execConn runs a statement on the session's connection, outside any
// transaction.
func (x *executor) execConn(ctx context.Context, q string) error {
	x.s.log.DebugContext(ctx, "exec outside a transaction", "sql", q)
	if _, err := x.s.conn.ExecContext(ctx, q); err != nil {
		return &StatementError{SQL: q, Err: err}
	}
	return nil
}

// addEnumValue adds a value to a PostgreSQL enum: in the transaction from
// PostgreSQL 12 on, outside it (an autocommit block) before, since older
// servers refuse ALTER TYPE … ADD VALUE in a transaction block. A value
// already present is skipped. A value added in a transaction cannot be
// used by the same transaction; a migration that adds a value and uses it
// puts the addition in an Autocommit block.
func (x *executor) addEnumValue(ctx context.Context, o AddEnumValue) error {
	version, err := x.s.serverVersion(ctx)
	if err != nil {
		return err
	}
	if version < 120000 {
		return x.outsideTransaction(ctx, []Operation{o})
	}
	if present, err := pgEnumHasValue(ctx, x.tx, o.Enum, o.Value); err != nil {
		return err
	} else if present {
		x.s.log.InfoContext(ctx, "the enum already has the value", "enum", o.Enum, "value", o.Value)
		return nil
	}
	return execStatements(ctx, pg, o, nil, x.exec)
}

// pgIndexState reports whether the index name exists in the search path and
// whether it is valid (pg_index.indisvalid; an interrupted CREATE INDEX
// CONCURRENTLY leaves an invalid one).
func pgIndexState(ctx context.Context, q querier, name string) (valid, exists bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(quote_ident($1))`, name).Scan(&valid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, false, nil
	case err != nil:
		return false, false, fmt.Errorf("looking up index %q: %w", name, err)
	}
	return valid, true, nil
}

// pgEnumHasValue reports whether the enum type has the value.
func pgEnumHasValue(ctx context.Context, q querier, enum, value string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM pg_enum WHERE enumtypid = to_regtype(quote_ident($1)) AND enumlabel = $2`, enum, value).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("looking up enum %q: %w", enum, err)
	}
	return n > 0, nil
}

// finish checks foreign keys (SQLite) and commits. It returns an error
// matching errRetryWithBaseline, after rolling back, when it finds
// violations and has no baseline to compare them with.
func (x *executor) finish(ctx context.Context) error {
	if x.tx == nil {
		return errors.New("no transaction to commit")
	}
	if x.s.d == schema.SQLite {
		after, err := x.foreignKeyCheck(ctx)
		if err != nil {
			return errors.Join(err, x.rollback())
		}
		var fresh []ForeignKeyViolation
		for v := range after {
			if !x.fkBefore[v] {
				fresh = append(fresh, v)
			}
		}
		if len(fresh) > 0 && !x.haveBaseline {
			x.s.log.InfoContext(ctx, "foreign key violations found; running again to tell old ones from new ones", "count", len(fresh))
			x.s.fkBaseline = true
			return errors.Join(errRetryWithBaseline, x.rollback())
		}
		if len(fresh) > 0 {
			slices.SortFunc(fresh, func(a, b ForeignKeyViolation) int {
				if c := strings.Compare(a.Table, b.Table); c != 0 {
					return c
				}
				return int(a.RowID - b.RowID)
			})
			return errors.Join(&ForeignKeyError{Violations: fresh}, x.rollback())
		}
	}
	err := x.tx.Commit()
	x.tx = nil
	if err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// rollback rolls the current transaction back, if any.
func (x *executor) rollback() error {
	if x.tx == nil {
		return nil
	}
	err := x.tx.Rollback()
	x.tx = nil
	if err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("rolling back: %w", err)
	}
	return nil
}

// touch records the tables op changes, for the foreign key check.
func (x *executor) touch(op Operation) {
	if x.fkTables == nil {
		x.fkTables = map[string]bool{}
	}
	add := func(name string) {
		for i := 0; i < len(name); i++ {
			if name[i] >= 0x80 {
				x.fkAll = true // compared in lower case below, which SQLite does for ASCII only
			}
		}
		x.fkTables[strings.ToLower(name)] = true
	}
	switch o := op.(type) {
	case Exec, Run:
		x.fkAll = true
	case CreateTable:
		if o.Table != nil {
			add(o.Table.Name)
		}
	case RenameTable:
		add(o.Table)
		add(o.To)
	case Batch:
		add(o.Table)
		for _, sub := range o.Ops {
			x.touch(sub)
		}
	case Autocommit:
		for _, sub := range o.Ops {
			x.touch(sub)
		}
	default:
		if t := op.TableName(); t != "" {
			add(t)
		}
	}
}

// foreignKeyCheck returns the foreign key violations that the operations
// so far may have made: those of the tables they changed and of the tables
// that refer to those, or of the whole database after SQL or Go code.
func (x *executor) foreignKeyCheck(ctx context.Context) (map[ForeignKeyViolation]bool, error) {
	if x.fkAll {
		return foreignKeyViolations(ctx, x.tx, "")
	}
	out := map[ForeignKeyViolation]bool{}
	if len(x.fkTables) == 0 {
		return out, nil
	}
	var names []string
	for n := range x.fkTables {
		names = append(names, schema.QuoteString(n))
	}
	slices.Sort(names)
	list := strings.Join(names, ", ")
	q := `SELECT m.name FROM sqlite_schema m WHERE m.type = 'table' AND (lower(m.name) IN (` + list + `)
		OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) p WHERE lower(p."table") IN (` + list + `)))`
	rows, err := x.tx.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("checking foreign keys: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, fmt.Errorf("checking foreign keys: %w", err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("checking foreign keys: %w", err)
	}
	for _, t := range tables {
		found, err := foreignKeyViolations(ctx, x.tx, t)
		if err != nil {
			return nil, err
		}
		maps.Copy(out, found)
	}
	return out, nil
}

// foreignKeyViolations runs PRAGMA foreign_key_check, on the whole database
// or (table not empty) on the foreign keys of one table.
func foreignKeyViolations(ctx context.Context, q querier, table string) (map[ForeignKeyViolation]bool, error) {
	query := "PRAGMA foreign_key_check"
	if table != "" {
		query += "(" + ident(lite, table) + ")"
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("checking foreign keys: %w", err)
	}
	defer rows.Close()
	out := map[ForeignKeyViolation]bool{}
	for rows.Next() {
		var (
			v     ForeignKeyViolation
			rowid sql.NullInt64
		)
		if err := rows.Scan(&v.Table, &rowid, &v.Parent, &v.FKID); err != nil {
			return nil, fmt.Errorf("checking foreign keys: %w", err)
		}
		v.RowID = rowid.Int64
		out[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("checking foreign keys: %w", err)
	}
	return out, nil
}

// needsSQLiteBatch reports whether a table-level operation outside a Batch
// must go through batch mode on SQLite (which then decides between native
// ALTER TABLE and a rebuild).
func needsSQLiteBatch(op Operation) bool {
	switch o := op.(type) {
	case AddColumn:
		return o.Column != nil && sqliteAddColumnNative(o.Column) != nil
	case DropColumn, AddForeignKey, DropForeignKey, AddUnique, DropUnique, AddCheck, DropCheck, AddPrimaryKey, DropPrimaryKey:
		return true
	case AlterColumn:
		return o.changesSQLite()
	}
	return false
}

// enumSet tracks the enums known while applying operations: those created,
// changed and dropped by the operations so far, then a fallback lookup.
type enumSet struct {
	m        map[string]*schema.Enum
	dropped  map[string]bool
	fallback schema.EnumLookup
}

func newEnumSet(fallback schema.EnumLookup) *enumSet {
	return &enumSet{m: map[string]*schema.Enum{}, dropped: map[string]bool{}, fallback: fallback}
}

// lookup is the set as a schema.EnumLookup.
func (e *enumSet) lookup(name string) (*schema.Enum, bool) {
	if x, ok := e.m[name]; ok {
		return x, true
	}
	if e.dropped[name] || e.fallback == nil {
		return nil, false
	}
	return e.fallback(name)
}

// observe records the effect of an enum operation.
func (e *enumSet) observe(op Operation) {
	switch o := op.(type) {
	case CreateEnum:
		if o.Enum != nil {
			e.m[o.Enum.Name] = o.Enum.Clone()
			delete(e.dropped, o.Enum.Name)
		}
	case DropEnum:
		delete(e.m, o.Enum)
		e.dropped[o.Enum] = true
	case RebuildEnum:
		if o.Enum != nil {
			e.m[o.Enum.Name] = o.Enum.Clone()
			delete(e.dropped, o.Enum.Name)
		}
	case AddEnumValue:
		cur, ok := e.lookup(o.Enum)
		if !ok {
			return
		}
		x := cur.Clone()
		at := len(x.Values)
		for i, v := range x.Values {
			if (o.Before != "" && v == o.Before) || (o.After != "" && v == o.After) {
				at = i
				if o.After != "" {
					at = i + 1
				}
				break
			}
		}
		x.Values = slices.Insert(x.Values, at, o.Value)
		e.m[o.Enum] = x
	}
}
