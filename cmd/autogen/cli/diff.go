package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// schemaSource is one side of 'autogen diff': the model, a chain at a
// revision, nothing, or a live database.
type schemaSource struct {
	kind    string         // "model", "chain", "base" or "db"
	rev     string         // for "chain": head, heads or a revision
	dialect schema.Dialect // fixed by head:D or a URL; "" otherwise
	url     string         // for "db"
}

func (src schemaSource) String() string {
	switch src.kind {
	case "chain":
		return "the " + src.rev + " of the chain"
	case "db":
		return "the database " + redactURL(src.url)
	case "base":
		return "an empty database"
	}
	return "the model"
}

// parseSource reads a --from/--to value.
func parseSource(flag, v string) (schemaSource, error) {
	switch {
	case v == "model":
		return schemaSource{kind: "model"}, nil
	case v == "base" || v == "empty":
		return schemaSource{kind: "base"}, nil
	case strings.Contains(v, "://") || strings.HasPrefix(v, "sqlite:"):
		d, _, err := parseURLDialect(v)
		if err != nil {
			return schemaSource{}, err
		}
		return schemaSource{kind: "db", url: v, dialect: d}, nil
	}
	name, d, _ := strings.Cut(v, ":")
	src := schemaSource{kind: "chain", rev: name}
	if name == "" {
		return src, fail("--%s %q: use model, head, head:DIALECT, a revision (REV or REV:DIALECT), base, or a database URL", flag, v)
	}
	if d != "" {
		ds, err := parseDialect(d)
		if err != nil {
			return src, fail("--%s %q: after the colon comes a dialect, postgresql or sqlite (as in head:sqlite or REV:postgresql)", flag, v)
		}
		src.dialect = ds[0]
	}
	if name == "head" {
		src.rev = "heads"
	}
	return src, nil
}

func (a *app) diffCommand() *cobra.Command {
	var from, to, dialect, format string
	var renameFlags []string
	var explain bool
	cmd := &cobra.Command{
		Use:   "diff [--from SOURCE] [--to SOURCE] [--dialect D] [--format ops|sql|json]",
		Short: "Compare any two of: the model, a chain (head or a revision), a live database",
		Long: `Diff compares two schemas and prints what turns the first (--from) into the
second (--to). Each SOURCE is one of

  model            the model, built on a scratch database
  head             the head of the chain (head:postgresql, head:sqlite for one)
  REV              the chain at a revision (REV:sqlite to pick the dialect)
  base             an empty database
  URL              a live database (postgres://…, sqlite://PATH); its
                   dialect decides the dialect of the comparison

The default compares the chain heads with the model: what 'autogen
revision' would write. Without a URL or a dialect in a SOURCE, both
dialects are compared. The include-object filter applies as in check
(--explain lists what it skipped).

  --format ops    one line per change (default)
  --format sql    the SQL that would turn --from into --to
  --format json   the changes, possible renames and SQL as JSON

Exit 0 when the two are the same, 1 when they differ, 2 on errors.`,
		Example: `  autogen diff
  autogen diff --from "$DATABASE_URL" --to model --format sql
  autogen diff --from head:postgresql --to postgres://localhost/app
  autogen diff --from 68a44144428d --to head --dialect sqlite`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fromSrc, err := parseSource("from", from)
			if err != nil {
				return err
			}
			toSrc, err := parseSource("to", to)
			if err != nil {
				return err
			}
			if format != "ops" && format != "sql" && format != "json" {
				return fail("--format %q: use ops, sql or json", format)
			}
			renames, err := parseRenames(renameFlags)
			if err != nil {
				return err
			}
			ds, err := diffDialects(fromSrc, toSrc, dialect)
			if err != nil {
				return err
			}
			s, err := a.modelSession(cmd.Context())
			if err != nil {
				return err
			}
			defer s.close()
			var kept []schema.Dialect
			for _, d := range ds {
				if s.p.HasDialect(d) || fromSrc.kind == "db" || toSrc.kind == "db" {
					kept = append(kept, d)
				}
			}
			return s.diff(cmd.Context(), kept, fromSrc, toSrc, format, renames, explain)
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "head", "the `SOURCE` to compare from")
	f.StringVar(&to, "to", "model", "the `SOURCE` to compare to")
	f.StringVar(&dialect, "dialect", "", "compare on this `DIALECT` only: postgresql or sqlite")
	f.StringVar(&format, "format", "ops", "output `FORMAT`: ops, sql or json")
	f.StringArrayVar(&renameFlags, "rename", nil, "treat a drop and an add as a rename: `table.old:new` or old_table:new_table (repeatable)")
	f.BoolVar(&explain, "explain", false, "list the objects the include-object filter skipped")
	return cmd
}

