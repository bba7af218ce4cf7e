package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// session is one command's work inside the env program: the project, the
// resolved model and the scratch databases.
type session struct {
	a       *app
	p       *Project
	model   *schema.Schema
	scratch *scratch
}

// newSession resolves the env's model. An invalid model is an error that
// lists every problem.
func (a *app) newSession(p *Project) (*session, error) {
	if a.env == nil || a.env.Model == nil {
		return nil, fail("the env program gave no model; set Model in %s", p.Path(p.Config.Env))
	}
	model, err := a.env.Model.Resolve()
	if err != nil {
		return nil, fail("the model is invalid:\n%s", indent(err.Error()))
	}
	return &session{a: a, p: p, model: model, scratch: newScratch(p)}, nil
}

func (s *session) close() { s.scratch.close() }

func (s *session) filter() *diff.Filter {
	if s.a.env.Filter != nil {
		return s.a.env.Filter
	}
	f := diff.DefaultFilter()
	return &f
}

func (s *session) reflectOptions() reflect.Options {
	return reflect.Options{VersionTable: s.p.Config.VersionTable}
}

// chain returns the env's chain for d, checked for integrity.
func (s *session) chain(d schema.Dialect) (*migrations.Chain, error) {
	c := s.a.env.Chain(d)
	if c == nil {
		return nil, fail("the env program has no %s chain; add it to %s or remove %q from dialects in %s",
			d.Title(), s.p.Path(s.p.Config.Env), d, ConfigFile)
	}
	return c, nil
}

// head returns the revision of the chain's single head, "" for an empty
// chain.
func (s *session) head(d schema.Dialect) (string, error) {
	g, err := s.graph(d)
	if err != nil {
		return "", err
	}
	heads := g.Heads()
	switch len(heads) {
	case 0:
		return "", nil
	case 1:
		return heads[0], nil
	}
	return "", fail("the %s chain has %d heads (%s); merge them first", d.Title(), len(heads), strings.Join(heads, ", "))
}

// graph returns the validated revision graph of d's chain.
func (s *session) graph(d schema.Dialect) (*migrations.Graph, error) {
	c, err := s.chain(d)
	if err != nil {
		return nil, err
	}
	g, err := c.Graph()
	if err != nil {
		return nil, fail("the %s chain is broken:\n%s", d.Title(), indent(err.Error()))
	}
	return g, nil
}

func (s *session) runner(db *sql.DB, d schema.Dialect, opts ...migrations.Option) (*migrations.Runner, error) {
	c, err := s.chain(d)
	if err != nil {
		return nil, err
	}
	opts = append([]migrations.Option{migrations.WithVersionTable(s.p.Config.VersionTable)}, opts...)
	if s.model != nil {
		opts = append(opts, migrations.WithEnums(s.model.Lookup()))
	}
	r, err := migrations.NewRunner(db, c, opts...)
	if err != nil {
		return nil, fail("%s chain: %v", d.Title(), err)
	}
	return r, nil
}

// headSchema builds the chain's head (every head of a forked chain) on a
// scratch database and reflects it.
func (s *session) headSchema(ctx context.Context, d schema.Dialect) (*schema.Schema, error) {
	return s.schemaAt(ctx, d, "heads")
}

// schemaAt builds the chain up to target on a scratch database and
// reflects it.
func (s *session) schemaAt(ctx context.Context, d schema.Dialect, target string) (*schema.Schema, error) {
	db, err := s.scratch.open(ctx, d)
	if err != nil {
		return nil, err
	}
	total := 0
	if g, err := s.graph(d); err == nil {
		total = len(g.Migrations())
	}
	prog := s.a.startProgress(fmt.Sprintf("Replaying the %s chain on a scratch database", d.Title()))
	r, err := s.runner(db, d, migrations.WithLogger(s.a.migrationLogger(prog, "Replaying the "+d.Title()+" chain", total)))
	if err != nil {
		prog.end()
		return nil, err
	}
	_, err = r.Upgrade(ctx, target)
	prog.end()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		re := &replayError{d: d, err: err}
		var me *migrations.MigrationError
		if errors.As(err, &me) {
			re.revision = me.Revision
		}
		return nil, &exitError{code: ExitError, err: re}
	}
	cur, err := reflect.Database(ctx, d, db, s.reflectOptions())
	if err != nil {
		return nil, fail("reflect the %s chain's head: %v", d.Title(), err)
	}
	return cur, nil
}

