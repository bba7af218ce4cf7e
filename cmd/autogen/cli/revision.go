package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/internal/atomicfile"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

func (a *app) revisionCommand() *cobra.Command {
	var message, dialect string
	var empty bool
	var renameFlags []string
	cmd := &cobra.Command{
		Use:   "revision -m MESSAGE [--rename table.old:new] [--dialect D] [--empty]",
		Short: "Write a pair of migrations (PostgreSQL and SQLite) for the model's changes",
		Long: `Revision compares the model with the head of each chain (both built on
scratch databases) and writes one Go migration file per dialect that has
changes, with the same timestamp and different revision IDs, and a new entry
on top of MIGRATION-NOTES.md; it updates versions/` + SumFile + `. A dialect
without changes gets no file; its notes line says None. With no changes on
either side nothing is written.

Hazards (data loss, SQLite table rebuilds, PostgreSQL locks and rewrites,
steps outside the transaction) are printed and written as comments above
the operations they concern.

A column dropped and another of the same type added on one table may be a
rename: revision says so. --rename table.old:new (a column) or
--rename old_table:new_table (a table) makes it a rename on both dialects,
keeping the data; give it once per rename.

Review the generated files like any code before committing them
('autogen show REV' prints a pair with its SQL and hazards).`,
		Example: `  autogen revision -m "add labels to flow"
  autogen revision -m "rename flow.name" --rename flow.name:title
  autogen revision -m "rename table" --rename flow_run:run
  autogen revision -m "backfill names" --empty
  autogen revision -m "sqlite only" --dialect sqlite`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(message) == "" {
				return fail("revision needs a message: -m \"what changed\"")
			}
			a.exclusive, a.interrupted = true, "; nothing was written"
			renames, err := parseRenames(renameFlags)
			if err != nil {
				return err
			}
			if _, err := parseDialect(dialect); err != nil {
				return err
			}
			s, err := a.modelSession(cmd.Context())
			if err != nil {
				return err
			}
			defer s.close()
			ds, err := s.dialects(dialect)
			if err != nil {
				return err
			}
			return s.revision(cmd, ds, strings.TrimSpace(message), empty, renames)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&message, "message", "m", "", "what the migration does: its `MESSAGE` (required)")
	f.StringVar(&dialect, "dialect", "", "write only this `DIALECT`'s migration: postgresql or sqlite")
	f.BoolVar(&empty, "empty", false, "write a pair with no operations, to fill in by hand")
	f.StringArrayVar(&renameFlags, "rename", nil, "rename instead of drop and add: `table.old:new` for a column, old:new for a table (repeatable)")
	return cmd
}

func parseRenames(flags []string) ([]diff.Rename, error) {
	var out []diff.Rename
	for _, f := range flags {
		r, err := diff.ParseRename(f)
		if err != nil {
			return nil, fail("--%v", err)
		}
		out = append(out, r)
	}
	return out, nil
}

// planned is one file of a pair, ready to render.
type planned struct {
	dialect schema.Dialect
	file    render.File
}

func (s *session) revision(cmd *cobra.Command, ds []schema.Dialect, message string, empty bool, renames []diff.Rename) error {
	ctx := cmd.Context()
	if err := s.requireSum(); err != nil {
		return err
	}
	created := time.Now().UTC().Truncate(time.Second)
	var pair []planned
	for _, d := range ds {
		head, err := s.head(d)
		if err != nil {
			return err
		}
		f := render.File{Dialect: d, Message: message, Created: created, Enums: s.model.Lookup()}
		if head != "" {
			f.DownRevisions = []string{head}
		}
		if !empty {
			s.a.logf("Comparing the model with the %s chain's head…", d.Title())
			cur, err := s.headSchema(ctx, d)
			if err != nil {
				return err
			}
			r, want, err := s.compareWith(ctx, d, cur, renames)
			if err != nil {
				return err
			}
			if r.Empty() {
				fmt.Fprintf(s.a.stdout, "  %s: no changes (no file; the notes entry says None)\n", d.Title())
				continue
			}
			s.a.printChanges(r)
			for _, rn := range diff.PossibleRenames(r, cur, want) {
				fmt.Fprintf(s.a.stdout, "  %s: possible rename: %s; to keep the data, run again with --rename %s\n", d.Title(), renameText(rn), rn)
			}
			f.Upgrade, f.Downgrade = r.Upgrade, r.Downgrade
			f.UpgradeNotes, f.DowngradeNotes = hazardNotes(d, r.Upgrade, r.Downgrade), hazardNotes(d, r.Downgrade, r.Upgrade)
			s.a.printHazards(d, f.UpgradeNotes)
		}
		pair = append(pair, planned{dialect: d, file: f})
	}
	if len(pair) == 0 {
		fmt.Fprintln(s.a.stdout, "No changes in the model; no migration written.")
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted: write nothing
	}
	return s.writePair(pair, message, created)
}

