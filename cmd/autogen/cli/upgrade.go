package cli

import (
	"context"
	"database/sql"
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
	var dbURL string
	cmd := &cobra.Command{
		Use:   "upgrade [TARGET] --db URL",
		Short: "Apply the chain of the database's dialect up to TARGET (default head)",
		Long: `Upgrade applies migrations of the chain that matches the database's
dialect, one transaction per migration, until the database is at TARGET.
A migration that fails is rolled back, leaving the database at the previous
revision.

` + targetHelp,
		Example: `  autogen upgrade --db sqlite://app.db
  autogen upgrade head --db postgres://localhost/app
  autogen upgrade +1 --db sqlite://app.db`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := "head"
			if len(args) == 1 {
				target = targetArg(args[0])
			}
			return a.migrate(cmd.Context(), dbURL, func(ctx context.Context, r *migrations.Runner, g *migrations.Graph) error {
				res, err := r.Upgrade(ctx, target)
				a.printResults(res, "Upgraded")
				return err
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	return cmd
}

func (a *app) downgradeCommand() *cobra.Command {
	var dbURL string
	cmd := &cobra.Command{
		Use:   "downgrade TARGET --db URL",
		Short: "Revert the database to TARGET (base, a revision, or -N)",
		Long: `Downgrade runs the downgrade of each migration above TARGET, newest
first, one transaction per migration.

` + targetHelp,
		Example: `  autogen downgrade -1 --db sqlite://app.db
  autogen downgrade base --db postgres://localhost/app`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.migrate(cmd.Context(), dbURL, func(ctx context.Context, r *migrations.Runner, g *migrations.Graph) error {
				res, err := r.Downgrade(ctx, targetArg(args[0]))
				a.printResults(res, "Downgraded")
				return err
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	return cmd
}

func (a *app) currentCommand() *cobra.Command {
	var dbURL string
	cmd := &cobra.Command{
		Use:     "current --db URL",
		Short:   "Print the database's revision",
		Example: `  autogen current --db sqlite://app.db`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.migrate(cmd.Context(), dbURL, func(ctx context.Context, r *migrations.Runner, g *migrations.Graph) error {
				cur, err := r.Current(ctx)
				if err != nil {
					return err
				}
				if len(cur) == 0 {
					fmt.Fprintln(a.stdout, "base (no revision applied)")
					return nil
				}
				heads := g.Heads()
				for _, rev := range cur {
					mark := ""
					if slices.Contains(heads, rev) {
						mark = " (head)"
					}
					msg := ""
					if m := g.Migration(rev); m != nil {
						msg = " " + m.Message
					} else {
						msg = " (unknown to the chain)"
					}
					fmt.Fprintf(a.stdout, "%s%s%s\n", rev, mark, msg)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&dbURL, "db", "", "database `URL` (postgres://…, sqlite://PATH)")
	return cmd
}

// migrate opens the database, picks the chain of its dialect and runs f.
func (a *app) migrate(ctx context.Context, dbURL string, f func(context.Context, *migrations.Runner, *migrations.Graph) error) error {
	if dbURL == "" {
		return fail("--db URL is required (postgres://…, sqlite://PATH or sqlite::memory:)")
	}
	if _, _, err := parseURLDialect(dbURL); err != nil {
		return err
	}
	p, err := a.project()
	if err != nil {
		return err
	}
	if err := a.needEnv(ctx, p); err != nil {
		return err
	}
	db, d, err := openDatabase(ctx, dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &session{a: a, p: p}
	g, err := s.graph(d)
	if err != nil {
		return err
	}
	r, err := s.runner(db, d)
	if err != nil {
		return err
	}
	if err := f(ctx, r, g); err != nil {
		return fail("%v", err)
	}
	return nil
}

func (a *app) printResults(res []migrations.Result, verb string) {
	for _, r := range res {
		fmt.Fprintf(a.stdout, "%s %s %s\n", verb, r.Revision, r.Message)
	}
	if len(res) == 0 {
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
	return fmt.Sprintf("The database is at revision %s, not at the %s chain's head %s; run 'autogen upgrade head --db URL'.", have, d.Title(), want), nil
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}
