package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

// pairView is a revision pair as 'autogen show' prints it.
type pairView struct {
	Message string `json:"message"`
	// NotesFile and NotesLine locate the pair's MIGRATION-NOTES.md entry;
	// empty when the revision has none.
	NotesFile string           `json:"notes_file,omitempty"`
	NotesLine int              `json:"notes_line,omitempty"`
	Sides     []revisionView   `json:"revisions"`
	None      []schema.Dialect `json:"none,omitempty"` // dialects the pair has no migration for
}

// revisionView is one migration of a pair.
type revisionView struct {
	Dialect       schema.Dialect `json:"dialect"`
	Revision      string         `json:"revision"`
	File          string         `json:"file,omitempty"`
	Message       string         `json:"message"`
	Created       string         `json:"created,omitempty"`
	DownRevisions []string       `json:"down_revisions"`
	Upgrade       []opView       `json:"upgrade"`
	// UpgradeSQL is the SQL the upgrade runs, as 'autogen upgrade --sql'
	// prints it.
	UpgradeSQL   []string `json:"upgrade_sql"`
	Downgrade    []opView `json:"downgrade,omitempty"`
	DowngradeSQL []string `json:"downgrade_sql,omitempty"`
}

// opView is one operation with its hazards.
type opView struct {
	Op      string        `json:"operation"`
	Ops     []string      `json:"operations,omitempty"` // inside a batch
	Hazards []diff.Hazard `json:"hazards,omitempty"`
}

