package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

const targetHelp = `TARGET is head, base, a revision (or a unique prefix of one), or a
relative step: +N (N revisions up) or -N (N revisions down).`

func (a *app) upgradeCommand() *cobra.Command {
	var dbURL, dialect string
	var offline bool
	cmd := &cobra.Command{
		Use:   "upgrade [TARGET] --db URL | upgrade [FROM:]TARGET --sql --dialect D",
		Short: "Apply the chain of the database's dialect up to TARGET (default head)",
		Long: `Upgrade applies migrations of the chain that matches the database's
dialect, one transaction per migration, until the database is at TARGET.
A migration that fails is rolled back, leaving the database at the previous
revision. On a terminal a status line shows which migration runs and how
far a SQLite table rebuild has copied.

With --sql nothing is touched: the SQL that the upgrade would run is
printed (Alembic's offline mode), for a DBA to review or run. It needs
--dialect, and starts from base unless given FROM:TARGET.

` + targetHelp,
		Example: `  autogen upgrade --db sqlite://app.db
  autogen upgrade head --db postgres://localhost/app
  autogen upgrade +1 --db sqlite://app.db
  autogen upgrade head --sql --dialect postgresql > upgrade.sql
  autogen upgrade 68a44144428d:head --sql --dialect sqlite`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := "head"
			if len(args) == 1 {
				target = targetArg(args[0])
			}
			if offline {
				return a.offlineSQL(cmd, dbURL, dialect, target, migrations.Up)
			}
			return a.migrate(cmd.Context(), dbURL, "Upgrading", func(ctx context.Context, s *session, r *migrations.Runner, d schema.Dialect) error {
				res, err := r.Upgrade(ctx, target)
				a.printResults(res, err, "Upgraded")
				return err
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	cmd.Flags().BoolVar(&offline, "sql", false, "print the SQL instead of running it (no database needed)")
	cmd.Flags().StringVar(&dialect, "dialect", "", "with --sql: the `DIALECT` of the chain to print, postgresql or sqlite")
	return cmd
}

func (a *app) downgradeCommand() *cobra.Command {
	var dbURL, dialect string
	var offline bool
	cmd := &cobra.Command{
		Use:   "downgrade TARGET --db URL | downgrade FROM:TARGET --sql --dialect D",
		Short: "Revert the database to TARGET (base, a revision, or -N)",
		Long: `Downgrade runs the downgrade of each migration above TARGET, newest
first, one transaction per migration.

With --sql nothing is touched: the SQL is printed instead. Without a
database there is no current revision to start from, so give it as
FROM:TARGET (for example head:-1 or head:base).

` + targetHelp,
		Example: `  autogen downgrade -1 --db sqlite://app.db
  autogen downgrade base --db postgres://localhost/app
  autogen downgrade head:-1 --sql --dialect postgresql`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := targetArg(args[0])
			if offline {
				return a.offlineSQL(cmd, dbURL, dialect, target, migrations.Down)
			}
			return a.migrate(cmd.Context(), dbURL, "Downgrading", func(ctx context.Context, s *session, r *migrations.Runner, d schema.Dialect) error {
				res, err := r.Downgrade(ctx, target)
				a.printResults(res, err, "Downgraded")
				return err
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	cmd.Flags().BoolVar(&offline, "sql", false, "print the SQL instead of running it (no database needed)")
	cmd.Flags().StringVar(&dialect, "dialect", "", "with --sql: the `DIALECT` of the chain to print, postgresql or sqlite")
	return cmd
}

// offlineSQL prints the SQL of an upgrade or downgrade without a database.
// target may be FROM:TARGET.
func (a *app) offlineSQL(cmd *cobra.Command, dbURL, dialect, target string, dir migrations.Direction) error {
	if dbURL != "" {
		return fail("--sql prints SQL without touching a database: give --dialect instead of --db")
	}
	if dialect == "" {
		return fail("--sql needs --dialect postgresql or --dialect sqlite")
	}
	ds, err := parseDialect(dialect)
	if err != nil {
		return err
	}
	var from []string
	if f, t, ok := strings.Cut(target, ":"); ok {
		if f == "" || t == "" {
			return fail("%q: write FROM:TARGET, such as 68a44144428d:head or head:-1", target)
		}
		if f != "base" {
			from = strings.Split(f, "+")
		}
		target = t
	}
	s, err := a.chainSession(cmd.Context())
	if err != nil {
		return err
	}
	p := s.p
	c, err := s.chain(ds[0])
	if err != nil {
		return err
	}
	if g, err := s.graph(ds[0]); err != nil {
		return err
	} else {
		for i, rev := range from {
			if rev == "head" && len(g.Heads()) == 1 {
				from[i] = g.Heads()[0]
			} else if full, err := g.Resolve(rev); err == nil {
				from[i] = full
			}
		}
	}
	opts := []migrations.Option{migrations.WithVersionTable(p.Config.VersionTable)}
	if a.env.Model != nil {
		if m, err := a.env.Model.Resolve(); err == nil {
			opts = append(opts, migrations.WithEnums(m.Lookup()))
		}
	}
	if err := migrations.OfflineSQL(a.stdout, c, from, target, dir, opts...); err != nil {
		return runtimeError(err)
	}
	return nil
}

func (a *app) currentCommand() *cobra.Command {
	var dbURL string
	cmd := &cobra.Command{
		Use:   "current --db URL",
		Short: "Print the database's revision, with its pair",
		Long: `Current reads the database's revision from its version table and prints
the pair it belongs to (both revisions on one line, as history does), or
base when nothing is applied.`,
		Example: `  autogen current --db sqlite://app.db
  autogen current --db postgres://localhost/app`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.migrate(cmd.Context(), dbURL, "", func(ctx context.Context, s *session, r *migrations.Runner, d schema.Dialect) error {
				cur, err := r.Current(ctx)
				if err != nil {
					return err
				}
				if len(cur) == 0 {
					fmt.Fprintln(a.stdout, "base (no revision applied)")
					return nil
				}
				rows, _, err := s.pairRows(s.p.Config.Dialects)
				if err != nil {
					return err
				}
				var kept []pairRow
				for _, row := range rows {
					if contains(cur, row.Revisions[d]) {
						row.Current = append(row.Current, d)
						kept = append(kept, row)
					}
				}
				for _, rev := range cur {
					if !slices.ContainsFunc(kept, func(r pairRow) bool { return r.Revisions[d] == rev }) {
						return fail("the database is at revision %s, which the %s chain does not have: it was migrated by other code, or a migration file is missing", rev, d.Title())
					}
				}
				a.printRows(s.p.Config.Dialects, kept, a.verbose)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	return cmd
}

func (a *app) stampCommand() *cobra.Command {
	var dbURL string
	cmd := &cobra.Command{
		Use:   "stamp REV --db URL",
		Short: "Record REV as the database's revision without running any migration",
		Long: `Stamp writes REV to the database's version table and changes nothing else.
It adopts a database whose schema was made some other way: by hand, by an
older tool, or by Alembic (the version table has Alembic's layout,
alembic_version(version_num), so an Alembic-managed database keeps working
with the same table). Check first that the schema really is at REV:

  autogen stamp REV --db URL && autogen check --db URL

REV is head, base, heads (every head of a forked chain) or a revision (or
a unique prefix of one). On a chain with no revisions yet, stamp head is
refused: it would erase the revision the database records.`,
		Example: `  autogen stamp head --db postgres://localhost/app
  autogen stamp 68a44144428d --db sqlite://app.db
  autogen stamp base --db sqlite://app.db`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := targetArg(args[0])
			return a.migrate(cmd.Context(), dbURL, "", func(ctx context.Context, s *session, r *migrations.Runner, d schema.Dialect) error {
				if g, err := s.graph(d); err == nil && len(g.Heads()) == 0 && (target == "head" || target == "heads") {
					// head of an empty chain is base: stamping it would
					// delete the revision an adopted database records.
					return fail("the %s chain has no revisions yet, so there is no head to stamp; write the baseline first ('autogen revision -m \"baseline\"'), then stamp head", d.Title())
				}
				if err := r.Stamp(ctx, target); err != nil {
					return err
				}
				cur, err := r.Current(ctx)
				if err != nil {
					return err
				}
				at := "base"
				if len(cur) > 0 {
					at = strings.Join(cur, ", ")
				}
				fmt.Fprintf(a.stdout, "Stamped %s at %s; no migration ran.\n", redactURL(dbURL), at)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	return cmd
}

// migrate opens the database, picks the chain of its dialect and runs f.
// A non-empty verb shows a status line while migrations run.
func (a *app) migrate(ctx context.Context, dbURL, verb string, f func(context.Context, *session, *migrations.Runner, schema.Dialect) error) error {
	if dbURL == "" {
		return fail("--db URL is required (postgres://…, sqlite://PATH or sqlite::memory:)")
	}
	if _, _, err := parseURLDialect(dbURL); err != nil {
		return err
	}
	s, err := a.chainSession(ctx)
	if err != nil {
		return err
	}
	db, d, err := openDatabase(ctx, dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := s.graph(d); err != nil {
		return err
	}
	var prog *progress
	var opts []migrations.Option
	if verb != "" {
		prog = a.startProgress(verb + " " + redactURL(dbURL))
		opts = append(opts,
			migrations.WithLogger(a.migrationLogger(prog, verb, 0)),
			migrations.WithProgress(func(pr migrations.Progress) {
				prog.set("%s: rebuilding table %q, %d of %d rows copied", verb, pr.Table, pr.Rows, pr.Total)
			}))
	}
	r, err := s.runner(db, d, opts...)
	if err != nil {
		prog.end()
		return err
	}
	err = f(ctx, s, r, d)
	prog.end()
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		return runtimeError(err)
	}
	return nil
}

// runtimeError turns an error of the runtime into one sentence with what
// to do about it.
func runtimeError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "migrations: ")
	switch {
	case errors.Is(err, migrations.ErrUnknownRevision), errors.Is(err, migrations.ErrAmbiguousRevision):
		return fail("%s; see 'autogen history' for the revisions", msg)
	case errors.Is(err, migrations.ErrMultipleHeads) && strings.Contains(msg, "autogen merge"):
		return fail("%s", msg) // it says what to do already
	case errors.Is(err, migrations.ErrMultipleHeads):
		return fail("%s; name one revision, or join the heads with 'autogen merge'", msg)
	case errors.Is(err, migrations.ErrInvalidTarget):
		return fail("%s (TARGET is head, base, a revision, +N to go up or -N to go down)", msg)
	}
	return fail("%s", msg)
}

func (a *app) printResults(res []migrations.Result, err error, verb string) {
	a.endProgress()
	for _, r := range res {
		fmt.Fprintf(a.stdout, "%s %s %s\n", verb, r.Revision, oneLine(r.Message))
	}
	if len(res) == 0 && err == nil {
		a.logf("Nothing to do: the database is already there.")
	}
}

// versionState says whether a live database is at its chain's head, in a
// sentence for check's report; "" when it is.
func (s *session) versionState(ctx context.Context, db *sql.DB, d schema.Dialect) (string, error) {
	r, err := s.runner(db, d)
	if err != nil {
		return "", err
	}
	cur, err := r.Current(ctx)
	if err != nil {
		return "", fail("read the database's revision: %v", err)
	}
	g, err := s.graph(d)
	if err != nil {
		return "", err
	}
	heads := g.Heads()
	if slices.Equal(sorted(cur), sorted(heads)) {
		return "", nil
	}
	have := "base"
	if len(cur) > 0 {
		have = strings.Join(cur, ", ")
	}
	want := "base"
	if len(heads) > 0 {
		want = strings.Join(heads, ", ")
	}
	return fmt.Sprintf("the database is at revision %s, not at the %s chain's head %s", have, d.Title(), want), nil
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}
