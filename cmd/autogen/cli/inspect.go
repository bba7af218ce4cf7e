package cli

import (
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/internal/atomicfile"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

func (a *app) inspectCommand() *cobra.Command {
	var dbURL, format, pkg, ident, output, versionTable string
	cmd := &cobra.Command{
		Use:   "inspect --db URL [--format json|go|sql]",
		Short: "Reflect a database and print its schema as JSON, Go model code or SQL",
		Long: `Inspect reads a live database's schema (tables, columns, keys, indexes,
constraints, enums) and prints it.

  --format json  the schema as JSON, deterministic: the same schema gives the
                 same bytes whatever order its objects were created in
  --format go    a Go file of package --package declaring the schema as a
                 model (var --var), ready for 'autogen init --model'
  --format sql   the DDL that creates the schema on the database's dialect

The version table is left out.`,
		Example: `  autogen inspect --db sqlite://app.db
  autogen inspect --db postgres://localhost/app --format go --package model -o model/schema.go`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dbURL == "" {
				return fail("inspect needs --db URL (postgres://…, sqlite://PATH or sqlite::memory:)")
			}
			if format == "go" && !token.IsIdentifier(pkg) {
				return fail("--package %q is not a Go package name", pkg)
			}
			if format == "go" && (!token.IsIdentifier(ident) || !token.IsExported(ident)) {
				return fail("--var %q must be an exported Go identifier, such as Schema", ident)
			}
			ctx := cmd.Context()
			db, d, err := openDatabase(ctx, dbURL)
			if err != nil {
				return err
			}
			defer db.Close()
			s, err := reflect.Database(ctx, d, db, reflect.Options{VersionTable: versionTable})
			if err != nil {
				return fail("inspect %s: %v", redactURL(dbURL), err)
			}
			var out []byte
			switch format {
			case "json":
				out, err = json.MarshalIndent(s, "", "  ")
				out = append(out, '\n')
			case "go":
				out, err = render.SchemaFile(pkg, ident, render.ModelNames(s))
			case "sql":
				out, err = schemaSQL(d, s)
				out = append([]byte(fmt.Sprintf("-- The schema of %s (%s, %d table%s), as autogen reflects it.\n",
					redactURL(dbURL), d.Title(), len(s.Tables), plural(len(s.Tables)))), out...)
			default:
				return fail("--format %q: use json, go or sql", format)
			}
			if err != nil {
				return fail("inspect %s: %v", redactURL(dbURL), err)
			}
			if output == "" || output == "-" {
				_, err = a.stdout.Write(out)
				return err
			}
			if err := atomicfile.WriteFile(output, out, 0o644); err != nil {
				return fail("%v", err)
			}
			a.logf("Wrote %s", output)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&dbURL, "db", "", "database `URL` to inspect")
	f.StringVar(&format, "format", "json", "output `FORMAT`: json, go or sql")
	f.StringVar(&pkg, "package", "model", "Go package `NAME` for --format go")
	f.StringVar(&ident, "var", "Schema", "exported Go `IDENT` for the schema, for --format go")
	f.StringVarP(&output, "output", "o", "", "write to `FILE` (its directory is created) instead of standard output")
	f.StringVar(&versionTable, "version-table", "alembic_version", "version `TABLE` to leave out")
	return cmd
}

// schemaSQL renders the statements that create s on dialect d.
func schemaSQL(d schema.Dialect, s *schema.Schema) ([]byte, error) {
	ops, err := diff.CreateOps(d, s)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, op := range ops {
		stmts, err := migrations.Statements(d, op, s.Lookup())
		if err != nil {
			return nil, err
		}
		for _, st := range stmts {
			fmt.Fprintf(&b, "%s;\n", st)
		}
	}
	return []byte(b.String()), nil
}

// redactURL hides a password in a database URL for messages.
func redactURL(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return u
	}
	creds := u[scheme+3 : at]
	if i := strings.IndexByte(creds, ':'); i >= 0 {
		return u[:scheme+3] + creds[:i] + ":xxxxx" + u[at:]
	}
	return u
}

// fileExists reports whether path exists.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