func (a *app) showCommand() *cobra.Command {
	var down, asJSON bool
	cmd := &cobra.Command{
		Use:   "show REV",
		Short: "Print a revision and its partner: operations, SQL and hazards, for review",
		Long: `Show prints a revision together with its partner of the other dialect
(the two revisions of a MIGRATION-NOTES.md entry): the message, each side's
operations, the SQL each will run, and the hazards a reviewer should weigh:

  DATA LOSS          a dropped table or column, a narrower type
  MAY FAIL           NOT NULL without a default or fill value, a type that
                     values may not convert to
  TABLE REBUILD      SQLite copies the table to change it
  LOCK               PostgreSQL blocks writes while it builds an index
                     (without CONCURRENTLY), checks a constraint, or scans
                     for NOT NULL; SQLite holds its write lock while it
                     builds an index over existing rows
  TABLE REWRITE      PostgreSQL rewrites every row (most type changes)
  NOT TRANSACTIONAL  a step that runs outside the migration's transaction
  REVIEW             SQL or Go code written by hand

REV is a revision of either chain or a unique prefix of one, or head for
the newest pair.`,
		Example: `  autogen show 68a44144428d
  autogen show 68a4 --downgrade
  autogen show head --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.chainSession(cmd.Context())
			if err != nil {
				return err
			}
			view, err := s.pairView(args[0], down)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(view)
			}
			a.printPair(view, down)
			return nil
		},
	}
	cmd.Flags().BoolVar(&down, "downgrade", false, "also show each side's downgrade")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the pair as JSON")
	return cmd
}

// findRevision resolves REV (a revision, a unique prefix, or head) in
// either chain.
func (s *session) findRevision(rev string, entries []render.NotesEntry) (schema.Dialect, *migrations.Migration, error) {
	type hit struct {
		d schema.Dialect
		m *migrations.Migration
	}
	var hits []hit
	var unknown []string
	for _, d := range s.p.Config.Dialects {
		g, err := s.graph(d)
		if err != nil {
			return "", nil, err
		}
		if rev == "head" {
			heads := g.Heads()
			for _, e := range entries {
				if r := e.Revision(d); r != "" && contains(heads, r) {
					return d, g.Migration(r), nil
				}
			}
			if len(heads) == 1 {
				hits = append(hits, hit{d, g.Migration(heads[0])})
			}
			continue
		}
		full, err := g.Resolve(rev)
		switch {
		case err == nil:
			hits = append(hits, hit{d, g.Migration(full)})
		case errors.Is(err, migrations.ErrAmbiguousRevision):
			return "", nil, fail("%v; give more digits", err)
		default:
			unknown = append(unknown, d.Title())
		}
	}
	switch {
	case len(hits) == 0 && rev == "head":
		return "", nil, fail("the chains have no revisions yet; write one with 'autogen revision -m MESSAGE'")
	case len(hits) == 0:
		return "", nil, fail("revision %s is in neither chain; see 'autogen history'", rev)
	case len(hits) > 1 && rev != "head":
		return "", nil, fail("revision prefix %s matches %s %s and %s %s; give more digits", rev, hits[0].d.Title(), hits[0].m.Revision, hits[1].d.Title(), hits[1].m.Revision)
	}
	return hits[0].d, hits[0].m, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// notes reads the MIGRATION-NOTES.md entries, ignoring format problems
// ('autogen check' reports those).
func (s *session) notes() []render.NotesEntry {
	data, err := os.ReadFile(s.p.Path(s.p.Config.Notes))
	if err != nil {
		return nil
	}
	entries, _ := render.ParseNotes(data)
	return entries
}

// entryOf returns the notes entry naming revision rev of dialect d.
func entryOf(entries []render.NotesEntry, d schema.Dialect, rev string) (render.NotesEntry, bool) {
	for _, e := range entries {
		if e.Revision(d) == rev {
			return e, true
		}
	}
	return render.NotesEntry{}, false
}

// pairView gathers a revision and its partner.
func (s *session) pairView(rev string, down bool) (*pairView, error) {
	entries := s.notes()
	d, m, err := s.findRevision(rev, entries)
	if err != nil {
		return nil, err
	}
	view := &pairView{Message: m.Message}
	revs := map[schema.Dialect]string{d: m.Revision}
	if e, ok := entryOf(entries, d, m.Revision); ok {
		view.Message = e.Message
		view.NotesFile, view.NotesLine = s.a.relPath(s.p.Path(s.p.Config.Notes)), e.Line
		for _, other := range s.p.Config.Dialects {
			revs[other] = e.Revision(other)
		}
	}
	files := s.p.revisionFiles()
	for _, dd := range schema.Dialects {
		if !s.p.HasDialect(dd) {
			continue
		}
		r := revs[dd]
		if r == "" {
			view.None = append(view.None, dd)
			continue
		}
		g, err := s.graph(dd)
		if err != nil {
			return nil, err
		}
		mm := g.Migration(r)
		if mm == nil {
			return nil, fail("MIGRATION-NOTES.md pairs %s with %s revision %s, which is not in the chain; run 'autogen check'", m.Revision, dd.Title(), r)
		}
		rv, err := s.revisionView(dd, mm, down)
		if err != nil {
			return nil, err
		}
		if f, ok := files[dd][r]; ok {
			rv.File = s.a.relPath(f.Path)
		}
		view.Sides = append(view.Sides, rv)
	}
	return view, nil
}

func (s *session) revisionView(d schema.Dialect, m *migrations.Migration, down bool) (revisionView, error) {
	rv := revisionView{Dialect: d, Revision: m.Revision, Message: m.Message, Created: m.Created, DownRevisions: m.DownRevisions}
	if rv.DownRevisions == nil {
		rv.DownRevisions = []string{}
	}
	up, err := m.Ops(true)
	if err != nil {
		return rv, fail("%v", err)
	}
	back, err := m.Ops(false)
	if err != nil {
		return rv, fail("%v", err)
	}
	var enums schema.EnumLookup
	if s.a.env != nil && s.a.env.Model != nil {
		enums = s.a.env.Model.Lookup()
	}
	rv.Upgrade = opViews(d, up, back, enums)
	rv.UpgradeSQL = s.migrationSQL(d, m, up, enums, migrations.Up)
	if down {
		rv.Downgrade = opViews(d, back, up, enums)
		rv.DowngradeSQL = s.migrationSQL(d, m, back, enums, migrations.Down)
	}
	return rv, nil
}

// migrationSQL is the SQL one migration runs in direction dir, as the
// runtime writes it offline (with its transaction and version table
// update); when that cannot be had, the statements of each operation.
func (s *session) migrationSQL(d schema.Dialect, m *migrations.Migration, ops []migrations.Operation, enums schema.EnumLookup, dir migrations.Direction) []string {
	from, target := m.DownRevisions, m.Revision
	if dir == migrations.Down {
		from, target = []string{m.Revision}, strings.Join(m.DownRevisions, "+")
		if target == "" {
			target = "base"
		}
	}
	var b strings.Builder
	c, err := s.chain(d)
	if err == nil {
		opts := []migrations.Option{migrations.WithVersionTable(s.p.Config.VersionTable)}
		if enums != nil {
			opts = append(opts, migrations.WithEnums(enums))
		}
		err = migrations.OfflineSQL(&b, c, from, target, dir, opts...)
	}
	if err != nil {
		out := []string{"-- the exact SQL is not available (" + oneLine(err.Error()) + "); the statements of each operation:"}
		for _, op := range ops {
			out = append(out, opSQL(d, op, enums)...)
		}
		return out
	}
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "-- Upgrade of the") && !strings.HasPrefix(line, "-- Downgrade of the") {
			out = append(out, line)
		}
	}
	return out
}

// opViews describes ops with their SQL and hazards.
func opViews(d schema.Dialect, ops, reverse []migrations.Operation, enums schema.EnumLookup) []opView {
	hazards := diff.Review(d, ops, reverse)
	out := []opView{}
	for i, op := range ops {
		v := opView{Op: opText(d, op, enums), Hazards: hazards[i]}
		if b, ok := op.(migrations.Batch); ok {
			for _, inner := range b.Ops {
				v.Ops = append(v.Ops, opText(d, inner, enums))
			}
		}
		out = append(out, v)
	}
	return out
}

// opSQL returns the statements op runs on d. SQLite changes that ALTER
// TABLE cannot make are shown as the table rebuild they cause.
func opSQL(d schema.Dialect, op migrations.Operation, enums schema.EnumLookup) []string {
	if b, ok := op.(migrations.Batch); ok && d == schema.SQLite {
		var out []string
		rebuild := false
		for _, inner := range b.Ops {
			stmts, err := migrations.Statements(d, inner, enums)
			switch {
			case errors.Is(err, migrations.ErrRebuildRequired):
				rebuild = true
				out = append(out, "-- in the rebuilt table: "+opText(d, inner, enums))
			case err != nil:
				out = append(out, "-- "+oneLine(err.Error()))
			default:
				out = append(out, withSemicolons(stmts)...)
			}
		}
		if rebuild {
			t := schema.QuoteIdent(d, b.Table)
			tmp := schema.QuoteIdent(d, "_autogen_tmp_"+b.Table)
			out = append(out,
				fmt.Sprintf("-- table rebuild: CREATE TABLE %s (the new definition); INSERT INTO %s SELECT … FROM %s;", tmp, tmp, t),
				fmt.Sprintf("--   DROP TABLE %s; ALTER TABLE %s RENAME TO %s; indexes, triggers and views re-created", t, tmp, t))
		}
		return out
	}
	stmts, err := migrations.Statements(d, op, enums)
	switch {
	case errors.Is(err, migrations.ErrNoSQL):
		return []string{"-- Go code (op.Run): no SQL form"}
	case err != nil:
		return []string{"-- " + oneLine(err.Error())}
	}
	return withSemicolons(stmts)
}

func withSemicolons(stmts []string) []string {
	out := make([]string, len(stmts))
	for i, st := range stmts {
		out[i] = strings.TrimRight(st, "; \n") + ";"
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// printPair prints a pair for people.
func (a *app) printPair(v *pairView, down bool) {
	fmt.Fprintf(a.stdout, "%s\n", a.paint(styleBold, v.Message))
	if v.NotesFile != "" {
		fmt.Fprintf(a.stdout, "  notes entry: %s:%d\n", v.NotesFile, v.NotesLine)
	} else {
		fmt.Fprintf(a.stdout, "  notes entry: none (run 'autogen check')\n")
	}
	counts := []string{}
	for _, side := range v.Sides {
		fmt.Fprintln(a.stdout)
		header := fmt.Sprintf("%s %s", side.Dialect.Title(), side.Revision)
		fmt.Fprintf(a.stdout, "%s  %s\n", a.paint(styleBold, header), side.File)
		revises := "base"
		if len(side.DownRevisions) > 0 {
			revises = strings.Join(side.DownRevisions, ", ")
		}
		fmt.Fprintf(a.stdout, "  revises %s; created %s UTC\n", revises, side.Created)
		n := a.printOps("upgrade", side.Upgrade, side.UpgradeSQL)
		if down {
			a.printOps("downgrade", side.Downgrade, side.DowngradeSQL)
		}
		counts = append(counts, fmt.Sprintf("%s %d", side.Dialect.Title(), n))
	}
	for _, d := range v.None {
		fmt.Fprintf(a.stdout, "\n%s  None: the pair has no %s migration\n", a.paint(styleBold, d.Title()), d.Title())
	}
	fmt.Fprintf(a.stdout, "\nHazards in the upgrade: %s.\n", strings.Join(counts, ", "))
}

// printOps prints one direction's operations with their hazards, then its
// SQL, and returns the number of hazards.
func (a *app) printOps(dir string, ops []opView, sql []string) int {
	n := 0
	if len(ops) == 0 {
		fmt.Fprintf(a.stdout, "  %s: no operations\n", dir)
	} else {
		fmt.Fprintf(a.stdout, "  %s:\n", dir)
	}
	for i, op := range ops {
		fmt.Fprintf(a.stdout, "    %d. %s\n", i+1, op.Op)
		for _, inner := range op.Ops {
			fmt.Fprintf(a.stdout, "         %s\n", inner)
		}
		for _, h := range op.Hazards {
			fmt.Fprintf(a.stdout, "       %s\n", a.paintHazard(h.String()))
			n++
		}
	}
	fmt.Fprintf(a.stdout, "  %s SQL:\n", dir)
	for _, line := range sql {
		fmt.Fprintf(a.stdout, "    %s\n", a.paint(styleDim, line))
	}
	return n
}

// paintHazard colors a hazard line by its label.
func (a *app) paintHazard(line string) string {
	label, rest, ok := strings.Cut(line, ": ")
	if !ok {
		return line
	}
	style := styleYellow
	if label == diff.HazardDataLoss.Label() {
		style = styleRed
	}
	return a.paint(style, label+":") + " " + rest
}

// opText describes an operation in one line.
func opText(d schema.Dialect, op migrations.Operation, enums schema.EnumLookup) string {
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	switch o := op.(type) {
	case migrations.CreateTable:
		return fmt.Sprintf("create table %s (%d column%s)", q(o.Table.Name), len(o.Table.Columns), plural(len(o.Table.Columns)))
	case migrations.DropTable:
		return "drop table " + q(o.Table)
	case migrations.RenameTable:
		return fmt.Sprintf("rename table %s to %s", q(o.Table), q(o.To))
	case migrations.AddColumn:
		return fmt.Sprintf("add column %s.%s %s", q(o.Table), q(o.Column.Name), columnText(d, o.Column, enums))
	case migrations.DropColumn:
		return fmt.Sprintf("drop column %s.%s", q(o.Table), q(o.Column))
	case migrations.RenameColumn:
		return fmt.Sprintf("rename column %s.%s to %s", q(o.Table), q(o.Column), q(o.To))
	case migrations.AlterColumn:
		var parts []string
		if o.Type != nil {
			t, _ := o.Type.Render(d, enums)
			parts = append(parts, "type "+t)
		}
		if o.NotNull != nil {
			parts = append(parts, map[bool]string{true: "NOT NULL", false: "NULL"}[*o.NotNull])
		}
		if o.Default != nil {
			if o.Default.IsZero() {
				parts = append(parts, "no default")
			} else {
				def, _ := o.Default.Render(d)
				parts = append(parts, "default "+def)
			}
		}
		if o.FillNulls != "" {
			parts = append(parts, "NULLs set to "+o.FillNulls)
		}
		if o.Using != "" {
			parts = append(parts, "using "+o.Using)
		}
		if o.Comment != nil {
			parts = append(parts, "comment "+q(*o.Comment))
		}
		return fmt.Sprintf("alter column %s.%s: %s", q(o.Table), q(o.Column), strings.Join(parts, ", "))
	case migrations.AlterTableComment:
		return fmt.Sprintf("set the comment of table %s", q(o.Table))
	case migrations.CreateIndex:
		kind := "index"
		if o.Index.Unique {
			kind = "unique index"
		}
		conc := ""
		if o.Concurrently {
			conc = " concurrently"
		}
		return fmt.Sprintf("create %s %s on %s%s", kind, q(o.Index.Name), q(o.Table), conc)
	case migrations.DropIndex:
		return fmt.Sprintf("drop index %s on %s", q(o.Index), q(o.Table))
	case migrations.AddForeignKey:
		return fmt.Sprintf("add foreign key %s on %s (%s) → %s", q(o.ForeignKey.Name), q(o.Table), strings.Join(o.ForeignKey.Columns, ", "), q(o.ForeignKey.RefTable))
	case migrations.DropForeignKey:
		return fmt.Sprintf("drop foreign key %s on %s", q(o.Name), q(o.Table))
	case migrations.AddUnique:
		return fmt.Sprintf("add unique %s on %s (%s)", q(o.Unique.Name), q(o.Table), strings.Join(o.Unique.Columns, ", "))
	case migrations.DropUnique:
		return fmt.Sprintf("drop unique %s on %s", q(o.Name), q(o.Table))
	case migrations.AddCheck:
		return fmt.Sprintf("add check %s on %s", q(o.Check.Name), q(o.Table))
	case migrations.DropCheck:
		return fmt.Sprintf("drop check %s on %s", q(o.Name), q(o.Table))
	case migrations.CreateEnum:
		return fmt.Sprintf("create enum %s (%s)", q(o.Enum.Name), strings.Join(o.Enum.Values, ", "))
	case migrations.DropEnum:
		return "drop enum " + q(o.Enum)
	case migrations.AddEnumValue:
		return fmt.Sprintf("add value %s to enum %s", q(o.Value), q(o.Enum))
	case migrations.CreateExtension:
		return "create extension " + q(o.Name)
	case migrations.DropExtension:
		return "drop extension " + q(o.Name)
	case migrations.Exec:
		return "run SQL written by hand"
	case migrations.Run:
		return "run Go code (a data migration)"
	case migrations.Batch:
		return fmt.Sprintf("batch on table %s (%d change%s)", q(o.Table), len(o.Ops), plural(len(o.Ops)))
	}
	return fmt.Sprintf("%T", op)
}

func columnText(d schema.Dialect, c *schema.Column, enums schema.EnumLookup) string {
	t, err := c.Type.Render(d, enums)
	if err != nil {
		t = string(c.Type.Kind)
	}
	if c.NotNull {
		t += " NOT NULL"
	}
	if !c.Default.IsZero() {
		if def, err := c.Default.Render(d); err == nil {
			t += " DEFAULT " + def
		}
	}
	return t
}