// writePair renders the files of a pair, adds the notes entry and updates
// the checksum file, all or nothing.
func (s *session) writePair(pair []planned, message string, created time.Time) error {
	tmpl, err := s.template()
	if err != nil {
		return err
	}
	var files atomicfile.Set
	pending := map[string][]byte{}
	revs := map[schema.Dialect]string{}
	var written []string
	for _, pl := range pair {
		f := pl.file
		f.Revision = newRevision(revs)
		revs[pl.dialect] = f.Revision
		src, err := render.Migration(tmpl, f)
		if err != nil {
			return fail("render the %s migration: %v", pl.dialect.Title(), err)
		}
		path := filepath.Join(s.p.VersionsDir(pl.dialect), render.FileName(created, f.Revision, message))
		if fileExists(path) {
			return fail("%s exists already; nothing written", path)
		}
		files.Add(path, src, 0o644)
		pending[path] = src
		written = append(written, path)
	}
	notesPath := s.p.Path(s.p.Config.Notes)
	notes, err := os.ReadFile(notesPath)
	if err != nil && !os.IsNotExist(err) {
		return fail("read %s: %v", notesPath, err)
	}
	if len(notes) == 0 {
		notes = []byte(render.NotesHeader)
	}
	updated, err := render.PrependNotes(notes, render.NotesEntry{Message: message, SQLite: revs[schema.SQLite], Postgres: revs[schema.Postgres]})
	if err != nil {
		return fail("%v", err)
	}
	files.Add(notesPath, updated, 0o644)
	sum, err := s.p.computeSum(pending)
	if err != nil {
		return err
	}
	files.Add(s.p.SumPath(), sum.bytes(), 0o644)
	if err := files.Commit(); err != nil {
		return fail("write the migration pair (nothing was written): %v", err)
	}
	for _, path := range written {
		fmt.Fprintf(s.a.stdout, "Wrote %s\n", s.a.relPath(path))
	}
	fmt.Fprintf(s.a.stdout, "Updated %s and %s\n", s.a.relPath(notesPath), s.a.relPath(s.p.SumPath()))
	return nil
}

// requireSum refuses to write a migration while the checksum file
// disagrees with the files: writing would record an edited migration as
// if it were right.
func (s *session) requireSum() error {
	if have, err := s.p.readSum(); err == nil && have == nil {
		return nil // a project from before the checksum file: this writes it
	}
	probs, err := s.a.sumProblems(s.p)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		return fail("%s; fix that first (%s), then run this again", probs[0].Message, probs[0].Fix)
	}
	return nil
}

// newRevision returns a revision ID not used by the other side of the pair.
func newRevision(used map[schema.Dialect]string) string {
	for {
		id := render.NewRevisionID()
		clash := false
		for _, u := range used {
			clash = clash || u == id
		}
		if !clash {
			return id
		}
	}
}

// template returns the project's template, or the built-in one.
func (s *session) template() (*template.Template, error) {
	path := s.p.Path(s.p.Config.Template)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return render.DefaultTemplate()
	}
	if err != nil {
		return nil, fail("read the template %s: %v", path, err)
	}
	t, err := render.ParseTemplate(filepath.Base(path), string(data))
	if err != nil {
		return nil, fail("the template %s: %v", path, err)
	}
	return t, nil
}

// hazardNotes returns the hazards of ops as comment lines keyed by the
// operation's index, for the generated file.
func hazardNotes(d schema.Dialect, ops, reverse []migrations.Operation) map[int][]string {
	notes := map[int][]string{}
	for i, hs := range diff.Review(d, ops, reverse) {
		for _, h := range hs {
			notes[i] = append(notes[i], h.String())
		}
	}
	return notes
}

// printHazards prints the hazards of an upgrade, as written in its file.
func (a *app) printHazards(d schema.Dialect, notes map[int][]string) {
	n := 0
	for _, lines := range notes {
		n += len(lines)
	}
	if n == 0 {
		return
	}
	fmt.Fprintf(a.stdout, "  %s: %s\n", d.Title(), a.paint(styleYellow, fmt.Sprintf("%d hazard%s to review (written as comments in the file):", n, plural(n))))
	for i := 0; len(notes) > 0 && i <= maxKey(notes); i++ {
		for _, line := range notes[i] {
			fmt.Fprintf(a.stdout, "    %s\n", a.paintHazard(line))
		}
	}
}

func maxKey(m map[int][]string) int {
	k := -1
	for i := range m {
		k = max(k, i)
	}
	return k
}
