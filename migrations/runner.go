package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"

	"github.com/autogen-dev/autogen/schema"
)

// Runner upgrades, downgrades and stamps one database along one chain. It
// is safe for concurrent use, and several Runners (in this process or in
// others) may work on the same database at once: each migration is applied
// exactly once.
//
// Every migration runs in its own transaction, which also updates the
// version table; a migration that fails is rolled back, leaving the
// database at the previous revision, and the error (a *MigrationError)
// names the revision and the failing statement. Migrations applied before
// it stay applied. (On PostgreSQL, operations that cannot run in a
// transaction — CONCURRENTLY index operations, Autocommit blocks — commit
// the work before them; see Apply and docs/runtime.md.)
//
// Concurrency: within a process, a lock per *sql.DB serializes Runners. On
// PostgreSQL, a session-level advisory lock (see WithVersionTable) is held
// around the whole upgrade or downgrade, and the current revision is read
// after taking it. On SQLite, each migration's transaction takes the write
// lock first and re-reads the version table inside it, so a migration that
// another process applied meanwhile is skipped rather than applied again.
type Runner struct {
	db *sql.DB
	// lockKey identifies the database for the in-process lock: the
	// *sql.DB, or the pgx pool it wraps.
	lockKey any
	chain   *Chain
	d       schema.Dialect
	vt      versionTable
	log     *slog.Logger
	enums   schema.EnumLookup

	statementTimeout time.Duration
	lockTimeout      time.Duration
	progress         func(Progress)
}

// Option configures a Runner (and OfflineSQL, which uses the options that
// apply without a database: the version table, the enums, timeouts).
type Option func(*Runner)

// WithVersionTable names the version table (default "alembic_version").
// On PostgreSQL the advisory lock's key is derived from this name, so
// Runners with different version tables do not wait for each other.
func WithVersionTable(name string) Option {
	return func(r *Runner) { r.vt.name = name }
}

// WithLogger logs migrations at info level and statements at debug level
// (default: no logging).
func WithLogger(l *slog.Logger) Option {
	return func(r *Runner) { r.log = l }
}

// WithStatementTimeout limits each statement of a migration on PostgreSQL
// (SET LOCAL statement_timeout in each transaction; statements run outside
// a transaction, CONCURRENTLY ones, are not limited). Zero, the default,
// means no limit. Ignored on SQLite.
func WithStatementTimeout(d time.Duration) Option {
	return func(r *Runner) { r.statementTimeout = d }
}

// WithLockTimeout limits how long a migration's statements wait for table
// locks on PostgreSQL (SET LOCAL lock_timeout in each transaction). Zero,
// the default, means no limit. Ignored on SQLite.
func WithLockTimeout(d time.Duration) Option {
	return func(r *Runner) { r.lockTimeout = d }
}

// WithProgress calls f as a long operation advances: a SQLite table
// rebuild reports the rows copied so far, after each chunk of rows (see
// Progress). The logger (WithLogger) gets the same reports at info level.
// f is called from the goroutine running the migration.
func WithProgress(f func(Progress)) Option {
	return func(r *Runner) { r.progress = f }
}

// WithEnums gives enums that migrations use without creating them (enum
// columns are sized from their values on SQLite). Enums created by earlier
// migrations of the chain are known without it.
func WithEnums(lookup schema.EnumLookup) Option {
	return func(r *Runner) { r.enums = lookup }
}

