package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// checkReport is the outcome of 'autogen check', as printed with --json.
type checkReport struct {
	OK       bool          `json:"ok"`
	Checks   []checkResult `json:"checks"`
	Problems []problem     `json:"problems"`
	// Changes lists, per dialect, what the model has that the chain head
	// (or, with --db, the database) lacks.
	Changes map[schema.Dialect][]diff.Change `json:"changes,omitempty"`
	// Renames lists drops and adds that may be renames.
	Renames map[schema.Dialect][]diff.Rename `json:"possible_renames,omitempty"`
	// Skipped lists, with --explain, what the include-object filter kept
	// out of the comparison, per dialect.
	Skipped map[schema.Dialect][]skippedObject `json:"skipped,omitempty"`
}

// checkResult says whether one check passed.
type checkResult struct {
	Check   string `json:"check"`
	OK      bool   `json:"ok"`
	Summary string `json:"summary,omitempty"`
}

// skippedObject is an object the filter skipped, with the rule's reason.
type skippedObject struct {
	diff.Skipped
	Doc string `json:"doc,omitempty"`
}

func (a *app) checkCommand() *cobra.Command {
	var dbURL, dialect string
	var asJSON, explain bool
	cmd := &cobra.Command{
		Use:   "check [--db URL] [--dialect postgresql|sqlite] [--json] [--explain]",
		Short: "Fail when the model, the chains, the notes and the checksums disagree (for CI)",
		Long: `Check is the CI gate. It runs every check and reports each failure with
what to do about it:

  sum       the migration files match versions/` + SumFile + `: no applied migration
            was edited or removed, and no branch added one that the file lacks
  chain     each chain is a valid graph: one head, no missing parent, no
            duplicate revision ID, no cycle
  notes     every MIGRATION-NOTES.md entry names existing revisions (or None),
            every revision has an entry, and the two migrations of an entry
            were created together
  model     the model matches each chain's head, both built on scratch
            databases: no model change lacks a migration

  database  with --db, in place of model: the live database matches the
            model and is at its chain's head

Exit 0 when every check passes, 1 when one fails, 2 on usage or environment
errors. --json prints the report as JSON. When GITHUB_ACTIONS=true each
failure is also printed as an annotation (::error file=…,line=…::…) so that
it shows on the pull request (not with --json, whose output stays JSON).
--explain lists every object the include-object filter kept out of the
comparison, and the rule that did.`,
		Example: `  autogen check
  autogen check --dialect sqlite --explain
  autogen check --db "$DATABASE_URL"
  autogen check --json > check.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if dbURL != "" {
				// Fail fast on a bad URL before compiling the env.
				if _, _, err := parseURLDialect(dbURL); err != nil {
					return err
				}
			}
			if _, err := parseDialect(dialect); err != nil {
				return err
			}
			s, err := a.modelSession(ctx)
			if err != nil {
				return err
			}
			defer s.close()
			rep, err := s.check(ctx, dbURL, dialect, explain)
			if err != nil {
				return err
			}
			if os.Getenv("GITHUB_ACTIONS") == "true" && !asJSON {
				a.annotate(rep.Problems)
			}
			if asJSON {
				if err := a.printJSON(rep); err != nil {
					return err
				}
			} else {
				a.printReport(rep)
			}
			if !rep.OK {
				return &exitError{code: ExitDrift, err: errSilent}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&dbURL, "db", "", "compare the model with this live database `URL` (which must be at head) instead of the chain heads")
	f.StringVar(&dialect, "dialect", "", "check only this `DIALECT`: postgresql or sqlite")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.BoolVar(&explain, "explain", false, "list the objects the include-object filter skipped, and which rule skipped each")
	return cmd
}

// check runs every check.
func (s *session) check(ctx context.Context, dbURL, dialect string, explain bool) (*checkReport, error) {
	rep := &checkReport{Checks: []checkResult{}, Problems: []problem{},
		Changes: map[schema.Dialect][]diff.Change{}, Renames: map[schema.Dialect][]diff.Rename{}}
	if explain {
		rep.Skipped = map[schema.Dialect][]skippedObject{}
	}
	ds, err := s.dialects(dialect)
	if err != nil {
		return nil, err
	}
	var dbDialect schema.Dialect
	if dbURL != "" {
		dbDialect, _, _ = parseURLDialect(dbURL)
		if dialect != "" && ds[0] != dbDialect {
			return nil, fail("--dialect %s does not match the database URL, which is %s", dialect, dbDialect.Title())
		}
	}
	record := func(check string, probs []problem, summary string) {
		rep.Problems = append(rep.Problems, probs...)
		if len(probs) > 0 {
			// The summary of a passed check would be wrong here.
			summary = fmt.Sprintf("%d problem%s", len(probs), plural(len(probs)))
		}
		rep.Checks = append(rep.Checks, checkResult{Check: check, OK: len(probs) == 0, Summary: summary})
	}

	sumProbs, err := s.a.sumProblems(s.p)
	if err != nil {
		return nil, err
	}
	nfiles := 0
	if sd, err := s.p.computeSum(nil); err == nil {
		nfiles = len(sd.Entries)
	}
	record(checkSum, sumProbs, fmt.Sprintf("%d files match %s", nfiles, s.a.relPath(s.p.SumPath())))

	in := &integrity{graphs: map[schema.Dialect]*migrations.Graph{}, files: s.p.revisionFiles()}
	chainProbs := s.chainProblems(ds, in)
	var heads []string
	for _, d := range ds {
		if g := in.graphs[d]; g != nil {
			h := strings.Join(g.Heads(), ", ")
			if h == "" {
				h = "no revisions yet"
			}
			heads = append(heads, d.Title()+" "+h)
		}
	}
	record(checkChain, chainProbs, "one head each: "+strings.Join(heads, "; "))

	notesProbs := s.notesProblems(ds, in)
	record(checkNotes, notesProbs, fmt.Sprintf("%d entr%s; every revision paired", len(in.notes), map[bool]string{true: "y", false: "ies"}[len(in.notes) == 1]))

	// With --db the live database takes the place of the chain heads (the
	// CLI contract): a database adopted from elsewhere is checked against
	// the model even before the chains describe it.
	if dbURL != "" {
		probs, err := s.checkDatabase(ctx, dbURL, dbDialect, in, rep, explain)
		if err != nil {
			return nil, err
		}
		record(checkDatabase, probs, "the database matches the model and is at head")
	} else {
		probs, summary, err := s.checkModel(ctx, ds, in, rep, explain)
		if err != nil {
			return nil, err
		}
		record(checkModel, probs, summary)
	}
	rep.OK = len(rep.Problems) == 0
	return rep, nil
}

// checkModel compares the model with the head of each dialect's chain
// that the chain check found valid.
func (s *session) checkModel(ctx context.Context, ds []schema.Dialect, in *integrity, rep *checkReport, explain bool) ([]problem, string, error) {
	var probs []problem
	var matched []string
	var heads []schema.Dialect
	for _, d := range ds {
		if in.graphs[d] != nil { // a broken chain is reported by the chain check
			heads = append(heads, d)
		}
	}
	for _, h := range s.compareHeads(ctx, heads) {
		var replay *replayError
		if errors.As(h.err, &replay) {
			// A chain that does not replay is a finding of the check,
			// reported with the others, not the end of the report.
			pr := problem{Check: checkModel, Dialect: h.d, Message: replay.Error(),
				Fix: "correct the migration named if it was never applied anywhere, then run 'autogen hash'; if two branches both made the same change, keep one side's migration (before it is applied anywhere) and merge"}
			if replay.revision != "" {
				pr.File, pr.Line = s.fileOf(in, h.d, []string{replay.revision})
			}
			probs = append(probs, pr)
			continue
		}
		if h.err != nil {
			return nil, "", h.err
		}
		d, r, cur, want := h.d, h.r, h.cur, h.want
		s.collect(rep, r, cur, want, explain)
		if r.Empty() {
			matched = append(matched, d.Title())
			continue
		}
		probs = append(probs, s.driftProblem(checkModel, r, rep.Renames[d],
			fmt.Sprintf("the model has %d change%s that no %s migration carries", len(r.Changes), plural(len(r.Changes)), d.Title())))
	}
	summary := "matches the head of the " + strings.Join(matched, " and ") + " chain" + plural(len(matched))
	if len(matched) == 0 {
		summary = "not compared: no chain could be replayed"
	}
	return probs, summary, nil
}

// collect records a comparison's changes, possible renames and skipped
// objects in the report.
func (s *session) collect(rep *checkReport, r *diff.Result, cur, want *schema.Schema, explain bool) {
	if len(r.Changes) > 0 {
		rep.Changes[r.Dialect] = r.Changes
	}
	for _, rn := range diff.PossibleRenames(r, cur, want) {
		if !slices.Contains(rep.Renames[r.Dialect], rn) {
			rep.Renames[r.Dialect] = append(rep.Renames[r.Dialect], rn)
		}
	}
	if explain {
		if rep.Skipped[r.Dialect] == nil {
			rep.Skipped[r.Dialect] = []skippedObject{}
		}
		for _, sk := range s.explainSkipped(r) {
			if !slices.Contains(rep.Skipped[r.Dialect], sk) {
				rep.Skipped[r.Dialect] = append(rep.Skipped[r.Dialect], sk)
			}
		}
	}
}

// driftProblem turns a comparison with changes into a problem.
func (s *session) driftProblem(check string, r *diff.Result, renames []diff.Rename, msg string) problem {
	pr := problem{Check: check, Dialect: r.Dialect, Message: msg,
		Fix: "run 'autogen revision -m \"MESSAGE\"' to write a migration pair for them"}
	for _, c := range r.Changes {
		pr.Details = append(pr.Details, c.String())
	}
	if len(renames) > 0 {
		var flags []string
		for _, rn := range renames {
			pr.Details = append(pr.Details, fmt.Sprintf("possible rename: %s (a drop and an add of the same type)", renameText(rn)))
			flags = append(flags, "--rename "+rn.String())
		}
		pr.Fix += "; to rename instead of dropping and adding, add " + strings.Join(flags, " ")
	}
	if check == checkDatabase {
		pr.Fix = "run 'autogen upgrade head --db URL' if the database is behind; otherwise write a migration with 'autogen revision'"
	}
	return pr
}

func renameText(rn diff.Rename) string {
	if rn.Table != "" {
		return fmt.Sprintf("column %q.%q → %q", rn.Table, rn.From, rn.To)
	}
	return fmt.Sprintf("table %q → %q", rn.From, rn.To)
}

// checkDatabase compares a live database with the model and checks that
// it is at its chain's head.
func (s *session) checkDatabase(ctx context.Context, dbURL string, d schema.Dialect, in *integrity, rep *checkReport, explain bool) ([]problem, error) {
	db, _, err := openDatabase(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	cur, err := reflect.Database(ctx, d, db, s.reflectOptions())
	if err != nil {
		return nil, fail("reflect %s: %v", redactURL(dbURL), err)
	}
	r, want, err := s.compareWith(ctx, d, cur, nil)
	if err != nil {
		return nil, err
	}
	s.collect(rep, r, cur, want, explain)
	var probs []problem
	if !r.Empty() {
		probs = append(probs, s.driftProblem(checkDatabase, r, rep.Renames[d],
			fmt.Sprintf("the database %s differs from the model (%d change%s)", redactURL(dbURL), len(r.Changes), plural(len(r.Changes)))))
	}
	if in.graphs[d] != nil {
		msg, err := s.versionState(ctx, db, d)
		if err != nil {
			return nil, err
		}
		if msg != "" {
			probs = append(probs, problem{Check: checkDatabase, Dialect: d, Message: msg,
				Fix: "run 'autogen upgrade head --db URL'"})
		}
	}
	return probs, nil
}

// explainSkipped lists what the filter skipped, with each rule's reason.
func (s *session) explainSkipped(r *diff.Result) []skippedObject {
	docs := map[string]string{}
	for _, rule := range s.filter().Rules {
		docs[rule.Name] = rule.Doc
	}
	out := []skippedObject{}
	for _, sk := range r.Skipped {
		out = append(out, skippedObject{Skipped: sk, Doc: docs[sk.Rule]})
	}
	return out
}

// printReport prints a check report for people: each check in order,
// its problems with their fixes, or ok.
func (a *app) printReport(rep *checkReport) {
	for _, c := range rep.Checks {
		if c.OK {
			if !a.quiet {
				fmt.Fprintf(a.stdout, "%s %s: %s\n", a.paint(styleGreen, "ok  "), c.Check, c.Summary)
			}
			continue
		}
		for _, pr := range rep.Problems {
			if pr.Check == c.Check {
				a.printProblem(pr)
			}
		}
	}
	if rep.Skipped != nil {
		a.printSkipped(rep.Skipped)
	}
	switch n := len(rep.Problems); {
	case n > 0:
		fmt.Fprintf(a.stdout, "%s\n", a.paint(styleRed, fmt.Sprintf("check failed: %d problem%s", n, plural(n))))
	case !a.quiet:
		fmt.Fprintln(a.stdout, "All checks passed.")
	}
}

func (a *app) printProblem(pr problem) {
	where := pr.Check
	if pr.Dialect != "" {
		where += " (" + pr.Dialect.Title() + ")"
	}
	loc := ""
	if pr.File != "" && !strings.Contains(pr.Message, pr.File) {
		loc = pr.File
		if pr.Line > 0 {
			loc += fmt.Sprintf(":%d", pr.Line)
		}
		loc += ": "
	}
	fmt.Fprintf(a.stdout, "%s %s: %s%s\n", a.paint(styleRed, "FAIL"), where, loc, pr.Message)
	for _, d := range pr.Details {
		fmt.Fprintf(a.stdout, "       %s\n", d)
	}
	fmt.Fprintf(a.stdout, "     %s %s\n", a.paint(styleBold, "fix:"), pr.Fix)
}

func (a *app) printSkipped(skipped map[schema.Dialect][]skippedObject) {
	for _, d := range schema.Dialects {
		list, ok := skipped[d]
		if !ok {
			continue
		}
		if len(list) == 0 {
			fmt.Fprintf(a.stdout, "The include-object filter skipped nothing on %s.\n", d.Title())
			continue
		}
		fmt.Fprintf(a.stdout, "Skipped by the include-object filter on %s:\n", d.Title())
		for _, sk := range list {
			fmt.Fprintf(a.stdout, "  %s\n      rule %s: %s\n", sk.Object, sk.Rule, sk.Doc)
		}
	}
}

// annotate prints each problem as a GitHub Actions workflow command, so
// that it appears on the pull request at its file and line.
func (a *app) annotate(probs []problem) {
	for _, pr := range probs {
		var props []string
		if pr.File != "" {
			props = append(props, "file="+ghProperty(pr.File))
			if pr.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", pr.Line))
			}
		}
		title := "autogen check: " + pr.Check
		if pr.Dialect != "" {
			title += " (" + pr.Dialect.Title() + ")"
		}
		props = append(props, "title="+ghProperty(title))
		msg := pr.Message
		for _, d := range pr.Details {
			msg += "\n  " + d
		}
		msg += "\nfix: " + pr.Fix
		fmt.Fprintf(a.stdout, "::error %s::%s\n", strings.Join(props, ","), ghData(msg))
	}
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
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