// replayError is a chain that failed to replay on a scratch database:
// one of its migrations (revision, when known) does not apply.
type replayError struct {
	d        schema.Dialect
	revision string
	err      error
}

func (e *replayError) Error() string {
	return fmt.Sprintf("replay the %s chain on a scratch database: %s", e.d.Title(), strings.TrimPrefix(e.err.Error(), "migrations: "))
}

func (e *replayError) Unwrap() error { return e.err }

// headComparison is the comparison of one dialect's chain head with the
// model.
type headComparison struct {
	d         schema.Dialect
	r         *diff.Result
	cur, want *schema.Schema
	err       error
}

// compareHeads compares the head of each dialect's chain with the model,
// in the order of ds. The work runs concurrently, each part on its own
// scratch database: the dialects side by side, and for each the chain's
// replay beside the model's build.
func (s *session) compareHeads(ctx context.Context, ds []schema.Dialect) []headComparison {
	out := make([]headComparison, len(ds))
	var wg sync.WaitGroup
	for i, d := range ds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := &out[i]
			h.d = d
			defer recoverInto(&h.err)
			var wantErr error
			built := make(chan struct{})
			go func() {
				defer close(built)
				defer recoverInto(&wantErr)
				h.want, wantErr = s.desired(ctx, d)
			}()
			h.cur, h.err = s.headSchema(ctx, d)
			<-built
			if h.err == nil {
				h.err = wantErr
			}
			if h.err != nil {
				return
			}
			r, err := diff.CompareRenaming(d, h.cur, h.want, diff.Options{Model: s.model, Filter: s.filter()}, nil)
			if err != nil {
				h.err = fail("compare %s: %v", d.Title(), err)
				return
			}
			h.r = r
		}()
	}
	wg.Wait()
	return out
}

// desired builds the model on a scratch database and reflects it.
func (s *session) desired(ctx context.Context, d schema.Dialect) (*schema.Schema, error) {
	db, err := s.scratch.open(ctx, d)
	if err != nil {
		return nil, err
	}
	want, err := diff.Desired(ctx, d, s.model, db, s.reflectOptions())
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		hint := ""
		if d == schema.SQLite && s.p.HasDialect(schema.Postgres) {
			hint = fmt.Sprintf("\nIf the model uses something SQLite lacks, give it a SQLite spelling (schema.SQL{schema.SQLite: …} for a type, default or check expression); for a project that runs on PostgreSQL only, set dialects = [\"postgresql\"] in %s.",
				s.a.relPath(filepath.Join(s.p.Dir, ConfigFile)))
		}
		return nil, fail("%v%s", err, hint)
	}
	return want, nil
}

// compareWith compares a reflected schema of dialect d with the model,
// with renames applied, and returns the result and the model as built.
func (s *session) compareWith(ctx context.Context, d schema.Dialect, cur *schema.Schema, renames []diff.Rename) (*diff.Result, *schema.Schema, error) {
	want, err := s.desired(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	r, err := diff.CompareRenaming(d, cur, want, diff.Options{Model: s.model, Filter: s.filter()}, renames)
	if err != nil {
		return nil, nil, fail("compare %s: %v", d.Title(), err)
	}
	return r, want, nil
}

// dialects returns the dialects a command works on: the project's, or the
// one --dialect names.
func (s *session) dialects(flag string) ([]schema.Dialect, error) {
	ds, err := parseDialect(flag)
	if err != nil {
		return nil, err
	}
	var out []schema.Dialect
	for _, d := range ds {
		if s.p.HasDialect(d) {
			out = append(out, d)
		} else if flag != "" {
			return nil, fail("the project keeps no %s chain (dialects in %s)", d.Title(), ConfigFile)
		}
	}
	return out, nil
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

// printChanges writes a result's changes, one per line.
func (a *app) printChanges(r *diff.Result) {
	for _, c := range r.Changes {
		fmt.Fprintf(a.stdout, "  %s: %s\n", r.Dialect.Title(), c)
	}
}

// recoverInto turns a panic in a goroutine (from a filter rule, say) into
// an error, as Run does for the command itself.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = fail("unexpected failure: %v; report it if the cause is not in your model or filter rules", r)
	}
}