// diffDialects decides the dialects a diff runs on.
func diffDialects(from, to schemaSource, flag string) ([]schema.Dialect, error) {
	ds, err := parseDialect(flag)
	if err != nil {
		return nil, err
	}
	fixed := schema.Dialect("")
	for _, src := range []schemaSource{from, to} {
		if src.dialect == "" {
			continue
		}
		if fixed != "" && src.dialect != fixed {
			return nil, fail("--from is %s but --to is %s: compare schemas of one dialect", fixed.Title(), src.dialect.Title())
		}
		fixed = src.dialect
	}
	if fixed == "" {
		return ds, nil
	}
	if flag != "" && ds[0] != fixed {
		return nil, fail("--dialect %s does not match the %s source", flag, fixed.Title())
	}
	return []schema.Dialect{fixed}, nil
}

// diffReport is the JSON output of 'autogen diff'.
type diffReport struct {
	From    string                 `json:"from"`
	To      string                 `json:"to"`
	Results []diffDialectReport    `json:"results"`
	Skipped map[schema.Dialect]any `json:"skipped,omitempty"`
}

type diffDialectReport struct {
	Dialect schema.Dialect  `json:"dialect"`
	Changes []diff.Change   `json:"changes"`
	Renames []diff.Rename   `json:"possible_renames,omitempty"`
	SQL     []string        `json:"sql"`
	Skipped []skippedObject `json:"skipped,omitempty"`
}

func (s *session) diff(ctx context.Context, ds []schema.Dialect, from, to schemaSource, format string, renames []diff.Rename, explain bool) error {
	rep := diffReport{From: from.String(), To: to.String(), Results: []diffDialectReport{}}
	differ := false
	for _, d := range ds {
		cur, err := s.sourceSchema(ctx, d, from)
		if err != nil {
			return err
		}
		want, err := s.sourceSchema(ctx, d, to)
		if err != nil {
			return err
		}
		opts := diff.Options{Filter: s.filter()}
		if to.kind == "model" {
			opts.Model = s.model
		}
		r, err := diff.CompareRenaming(d, cur, want, opts, renames)
		if err != nil {
			return fail("compare %s: %v", d.Title(), err)
		}
		dr := diffDialectReport{Dialect: d, Changes: r.Changes, Renames: diff.PossibleRenames(r, cur, want), SQL: []string{}}
		if dr.Changes == nil {
			dr.Changes = []diff.Change{}
		}
		if explain {
			dr.Skipped = s.explainSkipped(r)
		}
		for _, op := range r.Upgrade {
			dr.SQL = append(dr.SQL, opSQL(d, op, s.model.Lookup())...)
		}
		differ = differ || !r.Empty()
		rep.Results = append(rep.Results, dr)
	}
	switch format {
	case "json":
		if err := s.a.printJSON(rep); err != nil {
			return err
		}
	case "sql":
		for _, dr := range rep.Results {
			if len(ds) > 1 {
				fmt.Fprintf(s.a.stdout, "-- %s\n", dr.Dialect.Title())
			}
			for _, st := range dr.SQL {
				fmt.Fprintln(s.a.stdout, st)
			}
		}
	default:
		for _, dr := range rep.Results {
			if len(dr.Changes) == 0 {
				fmt.Fprintf(s.a.stdout, "%s: no differences between %s and %s\n", dr.Dialect.Title(), rep.From, rep.To)
				continue
			}
			fmt.Fprintf(s.a.stdout, "%s: %d change%s from %s to %s:\n", dr.Dialect.Title(), len(dr.Changes), plural(len(dr.Changes)), rep.From, rep.To)
			for _, c := range dr.Changes {
				fmt.Fprintf(s.a.stdout, "  %s\n", c)
			}
			for _, rn := range dr.Renames {
				fmt.Fprintf(s.a.stdout, "  possible rename: %s (--rename %s)\n", renameText(rn), rn)
			}
		}
	}
	if explain && format != "json" {
		skipped := map[schema.Dialect][]skippedObject{}
		for _, dr := range rep.Results {
			skipped[dr.Dialect] = dr.Skipped
		}
		s.a.printSkipped(skipped)
	}
	if differ {
		return &exitError{code: ExitDrift, err: errSilent}
	}
	return nil
}

// sourceSchema builds or reads one side of a diff on dialect d.
func (s *session) sourceSchema(ctx context.Context, d schema.Dialect, src schemaSource) (*schema.Schema, error) {
	switch src.kind {
	case "model":
		return s.desired(ctx, d)
	case "base":
		return &schema.Schema{}, nil
	case "chain":
		if _, err := s.graph(d); err != nil {
			return nil, err
		}
		return s.schemaAt(ctx, d, src.rev)
	}
	db, _, err := openDatabase(ctx, src.url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	cur, err := reflect.Database(ctx, d, db, s.reflectOptions())
	if err != nil {
		return nil, fail("reflect %s: %v", redactURL(src.url), err)
	}
	return cur, nil
}