// NewRunner returns a Runner for db along chain; the dialect is the
// chain's. It fails when the chain is invalid (see Chain.Graph), or when
// db's driver is for the other dialect.
func NewRunner(db *sql.DB, chain *Chain, opts ...Option) (*Runner, error) {
	if db == nil || chain == nil {
		return nil, errors.New("migrations: NewRunner needs a database and a chain")
	}
	d := chain.Dialect()
	if !d.Valid() {
		return nil, fmt.Errorf("migrations: the chain's dialect %q is not supported", d)
	}
	switch db.Driver().(type) {
	case *stdlib.Driver:
		if d != schema.Postgres {
			return nil, fmt.Errorf("migrations: the chain is for %s but the database is PostgreSQL (driver pgx)", d.Title())
		}
	case *sqlite.Driver:
		if d != schema.SQLite {
			return nil, fmt.Errorf("migrations: the chain is for %s but the database is SQLite", d.Title())
		}
	}
	r := &Runner{db: db, lockKey: db, chain: chain, d: d, vt: versionTable{d: d, name: DefaultVersionTable}}
	for _, o := range opts {
		o(r)
	}
	if r.vt.name == "" {
		return nil, errors.New("migrations: the version table name is empty")
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if _, err := chain.Graph(); err != nil {
		return nil, fmt.Errorf("migrations: %s chain: %w", d.Title(), err)
	}
	return r, nil
}

// NewRunnerFromPool returns a Runner for a PostgreSQL chain on a pgx
// connection pool, which it uses through database/sql
// (stdlib.OpenDBFromPool); Runners made from one pool share the in-process
// lock. The pool stays the caller's to close.
func NewRunnerFromPool(pool *pgxpool.Pool, chain *Chain, opts ...Option) (*Runner, error) {
	if pool == nil {
		return nil, errors.New("migrations: NewRunnerFromPool needs a pool")
	}
	r, err := NewRunner(stdlib.OpenDBFromPool(pool), chain, opts...)
	if err != nil {
		return nil, err
	}
	r.lockKey = pool
	return r, nil
}

// Result reports one migration that ran.
type Result struct {
	Revision  string
	Message   string
	Direction Direction
	Duration  time.Duration
}

// MigrationError reports a migration that failed and was rolled back.
type MigrationError struct {
	Revision  string
	Message   string
	Direction Direction
	// Statement is the SQL that failed, when a statement failed.
	Statement string
	Err       error
}

// Error names the direction, revision and message, then the cause.
func (e *MigrationError) Error() string {
	return fmt.Sprintf("%s %s (%q) failed and was rolled back: %v", e.Direction, e.Revision, e.Message, e.Err)
}

// Unwrap returns the underlying error.
func (e *MigrationError) Unwrap() error { return e.Err }

// Current returns the revisions the database is at, sorted: one for a
// linear chain, none (base) when nothing is applied or the version table
// does not exist.
func (r *Runner) Current(ctx context.Context) ([]string, error) {
	revs, err := r.vt.read(ctx, r.db)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return revs, nil
}

// Upgrade applies the migrations up to target: "head" (the single head;
// ErrMultipleHeads when there are several), "heads", a revision ID or a
// unique prefix of one, or "+N" for the next N migrations. It creates the
// version table when missing. It returns the migrations applied, in order;
// none, with a nil error, when the database is already there. On error it
// returns those applied before the failing one, which stay applied.
func (r *Runner) Upgrade(ctx context.Context, target string) ([]Result, error) {
	return r.migrate(ctx, target, Up)
}

// Downgrade unapplies migrations down to target: "base" (everything), a
// revision ID or prefix (everything applied that follows it; the revision
// must be applied), or "-N" for the last N migrations. It returns the
// migrations unapplied, in order; see Upgrade for errors.
func (r *Runner) Downgrade(ctx context.Context, target string) ([]Result, error) {
	return r.migrate(ctx, target, Down)
}

// Stamp records target as the database's revision without running any
// migration: "head", "heads", "base", a revision or prefix, "+N" or "-N".
// It replaces whatever the version table held, creating it when missing.
// It is how a database created some other way (or by Alembic) is adopted.
func (r *Runner) Stamp(ctx context.Context, target string) (err error) {
	g, err := r.chain.Graph()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	unlock, err := r.lockProcess(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	s, err := r.openSession(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	defer func() { err = errors.Join(err, s.close()) }()
	if r.d == schema.Postgres {
		release, err := r.advisoryLock(ctx, s)
		if err != nil {
			return err
		}
		defer release()
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("migrations: stamp: %w", err)
	}
	defer tx.Rollback()
	if err := r.vt.ensure(ctx, tx); err != nil {
		return fmt.Errorf("migrations: stamp: %w", err)
	}
	cur, err := r.vt.read(ctx, tx)
	if err != nil {
		return fmt.Errorf("migrations: stamp: %w", err)
	}
	revs, err := stampTarget(g, cur, target)
	if err != nil {
		return fmt.Errorf("migrations: stamp %s: %w", target, err)
	}
	if err := r.vt.set(ctx, tx, revs); err != nil {
		return fmt.Errorf("migrations: stamp: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrations: stamp: committing: %w", err)
	}
	r.log.InfoContext(ctx, "stamped", "revisions", revs)
	return nil
}

// stampTarget resolves a stamp target to the revisions to record.
func stampTarget(g *Graph, cur []string, target string) ([]string, error) {
	switch t := strings.TrimSpace(target); {
	case t == "base":
		return nil, nil
	case t == "heads":
		return g.Heads(), nil
	case t == "head":
		if len(g.heads) > 1 {
			return nil, g.multipleHeads()
		}
		return g.Heads(), nil
	case strings.HasPrefix(t, "+") || strings.HasPrefix(t, "-"):
		dir := Up
		if t[0] == '-' {
			dir = Down
		}
		p, err := g.Plan(cur, t, dir)
		if err != nil {
			return nil, err
		}
		return p.Target, nil
	default:
		rev, err := g.Resolve(t)
		if err != nil {
			return nil, err
		}
		return []string{rev}, nil
	}
}

func (r *Runner) openSession(ctx context.Context) (*session, error) {
	return openSession(ctx, r.db, r.d, sessionConfig{
		logger:           r.log,
		statementTimeout: r.statementTimeout,
		lockTimeout:      r.lockTimeout,
		progress:         r.progress,
	})
}

// migrate runs migrations one transaction at a time until the database
// reaches target.
func (r *Runner) migrate(ctx context.Context, target string, dir Direction) (results []Result, err error) {
	g, err := r.chain.Graph()
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	unlock, err := r.lockProcess(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	s, err := r.openSession(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	defer func() { err = errors.Join(err, s.close()) }()
	if r.d == schema.Postgres {
		release, err := r.advisoryLock(ctx, s)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	// The target is resolved once, against the revisions read after taking
	// the locks: "+1" means one migration from here, whatever other
	// processes do meanwhile.
	cur, err := r.vt.read(ctx, s.conn)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	plan, err := g.Plan(cur, target, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations: %s to %s: %w", dir, target, err)
	}
	final := g.closure(plan.Target)
	ops := map[string][]Operation{} // recorded upgrade operations, for enums
	for {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		res, done, err := r.step(ctx, s, g, final, dir, ops)
		if errors.Is(err, errRetryWithBaseline) {
			continue // the step was rolled back; again, with a baseline
		}
		if err != nil {
			return results, err
		}
		if done {
			return results, nil
		}
		results = append(results, res)
	}
}

// step runs the next migration towards final in its own transaction, after
// re-reading the version table inside it. done is true when there was
// nothing left to do.
func (r *Runner) step(ctx context.Context, s *session, g *Graph, final map[string]bool, dir Direction, recorded map[string][]Operation) (res Result, done bool, err error) {
	x, err := s.start(ctx, nil)
	if err != nil {
		return res, false, fmt.Errorf("migrations: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, x.rollback())
		}
	}()
	if dir == Up {
		if err := r.vt.ensure(ctx, x.tx); err != nil {
			return res, false, fmt.Errorf("migrations: %w", err)
		}
	}
	cur, err := r.vt.read(ctx, x.tx)
	if err != nil {
		return res, false, fmt.Errorf("migrations: %w", err)
	}
	m, err := g.next(cur, final, dir)
	if err != nil {
		return res, false, fmt.Errorf("migrations: %w", err)
	}
	if m == nil {
		// Nothing to do (perhaps another process did it); keep the version
		// table if it was just created.
		if err := x.finish(ctx); err != nil {
			if errors.Is(err, errRetryWithBaseline) {
				return res, false, err
			}
			return res, false, fmt.Errorf("migrations: %w", err)
		}
		return res, true, nil
	}
	fail := func(err error) error {
		me := &MigrationError{Revision: m.Revision, Message: m.Message, Direction: dir, Err: err}
		var se *StatementError
		if errors.As(err, &se) {
			me.Statement = se.SQL
		}
		r.log.ErrorContext(ctx, "migration failed", "direction", dir.String(), "revision", m.Revision, "error", err)
		return me
	}
	x.enums, err = r.enumsBefore(g, m, dir, recorded)
	if err != nil {
		return res, false, fail(err)
	}
	ops, err := m.Ops(dir == Up)
	if err != nil {
		return res, false, fail(err)
	}
	r.log.InfoContext(ctx, "running migration", "direction", dir.String(), "revision", m.Revision, "message", m.Message)
	began := time.Now()
	if err := x.apply(ctx, ops); err != nil {
		return res, false, fail(err)
	}
	if err := r.vt.move(ctx, x.tx, cur, g.after(cur, m, dir)); err != nil {
		return res, false, fail(err)
	}
	if err := x.finish(ctx); err != nil {
		if errors.Is(err, errRetryWithBaseline) {
			return res, false, err
		}
		return res, false, fail(err)
	}
	res = Result{Revision: m.Revision, Message: m.Message, Direction: dir, Duration: time.Since(began)}
	r.log.InfoContext(ctx, "migration done", "direction", dir.String(), "revision", m.Revision, "duration", res.Duration)
	return res, false, nil
}

// enumsBefore returns the enums as they are just before m runs in direction
// dir: those created by the upgrades of m's ancestors (and, for a
// downgrade, by m's own upgrade), then the Runner's WithEnums lookup. Only
// SQLite needs them (to size enum columns).
func (r *Runner) enumsBefore(g *Graph, m *Migration, dir Direction, recorded map[string][]Operation) (*enumSet, error) {
	set := newEnumSet(r.enums)
	if r.d != schema.SQLite {
		return set, nil
	}
	replay := append(g.ancestors(m), m)
	if dir == Up {
		replay = replay[:len(replay)-1]
	}
	for _, a := range replay {
		ops, ok := recorded[a.Revision]
		if !ok {
			var err error
			if ops, err = a.Ops(true); err != nil {
				return nil, err
			}
			recorded[a.Revision] = ops
		}
		for _, op := range ops {
			set.observe(op)
		}
	}
	return set, nil
}

// processLocks serializes Runners of one *sql.DB (or pgx pool) within the
// process: the explicit registry of the locks in use.
var processLocks sync.Map // *sql.DB or *pgxpool.Pool -> chan struct{}

func (r *Runner) lockProcess(ctx context.Context) (func(), error) {
	v, _ := processLocks.LoadOrStore(r.lockKey, make(chan struct{}, 1))
	ch := v.(chan struct{})
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("migrations: waiting for another migration in this process: %w", ctx.Err())
	}
}

// AdvisoryLockKey is the PostgreSQL advisory lock key a Runner takes for a
// version table: the FNV-1a 64-bit hash of "autogen:" and the table's name,
// as a signed integer.
func AdvisoryLockKey(versionTable string) int64 {
	h := fnv.New64a()
	h.Write([]byte("autogen:" + versionTable))
	return int64(h.Sum64())
}

// advisoryLock takes the session-level advisory lock on the session's
// connection and returns its release. It polls pg_try_advisory_lock rather
// than waiting in pg_advisory_lock: a session blocked in a query holds a
// snapshot, which CREATE INDEX CONCURRENTLY in the lock holder's migration
// would wait for, forever.
func (r *Runner) advisoryLock(ctx context.Context, s *session) (func(), error) {
	key := AdvisoryLockKey(r.vt.name)
	wait := 50 * time.Millisecond
	logged := false
	for {
		var ok bool
		if err := s.conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
			return nil, fmt.Errorf("migrations: taking the advisory lock %d: %w", key, err)
		}
		if ok {
			break
		}
		if !logged {
			r.log.InfoContext(ctx, "waiting for another process's migration (advisory lock)", "key", key)
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("migrations: waiting for the advisory lock %d: %w", key, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var ok bool
		if err := s.conn.QueryRowContext(ctx, "SELECT pg_advisory_unlock($1)", key).Scan(&ok); err != nil || !ok {
			// Closing the session's connection releases the lock.
			r.log.Error("releasing the advisory lock failed; closing the connection", "key", key, "error", err)
			s.discard = true
		}
	}, nil
}
