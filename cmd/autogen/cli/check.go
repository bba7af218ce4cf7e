package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

func (a *app) checkCommand() *cobra.Command {
	var dbURL, dialect string
	cmd := &cobra.Command{
		Use:   "check [--db URL] [--dialect postgresql|sqlite]",
		Short: "Fail when the model has changes that no migration carries",
		Long: `Check compares the model with each chain's head, both built on scratch
databases, and lists every difference. With --db it compares the model with
that live database instead (its dialect comes from the URL).

Exit 0 when in sync, 1 when there are differences (listed), 2 on usage or
environment errors. Run it in CI so that an unmigrated model change fails the
build.`,
		Example: `  autogen check
  autogen check --dialect sqlite
  autogen check --db postgres://localhost/app`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.project()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if dbURL != "" {
				// Fail fast on a bad URL before compiling the env.
				if _, _, err := parseURLDialect(dbURL); err != nil {
					return err
				}
			}
			if err := a.needEnv(ctx, p); err != nil {
				return err
			}
			s, err := a.newSession(p)
			if err != nil {
				return err
			}
			defer s.close()
			var results []*diff.Result
			var notAtHead []string
			if dbURL != "" {
				db, d, err := openDatabase(ctx, dbURL)
				if err != nil {
					return err
				}
				defer db.Close()
				if dialect != "" {
					if ds, err := parseDialect(dialect); err != nil || ds[0] != d {
						return fail("--dialect %s does not match the database URL, which is %s", dialect, d.Title())
					}
				}
				cur, err := reflect.Database(ctx, d, db, s.reflectOptions())
				if err != nil {
					return fail("reflect %s: %v", redactURL(dbURL), err)
				}
				r, err := s.compareWith(ctx, d, cur)
				if err != nil {
					return err
				}
				results = append(results, r)
				if msg, err := s.versionState(ctx, db, d); err != nil {
					return err
				} else if msg != "" {
					notAtHead = append(notAtHead, msg)
				}
			} else {
				ds, err := s.dialects(dialect)
				if err != nil {
					return err
				}
				for _, d := range ds {
					r, err := s.compareHead(ctx, d)
					if err != nil {
						return err
					}
					results = append(results, r)
				}
			}
			n := 0
			for _, r := range results {
				n += len(r.Changes)
			}
			if n == 0 && len(notAtHead) == 0 {
				var names []string
				for _, r := range results {
					names = append(names, r.Dialect.Title())
				}
				fmt.Fprintf(a.stdout, "In sync: the model matches %s.\n", target(dbURL, names))
				return nil
			}
			if n > 0 {
				fmt.Fprintf(a.stdout, "The model differs from %s (%d change%s):\n", target(dbURL, nil), n, plural(n))
				for _, r := range results {
					a.printChanges(r)
				}
				if dbURL == "" {
					fmt.Fprintln(a.stdout, "Run 'autogen revision -m MESSAGE' to write the migrations.")
				}
			}
			for _, m := range notAtHead {
				fmt.Fprintln(a.stdout, m)
			}
			return drift("check failed")
		},
	}
	f := cmd.Flags()
	f.StringVar(&dbURL, "db", "", "compare with this live database `URL` instead of the chain heads")
	f.StringVar(&dialect, "dialect", "", "check only this dialect: postgresql or sqlite")
	return cmd
}

func target(dbURL string, dialects []string) string {
	if dbURL != "" {
		return "the database " + redactURL(dbURL)
	}
	if len(dialects) == 0 {
		return "the chain heads"
	}
	return "the head of the " + strings.Join(dialects, " and ") + " chain" + plural(len(dialects))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// parseURLDialect returns the dialect a database URL names.
func parseURLDialect(url string) (schema.Dialect, string, error) {
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return schema.Postgres, url, nil
	case strings.HasPrefix(url, "sqlite:"):
		return schema.SQLite, url, nil
	}
	scheme := url
	if i := strings.Index(url, ":"); i >= 0 {
		scheme = url[:i]
	}
	return "", "", fail("unknown database URL scheme %q in %s: use postgres://…, postgresql://…, sqlite://PATH or sqlite::memory:", scheme, redactURL(url))
}
